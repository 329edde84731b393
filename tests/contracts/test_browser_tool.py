"""The browser-check tool itself (tests/tools/browser_check.mjs) against a page served on 127.0.0.1.

Here, in the suite run without Django, because it needs neither the hub nor a node."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.node_tools import run_browser_plan

PAGE = """<!doctype html>
<html lang="sr-Latn">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Pretraga usluga</title>
  <link rel="icon" href="data:,">
</head>
<body>
  <form id="search">
    <input name="q" aria-label="Pretraga">
    <select name="municipality"><option value="">Sve</option><option value="nis">Niš</option></select>
    <label><input type="checkbox" name="open"> Samo otvorene</label>
    <button>Traži</button>
  </form>
  <p id="result" hidden></p>
  <script>
    document.getElementById("search").addEventListener("submit", (event) => {
      event.preventDefault();
      const form = event.target;
      const result = document.getElementById("result");
      result.textContent = `Центар за социјални рад (${form.q.value}, ${form.municipality.value})`;
      result.hidden = false;
    });
  </script>
</body>
</html>
"""

CDN_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>CDN</title><link rel="icon" href="data:,">
<script src="https://cdn.example.invalid/library.js"></script></head>
<body><p>Sadržaj</p><div style="width: 1000px">Široka tabela</div></body></html>
"""

MOBILE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "isMobile": True, "locale": "sr-Latn"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """The base URL of a server on 127.0.0.1 (a free port) serving PAGE and CDN_PAGE."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "cdn.html").write_text(CDN_PAGE, encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_a_plan_fills_the_form_presses_enter_sees_the_result_and_takes_a_png_screenshot(
    site: str, tmp_path: Path
) -> None:
    shot = tmp_path / "artefacts" / "search-mobile.png"
    report = run_browser_plan(
        {
            **MOBILE,
            "steps": [
                {"goto": f"{site}/index.html"},
                {"waitForSelector": "input[name=q]"},
                {"fill": "input[name=q]", "value": "socijalna"},
                {"select": "select[name=municipality]", "value": "nis"},
                {"check": "input[name=open]"},
                {"press": "input[name=q]", "key": "Enter"},
                {"waitForText": "Центар за социјални рад", "timeout": 10000},
                {"expectNoText": "Greška", "timeout": 300},
                {"screenshot": str(shot), "fullPage": True},
            ],
        },
        tmp_path=tmp_path,
    )
    assert report["ok"], report
    assert [step["ok"] for step in report["steps"]] == [True] * 9
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert report["title"] == "Pretraga usluga"
    assert "Центар за социјални рад (socijalna, nis)" in report["texts"]
    assert report["offsiteRequests"] == []
    assert report["failedRequests"] == []
    assert report["consoleErrors"] == []
    assert report["horizontalOverflow"] is False


def test_a_text_that_never_appears_fails_the_plan_at_that_step_and_still_takes_a_screenshot(
    site: str, tmp_path: Path
) -> None:
    shot = tmp_path / "never-reached.png"
    waiting = {"waitForText": "Ovaj tekst se nikad ne pojavljuje", "timeout": 500}
    report = run_browser_plan(
        {
            **MOBILE,
            "steps": [
                {"goto": f"{site}/index.html"},
                waiting,
                {"click": "text=Traži"},
                {"screenshot": str(shot)},
            ],
        },
        tmp_path=tmp_path,
    )
    assert report["ok"] is False
    assert [step["ok"] for step in report["steps"]] == [True, False]
    assert report["steps"][-1]["step"] == waiting
    assert "Timeout" in report["steps"][-1]["error"]
    assert shot.read_bytes().startswith(b"\x89PNG")  # the failure screenshot, at the plan's last path


def test_a_page_that_loads_a_script_from_a_cdn_is_reported_and_a_wide_page_overflows(
    site: str, tmp_path: Path
) -> None:
    report = run_browser_plan(
        {
            "viewport": {"width": 320, "height": 640},
            "steps": [
                {"goto": f"{site}/cdn.html"},
                # Long enough for a loaded machine to paint the text it must find.
                {"expectNoText": "Sadržaj", "timeout": 5000},
            ],
        },
        tmp_path=tmp_path,
    )
    assert report["offsiteRequests"] == ["https://cdn.example.invalid/library.js"]
    assert report["ok"] is False
    assert report["steps"][-1]["error"].startswith("text is visible")
    assert report["horizontalOverflow"] is True
    assert list(tmp_path.glob("browser-plan-*.json.failure.png"))
