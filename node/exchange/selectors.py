from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from node.exchange.models import InboxMessage, OutboxMessage, SyncState
from node.federation.models import Enrolment, Peer


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    node_code: str | None
    node_name: str | None
    hub_url: str | None
    peers: int
    outbox_pending: int
    outbox_sent: int
    inbox_applied: int
    inbox_rejected: int
    cursor: str
    last_push_at: str | None
    last_pull_at: str | None
    last_error: str


def sync_status() -> SyncStatus:
    enrolment = Enrolment.objects.first()
    state = SyncState.objects.first() or SyncState()
    inbox = dict(
        InboxMessage.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    pending = OutboxMessage.objects.filter(sent_at__isnull=True).count()
    return SyncStatus(
        enrolled=enrolment is not None,
        node_code=enrolment.node_code if enrolment else None,
        node_name=enrolment.node_name if enrolment else None,
        hub_url=enrolment.hub_url if enrolment else None,
        peers=Peer.objects.exclude(code=enrolment.node_code if enrolment else "").count(),
        outbox_pending=pending,
        outbox_sent=OutboxMessage.objects.count() - pending,
        inbox_applied=inbox.get(InboxMessage.Status.APPLIED, 0),
        inbox_rejected=inbox.get(InboxMessage.Status.REJECTED, 0),
        cursor=state.cursor,
        last_push_at=state.last_push_at.isoformat() if state.last_push_at else None,
        last_pull_at=state.last_pull_at.isoformat() if state.last_pull_at else None,
        last_error=state.last_error,
    )
