"""The consent's pages: recorded from the person's page, shown with its history, changed by a
new consent, withdrawn; refused input marked on the form with its code, and nothing kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from node.cases.models import Consent
from node.register.models import AccessEvent, Person, StaffRole
from tests.node.conftest import Federation
from tests.node.register_factories import PersonFactory, actor


@pytest.fixture
def worker(federation: Federation) -> tuple[Client, Person]:
    caseworker = actor()
    client = Client()
    client.force_login(caseworker.user)
    return client, PersonFactory(team=caseworker.staff.team)


def _form(**changes: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "recipient": "MK-CAIR",
        "purposes": ["continuity_of_care"],
        "data_categories": ["identification", "referrals"],
        "legal_basis": "gdpr_6_1_e__9_2_b_social_protection_law",
        "obtained_how": "in_person_signed",
        "obtained_on": today.isoformat(),
        "expires_on": (today + dt.timedelta(days=30)).isoformat(),
        "retention_days": "365",
        "withdrawal_method": "At the centre, in person.",
        "language": "mk",
        "signed_copy": "",
    } | changes


def test_a_consent_is_recorded_from_the_persons_page_and_shown_with_its_history(
    worker: tuple[Client, Person],
) -> None:
    client, person = worker
    page = client.get(f"/register/people/{person.pk}/").content.decode()
    assert f'href="/register/people/{person.pk}/consents/new/"' in page
    form = client.get(f"/register/people/{person.pk}/consents/new/", HTTP_ACCEPT_LANGUAGE="en")
    assert form.status_code == 200
    assert "the person's consent is the safeguard on top of it" in form.content.decode()
    saved = client.post(f"/register/people/{person.pk}/consents/new/", _form(), HTTP_ACCEPT_LANGUAGE="en")
    consent = Consent.objects.get()
    assert (saved.status_code, saved["Location"]) == (302, f"/register/consents/{consent.pk}/")
    shown = client.get(saved["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Consent active" in shown
    assert "Continuity of care after a move" in shown
    assert "Identification (name, year of birth)" in shown
    assert f"/register/consents/{consent.pk}/form.pdf" in shown
    assert timezone.localtime(consent.expires_at).time() == dt.time(23, 59, 59)


def test_a_consent_without_categories_is_refused_on_the_form_and_nothing_kept(
    worker: tuple[Client, Person],
) -> None:
    client, person = worker
    refused = client.post(
        f"/register/people/{person.pk}/consents/new/", _form(data_categories=[]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 400
    assert "<code>invalid-input</code>" in refused.content.decode()
    assert Consent.objects.count() == 0


def test_a_consent_to_a_municipality_outside_the_directory_cannot_be_chosen(
    worker: tuple[Client, Person],
) -> None:
    client, person = worker
    refused = client.post(f"/register/people/{person.pk}/consents/new/", _form(recipient="RS-ADA"))
    assert refused.status_code == 400  # the form itself refuses a choice it does not offer
    assert '<div class="field invalid" id="field-recipient">' in refused.content.decode()
    assert Consent.objects.count() == 0


def test_withdrawing_on_the_consents_page_records_it_for_good(worker: tuple[Client, Person]) -> None:
    client, person = worker
    client.post(f"/register/people/{person.pk}/consents/new/", _form())
    consent = Consent.objects.get()
    done = client.post(
        f"/register/consents/{consent.pk}/", {"why": "by phone, 1 December"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert done.status_code == 302
    shown = client.get(f"/register/consents/{consent.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Consent withdrawn" in shown
    assert "by phone, 1 December" in shown
    assert "Withdraw the consent" not in shown


def test_a_change_records_a_new_consent_that_replaces_the_old_one(worker: tuple[Client, Person]) -> None:
    client, person = worker
    client.post(f"/register/people/{person.pk}/consents/new/", _form())
    first = Consent.objects.get()
    prefilled = client.get(f"/register/people/{person.pk}/consents/new/?replaces={first.pk}").content.decode()
    assert 'name="data_categories" value="referrals" id="id_data_categories_2" checked>' in prefilled
    client.post(
        f"/register/people/{person.pk}/consents/new/?replaces={first.pk}",
        _form(data_categories=["identification"]),
    )
    second = Consent.objects.exclude(pk=first.pk).get()
    assert (second.replaces_id, first.status_at(), second.status_at()) == (first.pk, "withdrawn", "active")


def test_the_fhir_export_is_logged_as_an_export(worker: tuple[Client, Person]) -> None:
    client, person = worker
    client.post(f"/register/people/{person.pk}/consents/new/", _form())
    consent = Consent.objects.get()
    exported = client.get(f"/register/consents/{consent.pk}/fhir.json")
    assert (exported.status_code, exported["Content-Type"]) == (200, "application/fhir+json; charset=utf-8")
    assert exported.json()["resourceType"] == "Consent"
    assert AccessEvent.objects.filter(action="export", what=f"consent as FHIR ({consent.pk})").count() == 1


def test_a_caseworker_of_another_team_sees_no_consent(
    federation: Federation, worker: tuple[Client, Person]
) -> None:
    client, person = worker
    client.post(f"/register/people/{person.pk}/consents/new/", _form())
    consent = Consent.objects.get()
    other = Client()
    other.force_login(actor(StaffRole.CASEWORKER).user)
    refused = other.get(f"/register/consents/{consent.pk}/")
    assert refused.status_code == 403
    assert "other-team" in refused.content.decode()


def test_the_case_is_sent_from_the_consents_page_and_listed_under_it(
    worker: tuple[Client, Person], settings: Any
) -> None:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from contracts.keys import key_id, public_key_text
    from node.federation.models import Peer, PeerKey

    key = X25519PrivateKey.generate()
    PeerKey.objects.create(
        peer=Peer.objects.get(code="MK-CAIR"), keyid=key_id(key.public_key()), purpose="encryption",
        algorithm="X25519", public_key=public_key_text(key.public_key()), status="active",
    )  # fmt: skip
    client, person = worker
    client.post(f"/register/people/{person.pk}/consents/new/", _form())
    consent = Consent.objects.get()
    sent = client.post(f"/register/consents/{consent.pk}/send/", HTTP_ACCEPT_LANGUAGE="en")
    assert sent.status_code == 302
    shown = client.get(f"/register/consents/{consent.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    transfer = consent.transfers.get()
    assert f"<code>{transfer.pk}</code>" in shown
    assert "Sent, waiting for the recipient" in shown
    assert "The case was sealed for MK-CAIR and sent" in shown


def test_sending_without_the_recipients_key_says_why_and_sends_nothing(worker: tuple[Client, Person]) -> None:
    client, person = worker
    client.post(f"/register/people/{person.pk}/consents/new/", _form())
    consent = Consent.objects.get()
    client.post(f"/register/consents/{consent.pk}/send/", HTTP_ACCEPT_LANGUAGE="en")
    shown = client.get(f"/register/consents/{consent.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "(no-encryption-key)" in shown
    assert consent.transfers.count() == 0


def test_the_form_for_signature_is_a_pdf_and_its_printing_is_logged(worker: tuple[Client, Person]) -> None:
    client, person = worker
    client.post(f"/register/people/{person.pk}/consents/new/", _form())
    consent = Consent.objects.get()
    printed = client.get(f"/register/consents/{consent.pk}/form.pdf")
    assert (printed.status_code, printed["Content-Type"]) == (200, "application/pdf")
    assert printed.content.startswith(b"%PDF-")
    assert AccessEvent.objects.filter(action="export", what=f"consent form PDF ({consent.pk})").count() == 1
