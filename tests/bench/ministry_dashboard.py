"""Benchmark: the ministry's dashboard in the browser, over the statistics benchmark's data set
(``tests.bench.statistics_hub``: 1,000 municipalities × 24 months × the full disaggregation, on
PostgreSQL).

    python -m tests.bench.ministry_dashboard [--runs 10]    (or: make bench-dashboard)

Needs the database ``make bench-statistics`` filled (it is kept). The hub runs in this process
(Django's threaded WSGI server on 127.0.0.1, static files from the app, as in the demo); Debian's
headless Chromium, through ``tests/tools/browser_check.mjs``, logs in as the ministry and, ``--runs``
times each:

- **first render**: an indicator page opened (24 months, the three countries by sex), from the
  navigation's start to the frame after its charts were drawn (``performance.mark("painted")`` in
  dashboard.js: the view laid out and painted, its table too);
- **filter change**: the filter form submitted with another breakdown or geography, from the
  click to the new view painted (the page fetches the new view and swaps it in), with its stages;
- the overview (nine indicators, thirteen months, the countries and the federation), opened.

Prints measured figures (p50/p95/max in ms) and the machine's limits; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
from typing import Any

from tests.bench.register_latency import _database_exists, _django, _machine, percentiles
from tests.bench.statistics_hub import DATABASE
from tests.node_tools import ROOT, TOOLS, find_chromium

PASSWORD = "bench-analyst-password"
READY = "html[data-painted]"
SINCE_NAVIGATION = "performance.getEntriesByName('painted').at(-1).startTime"
SINCE_CLICK = "performance.timeOrigin + " + SINCE_NAVIGATION + " - Number(sessionStorage.getItem('t0'))"
CLICKED = "sessionStorage.setItem('t0', String(performance.timeOrigin + performance.now()))"
STAGES = (
    "(() => { const at = n => performance.getEntriesByName(n).at(-1).startTime;"
    " const s = ['view-asked', 'view-fetched', 'view-parsed', 'view-swapped', 'charts-ready', 'painted'];"
    " return s.slice(1).map((n, i) => at(n) - at(s[i])); })()"
)
"""A filter change's stages, each from the one before: the hub's answer (and the loopback), the
new view parsed, swapped in, its charts drawn, and the frame after painted."""
STAGE_NAMES = ["the hub's answer", "parsed", "swapped in", "charts drawn", "laid out and painted"]
SERVER = (
    "(() => { const n = performance.getEntriesByType('resource')"
    ".filter(r => r.initiatorType === 'fetch').at(-1)"
    " || performance.getEntriesByType('navigation')[0]; return n.responseEnd - n.requestStart; })()"
)
"""The new view's request to its last byte: the hub's work (and the loopback)."""


CHANGES = [("#by", "sex,age_band"), ("#by", "sex"), ("#level", "region"), ("#level", "country")]
"""The filter changes, in turn: the three countries by sex and age band (96 lines, 2,304 figures),
back by sex, the 30 regions by sex (120 lines, 2,880 figures), back to the countries."""


def _serve() -> str:
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def _plan(url: str, runs: int, throttle: int) -> dict[str, Any]:
    series = (
        f"{url}/ministry/indicator/people_at_risk/?level=country&by=sex&period_from=2024-12&period_to=2026-11"
    )
    steps: list[dict[str, Any]] = [
        {"goto": f"{url}/ministry/login/?next=/ministry/"},
        {"fill": "#id_username", "value": "bench-analyst"},
        {"fill": "#id_password", "value": PASSWORD},
        {"click": "main form button[type=submit]"},
        {"waitForSelector": READY, "timeout": 60000},
    ]
    for run in range(runs):
        steps += [
            {"goto": f"{url}/ministry/", "timeout": 60000},
            {"waitForSelector": READY, "timeout": 60000},
            {"evaluate": SINCE_NAVIGATION, "as": f"overview-{run}"},
            {"goto": series, "timeout": 60000},
            {"waitForSelector": READY, "timeout": 60000},
            {"evaluate": SINCE_NAVIGATION, "as": f"first-{run}"},
        ]
        for step, (selector, value) in enumerate(CHANGES):
            steps += [
                {"select": selector, "value": value},
                {"evaluate": CLICKED, "as": f"clicked-{run}-{step}"},
                {"click": ".filters button[type=submit]", "timeout": 60000},
                {"waitForSelector": READY, "timeout": 60000},
                {"evaluate": SINCE_CLICK, "as": f"change-{run}-{step}"},
                {"evaluate": SERVER, "as": f"server-{run}-{step}"},
                {"evaluate": STAGES, "as": f"stages-{run}-{step}"},
            ]
    return {
        "executablePath": find_chromium(),
        "viewport": {"width": 1280, "height": 900},
        "timeout": 60000,
        "cpuThrottle": throttle,
        "steps": steps,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--throttle", type=int, default=1, help="the browser's processor n times slower (a slow laptop: 4)"
    )
    args = parser.parse_args()
    print(f"machine: {_machine()}; backend: PostgreSQL ({DATABASE})")
    if not _database_exists(DATABASE):
        sys.exit(f"{DATABASE} does not exist: run `make bench-statistics` first (it keeps its database).")
    if find_chromium() is None:
        sys.exit("Chromium is not installed (/usr/bin/chromium): apt-get install chromium")
    _django(DATABASE, settings="hub.config.settings")

    from django.contrib.auth.models import Group, User

    from hub.statistics.access import MINISTRY_GROUP
    from hub.statistics.models import StatisticsCell, StatisticsSet

    user, _ = User.objects.get_or_create(username="bench-analyst")
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=MINISTRY_GROUP))
    print(f"data: {StatisticsSet.objects.count():,} sets, {StatisticsCell.objects.count():,} cells")
    url = _serve()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(_plan(url, args.runs, args.throttle), file)
    version = subprocess.run(
        [find_chromium() or "", "--version"], capture_output=True, text=True
    ).stdout.strip()
    slower = f", its processor {args.throttle}× slower" if args.throttle > 1 else ""
    print(f"browser: {version}, headless, 1280×900{slower}; {args.runs} runs")
    done = subprocess.run(
        ["node", str(TOOLS / "browser_check.mjs"), file.name],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=3600,
    )
    os.unlink(file.name)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    if not report["ok"]:
        failed = [s for s in report["steps"] if not s["ok"]]
        sys.exit(f"the browser run failed: {failed[:1]} {report.get('error')}")
    values: dict[str, float] = report["values"]
    rows = [
        ("overview, first render", "overview-", ""),
        ("indicator page, first render", "first-", ""),
        ("filter change, click to painted", "change-", ""),
        ("  of which the hub's answer", "server-", ""),
    ]
    for step, (selector, value) in enumerate(CHANGES):
        rows.append((f"  to {selector[1:]}={value}", "change-", f"-{step}"))
    for label, prefix, suffix in rows:
        times = [float(v) for k, v in values.items() if k.startswith(prefix) and k.endswith(suffix)]
        print(f"{label:<38} {percentiles([t / 1000 for t in times])}")
    for step, (selector, value) in enumerate(CHANGES):
        stages = [v for k, v in values.items() if k.startswith("stages-") and k.endswith(f"-{step}")]
        medians = [sorted(s[n] for s in stages)[len(stages) // 2] for n in range(len(STAGE_NAMES))]
        split = ", ".join(f"{name} {ms:.0f}" for name, ms in zip(STAGE_NAMES, medians, strict=True))
        print(f"  {selector[1:]}={value}, median stages (ms): {split}")
    print(f"console errors: {len(report['consoleErrors'])}, failed requests: {len(report['failedRequests'])}")


if __name__ == "__main__":
    main()
