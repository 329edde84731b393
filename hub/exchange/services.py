from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from common.db import insert_values, storable_text
from contracts.api import SyncReport
from contracts.control import (
    CONTROL_VERSION,
    PAGE_SEAL_TYPE,
    RECEIPT_TYPE,
    TREE_HEAD_TYPE,
    PageSeal,
    Receipt,
    TreeHead,
    page_digest,
)
from contracts.envelope import (
    KeyResolver,
    claimed_keyids,
    open_envelope,
    parse_envelope,
    seal_envelope_bytes,
)
from contracts.errors import (
    BatchRefusedError,
    ContractError,
    DuplicateSequenceError,
    MalformedEnvelopeError,
    SequenceRegressionError,
    SourceMismatchError,
    UnknownRecipientError,
)
from contracts.log import leaf_hash
from contracts.messages import MESSAGE_TYPES, Event, read_message
from hub.exchange.admission import admission_check
from hub.exchange.models import (
    LogState,
    MemberSync,
    Message,
    MessageRecipient,
    ProjectionDeadLetter,
    TreeHeadRecord,
)
from hub.exchange.selectors import log_root, log_size, tree_head_latest
from hub.federation.models import Member
from hub.federation.selectors import hub_signing_key, keyring_resolver, trusted_keys_get

logger = logging.getLogger("hub.exchange")


@dataclass
class IngestResult:
    status: str  # accepted | duplicate | refused
    message_id: str | None = None
    log_index: int | None = None
    receipt: bytes | None = None
    """The signed receipt's wire bytes, exactly as stored in the log."""
    error: ContractError | None = None

    def to_wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.status, "message_id": self.message_id}
        if self.error is not None:
            body |= {"code": self.error.code, "message": self.error.message, "detail": self.error.detail}
        else:
            body |= {"log_index": self.log_index, "receipt": json.loads(self.receipt or b"null")}
        return body

    def to_json(self) -> bytes:
        """The wire form as JSON bytes; a receipt is spliced in as stored, not re-encoded."""
        if self.error is not None or self.receipt is None:
            return json.dumps(self.to_wire(), ensure_ascii=False, separators=(",", ":")).encode()
        return b'{"status":"%s","message_id":"%s","log_index":%d,"receipt":%s}' % (
            self.status.encode(),
            (self.message_id or "").encode(),
            self.log_index or 0,
            self.receipt,
        )


def results_json(results: list[IngestResult]) -> bytes:
    """A push response body: ``{"results": [...]}`` with one result per message, in order."""
    return b'{"results":[%s]}' % b",".join(r.to_json() for r in results)


@dataclass
class _Checked:
    position: int
    event: Event[Any]
    envelope_bytes: bytes
    payload_sha256: str


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
        logged = _log(member_code=member_code, checked=checked)
        for position, result in logged.items():
            results[position] = result
        if any(result.status == "accepted" for result in logged.values()):
            consumers_wake()
    final = [r for r in results if r is not None]
    member_pushed(code=member_code, results=final)
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


# The hub's projector of its own log, woken when it grows (its beat entry catches up anyway).
PROJECTOR_TASK = "hub.exchange.tasks.project_log"


def consumers_wake() -> None:
    """Ask the hub's worker to read the new entries now rather than at its next beat tick, so
    that a change reaches the portal as soon as it reaches the nodes."""
    from celery import current_app

    try:
        current_app.send_task(PROJECTOR_TASK, expires=30)
    except Exception:  # the broker may be down; the beat schedule reads the log anyway
        logger.warning(
            "could not wake the projector; its next scheduled run will read the log", exc_info=True
        )


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
    admission_check(event)
    return _Checked(
        position=position,
        event=event,
        envelope_bytes=envelope.to_bytes(),
        payload_sha256=hashlib.sha256(verified.payload).hexdigest(),
    )


@transaction.atomic
def _log(*, member_code: str, checked: list[_Checked]) -> dict[int, IngestResult]:
    # Lock the log's one state row first: appends are serialised, indexes dense, and entries
    # become visible in index order, so a reader's cursor never passes a late commit. The
    # expensive work (verifying signatures, parsing) happened before, outside the lock.
    size = _lock_log()
    member = Member.objects.get(code=member_code)
    results: dict[int, IngestResult] = {}
    ids = [c.event.id for c in checked]
    existing = {
        m.message_id: m
        for m in Message.objects.filter(message_id__any=ids).only("message_id", "log_index", "receipt")
    }
    # A source numbers its messages per stream (its types' family): the last of each stream in
    # this batch, and only a sequence at or below it can be taken already (usually none is).
    streams = {_stream(c) for c in checked}
    last_sequence: dict[str, int] = dict(
        Message.objects.filter(source=member, stream__in=streams)
        .values("stream")
        .annotate(m=Max("sequence"))
        .values_list("stream", "m")
    )
    behind = [c for c in checked if c.event.sequence <= last_sequence.get(_stream(c), 0)]
    taken_sequences: set[tuple[str, int]] = set()
    for stream in {_stream(c) for c in behind}:
        numbers = [c.event.sequence for c in behind if _stream(c) == stream]
        taken_sequences.update(
            (stream, n)
            for n in Message.objects.filter(source=member, stream=stream, sequence__in=numbers).values_list(
                "sequence", flat=True
            )
        )
    recipient_codes = {code for c in checked for code in c.event.recipients}
    members = dict(Member.objects.filter(code__in=recipient_codes).values_list("code", "id"))
    now = timezone.now()
    key = hub_signing_key()
    rows: list[dict[str, Any]] = []
    recipients: list[MessageRecipient] = []
    first_in_batch: dict[Any, int] = {}  # message id -> position of its first copy in this batch
    repeats: dict[int, int] = {}  # position of a later copy -> position of the first
    for c in checked:
        message_id = str(c.event.id)
        prior = existing.get(c.event.id)
        if prior is not None:
            results[c.position] = IngestResult(
                status="duplicate",
                message_id=message_id,
                log_index=prior.log_index,
                receipt=bytes(prior.receipt),
            )
            continue
        if c.event.id in first_in_batch:
            repeats[c.position] = first_in_batch[c.event.id]
            continue
        error: ContractError | None = None
        stream = _stream(c)
        if (stream, c.event.sequence) in taken_sequences:
            error = DuplicateSequenceError(
                f"Sequence {c.event.sequence} of {member_code}'s {stream} stream is already taken "
                "by another message."
            )
        elif c.event.sequence < last_sequence.get(stream, 0):
            error = SequenceRegressionError(
                f"Sequence {c.event.sequence} of {member_code}'s {stream} stream comes after "
                f"{last_sequence[stream]}: a sender's sequence only grows within a stream."
            )
        elif unknown := [code for code in c.event.recipients if code not in members]:
            error = UnknownRecipientError(f"Unknown recipients: {', '.join(unknown)}.")
        if error is not None:
            results[c.position] = IngestResult(status="refused", message_id=message_id, error=error)
            continue
        size += 1
        entry = (
            Receipt(
                message_id=c.event.id,
                source=member_code,
                sequence=c.event.sequence,
                payload_sha256=c.payload_sha256,
                log_index=size,
                received_at=now,
            )
            .model_dump_json()
            .encode()
        )
        receipt = seal_envelope_bytes(
            message_type=RECEIPT_TYPE, version=CONTROL_VERSION, payload=entry, key=key
        )
        rows.append(
            {
                "log_index": size,
                "message_id": c.event.id,
                "source_id": member.pk,
                "type": c.event.type,
                "version": c.event.dataversion,
                "stream": stream,
                "sequence": c.event.sequence,
                "broadcast": MESSAGE_TYPES[c.event.type].routing == "broadcast",
                "envelope": c.envelope_bytes,
                "payload_sha256": c.payload_sha256,
                "receipt": receipt,
                "leaf_hash": leaf_hash(entry),
                "received_at": now,
            }
        )
        recipients.extend(
            MessageRecipient(message_id=size, member_id=members[code]) for code in c.event.recipients
        )
        first_in_batch[c.event.id] = c.position
        taken_sequences.add((stream, c.event.sequence))
        last_sequence[stream] = c.event.sequence
        results[c.position] = IngestResult(
            status="accepted", message_id=message_id, log_index=size, receipt=receipt
        )
    if rows:
        insert_values(Message, rows)
        MessageRecipient.objects.bulk_create(recipients)
        LogState.objects.filter(pk=1).update(size=size)
    for position, first in repeats.items():
        original = results[first]
        results[position] = IngestResult(
            status="duplicate",
            message_id=original.message_id,
            log_index=original.log_index,
            receipt=original.receipt,
        )
    return results


def _stream(checked: _Checked) -> str:
    return MESSAGE_TYPES[checked.event.type].family


def _lock_log() -> int:
    """Take the log's append lock (its state row) for this transaction; return the log size."""
    if not LogState.objects.filter(pk=1).update(size=F("size")):
        LogState.objects.get_or_create(pk=1)  # a database flushed by a test: start again at 0
        LogState.objects.filter(pk=1).update(size=F("size"))
    return LogState.objects.values_list("size", flat=True).get(pk=1)


def page_seal(*, member_code: str, after: int, leaf_hashes: list[bytes]) -> bytes | None:
    """The hub's one signature over every receipt on a page it hands ``member_code`` (none for
    an empty page): the receiver checks it once instead of one signature per receipt."""
    if not leaf_hashes:
        return None
    seal = PageSeal(
        member=member_code, after=after, count=len(leaf_hashes), receipts_sha256=page_digest(leaf_hashes)
    )
    return seal_envelope_bytes(
        message_type=PAGE_SEAL_TYPE,
        version=CONTROL_VERSION,
        payload=seal.model_dump_json().encode(),
        key=hub_signing_key(),
    )


# --- the Merkle log ------------------------------------------------------------------------


def tree_head_publish() -> TreeHeadRecord:
    """Sign a tree head for the log as it is now, unless the latest one already covers it."""
    size = log_size()
    latest = tree_head_latest()
    if latest is not None and latest.tree_size >= size:
        return latest
    head = TreeHead(tree_size=size, root_hash=log_root(size), timestamp=timezone.now())
    envelope = seal_envelope_bytes(
        message_type=TREE_HEAD_TYPE,
        version=CONTROL_VERSION,
        payload=head.model_dump_json().encode(),
        key=hub_signing_key(),
    )
    record, _ = TreeHeadRecord.objects.get_or_create(
        tree_size=size, defaults={"root_hash": head.root_hash, "envelope": envelope}
    )
    if record.root_hash != head.root_hash:
        # Two computations of the same prefix disagree: the log changed under us. Never sign it.
        logger.critical(
            "log root for %d entries changed from %s to %s", size, record.root_hash, head.root_hash
        )
    return record


# --- sync status ---------------------------------------------------------------------------


def _sync_update(code: str, **fields: Any) -> None:
    """Update a member's sync row in one statement (counters as expressions, so concurrent
    requests add up), creating the row the first time."""
    rows = MemberSync.objects.filter(member__code=code)
    if not rows.update(**fields):
        MemberSync.objects.get_or_create(member=Member.objects.get(code=code))
        rows.update(**fields)


def member_pulled(*, code: str, cursor: int) -> None:
    """Record how far a member has pulled (its cursor when it asked)."""
    _sync_update(code, cursor=cursor, pulled_at=timezone.now())


def member_pushed(*, code: str, results: list[IngestResult]) -> None:
    counts = Counter(r.status for r in results)
    fields: dict[str, Any] = {
        "pushed_at": timezone.now(),
        "accepted_total": F("accepted_total") + counts["accepted"],
        "duplicate_total": F("duplicate_total") + counts["duplicate"],
        "refused_total": F("refused_total") + counts["refused"],
    }
    last_refused = next((r.error for r in reversed(results) if r.error is not None), None)
    if last_refused is not None:
        fields |= {
            "last_refusal": storable_text(f"{last_refused.code}: {last_refused.message}")[:2000],
            "last_refusal_at": fields["pushed_at"],
        }
    _sync_update(code, **fields)


def member_report(*, code: str, report: SyncReport) -> None:
    """Keep what a node says of its own state: backlog, dead letters, alarms, last error."""
    fields = report.model_dump()
    _sync_update(code, node_last_error=fields.pop("last_error"), reported_at=timezone.now(), **fields)


# --- the hub's own consumers of its log ------------------------------------------------------


def projection_dead_letter(*, consumer: str, log_index: int, error: ContractError) -> ProjectionDeadLetter:
    """Keep a log entry that ``consumer`` could not apply, so that it can go on past it."""
    logger.error("dead letter: %s could not apply log entry %d: %s", consumer, log_index, error.message)
    row, created = ProjectionDeadLetter.objects.get_or_create(
        consumer=consumer,
        log_index=log_index,
        defaults={"code": error.code, "reason": error.message[:4000]},
    )
    if not created:
        row.code, row.reason, row.attempts = error.code, error.message[:4000], row.attempts + 1
        row.resolved_at, row.resolution = None, ""
        row.save(update_fields=["code", "reason", "attempts", "resolved_at", "resolution"])
    return row


def projection_dead_letter_resolve(*, consumer: str, log_index: int, resolution: str) -> int:
    """Close a dead letter of ``consumer`` (applied on retry, or discarded with a note)."""
    return ProjectionDeadLetter.objects.filter(
        consumer=consumer, log_index=log_index, resolved_at__isnull=True
    ).update(resolved_at=timezone.now(), resolution=resolution[:200])
