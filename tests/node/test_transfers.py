"""A person's case leaves only under their consent, sealed for the consent's recipient alone, with
only the categories consented; a received case is kept sealed until a decision, and opens only
under the metadata it came with."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from django.utils import timezone

from contracts.cases import SealedCaseV1, TransferAcceptV1, TransferDeclineV1, TransferRequestV1
from contracts.envelope import open_envelope
from contracts.errors import ContractError
from contracts.keys import b64u_decode, b64u_encode, generate_encryption_key, key_id, public_key_text
from contracts.messages import Event, read_message
from contracts.sealing import SUITE_NAME, Sealed, SealingContext, seal, unseal
from node.cases.consents import consent_give, consent_withdraw
from node.cases.models import Consent, Transfer
from node.cases.transfers import (
    transfer_decline,
    transfer_open,
    transfer_send,
    transfers_outcome,
    transfers_receive,
)
from node.exchange.models import OutboxMessage
from node.register.models import Person, Referral, RiskAssessment
from tests.factories import resolver_for, signed_message
from tests.node.conftest import Federation
from tests.node.register_factories import PersonFactory, actor

MARK = "Zqx"
"""A prefix no code or key holds: the person's values start with it, and none may be in clear."""


@pytest.fixture
def cair_key(federation: Federation) -> X25519PrivateKey:
    """MK-CAIR's encryption key, as the signed directory lists it."""
    from node.federation.models import Peer, PeerKey

    key = X25519PrivateKey.generate()
    PeerKey.objects.create(
        peer=Peer.objects.get(code="MK-CAIR"),
        keyid=key_id(key.public_key()),
        purpose="encryption",
        algorithm="X25519",
        public_key=public_key_text(key.public_key()),
        status="active",
    )
    return key


@pytest.fixture
def own_key(federation: Federation, settings: Any, tmp_path: Path) -> X25519PrivateKey:
    """This node's (MK-BUTEL's) encryption key, its private half in its 0600 file."""
    from node.federation.models import NodeKey

    path = tmp_path / "encryption-keys" / "current.key"
    path.parent.mkdir()
    key = generate_encryption_key(path)
    NodeKey.objects.create(
        purpose=NodeKey.Purpose.ENCRYPTION,
        algorithm="X25519",
        keyid=key_id(key.public_key()),
        public_key=public_key_text(key.public_key()),
        status=NodeKey.Status.ACTIVE,
        path=str(path),
    )
    return key


def _consent(categories: list[str], **changes: Any) -> tuple[Any, Consent]:
    worker = actor()
    person = PersonFactory(
        team=worker.staff.team,
        given_name=f"{MARK}Ljubica",
        family_name=f"{MARK}Trajkovska",
        reference=f"{MARK}-BUT-{uuid.uuid4().hex[:8]}",
        risk_types=["poverty"],
    )
    RiskAssessment.objects.create(
        person=person, date=dt.date(2026, 11, 2), risk_types=["poverty"], level="high", assessor="x",
        basis=f"{MARK} no income since the summer",
    )  # fmt: skip
    Referral.objects.create(
        person=person, date=dt.date(2026, 11, 5), destination="employment", service_name=f"{MARK} job club",
        reason=f"{MARK} asked for work",
    )  # fmt: skip
    fields: dict[str, Any] = {
        "recipient": "MK-CAIR",
        "purposes": ["continuity_of_care"],
        "data_categories": categories,
        "legal_basis": "gdpr_6_1_e__9_2_b_social_protection_law",
        "obtained_how": "in_person_signed",
        "obtained_at": timezone.now() - dt.timedelta(hours=1),
        "expires_at": timezone.now() + dt.timedelta(days=30),
        "retention_days": 365,
        "withdrawal_method": "At the centre.",
        "language": "mk",
    } | changes
    return worker, consent_give(actor=worker, person=person, **fields)


def _sent() -> tuple[TransferRequestV1, str]:
    row = OutboxMessage.objects.get(stream="case")
    envelope = json.loads(bytes(row.envelope))
    payload = base64.b64decode(envelope["payload"]).decode()
    event = json.loads(payload)
    return TransferRequestV1.model_validate(event["data"]), payload


def test_a_case_leaves_sealed_for_the_recipient_with_only_the_consented_categories(
    federation: Federation, cair_key: X25519PrivateKey
) -> None:
    worker, consent = _consent(["identification", "referrals"])
    transfer = transfer_send(actor=worker, consent=consent)
    request, payload = _sent()
    assert (request.transfer_id, request.recipient, request.consent_id) == (
        transfer.pk,
        "MK-CAIR",
        consent.pk,
    )
    assert (request.recipient_keyid, request.suite) == (key_id(cair_key.public_key()), SUITE_NAME)
    assert json.loads(payload)["recipients"] == ["MK-CAIR"]
    assert MARK not in payload  # nothing of the person in clear
    context = SealingContext(
        sender="MK-BUTEL",
        recipient="MK-CAIR",
        transfer_id=request.transfer_id,
        consent_id=request.consent_id,
        expires_at=request.expires_at,
        recipient_keyid=request.recipient_keyid,
    )
    opened = unseal(
        Sealed(b64u_decode(request.enc), b64u_decode(request.sealed)), private_key=cair_key, context=context
    )
    case = SealedCaseV1.model_validate_json(opened)
    assert (case.case.given_name, case.case.family_name, case.case.birth_year) == (
        f"{MARK}Ljubica",
        f"{MARK}Trajkovska",
        1990,
    )
    assert case.case.referrals == (f"2026-11-05 · {MARK} job club · sent",)
    # Not consented: the risk assessment stays home.
    assert (case.case.risk_types, case.case.summary) == ((), None)
    assert (case.consent.consent_id, case.consent.recipient, case.consent.status) == (
        consent.pk,
        "MK-CAIR",
        "active",
    )
    assert (transfer.state, transfer.direction, transfer.size) == ("sent", "out", len(opened))


def test_a_case_is_not_sent_under_a_withdrawn_or_expired_consent(
    federation: Federation, cair_key: X25519PrivateKey
) -> None:
    worker, consent = _consent(["identification"])
    consent_withdraw(actor=worker, consent=consent, why="asked")
    with pytest.raises(ContractError) as withdrawn:
        transfer_send(actor=worker, consent=Consent.objects.get(pk=consent.pk))
    worker, expiring = _consent(["identification"], expires_at=timezone.now() + dt.timedelta(seconds=1))
    Consent.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(ContractError) as expired:
        transfer_send(actor=worker, consent=Consent.objects.get(pk=expiring.pk))
    assert (withdrawn.value.code, expired.value.code) == ("consent-withdrawn", "consent-expired")
    assert (OutboxMessage.objects.filter(stream="case").count(), Transfer.objects.count()) == (0, 0)


def test_a_case_is_not_sent_to_a_recipient_without_an_encryption_key(federation: Federation) -> None:
    worker, consent = _consent(["identification"])
    with pytest.raises(ContractError) as refused:
        transfer_send(actor=worker, consent=consent)
    assert refused.value.code == "no-encryption-key"
    assert OutboxMessage.objects.filter(stream="case").count() == 0


# --- receiving ---------------------------------------------------------------------------------


def _incoming(
    federation: Federation, key: X25519PrivateKey, *, case: dict[str, Any] | None = None, **changes: Any
) -> Event[Any]:
    """A transfer from MK-CAIR to this node, sealed as MK-CAIR's node would seal it."""
    transfer_id, consent_id = uuid.uuid4(), uuid.uuid4()
    expires = timezone.now() + dt.timedelta(days=10)
    keyid = changes.pop("seal_keyid", key_id(key.public_key()))
    recipient = changes.pop("recipient", "MK-BUTEL")
    sealed_case = {
        "transfer_id": str(transfer_id),
        "consent": {
            "consent_id": str(consent_id), "status": "active", "principal": "Synthetic Person",
            "controller": "MK-CAIR", "recipient": "MK-BUTEL", "purposes": ["relocation"],
            "data_categories": ["identification"],
            "legal_basis": "gdpr_6_1_e__9_2_b_social_protection_law", "obtained_how": "in_person_signed",
            "obtained_at": "2026-11-30T09:00:00Z", "expires_at": expires.isoformat(), "retention_days": 30,
            "jurisdiction": "MK", "withdrawal_method": "in person",
            "events": [{"event": "given", "at": "2026-11-30T09:00:00Z", "by": "caseworker"}],
        },
        "case": {"given_name": "Synthetic", "family_name": "Person", "birth_year": 1984},
    } | (case or {})  # fmt: skip
    plaintext = json.dumps(sealed_case).encode()
    context = SealingContext(
        sender="MK-CAIR",
        recipient=recipient,
        transfer_id=transfer_id,
        consent_id=consent_id,
        expires_at=expires,
        recipient_keyid=keyid,
    )
    sealed = seal(plaintext, recipient_key=key.public_key(), context=context)
    request = TransferRequestV1(
        transfer_id=transfer_id,
        recipient=recipient,
        consent_id=consent_id,
        expires_at=changes.pop("expires_at", expires),
        recipient_keyid=keyid,
        content_type="application/vnd.socialhub.case+json; version=1.0",
        size=len(plaintext),
        suite=SUITE_NAME,
        enc=b64u_encode(sealed.enc),
        sealed=b64u_encode(changes.pop("ciphertext", sealed.ciphertext)),
    )
    envelope = signed_message(
        key=federation.peer_key,
        source="MK-CAIR",
        message_type="case.transfer_request",
        data=request,
        recipients=(recipient,),
    )
    return read_message(open_envelope(envelope, resolve_key=resolver_for(federation.peer_key, "MK-CAIR")))


def test_a_received_case_is_kept_sealed_until_opened_and_opens_under_its_metadata(
    federation: Federation, own_key: X25519PrivateKey
) -> None:
    event = _incoming(federation, own_key)
    assert transfers_receive([event]) == {}
    transfer = Transfer.objects.get()
    assert (transfer.direction, transfer.state, transfer.counterpart) == ("in", "received", "MK-CAIR")
    assert b"Synthetic" not in bytes(transfer.sealed)
    case = transfer_open(transfer)
    assert (case.case.given_name, case.consent.controller) == ("Synthetic", "MK-CAIR")
    assert transfers_receive([event]) == {}  # the same request again: still one transfer
    assert Transfer.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"recipient": "MK-CUCER"}, "not-the-recipient"),
        ({"expires_at": timezone.now() - dt.timedelta(minutes=1)}, "consent-expired"),
        ({"seal_keyid": "x25519:" + "A" * 43}, "unknown-recipient-key"),
    ],
    ids=["addressed to another", "consent expired", "a key this node does not hold"],
)
def test_a_transfer_this_node_cannot_take_is_refused_with_its_code_and_nothing_kept(
    federation: Federation, own_key: X25519PrivateKey, changes: dict[str, Any], code: str
) -> None:
    errors = transfers_receive([_incoming(federation, own_key, **changes)])
    assert [(position, error.code) for position, error in errors.items()] == [(0, code)]
    assert Transfer.objects.count() == 0


def test_one_bad_transfer_does_not_hold_back_the_others(
    federation: Federation, own_key: X25519PrivateKey
) -> None:
    events = [
        _incoming(federation, own_key),
        _incoming(federation, own_key, recipient="MK-CUCER"),
        _incoming(federation, own_key),
    ]
    errors = transfers_receive(events)
    assert [(position, error.code) for position, error in errors.items()] == [(1, "not-the-recipient")]
    assert Transfer.objects.count() == 2


def test_a_tampered_ciphertext_or_a_case_for_another_transfer_does_not_open(
    federation: Federation, own_key: X25519PrivateKey
) -> None:
    transfers_receive([_incoming(federation, own_key)])
    tampered = Transfer.objects.get()
    Transfer.objects.filter(pk=tampered.pk).update(
        sealed=bytes([bytes(tampered.sealed)[0] ^ 1]) + bytes(tampered.sealed)[1:]
    )
    with pytest.raises(ContractError) as unreadable:
        transfer_open(Transfer.objects.get(pk=tampered.pk))
    transfers_receive([_incoming(federation, own_key, case={"transfer_id": str(uuid.uuid4())})])
    other = Transfer.objects.exclude(pk=tampered.pk).get()
    with pytest.raises(ContractError) as mismatch:
        transfer_open(other)
    assert (unreadable.value.code, mismatch.value.code) == ("sealed-payload-unreadable", "consent-mismatch")


def test_the_transfers_page_shows_a_received_case_by_its_metadata_only(
    federation: Federation, own_key: X25519PrivateKey
) -> None:
    from django.test import Client

    transfers_receive([_incoming(federation, own_key)])
    transfer = Transfer.objects.get()
    client = Client()
    client.force_login(actor().user)
    page = client.get("/register/transfers/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"<code>{transfer.pk}</code>" in page
    assert "Received, waiting for a decision" in page
    assert "MK-CAIR" in page
    assert "Synthetic" not in page  # the case itself stays sealed


# --- the outcome: declined at the recipient, told to the sender --------------------------------


def test_a_declined_case_is_deleted_unopened_and_the_sender_is_told_why(
    federation: Federation, own_key: X25519PrivateKey
) -> None:
    transfers_receive([_incoming(federation, own_key)])
    worker = actor()
    declined = transfer_decline(
        actor=worker, transfer=Transfer.objects.get(), reason="not_competent", note="Not our area"
    )
    assert (declined.state, bytes(declined.sealed), bytes(declined.enc)) == ("declined", b"", b"")
    row = OutboxMessage.objects.get(stream="case")
    event = json.loads(base64.b64decode(json.loads(bytes(row.envelope))["payload"]))
    assert (event["type"], event["recipients"]) == ("case.transfer_decline", ["MK-CAIR"])
    assert (event["data"]["transfer_id"], event["data"]["reason"]) == (str(declined.pk), "not_competent")
    with pytest.raises(ContractError) as again:
        transfer_decline(actor=worker, transfer=declined, reason="other")
    assert again.value.code == "transfer-settled"


def test_a_decline_for_a_reason_outside_the_shared_ones_is_refused_and_the_case_kept(
    federation: Federation, own_key: X25519PrivateKey
) -> None:
    transfers_receive([_incoming(federation, own_key)])
    with pytest.raises(ContractError) as refused:
        transfer_decline(actor=actor(), transfer=Transfer.objects.get(), reason="bored")
    assert refused.value.code == "invalid-input"
    kept = Transfer.objects.get()
    assert (kept.state, len(bytes(kept.sealed)) > 0, OutboxMessage.objects.filter(stream="case").count()) == (
        "received",
        True,
        0,
    )


def _outcome(federation: Federation, data: Any, *, source: str = "MK-CAIR") -> Event[Any]:
    key = federation.peer_key if source == "MK-CAIR" else Ed25519PrivateKey.generate()
    kind = "case.transfer_accept" if isinstance(data, TransferAcceptV1) else "case.transfer_decline"
    envelope = signed_message(key=key, source=source, message_type=kind, data=data, recipients=("MK-BUTEL",))
    return read_message(open_envelope(envelope, resolve_key=resolver_for(key, source)))


def test_an_accepted_case_is_read_only_at_the_sender_and_a_replayed_acceptance_changes_nothing(
    federation: Federation, cair_key: X25519PrivateKey
) -> None:
    worker, consent = _consent(["identification"])
    transfer = transfer_send(actor=worker, consent=consent)
    accept = TransferAcceptV1(transfer_id=transfer.pk, accepted_at=timezone.now())
    assert transfers_outcome([_outcome(federation, accept)]) == {}
    transfer = Transfer.objects.get(pk=transfer.pk)
    person = Person.objects.get(pk=consent.person_id)
    assert (transfer.state, person.status) == ("accepted", "transferred")
    replay = transfers_outcome([_outcome(federation, accept)])
    assert [(n, e.code) for n, e in replay.items()] == [(0, "transfer-settled")]


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("from a municipality that is not a party", "not-a-party"),
        ("for a transfer never sent", "transfer-unknown"),
        ("after the person withdrew consent", "consent-withdrawn"),
    ],
)
def test_an_outcome_that_cannot_be_is_refused_with_its_code_and_nothing_changes(
    federation: Federation, cair_key: X25519PrivateKey, case: str, code: str
) -> None:
    worker, consent = _consent(["identification"])
    transfer = transfer_send(actor=worker, consent=consent)
    accept = TransferAcceptV1(transfer_id=transfer.pk, accepted_at=timezone.now())
    source = "MK-CAIR"
    if case == "from a municipality that is not a party":
        source = "MK-CUCER"
    elif case == "for a transfer never sent":
        accept = TransferAcceptV1(transfer_id=uuid.uuid4(), accepted_at=timezone.now())
    else:
        consent_withdraw(actor=worker, consent=consent, why="asked")
    errors = transfers_outcome([_outcome(federation, accept, source=source)])
    assert [(n, e.code) for n, e in errors.items()] == [(0, code)]
    assert (Transfer.objects.get(pk=transfer.pk).state, Person.objects.get(pk=consent.person_id).status) == (
        "sent",
        "active",
    )


def test_a_decline_from_the_recipient_is_recorded_with_its_reason(
    federation: Federation, cair_key: X25519PrivateKey
) -> None:
    worker, consent = _consent(["identification"])
    transfer = transfer_send(actor=worker, consent=consent)
    decline = TransferDeclineV1(
        transfer_id=transfer.pk, declined_at=timezone.now(), reason="no_capacity", note=""
    )
    assert transfers_outcome([_outcome(federation, decline)]) == {}
    transfer = Transfer.objects.get(pk=transfer.pk)
    assert (transfer.state, transfer.decline_reason, Person.objects.get(pk=consent.person_id).status) == (
        "declined",
        "no_capacity",
        "active",
    )


def test_a_received_case_is_declined_from_the_transfers_page(
    federation: Federation, own_key: X25519PrivateKey
) -> None:
    from django.test import Client

    transfers_receive([_incoming(federation, own_key)])
    transfer = Transfer.objects.get()
    client = Client()
    client.force_login(actor().user)
    page = client.get("/register/transfers/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'action="/register/transfers/{transfer.pk}/decline/"' in page
    done = client.post(
        f"/register/transfers/{transfer.pk}/decline/", {"reason": "no_capacity", "note": "Full until March"}
    )
    assert (done.status_code, done["Location"]) == (302, "/register/transfers/")
    page = client.get("/register/transfers/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Declined: No capacity to take the case on" in page
    assert Transfer.objects.get().state == "declined"
