from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from node.exchange.models import InboxMessage, LogAlarm, OutboxMessage, SyncState, TreeHeadSeen
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
    outbox_dead: int
    inbox_applied: int
    inbox_rejected: int
    inbox_dead: int
    inbox_lag: int
    cursor: str
    last_push_at: str | None
    last_pull_at: str | None
    last_error: str
    log_tree_size: int
    log_unproven_sent: int
    log_alarms: list[dict[str, str]]


def sync_status() -> SyncStatus:
    enrolment = Enrolment.objects.first()
    state = SyncState.objects.first() or SyncState()
    inbox = dict(
        InboxMessage.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    pending = OutboxMessage.objects.filter(sent_at__isnull=True, dead_at__isnull=True).count()
    return SyncStatus(
        enrolled=enrolment is not None,
        node_code=enrolment.node_code if enrolment else None,
        node_name=enrolment.node_name if enrolment else None,
        hub_url=enrolment.hub_url if enrolment else None,
        peers=Peer.objects.exclude(code=enrolment.node_code if enrolment else "").count(),
        outbox_pending=pending,
        outbox_sent=OutboxMessage.objects.filter(sent_at__isnull=False).count(),
        outbox_dead=dead_letters_outbox().count(),
        inbox_applied=inbox.get(InboxMessage.Status.APPLIED, 0),
        inbox_rejected=inbox.get(InboxMessage.Status.REJECTED, 0),
        inbox_dead=dead_letters_inbox().count(),
        inbox_lag=max(0, state.hub_log_size - int(state.cursor or 0)),
        cursor=state.cursor,
        last_push_at=state.last_push_at.isoformat() if state.last_push_at else None,
        last_pull_at=state.last_pull_at.isoformat() if state.last_pull_at else None,
        last_error=state.last_error,
        log_tree_size=TreeHeadSeen.objects.order_by("-tree_size").values_list("tree_size", flat=True).first()
        or 0,
        log_unproven_sent=OutboxMessage.objects.filter(
            sent_at__isnull=False, included_at__isnull=True
        ).count(),
        log_alarms=[
            {"code": a.code, "message": a.message, "raised_at": a.raised_at.isoformat()}
            for a in LogAlarm.objects.filter(acknowledged_at__isnull=True).order_by("raised_at")
        ],
    )


def dead_letters_outbox() -> QuerySet[OutboxMessage]:
    """Messages the hub refused for good, not yet retried or discarded."""
    return OutboxMessage.objects.filter(dead_at__isnull=False, resolved_at__isnull=True).order_by("sequence")


def dead_letters_inbox() -> QuerySet[InboxMessage]:
    """Messages this node could not verify or apply, not yet retried or discarded."""
    return InboxMessage.objects.filter(
        status=InboxMessage.Status.REJECTED, resolved_at__isnull=True
    ).order_by("log_index")
