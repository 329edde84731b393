"""A person's consent to a case transfer: recorded and signed by the node, never changed once
given (a change withdraws it and records its successor), withdrawn or expired for good, and
every attempt in the access log."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone

from contracts.envelope import b64_decode, b64_encode
from contracts.errors import ContractError
from node.cases.consents import consent_give, consent_given, consent_record, consent_withdraw, consents_expire
from node.cases.models import Consent, ConsentEvent
from node.register.models import AccessEvent, StaffRole
from tests.node.conftest import Federation
from tests.node.register_factories import PersonFactory, actor

NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


def _give(federation: Federation, **changes: Any) -> tuple[Any, Consent]:
    worker = changes.pop("worker", None) or actor()
    person = changes.pop("person", None) or PersonFactory(team=worker.staff.team)
    fields: dict[str, Any] = {
        "recipient": "MK-CAIR",
        "purposes": ["continuity_of_care"],
        "data_categories": ["identification", "risk_assessment", "referrals"],
        "legal_basis": "gdpr_6_1_e__9_2_b_social_protection_law",
        "obtained_how": "in_person_signed",
        "obtained_at": timezone.now() - dt.timedelta(hours=1),
        "expires_at": timezone.now() + dt.timedelta(days=90),
        "retention_days": 365,
        "withdrawal_method": "In person at the centre for social work, or by letter.",
        "language": "mk",
        "signed_copy": "Archive box 12, form 2026-118",
    } | changes
    return worker, consent_give(actor=worker, person=person, **fields)


def test_a_consent_is_kept_with_the_nodes_signature_over_what_was_agreed(federation: Federation) -> None:
    _, consent = _give(federation)
    given = consent_given(consent)
    assert (given.consent_id, given.controller, given.recipient, given.status) == (
        consent.pk,
        "MK-BUTEL",
        "MK-CAIR",
        "active",
    )
    assert given.data_categories == ("identification", "risk_assessment", "referrals")
    assert given.principal == f"{consent.person.given_name} {consent.person.family_name}"
    assert [e.event for e in given.events] == ["given"]
    assert consent.jurisdiction == "MK"


def test_a_consent_cannot_be_changed_once_given(federation: Federation) -> None:
    _, consent = _give(federation)
    consent.expires_at = consent.expires_at + dt.timedelta(days=365)
    with pytest.raises(ContractError) as refused:
        consent.save()
    assert refused.value.code == "consent-immutable"
    assert Consent.objects.get(pk=consent.pk).expires_at == consent.expires_at - dt.timedelta(days=365)


def test_a_changed_record_no_longer_verifies(federation: Federation) -> None:
    _, consent = _give(federation)
    envelope = json.loads(bytes(consent.record))
    payload = b64_decode(envelope["payload"])
    assert b'"recipient":"MK-CAIR"' in payload
    envelope["payload"] = b64_encode(payload.replace(b'"recipient":"MK-CAIR"', b'"recipient":"MK-CUCER"'))
    Consent.objects.filter(pk=consent.pk).update(record=json.dumps(envelope).encode())
    with pytest.raises(ContractError) as refused:
        consent_given(Consent.objects.get(pk=consent.pk))
    assert refused.value.code == "bad-signature"


def test_a_withdrawal_is_recorded_and_the_record_then_says_inactive(federation: Federation) -> None:
    worker, consent = _give(federation)
    consent_withdraw(actor=worker, consent=consent, why="the person asked, by phone")
    consent = Consent.objects.get(pk=consent.pk)
    assert consent.status_at() == "withdrawn"
    record = consent_record(consent)
    assert (record.status, [e.event for e in record.events]) == ("inactive", ["given", "withdrawn"])
    assert consent_given(consent).status == "active"  # what was agreed stays as it was
    with pytest.raises(ContractError) as again:
        consent_withdraw(actor=worker, consent=consent, why="twice")
    assert again.value.code == "consent-withdrawn"


def test_a_change_withdraws_the_consent_and_records_its_successor(federation: Federation) -> None:
    worker, first = _give(federation)
    _, second = _give(
        federation, worker=worker, person=first.person, replaces=first, data_categories=["identification"]
    )
    assert Consent.objects.get(pk=first.pk).status_at() == "withdrawn"
    assert (second.replaces_id, second.status_at(), second.data_categories) == (
        first.pk,
        "active",
        ["identification"],
    )


def test_an_expired_consent_is_recorded_as_expired_once(federation: Federation) -> None:
    _, consent = _give(federation)
    later = consent.expires_at + dt.timedelta(seconds=1)
    assert consent.status_at(later) == "expired"
    assert (consents_expire(now=later), consents_expire(now=later)) == (1, 0)
    assert list(ConsentEvent.objects.filter(consent=consent).values_list("event", flat=True)) == [
        "given",
        "expired",
    ]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"recipient": "MK-BUTEL"}, "unknown-recipient"),  # itself
        ({"recipient": "RS-ADA"}, "unknown-recipient"),  # not in the directory
        ({"purposes": ["marketing"]}, "invalid-input"),
        ({"data_categories": []}, "invalid-input"),
        ({"data_categories": ["genome"]}, "invalid-input"),
        ({"data_categories": ["identification", "health"]}, "invalid-input"),  # no transfer carries it yet
        ({"legal_basis": "because"}, "invalid-input"),
        ({"obtained_how": "telepathy"}, "invalid-input"),
        ({"retention_days": 0}, "invalid-input"),
        ({"obtained_at": timezone.now() + dt.timedelta(days=1)}, "future-date"),
        ({"expires_at": timezone.now() - dt.timedelta(minutes=1)}, "consent-expired"),
    ],
)
def test_a_consent_that_is_not_valid_is_refused_logged_and_nothing_kept(
    federation: Federation, changes: dict[str, Any], code: str
) -> None:
    with pytest.raises(ContractError) as refused:
        _give(federation, **changes)
    assert refused.value.code == code
    assert (Consent.objects.count(), ConsentEvent.objects.count()) == (0, 0)
    line = AccessEvent.objects.get()
    assert (line.action, line.allowed, line.code) == ("create", False, code)


def test_an_auditor_may_not_record_a_consent(federation: Federation) -> None:
    auditor = actor(StaffRole.AUDITOR)
    with pytest.raises(ContractError) as refused:
        _give(federation, worker=auditor, person=PersonFactory(team=auditor.staff.team))
    assert refused.value.code == "role-not-allowed"
    assert Consent.objects.count() == 0


def test_giving_and_withdrawing_are_in_the_access_log_without_the_persons_data(
    federation: Federation,
) -> None:
    worker, consent = _give(federation)
    consent_withdraw(actor=worker, consent=consent, why="the person asked")
    lines = list(AccessEvent.objects.order_by("at").values_list("action", "what", "allowed"))
    assert lines == [
        ("create", f"consent: MK-CAIR; identification, risk_assessment, referrals ({consent.pk})", True),
        ("update", f"consent withdrawn ({consent.pk})", True),
    ]
    assert consent.person.family_name not in str(lines)
