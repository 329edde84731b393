"""A caseworker records a person's consent and sends their case, in a real browser (headless
Chromium; Macedonian on a desktop, Serbian Latin on a phone): the person's page, the consent form,
the consent's page with its history, the case sent, the transfers page. Nothing is loaded from
elsewhere, nothing fails, nothing overflows; the screenshots are kept in var/artefacts/
(consent-*.png)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from contracts.keys import key_id, public_key_text
from node.cases.models import Consent, Transfer
from node.register.models import StaffRole
from tests.node.conftest import Federation
from tests.node.register_factories import PersonFactory, StaffFactory, UserFactory
from tests.node_tools import run_browser_plan

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts"
PASSWORD = "synthetic-pass-2"  # a made-up account of a made-up caseworker, in a test database


def _shot(name: str) -> dict[str, Any]:
    return {"screenshot": str(ARTEFACTS / f"consent-{name}.png"), "fullPage": True}


def _clean(report: dict[str, Any]) -> None:
    assert report["ok"], [s for s in report["steps"] if not s["ok"]]
    assert (report["offsiteRequests"], report["failedRequests"], report["consoleErrors"]) == ([], [], [])


def test_a_caseworker_records_a_consent_and_sends_the_case_sealed(
    transactional_db: None, federation: Federation, live_server: Any, tmp_path: Path
) -> None:
    from node.federation.models import Peer, PeerKey

    cair = X25519PrivateKey.generate()
    PeerKey.objects.create(
        peer=Peer.objects.get(code="MK-CAIR"), keyid=key_id(cair.public_key()), purpose="encryption",
        algorithm="X25519", public_key=public_key_text(cair.public_key()), status="active",
    )  # fmt: skip
    Peer.objects.filter(code="MK-CAIR").update(name="Чаир")
    user = UserFactory(username="sovetnik", first_name="Билјана", last_name="Стојанова")
    user.set_password(PASSWORD)
    user.save()
    staff = StaffFactory(user=user, role=StaffRole.CASEWORKER)
    person = PersonFactory(team=staff.team, given_name="Жаклина", family_name="Ристовска", language="mk")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    url = live_server.url
    login = [
        {"goto": f"{url}/register/login/"},
        {"fill": "#id_username", "value": "sovetnik"},
        {"fill": "#id_password", "value": PASSWORD},
        {"click": "main form button[type=submit]"},
    ]
    desktop = {
        "viewport": {"width": 1280, "height": 900},
        "locale": "mk",
        "steps": [
            *login,
            {"goto": f"{url}/register/people/{person.pk}/"},
            {"waitForText": "Согласности за пренос на случајот"},
            {"click": "#consents a.button"},
            {"waitForText": "Правна основа"},
            {"check": "#field-data_categories input[value=services_received]"},
            {"fill": "#id_withdrawal_method", "value": "Лично во Центарот за социјална работа."},
            {"fill": "#id_signed_copy", "value": "Архива, бр. 7"},
            _shot("form-desktop-mk"),
            {"click": "form.form button[type=submit]"},
            {"waitForText": "Активна согласност"},
            {"waitForText": "Примени услуги"},
            {"click": "form[action$='/send/'] button[type=submit]"},
            {"waitForText": "Испратен, го чека примачот"},
            _shot("page-desktop-mk"),
            {"goto": f"{url}/register/transfers/"},
            {"waitForText": "Испратени случаи"},
            _shot("transfers-desktop-mk"),
        ],
    }
    _clean(run_browser_plan(desktop, tmp_path=tmp_path))
    consent = Consent.objects.get()
    assert consent.data_categories == ["identification", "risk_assessment", "referrals", "services_received"]
    assert (consent.signed_copy, Transfer.objects.get().state) == ("Архива, бр. 7", "sent")

    phone = {
        "viewport": {"width": 390, "height": 844},
        "isMobile": True,
        "locale": "sr-Latn",
        "steps": [
            *login,
            {"goto": f"{url}/register/consents/{consent.pk}/"},
            {"waitForText": "Aktivan pristanak"},
            {"waitForText": "Čair"},  # the recipient's name in the reader's script
            {"expectNoOverflow": True},
            _shot("page-phone-sr-Latn"),
            {"goto": f"{url}/register/people/{person.pk}/consents/new/"},
            {"expectNoOverflow": True},
            _shot("form-phone-sr-Latn"),
            {"goto": f"{url}/register/transfers/"},
            {"expectNoOverflow": True},
            _shot("transfers-phone-sr-Latn"),
        ],
    }
    report = run_browser_plan(phone, tmp_path=tmp_path)
    _clean(report)
    assert report["horizontalOverflow"] is False
