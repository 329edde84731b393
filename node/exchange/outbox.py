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

    Call it inside the transaction that makes the change: both commit or neither does.
    """
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
    transaction.on_commit(lambda: _send_soon(PUSH_TASK))
    return row


def _send_soon(task_name: str) -> None:
    """Queue a task by its registered name: the task module imports this one, not the reverse."""
    from celery import current_app

    try:
        current_app.tasks[task_name].delay()
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


def outbox_push(*, client: HubAPI | None = None, batch_size: int = 200, max_batches: int = 50) -> PushReport:
    """Send due messages in sequence order; mark each sent only on a verified receipt.

    A failed request backs its batch off (exponential, full jitter) and raises; a message the
    hub refuses for good becomes a dead letter with the hub's code and message. ``client`` is
    the hub (the enrolled one when not given).
    """
    report = PushReport()
    with exclusive("outbox-push") as acquired:
        if not acquired:
            return report
        hub: HubAPI = client if client is not None else hub_client()
        for _ in range(max_batches):
            now = timezone.now()
            # Strictly in sequence order: only the due rows before the first one still backing
            # off go out, since the hub refuses a sequence lower than one it already logged.
            rows = []
            for row in _pending_outbox().order_by("sequence")[:batch_size]:
                if row.next_attempt_at is not None and row.next_attempt_at > now:
                    break
                rows.append(row)
            if not rows:
                break
            try:
                results = hub.push([bytes(row.envelope) for row in rows])
            except ContractError as exc:
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
                "dead letter: the hub refused message %s (#%d) for good: %s",
                row.message_id,
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
