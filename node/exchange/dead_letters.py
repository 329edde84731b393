"""What an operator does with a dead letter: send or apply it again, or close it with a note."""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from contracts.client import PulledMessage
from contracts.envelope import b64_decode, parse_envelope
from contracts.errors import NotADeadLetterError
from contracts.messages import MESSAGE_TYPES
from node.exchange.inbox import PullReport, inbox_accept
from node.exchange.models import InboxMessage, OutboxMessage
from node.exchange.outbox import outbox_enqueue


@transaction.atomic
def dead_letter_retry_outbox(*, message_id: Any) -> OutboxMessage:
    """Send a refused message's content again, as a new message with this node's next
    sequence number (the refused signed bytes can never be accepted)."""
    row = OutboxMessage.objects.select_for_update().filter(message_id=message_id).first()
    if row is None or row.dead_at is None or row.resolved_at is not None:
        raise NotADeadLetterError(f"Outbox message {message_id} is not an unresolved dead letter.")
    event = json.loads(b64_decode(parse_envelope(bytes(row.envelope)).payload))
    model = MESSAGE_TYPES[event["type"]].versions[event["dataversion"]]
    fresh = outbox_enqueue(
        message_type=event["type"],
        data=model.model_validate(event["data"]),
        recipients=tuple(event["recipients"]),
    )
    row.resolved_at, row.resolution = timezone.now(), f"retried as {fresh.message_id}"
    row.save(update_fields=["resolved_at", "resolution"])
    return fresh


def dead_letter_retry_inbox(*, log_index: int) -> InboxMessage:
    """Check and apply a rejected message again (after a directory refresh or a fix)."""
    row = InboxMessage.objects.filter(log_index=log_index).first()
    if row is None or row.status != InboxMessage.Status.REJECTED or row.resolved_at is not None:
        raise NotADeadLetterError(f"Inbox entry {log_index} is not an unresolved dead letter.")
    if not bytes(row.receipt):
        raise NotADeadLetterError(
            f"Inbox entry {log_index} was stored without its receipt; it cannot be re-checked."
        )
    pulled = PulledMessage(
        log_index=row.log_index,
        envelope=json.loads(bytes(row.envelope)),
        receipt=json.loads(bytes(row.receipt)),
    )
    with transaction.atomic():
        row.delete()
        inbox_accept(pulled, PullReport())
    return InboxMessage.objects.get(log_index=log_index)


def dead_letter_discard(
    *, outbox_message_id: Any = None, inbox_log_index: int | None = None, note: str
) -> None:
    """Close a dead letter without sending or applying it; the row stays as the record."""
    rows = (
        OutboxMessage.objects.filter(message_id=outbox_message_id, dead_at__isnull=False)
        if outbox_message_id is not None
        else InboxMessage.objects.filter(log_index=inbox_log_index or 0, status=InboxMessage.Status.REJECTED)
    )
    if not rows.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolution=f"discarded: {note}"[:200]
    ):
        raise NotADeadLetterError("That is not an unresolved dead letter.")
