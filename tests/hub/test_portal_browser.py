"""The public portal in a real browser (headless Chromium, a phone's screen): Latin input finds a
Cyrillic entry, the language can be switched, nothing is loaded from elsewhere, nothing overflows.
The screenshots are kept in var/artefacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hub.exchange.projections import projection_run
from tests.hub.test_catalogue import Publisher, _ruma_catalogue
from tests.node_tools import run_browser_plan

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts"


def test_a_person_on_a_phone_finds_help_from_latin_input_and_reads_it_in_their_language(
    transactional_db: None, live_server: Any, ruma: Publisher, tmp_path: Path
) -> None:
    _ruma_catalogue(ruma)
    projection_run(name="catalogue")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    plan = {
        "viewport": {"width": 390, "height": 844},
        "isMobile": True,
        "hasTouch": True,
        "locale": "sr-Latn",
        "steps": [
            {"goto": f"{live_server.url}/portal/?lang=sr-latn"},
            {"fill": "input[name=q]", "value": "narodna kuhinja"},
            {"press": "input[name=q]", "key": "Enter"},
            # A Serbian Cyrillic entry on a Latin page reads in Latin letters, its place too.
            {"waitForText": "Narodna kuhinja", "timeout": 15000},
            {"waitForText": "Šalter sala: Glavna 1, Ruma"},  # where: its location, from another message
            {"screenshot": str(ARTEFACTS / "portal-phone-sr-latn.png"), "fullPage": True},
            {"click": "a[lang=sq]"},
            {"waitForText": "Gjeni ndihmë pranë jush"},
            {"waitForText": "Soup kitchen"},  # no Albanian text: English
            {"click": "details.filters summary"},
            {"check": "input[name=open_now]"},
            {"select": "select[name=taxonomy_term]", "value": "food"},
            {"press": "input[name=q]", "key": "Enter"},
            {"waitForSelector": "p.count"},
            {"screenshot": str(ARTEFACTS / "portal-phone-sq-filters.png"), "fullPage": True},
        ],
    }
    report = run_browser_plan(plan, tmp_path=tmp_path)
    assert report["ok"], [s for s in report["steps"] if not s["ok"]]
    assert report["offsiteRequests"] == []
    assert report["failedRequests"] == []
    assert report["consoleErrors"] == []
    assert report["horizontalOverflow"] is False
    assert (ARTEFACTS / "portal-phone-sr-latn.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def ruma(transactional_db: None) -> Publisher:
    from tests.hub.conftest import enrolled_node

    return Publisher(enrolled_node("RS-RUMA", "Рума"))
