"""What this node sends: signed into the outbox with the change, pushed in sequence order,
marked sent only on the hub's verified receipt."""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Length
from django.utils import timezone
from pydantic import BaseModel

from contracts.client import HubAPI, PushResult
from contracts.errors import ContractError, UnknownMessageTypeError
from contracts.messages import MESSAGE_TYPES, new_message_id, write_message_bytes
from node.exchange.locks import exclusive, sync_error_record
from node.exchange.models import OutboxMessage, SyncState
from node.exchange.verification import verified_push_receipt
from node.federation.models import Enrolment
from node.federation.selectors import enrolment_get, hub_client, hub_key_resolver, node_signing_key

logger = logging.getLogger("node.exchange")

PUSH_TASK = "node.exchange.tasks.push_outbox"


@transaction.atomic
def outbox_enqueue(*, message_type: str, data: BaseModel, recipients: tuple[str, ...] = ()) -> OutboxMessage:
    """Sign ``data`` as this node's next message and keep it until the hub has receipted it.

    Call it inside the transaction that makes the change: both commit or neither does. A
    message larger than its type allows is refused here (``payload-too-large``), so nothing in
    the outbox is ever too large to send.
    """
    if message_type not in MESSAGE_TYPES:
        raise UnknownMessageTypeError(f"Message type {message_type!r} is not known.")
    mtype = MESSAGE_TYPES[message_type]
    # Lock the enrolment row so that concurrent writers take sequence numbers one at a time;
    # each stream (the type's family) numbers on its own.
    enrolment = Enrolment.objects.select_for_update().filter(pk=enrolment_get().pk).get()
    stream = mtype.family
    sequence = (OutboxMessage.objects.filter(stream=stream).aggregate(m=Max("sequence"))["m"] or 0) + 1
    message_id = new_message_id()
    version = mtype.current
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
        message_id=message_id,
        stream=stream,
        sequence=sequence,
        type=message_type,
        version=version,
        envelope=envelope,
    )
    transaction.on_commit(lambda: _send_soon(PUSH_TASK))
    return row


def _send_soon(task_name: str) -> None:
    """Queue a task by its name: the task module imports this one, not the reverse, and a
    process that never imported it (the web process, a management command) has no task object
    to call, only the broker to send the name to."""
    from celery import current_app

    try:
        current_app.send_task(task_name, expires=settings.NODE_PUSH_INTERVAL * 5)
    except Exception:  # the broker may be down; the beat schedule will push later anyway
        logger.warning(
            "could not queue an immediate push; the next scheduled push will send it", exc_info=True
        )


@dataclass
class PushReport:
    sent: int = 0
    refused: int = 0
    dead: int = 0
    batches: int = 0


# Refusals that may pass once the federation catches up (a key the hub has not listed yet):
# the message waits and is sent again. Every other refusal is final for these signed bytes.
RETRYABLE_REFUSALS = frozenset({"unknown-key", "hub-unavailable"})


def backoff_delay(attempts: int) -> dt.timedelta:
    """Exponential backoff with full jitter: uniformly up to base * 2^attempts, capped."""
    ceiling = min(settings.NODE_PUSH_BACKOFF_MAX, settings.NODE_PUSH_BACKOFF_BASE * 2 ** min(attempts, 30))
    return dt.timedelta(seconds=random.uniform(0, ceiling))  # noqa: S311 - jitter, not a secret


def _pending_outbox() -> Any:
    return OutboxMessage.objects.filter(sent_at__isnull=True, dead_at__isnull=True)


# Refusals of a whole request for its size: the batch is sent again in halves, and a message
# refused alone for its size is a dead letter (it can never pass), never a blocked stream.
SIZE_REFUSALS = frozenset({"body-too-large", "batch-too-large"})


def _due_batch(*, now: dt.datetime, batch_size: int, max_bytes: int) -> list[OutboxMessage]:
    """The next batch: in each stream, its due messages in sequence order up to the first one
    still backing off (the hub refuses a sequence lower than one it logged, so a stream never
    skips ahead); the streams' due messages together in the order they were written, at most
    ``batch_size`` of them and, past the first, ``max_bytes`` of envelopes."""
    pending = _pending_outbox()
    due: list[tuple[int, int]] = []  # (id, bytes) of what may go now
    for stream in pending.order_by("stream").values_list("stream", flat=True).distinct():
        for pk, size, waits_until in (
            pending.filter(stream=stream)
            .order_by("sequence")
            .annotate(size=Length("envelope"))
            .values_list("pk", "size", "next_attempt_at")[:batch_size]
        ):
            if waits_until is not None and waits_until > now:
                break
            due.append((pk, size))
    chosen: list[int] = []
    total = 0
    for pk, size in sorted(due)[:batch_size]:
        if chosen and total + size > max_bytes:
            break
        chosen.append(pk)
        total += size
    rows = {row.pk: row for row in OutboxMessage.objects.filter(pk__in=chosen)}
    return [rows[pk] for pk in chosen]


def outbox_push(
    *,
    client: HubAPI | None = None,
    batch_size: int = 200,
    max_batches: int = 50,
    max_bytes: int | None = None,
) -> PushReport:
    """Send due messages, each stream in sequence order; mark each sent only on a verified
    receipt. A batch holds at most ``batch_size`` messages and ``max_bytes`` (default
    ``NODE_PUSH_MAX_BYTES``) of envelopes past its first.

    A failed request backs its batch off (exponential, full jitter) and raises; a message the
    hub refuses for good becomes a dead letter with the hub's code and message; a batch the hub
    refuses for its size is sent again in halves. ``client`` is the hub (the enrolled one when
    not given).
    """
    report = PushReport()
    budget = settings.NODE_PUSH_MAX_BYTES if max_bytes is None else max_bytes
    with exclusive("outbox-push") as acquired:
        if not acquired:
            return report
        hub: HubAPI = client if client is not None else hub_client()
        limit = batch_size
        for _ in range(max_batches):
            now = timezone.now()
            rows = _due_batch(now=now, batch_size=limit, max_bytes=budget)
            if not rows:
                break
            try:
                results = hub.push([bytes(row.envelope) for row in rows])
            except ContractError as exc:
                if exc.code in SIZE_REFUSALS and len(rows) > 1:
                    limit = max(1, len(rows) // 2)  # the same messages, in smaller batches
                    budget = max(1, sum(len(row.envelope) for row in rows) // 2)
                    continue
                if exc.code in SIZE_REFUSALS:
                    _refused_for_good(rows[0], code=exc.code, message=exc.message, report=report)
                    continue
                sync_error_record(text=f"push: {exc.code}: {exc.message}")
                delay = backoff_delay(max(row.attempts for row in rows) + 1)  # one delay: order holds
                for row in rows:
                    row.attempts += 1
                    row.last_error = f"{exc.code}: {exc.message}"[:2000]
                    row.next_attempt_at = now + delay
                OutboxMessage.objects.bulk_update(rows, ["attempts", "last_error", "next_attempt_at"])
                raise
            report.batches += 1
            progressed = _apply_push_results(rows, results, report)
            if not progressed:
                break
        SyncState.objects.update_or_create(pk=1, defaults={"last_push_at": timezone.now()})
    return report


def _refused_for_good(row: OutboxMessage, *, code: str, message: str, report: PushReport) -> None:
    row.attempts += 1
    row.last_error = f"{code}: {message}"[:2000]
    row.dead_at, row.dead_code = timezone.now(), code[:60]
    row.save(update_fields=["attempts", "last_error", "dead_at", "dead_code"])
    report.dead += 1
    logger.error(
        "dead letter: the hub refused message %s (%s #%d): %s",
        row.message_id,
        row.stream,
        row.sequence,
        row.last_error,
    )


@transaction.atomic
def _apply_push_results(rows: list[OutboxMessage], results: list[PushResult], report: PushReport) -> bool:
    by_id = {str(row.message_id): row for row in rows}
    progressed = False
    now = timezone.now()
    hub_keys = hub_key_resolver()
    for result in results:
        row = by_id.get(result.message_id)
        if row is None:
            continue
        row.attempts += 1
        if result.status in ("accepted", "duplicate") and result.receipt is not None:
            receipt = verified_push_receipt(
                result.receipt, envelope=bytes(row.envelope), message_id=row.message_id, hub_keys=hub_keys
            )
            row.sent_at, row.log_index, row.receipt = (
                now,
                receipt.log_index,
                json.dumps(result.receipt).encode(),
            )
            row.last_error, row.next_attempt_at = "", None
            report.sent += 1
            progressed = True
        elif result.code in RETRYABLE_REFUSALS:
            row.last_error = f"{result.code}: {result.message}"[:2000]
            row.next_attempt_at = now + backoff_delay(row.attempts)
            report.refused += 1
        else:
            row.last_error = f"{result.code}: {result.message}"[:2000]
            row.dead_at, row.dead_code = now, (result.code or "refused")[:60]
            report.dead += 1
            progressed = True
            logger.error(
                "dead letter: the hub refused message %s (%s #%d) for good: %s",
                row.message_id,
                row.stream,
                row.sequence,
                row.last_error,
            )
        row.save(
            update_fields=[
                "sent_at",
                "log_index",
                "receipt",
                "attempts",
                "last_error",
                "next_attempt_at",
                "dead_at",
                "dead_code",
            ]
        )
    return progressed
