"""The ministry's dashboard in a real browser (Debian's headless Chromium): the ministry logs in,
opens the overview, an indicator with filters, the municipality comparison and the table,
exports CSV and SDMX-JSON, and sees a suppressed cell and a noised cell for what they are; the
charts are drawn by the hub's own ECharts, nothing is loaded from elsewhere, no request fails,
no console error. Desktop and phone screenshots are kept in var/artefacts/."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from contracts.control import DifferentialPrivacy
from hub.exchange.projections import projection_run
from hub.statistics.services import policy_issue
from tests.hub.conftest import NodeClient, enrolled_node, ministry_user
from tests.hub.statistics_sets import sample_set, status
from tests.node_tools import run_browser_plan

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "var" / "artefacts"
STANDARDS = ROOT / "tests" / "standards"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDER_THAN_A_PHONE = (
    "[...document.querySelectorAll('body *')]"
    ".filter(e => e instanceof HTMLElement && e.getBoundingClientRect().right > 391)"
    ".slice(0, 5).map(e => e.tagName + '.' + e.className)"
)
"""The page's elements that reach past a phone's screen (an SVG's insides are clipped by it)."""
INDICATOR = "/ministry/indicator/field_visits/?period_from=2026-Q3&level=country&by=age_band"


@pytest.fixture
def published(transactional_db: None, federation: dict[str, NodeClient]) -> None:
    """The statistics fixture's three municipalities (one cell suppressed by each; Čučer-Sandevo
    missing), and Ada, which released under a policy with noise."""
    policy_issue(
        differential_privacy=DifferentialPrivacy(mechanism="discrete_gaussian", per_release=0.5, budget=2.0)
    )

    def noised(cells: list[dict[str, Any]]) -> None:
        for cell in cells:
            if cell["value"] is not None:
                cell["noise"] = {"mechanism": "discrete_gaussian", "rho": 0.5, "margin95": 39.0}

    ada = enrolled_node("RS-ADA", "Ада", region="Севернобанатски округ")
    assert status(ada, sample_set("RS-ADA", change=noised), 1) == "accepted"
    projection_run(name="statistics")
    user = ministry_user("analyst")
    user.set_password("pw-analyst-browser")
    user.save()


def _login(url: str, then: str) -> list[dict[str, Any]]:
    return [
        {"goto": f"{url}/ministry/login/?next={then}"},
        {"fill": "#id_username", "value": "analyst"},
        {"fill": "#id_password", "value": "pw-analyst-browser"},
        {"click": "main form button[type=submit]"},
    ]


def _clean(report: dict[str, Any]) -> None:
    assert report["ok"], [s for s in report["steps"] if not s["ok"]]
    assert report["offsiteRequests"] == []
    assert report["failedRequests"] == []
    assert report["consoleErrors"] == []


def test_the_ministry_reads_and_exports_its_figures_on_a_desktop(
    published: None, live_server: Any, tmp_path: Path
) -> None:
    url = live_server.url
    plan = {
        "viewport": DESKTOP,
        "steps": [
            *_login(url, "/ministry/"),
            {"waitForSelector": ".cards"},
            {"waitForSelector": "html[data-charts-ready]"},
            {"screenshot": str(ARTEFACTS / "ministry-overview-desktop.png"), "fullPage": True},
            # An indicator with filters: by age band, in the countries' sums.
            {"goto": url + INDICATOR},
            {"waitForSelector": ".chart[data-drawn] svg"},
            {"waitForSelector": "#table td.lower"},  # North Macedonia at 15-17: a lower bound
            {"waitForText": "not released by MK-CUCER"},
            {"waitForSelector": "#table td.noised"},  # Serbia's sum carries Ada's noise
            {"screenshot": str(ARTEFACTS / "ministry-indicator-desktop.png"), "fullPage": True},
            # A filter changed in the form: the municipalities themselves, one age band.
            {"select": "#level", "value": "municipality"},
            {"click": ".filters button[type=submit]"},
            {"waitForSelector": "#table .mark-suppressed"},  # a municipality's own suppressed cell
            {"waitForText": "±39"},  # Ada's noised figure with its margin
            # The new view was swapped in, and the address bar has it: a bookmark opens it.
            {
                "evaluate": "[location.search, performance.getEntriesByType('navigation').length]",
                "as": "after",
            },
            {"download": "a[href^='/api/v1/statistics/export/csv']", "saveAs": str(tmp_path / "view.csv")},
            {
                "download": "a[href^='/api/v1/statistics/export/sdmx-json']",
                "saveAs": str(tmp_path / "view.json"),
            },
            {"download": "[data-save-chart=svg]", "saveAs": str(tmp_path / "chart.svg")},
            {"download": "[data-save-chart=png]", "saveAs": str(tmp_path / "chart.png")},
            # The comparison of municipalities for one period, and its table.
            {"goto": f"{url}/ministry/compare/field_visits/?period=2026-Q3&level=municipality"},
            {"waitForSelector": ".chart[data-drawn] svg"},
            {"waitForSelector": "#table"},
            {"waitForText": "Čučer-Sandevo"},
            {"screenshot": str(ARTEFACTS / "ministry-compare-desktop.png"), "fullPage": True},
            # Eleven quarters, most of them not released: a pivot wider than the page scrolls in
            # its box, the screen readers' words of its far cells with it.
            {"goto": url + INDICATOR.replace("period_from=2026-Q3", "period_from=2024-Q1&period_to=2026-Q3")},
            {"waitForSelector": "html[data-painted]"},
            {
                "evaluate": "(b => [b.scrollWidth, b.clientWidth])(document.querySelector('.table-scroll'))",
                "as": "pivot",
            },
            {"expectNoOverflow": True},
        ],
    }
    report = run_browser_plan(plan, tmp_path=tmp_path)
    _clean(report)
    pivot_width, box_width = report["values"]["pivot"]
    assert pivot_width > box_width  # the load really ran: the pivot is wider than its box
    search, _ = report["values"]["after"]
    assert "level=municipality" in search
    assert "by=age_band" in search
    saved = {Path(d["path"]).name: d for d in report["downloads"]}
    assert saved["view.csv"]["suggestedFilename"] == "field_visits_2026-Q3_2026-Q3_municipality.csv"
    rows = list(csv.DictReader(io.StringIO((tmp_path / "view.csv").read_text(encoding="utf-8-sig"))))
    butel = next(r for r in rows if r["area"] == "MK-BUTEL" and r["age_band"] == "15-17")
    assert (butel["value"], butel["conf_status"], butel["obs_status"]) == ("", "A", "Q")
    ada = next(r for r in rows if r["area"] == "RS-ADA" and r["age_band"] == "30-49")
    assert ada["margin95"] == "39"
    message = json.loads((tmp_path / "view.json").read_text())
    schema = json.loads((STANDARDS / "sdmx-json-2.0.0" / "sdmx-json-data-schema.json").read_text())
    assert [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(message)] == []
    assert (tmp_path / "chart.svg").read_text().lstrip().startswith("<svg")
    png = (tmp_path / "chart.png").read_bytes()
    # A PNG twice the chart's size: its header says so (width and height, big-endian, at 16–24).
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width % 2, height, len(png) > 10_000) == (0, 760, True)
    assert (ARTEFACTS / "ministry-indicator-desktop.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_dashboard_reads_on_a_phone_in_macedonian(
    published: None, live_server: Any, tmp_path: Path
) -> None:
    url = live_server.url
    plan = {
        "viewport": PHONE,
        "isMobile": True,
        "locale": "mk",
        "steps": [
            *_login(url, "/ministry/"),
            {"waitForSelector": ".cards"},
            {"waitForText": "Федерацијата на прв поглед"},
            {"expectNoOverflow": True},
            {"screenshot": str(ARTEFACTS / "ministry-overview-phone-mk.png"), "fullPage": True},
            {"goto": url + INDICATOR.replace("level=country", "level=municipality")},
            {"waitForSelector": ".chart[data-drawn] svg"},
            {"waitForSelector": "#table .mark-suppressed"},
            {"expectNoOverflow": True},
            {"evaluate": "document.documentElement.scrollWidth", "as": "width"},
            {
                "evaluate": WIDER_THAN_A_PHONE,
                "as": "wide",
            },
            {"screenshot": str(ARTEFACTS / "ministry-indicator-phone-mk.png"), "fullPage": True},
        ],
    }
    report = run_browser_plan(plan, tmp_path=tmp_path)
    _clean(report)
    assert report["horizontalOverflow"] is False
    # A phone's browser zooms out to fit a page wider than its screen (so the window grows with
    # it): the page's own width is measured instead, and it is the phone's.
    assert (report["values"]["width"], report["values"]["wide"]) == (PHONE["width"], [])
