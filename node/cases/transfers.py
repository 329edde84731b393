"""Sending a person's case under their consent, sealed for the recipient alone, and receiving one.

Sending: only the categories the consent names leave, as a ``CaseFile`` inside a
``SealedCaseV1``; it is sealed (``contracts.sealing``) to the recipient's current encryption key
from the signed directory, bound to the routing metadata, and put in the outbox in the
transaction that records the transfer. Receiving: the metadata is checked and kept with the
sealed case, unopened, until a caseworker decides; :func:`transfer_open` opens it then.

Invariants:
- no personal data is outside ``sealed``: the metadata holds ids, codes, a time and a size;
- a received case opens only under the metadata it came with, with the key it names, and its
  inner transfer id, consent id, controller and recipient must be the metadata's.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from pydantic import ValidationError

from contracts.cases import CaseFile, SealedCaseV1, TransferAcceptV1, TransferDeclineV1, TransferRequestV1
from contracts.errors import (
    ConsentExpiredError,
    ConsentMismatchError,
    ConsentWithdrawnError,
    ContractError,
    InvalidInputError,
    NotAPartyError,
    NotTheRecipientError,
    SealedPayloadUnreadableError,
    TransferSettledError,
    TransferUnknownError,
    UnknownKeyError,
    UnknownRecipientKeyError,
)
from contracts.keys import b64u_decode, b64u_encode
from contracts.messages import Event
from contracts.sealing import SUITE_NAME, Sealed, SealingContext, seal, unseal
from node.cases.consents import consent_record, consent_usable
from node.cases.models import Consent, ConsentStatus, Transfer
from node.exchange.outbox import outbox_enqueue
from node.federation.selectors import enrolment_get, node_encryption_private_key, peer_encryption_key
from node.register.access import SYSTEM, Actor, access_record, audited
from node.register.models import AccessAction, Person, PersonStatus, Referral, RiskAssessment, ServiceDelivery

logger = logging.getLogger("node.cases")

REQUEST = "case.transfer_request"
ACCEPT = "case.transfer_accept"
DECLINE = "case.transfer_decline"
CONTENT_TYPE = "application/vnd.socialhub.case+json; version=1.0"


def case_file(consent: Consent) -> CaseFile:
    """The person's case as the consent allows it out: each category it names, nothing else."""
    person = consent.person
    allowed = set(consent.data_categories)
    fields: dict[str, Any] = {}
    if "identification" in allowed:
        fields |= {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "birth_year": person.birth_date.year,
        }
    if "risk_assessment" in allowed:
        latest = RiskAssessment.objects.filter(person=person).order_by("-date", "-recorded_at").first()
        fields["risk_types"] = tuple(person.risk_types or ())
        if latest is not None:
            fields["summary"] = f"{latest.date.isoformat()} · {latest.level}: {latest.basis}"[:4000]
    if "referrals" in allowed:
        fields["referrals"] = tuple(
            f"{r.date.isoformat()} · {r.service_name or r.destination} · {r.status}"[:4000]
            for r in Referral.objects.filter(person=person).order_by("date")
        )
    if "services_received" in allowed:
        fields["services_received"] = tuple(
            f"{d.date.isoformat()} · {d.kind} × {d.quantity}"[:4000]
            for d in ServiceDelivery.objects.filter(person=person).order_by("date")
        )
    return CaseFile(**fields)


def transfer_send(*, actor: Actor | Any, consent: Consent, why: str = "") -> Transfer:
    """Seal the person's case for the consent's recipient and send it."""
    person = consent.person
    with audited(
        actor,
        action=AccessAction.EXPORT,
        person=person,
        what=f"case transfer to {consent.recipient}",
        why=why,
    ) as audit:
        consent_usable(consent)
        sender = enrolment_get().node_code
        key = peer_encryption_key(consent.recipient)
        transfer_id = uuid.uuid4()
        plaintext = _canonical(
            SealedCaseV1(transfer_id=transfer_id, consent=consent_record(consent), case=case_file(consent))
        )
        context = SealingContext(
            sender=sender,
            recipient=consent.recipient,
            transfer_id=transfer_id,
            consent_id=consent.pk,
            expires_at=consent.expires_at,
            recipient_keyid=key.keyid,
        )
        sealed = seal(plaintext, recipient_key=key.public_key, context=context)
        request = TransferRequestV1(
            transfer_id=transfer_id,
            recipient=consent.recipient,
            consent_id=consent.pk,
            expires_at=consent.expires_at,
            recipient_keyid=key.keyid,
            content_type=CONTENT_TYPE,
            size=len(plaintext),
            suite=SUITE_NAME,
            enc=b64u_encode(sealed.enc),
            sealed=b64u_encode(sealed.ciphertext),
        )
        message = outbox_enqueue(message_type=REQUEST, data=request, recipients=(consent.recipient,))
        transfer = Transfer.objects.create(
            id=transfer_id,
            direction=Transfer.Direction.OUTGOING,
            counterpart=consent.recipient,
            consent_ref=consent.pk,
            consent=consent,
            person=person,
            state=Transfer.State.SENT,
            expires_at=consent.expires_at,
            recipient_keyid=key.keyid,
            size=len(plaintext),
            message_id=message.message_id,
        )
        audit.what = (
            f"case transfer to {consent.recipient} ({transfer_id}): {', '.join(consent.data_categories)}"
        )
        return transfer


def transfers_receive(events: list[Event[Any]]) -> dict[int, ContractError]:
    """The inbox's applier of ``case.transfer_request``: each one addressed to this node, under
    a consent not yet expired, sealed to a key this node holds, is kept unopened for a decision."""
    own = enrolment_get().node_code
    errors: dict[int, ContractError] = {}
    for position, event in enumerate(events):
        try:
            with transaction.atomic():
                _receive(event, own=own)
        except ContractError as exc:
            logger.warning("case transfer refused from %s: %s %s", event.source, exc.code, exc.message)
            errors[position] = exc
    return errors


def _receive(event: Event[Any], *, own: str) -> None:
    data = event.data
    assert isinstance(data, TransferRequestV1)
    if data.recipient != own or tuple(event.recipients) != (own,):
        raise NotTheRecipientError(detail={"recipient": data.recipient})
    if data.expires_at <= timezone.now():
        raise ConsentExpiredError(detail={"transfer_id": str(data.transfer_id)})
    try:
        node_encryption_private_key(data.recipient_keyid)
    except UnknownKeyError as exc:
        raise UnknownRecipientKeyError(detail={"recipient_keyid": data.recipient_keyid}) from exc
    if Transfer.objects.filter(pk=data.transfer_id).exists():
        return  # the same transfer again (a replay of the request): kept once
    Transfer.objects.create(
        id=data.transfer_id,
        direction=Transfer.Direction.INCOMING,
        counterpart=event.source,
        consent_ref=data.consent_id,
        state=Transfer.State.RECEIVED,
        expires_at=data.expires_at,
        recipient_keyid=data.recipient_keyid,
        size=data.size,
        enc=b64u_decode(data.enc),
        sealed=b64u_decode(data.sealed),
        message_id=event.id,
    )


def transfer_open(transfer: Transfer) -> SealedCaseV1:
    """The case of a received transfer, opened with the key it was sealed to and checked against
    its metadata. Raises ``sealed-payload-unreadable`` for anything that does not open or does
    not match, ``consent-expired`` once the consent has expired."""
    if transfer.expires_at <= timezone.now():
        raise ConsentExpiredError(detail={"transfer_id": str(transfer.pk)})
    own = enrolment_get().node_code
    context = SealingContext(
        sender=transfer.counterpart,
        recipient=own,
        transfer_id=transfer.pk,
        consent_id=transfer.consent_ref,
        expires_at=transfer.expires_at,
        recipient_keyid=transfer.recipient_keyid,
    )
    try:
        key = node_encryption_private_key(transfer.recipient_keyid)
    except UnknownKeyError as exc:
        raise UnknownRecipientKeyError(detail={"recipient_keyid": transfer.recipient_keyid}) from exc
    plaintext = unseal(Sealed(bytes(transfer.enc), bytes(transfer.sealed)), private_key=key, context=context)
    if len(plaintext) != transfer.size:
        raise SealedPayloadUnreadableError("The opened case is not of the size declared.")
    try:
        case = SealedCaseV1.model_validate_json(plaintext)
    except ValidationError as exc:
        raise SealedPayloadUnreadableError("The opened case is not a case of the contracts.") from exc
    consent = case.consent
    if (case.transfer_id, consent.consent_id, consent.controller, consent.recipient) != (
        transfer.pk,
        transfer.consent_ref,
        transfer.counterpart,
        own,
    ):
        raise ConsentMismatchError("The case inside does not match the transfer's metadata.")
    return case


def _canonical(case: SealedCaseV1) -> bytes:
    return json.dumps(
        case.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


DECLINE_REASONS = ("no_capacity", "not_competent", "consent_insufficient", "expired", "other")


def transfer_decline(*, actor: Actor | Any, transfer: Transfer, reason: str, note: str = "") -> Transfer:
    """The receiving caseworker will not take the case: the sender is told why, and nothing of
    the case is kept here (the sealed copy is deleted unopened)."""
    with audited(
        actor, action=AccessAction.DECIDE, what=f"case transfer declined ({transfer.pk}): {reason}"
    ) as audit:
        assert audit.actor is not None
        current = Transfer.objects.select_for_update().get(pk=transfer.pk)
        if current.direction != Transfer.Direction.INCOMING:
            raise TransferUnknownError(detail={"transfer_id": str(transfer.pk)})
        if current.state != Transfer.State.RECEIVED:
            raise TransferSettledError(detail={"transfer_id": str(transfer.pk), "state": current.state})
        now = timezone.now()
        try:
            decline = TransferDeclineV1(transfer_id=current.pk, declined_at=now, reason=reason, note=note)
        except ValidationError as exc:
            raise InvalidInputError(
                "The reason is not one of the shared ones, or the note is too long."
            ) from exc
        outbox_enqueue(message_type=DECLINE, data=decline, recipients=(current.counterpart,))
        current.state, current.decided_at = Transfer.State.DECLINED, now
        current.decline_reason, current.note = reason, note
        current.enc, current.sealed = b"", b""
        current.save(update_fields=["state", "decided_at", "decline_reason", "note", "enc", "sealed"])
        return current


def transfers_outcome(events: list[Event[Any]]) -> dict[int, ContractError]:
    """The inbox's applier of ``case.transfer_accept`` and ``case.transfer_decline`` at the
    sending node: from the transfer's recipient only, once. An accepted case becomes read-only
    here, marked as transferred."""
    errors: dict[int, ContractError] = {}
    for position, event in enumerate(events):
        try:
            with transaction.atomic():
                _outcome(event)
        except ContractError as exc:
            logger.warning(
                "case transfer outcome refused from %s: %s %s", event.source, exc.code, exc.message
            )
            errors[position] = exc
    return errors


def _outcome(event: Event[Any]) -> None:
    data = event.data
    assert isinstance(data, TransferAcceptV1 | TransferDeclineV1)
    transfer = (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("consent", "person")
        .filter(pk=data.transfer_id, direction=Transfer.Direction.OUTGOING)
        .first()
    )
    if transfer is None:
        raise TransferUnknownError(detail={"transfer_id": str(data.transfer_id)})
    if event.source != transfer.counterpart:
        raise NotAPartyError(detail={"transfer_id": str(transfer.pk), "source": event.source})
    if transfer.state != Transfer.State.SENT:
        raise TransferSettledError(detail={"transfer_id": str(transfer.pk), "state": transfer.state})
    if isinstance(data, TransferDeclineV1):
        transfer.state, transfer.decided_at = Transfer.State.DECLINED, data.declined_at
        transfer.decline_reason, transfer.note = data.reason, data.note
        transfer.save(update_fields=["state", "decided_at", "decline_reason", "note"])
        return
    if transfer.consent is not None:
        status = transfer.consent.status_at(data.accepted_at)
        if status == ConsentStatus.WITHDRAWN:
            raise ConsentWithdrawnError(detail={"transfer_id": str(transfer.pk)})
        if status == ConsentStatus.EXPIRED:
            raise ConsentExpiredError(detail={"transfer_id": str(transfer.pk)})
    transfer.state, transfer.decided_at = Transfer.State.ACCEPTED, data.accepted_at
    transfer.save(update_fields=["state", "decided_at"])
    if transfer.person is not None:
        Person.objects.filter(pk=transfer.person.pk).update(
            status=PersonStatus.TRANSFERRED, closed_at=timezone.now()
        )
        access_record(
            None,
            username=SYSTEM,
            action=AccessAction.UPDATE,
            person_id=transfer.person.pk,
            what=f"person: status transferred (accepted by {transfer.counterpart}, {transfer.pk})",
        )
