from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from pydantic import BaseModel

from contracts.client import PulledMessage, PushResult
from contracts.control import Receipt, read_control
from contracts.envelope import b64_decode, claimed_keyids, open_envelope, parse_envelope
from contracts.errors import ContractError, UnknownMessageTypeError
from contracts.messages import MESSAGE_TYPES, Event, new_message_id, read_message, upcast, write_message_bytes
from node.exchange.models import InboxMessage, OutboxMessage, SyncState
from node.federation.models import Enrolment, PeerKey
from node.federation.selectors import (
    enrolment_get,
    hub_client,
    hub_key_resolve,
    node_signing_key,
    peer_key_resolve,
)
from node.federation.services import directory_refresh

logger = logging.getLogger("node.exchange")

Applier = Callable[[Event[Any]], None]
_APPLIERS: dict[str, Applier] = {}


class ReceiptMismatchError(ContractError):
    code = "receipt-mismatch"
    http_status = 502
    default_message = "The hub's receipt does not match the message it is for."


def applier_register(message_type: str, applier: Applier) -> None:
    """Apps register how they apply a received message type (see their ``AppConfig.ready``)."""
    _APPLIERS[message_type] = applier


# --- outbox ------------------------------------------------------------------------------


@transaction.atomic
def outbox_enqueue(*, message_type: str, data: BaseModel, recipients: tuple[str, ...] = ()) -> OutboxMessage:
    """Sign ``data`` as this node's next message and keep it until the hub has receipted it.

    Call it inside the transaction that makes the change: both commit or neither does.
    """
    from node.exchange.tasks import push_outbox  # the task module imports this one

    # Lock the enrolment row so that concurrent writers take sequence numbers one at a time.
    enrolment = Enrolment.objects.select_for_update().filter(pk=enrolment_get().pk).get()
    sequence = (OutboxMessage.objects.aggregate(m=Max("sequence"))["m"] or 0) + 1
    message_id = new_message_id()
    if message_type not in MESSAGE_TYPES:
        raise UnknownMessageTypeError(f"Message type {message_type!r} is not known.")
    version = MESSAGE_TYPES[message_type].current
    envelope = write_message_bytes(
        message_id=message_id,
        source=enrolment.node_code,
        message_type_name=message_type,
        sequence=sequence,
        data=data,
        key=node_signing_key(),
        time=timezone.now(),
        recipients=recipients,
        version=version,
    )
    row = OutboxMessage.objects.create(
        message_id=message_id, sequence=sequence, type=message_type, version=version, envelope=envelope
    )
    transaction.on_commit(lambda: _send_soon(push_outbox))
    return row


def _send_soon(task: Any) -> None:
    try:
        task.delay()
    except Exception:  # the broker may be down; the beat schedule will push later anyway
        logger.warning(
            "could not queue an immediate push; the next scheduled push will send it", exc_info=True
        )


@dataclass
class PushReport:
    sent: int = 0
    refused: int = 0
    batches: int = 0


def outbox_push(*, batch_size: int = 200, max_batches: int = 50) -> PushReport:
    """Send unsent messages in sequence order; mark each sent only on a verified receipt."""
    report = PushReport()
    with _exclusive("outbox-push") as acquired:
        if not acquired:
            return report
        client = hub_client()
        for _ in range(max_batches):
            rows = list(OutboxMessage.objects.filter(sent_at__isnull=True).order_by("sequence")[:batch_size])
            if not rows:
                break
            envelopes = [parse_envelope(bytes(row.envelope)) for row in rows]
            try:
                results = client.push(envelopes)
            except ContractError as exc:
                _record_error(f"push: {exc.code}: {exc.message}")
                OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).update(last_error=exc.message)
                raise
            report.batches += 1
            progressed = _apply_push_results(rows, results, report)
            if not progressed:
                break
        SyncState.objects.update_or_create(pk=1, defaults={"last_push_at": timezone.now()})
    return report


@transaction.atomic
def _apply_push_results(rows: list[OutboxMessage], results: list[PushResult], report: PushReport) -> bool:
    by_id = {str(row.message_id): row for row in rows}
    progressed = False
    now = timezone.now()
    for result in results:
        row = by_id.get(result.message_id)
        if row is None:
            continue
        if result.status in ("accepted", "duplicate") and result.receipt is not None:
            receipt = _verified_receipt(result.receipt, row=row)
            row.sent_at, row.log_index, row.receipt = (
                now,
                receipt.log_index,
                json.dumps(result.receipt).encode(),
            )
            row.attempts += 1
            row.last_error = ""
            row.save(update_fields=["sent_at", "log_index", "receipt", "attempts", "last_error"])
            report.sent += 1
            progressed = True
        else:
            row.attempts += 1
            row.last_error = f"{result.code}: {result.message}"
            row.save(update_fields=["attempts", "last_error"])
            report.refused += 1
            logger.error("hub refused message %s (#%d): %s", row.message_id, row.sequence, row.last_error)
    return progressed


def _verified_receipt(raw: dict[str, Any], *, row: OutboxMessage) -> Receipt:
    receipt = read_control(raw, model=Receipt, resolve_key=hub_key_resolve)
    # Our own message, from our own outbox: its payload needs no second verification.
    payload = b64_decode(parse_envelope(bytes(row.envelope)).payload)
    if receipt.message_id != row.message_id or receipt.payload_sha256 != hashlib.sha256(payload).hexdigest():
        raise ReceiptMismatchError(f"The receipt is for {receipt.message_id}, not for {row.message_id}.")
    return receipt


# --- inbox -------------------------------------------------------------------------------


@dataclass
class PullReport:
    applied: int = 0
    duplicates: int = 0
    rejected: int = 0
    pages: int = 0


def inbox_pull(*, limit: int = 500, max_pages: int = 50) -> PullReport:
    """Pull new messages after the cursor, verify them and apply each once."""
    report = PullReport()
    with _exclusive("inbox-pull") as acquired:
        if not acquired:
            return report
        client = hub_client()
        state, _ = SyncState.objects.get_or_create(pk=1)
        cursor = state.cursor
        for _ in range(max_pages):
            try:
                page = client.pull(after=cursor, limit=limit)
            except ContractError as exc:
                _record_error(f"pull: {exc.code}: {exc.message}")
                raise
            report.pages += 1
            if page.messages and _needs_directory(page.messages):
                directory_refresh()
            with transaction.atomic():
                for pulled in page.messages:
                    inbox_accept(pulled, report)
                cursor = page.next_cursor
                SyncState.objects.filter(pk=1).update(
                    cursor=cursor, last_pull_at=timezone.now(), last_error=""
                )
            if not page.has_more:
                break
        if report.pages and not report.applied + report.rejected + report.duplicates:
            SyncState.objects.filter(pk=1).update(last_pull_at=timezone.now())
    return report


def _needs_directory(messages: list[PulledMessage]) -> bool:
    """Whether a message is signed by a key this node does not know yet (a newly enrolled peer)."""
    keyids: set[str] = set().union(*(claimed_keyids(pulled.envelope) for pulled in messages))
    known = set(PeerKey.objects.filter(keyid__in=keyids).values_list("keyid", flat=True))
    return bool(keyids - known)


def inbox_accept(pulled: PulledMessage, report: PullReport) -> None:
    envelope_bytes = json.dumps(pulled.envelope, separators=(",", ":")).encode()
    if InboxMessage.objects.filter(log_index=pulled.log_index).exists():
        report.duplicates += 1
        return
    try:
        event = _verified_event(pulled)
    except ContractError as exc:
        InboxMessage.objects.create(
            log_index=pulled.log_index,
            status=InboxMessage.Status.REJECTED,
            reason=f"{exc.code}: {exc.message}",
            envelope=envelope_bytes,
        )
        report.rejected += 1
        logger.error("rejected message at log index %d: %s %s", pulled.log_index, exc.code, exc.message)
        return
    try:
        with transaction.atomic():
            InboxMessage.objects.create(
                message_id=event.id,
                log_index=pulled.log_index,
                source=event.source,
                sequence=event.sequence,
                type=event.type,
                version=event.dataversion,
                status=InboxMessage.Status.APPLIED,
                envelope=envelope_bytes,
            )
            applier = _APPLIERS.get(event.type)
            if applier is not None:
                # Appliers work with the current version; the inbox keeps the version as signed.
                applier(upcast(event))
    except IntegrityError:
        # The same message id arrived before: applying it again would change nothing.
        report.duplicates += 1
        return
    except ContractError as exc:
        InboxMessage.objects.create(
            message_id=event.id,
            log_index=pulled.log_index,
            source=event.source,
            sequence=event.sequence,
            type=event.type,
            version=event.dataversion,
            status=InboxMessage.Status.REJECTED,
            reason=f"{exc.code}: {exc.message}",
            envelope=envelope_bytes,
        )
        report.rejected += 1
        logger.error("could not apply %s from %s: %s %s", event.id, event.source, exc.code, exc.message)
        return
    report.applied += 1


def _verified_event(pulled: PulledMessage) -> Event[Any]:
    # 1. The origin's signature over the payload, with a key the signed directory lists.
    verified = open_envelope(parse_envelope(pulled.envelope), resolve_key=peer_key_resolve)
    # 2. The payload, strictly, as its type and version (a newer minor as the newest we know).
    event = read_message(verified, accept_newer_minor=True)
    # 3. The hub's receipt: signed by the pinned hub key, for this very payload and log index.
    receipt = read_control(pulled.receipt, model=Receipt, resolve_key=hub_key_resolve)
    if (
        receipt.message_id != event.id
        or receipt.log_index != pulled.log_index
        or receipt.payload_sha256 != hashlib.sha256(verified.payload).hexdigest()
    ):
        raise ReceiptMismatchError(f"The hub's receipt does not match message {event.id}.")
    return event


def _record_error(text: str) -> None:
    logger.warning("sync error: %s", text)
    SyncState.objects.update_or_create(
        pk=1, defaults={"last_error": text[:2000], "last_error_at": timezone.now()}
    )


@contextmanager
def _exclusive(name: str) -> Iterator[bool]:
    """One push and one pull at a time per node, across worker processes (PostgreSQL);
    the embedded setup runs a single worker process, which is exclusive already."""
    if connection.vendor != "postgresql":
        yield True
        return
    lock_id = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [lock_id])
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_id])
