"""The node's pages in a real browser (headless Chromium): the admin's add-service form fits a
desktop screen with the name at the top, a service with two addresses keeps them together on the
caseworkers' page, and the portal in Serbian Latin reads Latin. Screenshots go to var/artefacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from node.catalogue.models import Location, Organization, Service, ServiceAtLocation
from node.catalogue.services import entry_create
from tests.node.conftest import Federation
from tests.node_tools import run_browser_plan

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts"
DESKTOP = {"width": 1366, "height": 900}
TABLET = {"width": 820, "height": 1180}


def _login(url: str) -> list[dict[str, Any]]:
    return [
        {"goto": f"{url}/admin/login/"},
        {"fill": "input[name=username]", "value": "staff"},
        {"fill": "input[name=password]", "value": "a-long-test-password"},
        {"press": "input[name=password]", "key": "Enter"},
        {"waitForSelector": "#sync-status"},
    ]


def _two_address_service() -> Service:
    """A Serbian-only service given at its own address and at one other place."""
    organization = entry_create(
        Organization, fields={"organization_type": "municipality", "name": {"sr-Cyrl": "Општина Рума"}}
    )
    service = entry_create(
        Service,
        fields={
            "organization": organization.id,
            "name": {"sr-Cyrl": "Народна кухиња"},
            "description": {"sr-Cyrl": "Топли оброк сваког радног дана."},
            "target_groups": ["elderly"],
            "address_1": "Главна 1",
            "city": "Рума",
            "country": "RS",
            "phone": "+381 22 111 222",
        },
    )
    location = entry_create(
        Location,
        fields={
            "organization": organization.id,
            "name": {"sr-Cyrl": "Месна заједница Путинци"},
            "address_1": "Школска 4",
            "city": "Путинци",
            "country": "RS",
        },
    )
    entry_create(ServiceAtLocation, fields={"service": service.id, "location": location.id})
    return service


@pytest.fixture
def staff(transactional_db: None, federation: Federation) -> User:
    return User.objects.create_superuser("staff", password="a-long-test-password")


def test_the_add_service_form_shows_the_name_first_and_fits_a_desktop_screen(
    staff: User, live_server: Any, tmp_path: Path
) -> None:
    shot = ARTEFACTS / "admin-add-service-mk.png"
    plan = {
        "viewport": DESKTOP,
        "locale": "mk",
        "steps": [
            *_login(live_server.url),
            {"goto": f"{live_server.url}/admin/catalogue/service/add/"},
            {"measure": "input[name='name__mk']"},
            {"screenshot": str(shot), "fullPage": True},
        ],
    }
    report = run_browser_plan(plan, tmp_path=tmp_path)
    assert report["ok"], [s for s in report["steps"] if not s["ok"]]
    (name,) = report["measures"]
    # The name's input is in the first screen and the form is far from the 4,700 px it was.
    assert name["box"]["y"] + name["box"]["height"] < DESKTOP["height"]
    assert name["pageHeight"] < 2200
    assert (report["consoleErrors"], report["failedRequests"], report["offsiteRequests"]) == ([], [], [])


def test_a_service_with_two_addresses_keeps_them_beside_their_label_on_the_caseworkers_page(
    staff: User, live_server: Any, tmp_path: Path
) -> None:
    service = _two_address_service()
    shot = ARTEFACTS / "caseworker-two-addresses-mk.png"
    card = f"li.card[data-service='{service.id}']"
    plan = {
        "viewport": TABLET,
        "locale": "mk",
        "steps": [
            *_login(live_server.url),
            {"goto": f"{live_server.url}/catalogue/?lang=mk"},
            {"waitForText": "Народна кухиња"},
            {"measure": f"{card} dt.where"},
            {"measure": f"{card} dd.where li:nth-child(2)"},
            {"screenshot": str(shot), "fullPage": True},
        ],
    }
    report = run_browser_plan(plan, tmp_path=tmp_path)
    assert report["ok"], [s for s in report["steps"] if not s["ok"]]
    label, second = (m["box"] for m in report["measures"])
    assert second["x"] > label["x"] + label["width"]
    assert report["horizontalOverflow"] is False


def test_the_portal_in_serbian_latin_shows_latin_names_and_readable_times(
    staff: User, live_server: Any, tmp_path: Path
) -> None:
    from node.federation.models import Peer

    Peer.objects.filter(code="MK-BUTEL").update(name="Бутел")
    _two_address_service()
    shot = ARTEFACTS / "portal-sr-latn.png"
    plan = {
        "viewport": {"width": 390, "height": 844},
        "isMobile": True,
        "locale": "sr-Latn",
        "steps": [
            {"goto": f"{live_server.url}/portal/?lang=sr-latn"},
            {"waitForText": "Narodna kuhinja"},
            {"waitForSelector": "span.muni:text-is('Butel')"},
            {"waitForText": "Glavna 1, Ruma"},
            {"waitForText": "Mesna zajednica Putinci: Školska 4, Putinci"},
            {"expectNoText": "Народна кухиња"},
            {"screenshot": str(shot), "fullPage": True},
        ],
    }
    report = run_browser_plan(plan, tmp_path=tmp_path)
    assert report["ok"], [s for s in report["steps"] if not s["ok"]]
    assert report["horizontalOverflow"] is False
    assert report["offsiteRequests"] == []


def test_withdrawing_a_service_in_the_admin_says_withdraw_and_what_it_means(
    staff: User, live_server: Any, tmp_path: Path
) -> None:
    service = _two_address_service()
    shot = ARTEFACTS / "admin-withdraw-service-sr-latn.png"
    plan = {
        "viewport": TABLET,
        "locale": "sr-Latn",
        "steps": [
            *_login(live_server.url),
            {"goto": f"{live_server.url}/admin/catalogue/service/{service.id}/change/"},
            {"click": "a.deletelink"},
            {"waitForText": "Povući „Narodna kuhinja“"},
            {"screenshot": str(shot), "fullPage": True},
            {"click": "input[type=submit]"},
            {"waitForText": "povučen iz federacije"},
        ],
    }
    report = run_browser_plan(plan, tmp_path=tmp_path)
    assert report["ok"], [s for s in report["steps"] if not s["ok"]]
    assert Service.objects.get().status == Service.Status.DEFUNCT
