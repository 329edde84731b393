// The ministry's charts, drawn with Apache ECharts (served by the hub itself) from the figures the
// page carries in #chart-data: the same figures as the table under each chart. Every mark the
// tables show is drawn too: a suppressed or unreleased figure is a gap, a lower bound a hollow
// triangle (or a hatched bar) labelled "≥", a noised figure its ±margin (a band around a line,
// an error bar on a bar). ECharts has no Macedonian, Bulgarian, Serbian or Albanian locale: the
// page gives it ours (#chart-locale), in the reader's language.
//
// A filter changed (the form submitted, a link to months, quarters or years) fetches the same
// page for the new URL and swaps it in, with the address bar updated (history.pushState), so the
// view stays bookmarkable while the charting library is not loaded and compiled again; the hub
// renders every figure and its marks, here as on a first load. Without scripts, the form and the
// links simply load the page.
(function () {
  "use strict";

  function json(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // The indicator picker goes to the chosen indicator's page, keeping the view's periods and
  // geography (its breakdown and categories may not be the other indicator's).
  var KEPT = ["period", "period_from", "period_to", "kind", "level", "area", "country"];
  function bindPicker() {
    document.querySelectorAll("[data-indicator-pick]").forEach(function (select) {
      select.addEventListener("change", function () {
        var params = new URLSearchParams();
        new URLSearchParams(window.location.search).forEach(function (value, name) {
          if (KEPT.indexOf(name) >= 0) params.append(name, value);
        });
        var query = params.toString();
        window.location.href = select.value + (query ? "?" + query : "");
      });
    });
  }
  bindPicker();

  var words = json("chart-locale");
  if (!words) return;
  if (!window.echarts) {
    document.querySelectorAll("[data-chart]").forEach(function (node) {
      node.setAttribute("data-unavailable", "");
      node.textContent = words.unavailable;
    });
    return;
  }
  var echarts = window.echarts;
  var LOCALE = "SOCIALHUB-" + words.lang.toUpperCase();
  echarts.registerLocale(LOCALE, words.echarts);
  var marks = words.marks;

  // Colours told apart without colour too (every series also has its own symbol, and ECharts'
  // decal patterns fill the bars); AA contrast on white.
  var COLOURS = ["#1f4e79", "#b5541b", "#2d7d46", "#7a3d8f", "#8a6d00", "#00727a", "#a3324a", "#4d5a66", "#5b6fd6", "#6b8e23", "#c0392b", "#34495e"];
  var SYMBOLS = ["circle", "rect", "diamond", "triangle", "roundRect", "pin", "arrow", "circle", "rect", "diamond", "triangle", "roundRect"];

  function number(value) {
    return value === null || value === undefined ? "—" : Math.round(value).toLocaleString(words.lang);
  }

  function describe(f) {
    if (!f) return "—";
    if (f.kind === "missing") return marks.missing;
    if (f.kind === "suppressed") return marks.suppressed + " (" + f.conf + ")";
    var text = (f.kind === "lower" ? "≥ " : "") + number(f.value);
    if (f.margin !== null) text += " ±" + number(f.margin);
    if (f.kind === "lower") text += " · " + f.suppressed + " " + marks.municipalities_suppressed;
    if (f.missing && f.missing.length) text += " · " + f.missing.length + " " + marks.municipalities_missing;
    if (f.revised) text += " · " + marks.revised;
    return text;
  }

  function point(f, colour) {
    if (!f || f.value === null) return null;
    if (f.kind === "lower") {
      return { value: f.value, symbol: "triangle", symbolSize: 11, itemStyle: { color: "#fff", borderColor: colour, borderWidth: 2 } };
    }
    return { value: f.value };
  }

  function base(node) {
    return echarts.init(node, null, { renderer: "svg", locale: LOCALE });
  }

  function lines(node, spec, compact) {
    var chart = base(node);
    var series = [];
    spec.series.forEach(function (line, n) {
      var colour = COLOURS[n % COLOURS.length];
      var noised = line.figures.some(function (f) { return f.margin !== null && f.value !== null; });
      if (noised && !compact) {
        // The ±margin as a band: an invisible line at the lower edge, the band stacked on it.
        var stack = "margin-" + n;
        series.push({
          type: "line", stack: stack, silent: true, symbol: "none", lineStyle: { opacity: 0 }, tooltip: { show: false },
          data: line.figures.map(function (f) { return f.value === null || f.margin === null ? null : Math.max(0, f.value - f.margin); }),
        });
        series.push({
          type: "line", stack: stack, silent: true, symbol: "none", lineStyle: { opacity: 0 }, tooltip: { show: false },
          areaStyle: { color: colour, opacity: spec.series.length > 4 ? 0.06 : 0.15 },
          data: line.figures.map(function (f) { return f.value === null || f.margin === null ? null : f.value + f.margin - Math.max(0, f.value - f.margin); }),
        });
      }
      series.push({
        name: line.label, type: "line", color: colour, symbol: SYMBOLS[n % SYMBOLS.length], symbolSize: compact ? 4 : 7,
        connectNulls: false, figures: line.figures,
        data: line.figures.map(function (f) { return point(f, colour); }),
      });
    });
    chart.setOption({
      animation: false,
      aria: { enabled: true, decal: { show: false } },
      title: compact ? undefined : { text: spec.name, left: 0, textStyle: { fontSize: 14 } },
      grid: compact ? { left: 44, right: 8, top: 8, bottom: 46 } : { left: 56, right: 16, top: 40, bottom: 60 },
      legend: compact
        ? { type: "scroll", bottom: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 10 } }
        : { type: "scroll", bottom: 0 },
      tooltip: {
        confine: true,
        trigger: "axis",
        formatter: function (items) {
          var rows = items.filter(function (item) { return series[item.seriesIndex].figures; }).map(function (item) {
            var f = series[item.seriesIndex].figures[item.dataIndex];
            return item.marker + " " + echarts.format.encodeHTML(item.seriesName) + ": " + echarts.format.encodeHTML(describe(f));
          });
          return echarts.format.encodeHTML(items.length ? items[0].axisValue : "") + "<br>" + rows.join("<br>");
        },
      },
      xAxis: { type: "category", data: spec.periods, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", min: 0, axisLabel: { formatter: function (v) { return number(v); } } },
      series: series,
    });
    return chart;
  }

  function bars(node, spec) {
    var chart = base(node);
    var shown = spec.bars.slice().reverse(); // largest at the top
    var labels = shown.map(function (bar) {
      return bar.value === null ? bar.label + " (" + (bar.kind === "missing" ? marks.missing : marks.suppressed) + ")" : bar.label;
    });
    var values = shown.map(function (bar) {
      if (bar.value === null) return null;
      var item = { value: bar.value };
      if (bar.margin !== null) item.label = { show: false }; // labelled at the end of its margin
      if (bar.kind === "lower") item.itemStyle = { decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: Math.PI / 4, color: "rgba(255,255,255,0.7)" } };
      return item;
    });
    var lows = shown.map(function (bar) { return bar.value === null || bar.margin === null ? null : Math.max(0, bar.value - bar.margin); });
    var spans = shown.map(function (bar, n) { return lows[n] === null ? null : bar.value + bar.margin - lows[n]; });
    var series = [{
      name: spec.name, type: "bar", color: COLOURS[0], data: values, barWidth: "60%",
      label: { show: true, position: "right", formatter: function (p) { var bar = shown[p.dataIndex]; return (bar.kind === "lower" ? "≥ " : "") + number(bar.value) + (bar.margin !== null ? " ±" + number(bar.margin) : ""); } },
    }];
    if (spans.some(function (s) { return s !== null; })) {
      // The margin: a dashed box over the figure's bar, from value − margin to value + margin.
      series.push({ type: "bar", stack: "margin", silent: true, barGap: "-100%", barWidth: "60%", itemStyle: { color: "transparent" }, data: lows, tooltip: { show: false } });
      series.push({
        name: marks.margin, type: "bar", stack: "margin", silent: true, barWidth: "60%", data: spans, tooltip: { show: false },
        label: { show: true, position: "right", formatter: function (p) { var bar = shown[p.dataIndex]; return (bar.kind === "lower" ? "≥ " : "") + number(bar.value) + " ±" + number(bar.margin); } },
        itemStyle: { color: "rgba(242, 176, 30, 0.35)", borderColor: "#1d2733", borderWidth: 1.5, borderType: "dashed" },
      });
    }
    chart.setOption({
      animation: false,
      aria: { enabled: true },
      title: { text: spec.name + " · " + spec.period, left: 0, textStyle: { fontSize: 14 } },
      grid: { left: 8, right: 90, top: 36, bottom: 24, containLabel: true },
      tooltip: {
        confine: true,
        trigger: "item",
        formatter: function (p) { return echarts.format.encodeHTML(labels[p.dataIndex] + ": " + describe(shown[p.dataIndex])); },
      },
      xAxis: { type: "value", min: 0, axisLabel: { formatter: function (v) { return number(v); } } },
      yAxis: { type: "category", data: labels, axisLabel: { width: 220, overflow: "truncate" } },
      series: series,
    });
    return chart;
  }

  function download(href, extension) {
    var link = document.createElement("a");
    link.href = href;
    link.download = (document.title.split(" · ")[0] || "chart").replace(/[^\p{L}\p{N}]+/gu, "_") + "." + extension;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // SVG as drawn; PNG the same drawing rasterised at twice its size on white (no server, no
  // other library: the browser draws the SVG onto a canvas).
  function save(chart, type) {
    var svg = chart.getDataURL({ type: "svg", backgroundColor: "#fff" });
    if (type !== "png") return download(svg, "svg");
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = image.naturalWidth * 2;
      canvas.height = image.naturalHeight * 2;
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      download(canvas.toDataURL("image/png"), "png");
    };
    image.src = svg;
  }

  var charts = [];

  // The stages of a view, for the dashboard's benchmark (and anyone's browser profiler).
  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }

  function draw() {
    charts.forEach(function (chart) { chart.dispose(); });
    charts = [];
    var data = json("chart-data");
    if (!data) {
      document.documentElement.setAttribute("data-charts-ready", "0");
      return;
    }
    document.querySelectorAll("[data-chart]").forEach(function (node) {
      var n = Number(node.getAttribute("data-chart"));
      var chart;
      if (data.kind === "overview") chart = lines(node, Object.assign({ periods: data.periods }, data.cards[n]), true);
      else if (data.kind === "series") chart = lines(node, data, false);
      else if (data.kind === "bars") chart = bars(node, data);
      if (chart) {
        node.setAttribute("data-drawn", "");
        charts.push(chart);
      }
    });
    // The chart as an SVG or a PNG file, named after the view.
    document.querySelectorAll("[data-save-chart]").forEach(function (button) {
      if (!charts.length) return;
      button.hidden = false;
      button.addEventListener("click", function () { save(charts[0], button.getAttribute("data-save-chart")); });
    });
    mark("charts-ready");
    var root = document.documentElement;
    root.setAttribute("data-charts-ready", String(charts.length));
    // The frame after: the view laid out and painted, table and all.
    root.removeAttribute("data-painted");
    requestAnimationFrame(function () {
      setTimeout(function () { mark("painted"); root.setAttribute("data-painted", ""); }, 0);
    });
  }
  window.addEventListener("resize", function () { charts.forEach(function (chart) { chart.resize(); }); });

  // A filter changed: the new view fetched and swapped in, or loaded as a page where it cannot be.
  var main = document.getElementById("content");
  function show(url, push) {
    document.documentElement.removeAttribute("data-charts-ready");
    document.documentElement.removeAttribute("data-painted");
    mark("view-asked");
    main.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.redirected || type.indexOf("text/html") !== 0) throw new Error("not a view");
        return response.text();
      })
      .then(function (text) {
        mark("view-fetched");
        var page = new DOMParser().parseFromString(text, "text/html");
        mark("view-parsed");
        var fresh = page.getElementById("content");
        if (!fresh) throw new Error("not a view");
        // The parsed view itself moves in (not its HTML again, which the browser would parse twice).
        var adopted = document.adoptNode(fresh);
        main.replaceWith(adopted);
        main = adopted;
        mark("view-swapped");
        document.title = page.title;
        if (push) history.pushState({ view: true }, "", url);
        main.removeAttribute("aria-busy");
        bindPicker();
        bindFilters();
        draw();
        var heading = main.querySelector("h1");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({ preventScroll: true }); }
      })
      .catch(function () { window.location.href = url; });
  }
  function bindFilters() {
    main.querySelectorAll("form.filters").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var params = new URLSearchParams(new FormData(form));
        show(window.location.pathname + "?" + params.toString(), true);
      });
    });
    main.querySelectorAll(".kinds a[href^='?']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        show(link.href, true);
      });
    });
  }
  window.addEventListener("popstate", function () { show(window.location.href, false); });
  bindFilters();
  draw();
})();
