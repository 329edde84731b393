from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from contracts.control import CONTROL_VERSION, RECEIPT_TYPE, Receipt
from contracts.envelope import KeyResolver, claimed_keyids, open_envelope, parse_envelope, seal_envelope
from contracts.errors import (
    BatchRefusedError,
    ContractError,
    DuplicateSequenceError,
    MalformedEnvelopeError,
    SourceMismatchError,
)
from contracts.messages import MESSAGE_TYPES, Event, read_message
from hub.exchange.models import Message, MessageRecipient
from hub.federation.models import Member
from hub.federation.selectors import hub_signing_key, keyring_resolver, trusted_keys_get

logger = logging.getLogger("hub.exchange")

# Serialises ingest on PostgreSQL so that log indexes become visible in order and a reader's
# cursor never passes a message that commits later. SQLite serialises writers by itself.
_INGEST_LOCK = 7_302_114


class UnknownRecipientError(ContractError):
    code = "unknown-recipient"
    http_status = 422
    default_message = "A recipient is not a member of the federation."


@dataclass
class IngestResult:
    status: str  # accepted | duplicate | refused
    message_id: str | None = None
    log_index: int | None = None
    receipt: dict[str, Any] | None = None
    error: ContractError | None = None

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.status, "message_id": self.message_id}
        if self.error is not None:
            body |= {"code": self.error.code, "message": self.error.message, "detail": self.error.detail}
        else:
            body |= {"log_index": self.log_index, "receipt": self.receipt}
        return body


@dataclass
class _Checked:
    position: int
    event: Event[Any]
    envelope_bytes: bytes
    payload_sha256: str
    results: list[IngestResult] = field(default_factory=list)


def messages_ingest(*, member_code: str, raw_messages: list[Any]) -> list[IngestResult]:
    """Verify, deduplicate, log and receipt a batch from ``member_code``; one result per message.

    Valid messages are accepted even when others in the batch are refused. If none is accepted
    or was already logged, ``BatchRefusedError`` (or the single message's own error) is raised.
    """
    results: list[IngestResult | None] = [None] * len(raw_messages)
    resolve_key = keyring_resolver(trusted_keys_get(keyids=_keyids(raw_messages)))
    checked: list[_Checked] = []
    for position, raw in enumerate(raw_messages):
        try:
            checked.append(_check(raw, member_code=member_code, resolve_key=resolve_key, position=position))
        except ContractError as exc:
            results[position] = IngestResult(status="refused", error=exc)
    if checked:
        for position, result in _log(member_code=member_code, checked=checked).items():
            results[position] = result
    final = [r for r in results if r is not None]
    refused = [r for r in final if r.status == "refused"]
    for r in refused:
        assert r.error is not None
        logger.warning(
            "refused message %s from %s: %s %s", r.message_id, member_code, r.error.code, r.error.message
        )
    if final and len(refused) == len(final):
        if len(final) == 1 and final[0].error is not None:
            error = final[0].error
            raise type(error)(error.message, detail={"results": [final[0].to_wire()]})
        raise BatchRefusedError(detail={"results": [r.to_wire() for r in final]})
    return final


def _keyids(raw_messages: list[Any]) -> set[str]:
    return set().union(*(claimed_keyids(raw) for raw in raw_messages))


def _check(raw: Any, *, member_code: str, resolve_key: KeyResolver, position: int) -> _Checked:
    if not isinstance(raw, dict):
        raise MalformedEnvelopeError("Each message must be a JSON object.")
    envelope = parse_envelope(raw)
    verified = open_envelope(envelope, resolve_key=resolve_key)
    if verified.signer != member_code:
        raise SourceMismatchError(f"{member_code} may not relay a message signed by {verified.signer}.")
    event = read_message(verified)
    return _Checked(
        position=position,
        event=event,
        envelope_bytes=envelope.to_bytes(),
        payload_sha256=hashlib.sha256(verified.payload).hexdigest(),
    )


@transaction.atomic
def _log(*, member_code: str, checked: list[_Checked]) -> dict[int, IngestResult]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_INGEST_LOCK])
    member = Member.objects.get(code=member_code)
    results: dict[int, IngestResult] = {}
    ids = [c.event.id for c in checked]
    existing = {
        m.message_id: m
        for m in Message.objects.filter(message_id__in=ids).only("message_id", "log_index", "receipt")
    }
    taken_sequences = dict(
        Message.objects.filter(source=member, sequence__in=[c.event.sequence for c in checked]).values_list(
            "sequence", "message_id"
        )
    )
    recipient_codes = {code for c in checked for code in c.event.recipients}
    members = dict(Member.objects.filter(code__in=recipient_codes).values_list("code", "id"))
    fresh: list[tuple[_Checked, Message]] = []
    first_in_batch: dict[Any, int] = {}  # message id -> position of its first copy in this batch
    repeats: dict[int, int] = {}  # position of a later copy -> position of the first
    fresh_sequences: set[int] = set()
    now = timezone.now()
    for c in checked:
        message_id = str(c.event.id)
        prior = existing.get(c.event.id)
        if prior is not None:
            results[c.position] = IngestResult(
                status="duplicate",
                message_id=message_id,
                log_index=prior.log_index,
                receipt=_json(bytes(prior.receipt)),
            )
            continue
        if c.event.id in first_in_batch:
            repeats[c.position] = first_in_batch[c.event.id]
            continue
        if c.event.sequence in taken_sequences or c.event.sequence in fresh_sequences:
            results[c.position] = IngestResult(
                status="refused",
                message_id=message_id,
                error=DuplicateSequenceError(
                    f"Sequence {c.event.sequence} from {member_code} is already taken by another message."
                ),
            )
            continue
        unknown = [code for code in c.event.recipients if code not in members]
        if unknown:
            results[c.position] = IngestResult(
                status="refused",
                message_id=message_id,
                error=UnknownRecipientError(f"Unknown recipients: {', '.join(unknown)}."),
            )
            continue
        first_in_batch[c.event.id] = c.position
        fresh_sequences.add(c.event.sequence)
        fresh.append(
            (
                c,
                Message(
                    message_id=c.event.id,
                    source=member,
                    type=c.event.type,
                    version=c.event.dataversion,
                    sequence=c.event.sequence,
                    broadcast=MESSAGE_TYPES[c.event.type].routing == "broadcast",
                    envelope=c.envelope_bytes,
                    payload_sha256=c.payload_sha256,
                    received_at=now,
                ),
            )
        )
    if fresh:
        rows = Message.objects.bulk_create([row for _, row in fresh])
        key = hub_signing_key()
        recipients: list[MessageRecipient] = []
        for (c, _), row in zip(fresh, rows, strict=True):
            receipt = seal_envelope(
                message_type=RECEIPT_TYPE,
                version=CONTROL_VERSION,
                payload=Receipt(
                    message_id=c.event.id,
                    source=member_code,
                    sequence=c.event.sequence,
                    payload_sha256=c.payload_sha256,
                    log_index=row.log_index,
                    received_at=now,
                )
                .model_dump_json()
                .encode(),
                key=key,
            )
            row.receipt = receipt.to_bytes()
            recipients.extend(
                MessageRecipient(message=row, member_id=members[code]) for code in c.event.recipients
            )
            results[c.position] = IngestResult(
                status="accepted",
                message_id=str(c.event.id),
                log_index=row.log_index,
                receipt=receipt.to_wire(),
            )
        Message.objects.bulk_update(rows, ["receipt"])
        MessageRecipient.objects.bulk_create(recipients)
    for position, first in repeats.items():
        original = results[first]
        results[position] = IngestResult(
            status="duplicate",
            message_id=original.message_id,
            log_index=original.log_index,
            receipt=original.receipt,
        )
    return results


def _json(data: bytes) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(data)
    return loaded
