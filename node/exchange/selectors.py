from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone

from node.exchange.activity_services import ACTIVITIES
from node.exchange.models import (
    Activity,
    InboxMessage,
    LogAlarm,
    OutboxMessage,
    ProcessSeen,
    SyncState,
    TreeHeadSeen,
)
from node.federation.models import Enrolment, Peer
from node.federation.selectors import directory_problems


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
    inbox_unhandled: int
    """Received messages of types this node has no applier for yet, kept to be applied later."""
    unhandled_types: list[str]
    inbox_lag: int
    cursor: str
    last_push_at: str | None
    last_pull_at: str | None
    last_error: str
    log_tree_size: int
    log_unproven_sent: int
    log_alarms: list[dict[str, str]]
    activities: list[dict[str, Any]]
    """Each recurring job: last worked, and if failing, since when, attempts in a row, error."""
    processes: list[dict[str, Any]]
    """The worker and the beat: when last heard from, and whether that is too long ago."""
    problems: list[str]
    """Everything above that is wrong now, in words; empty when the node is healthy."""
    healthy: bool


def sync_status() -> SyncStatus:
    enrolment = Enrolment.objects.first()
    state = SyncState.objects.first() or SyncState()
    inbox = dict(
        InboxMessage.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    pending = OutboxMessage.objects.filter(sent_at__isnull=True, dead_at__isnull=True).count()
    activities = activities_get()
    processes = processes_get() if enrolment is not None else []
    problems = [
        f"{a['name']} failing since {a['failing_since']} "
        f"({a['attempts']} attempt{'' if a['attempts'] == 1 else 's'}): {a['last_error']}"
        for a in activities
        if a["failing_since"]
    ] + [
        f"{p['kind']} not heard from " + (f"since {p['seen_at']}" if p["seen_at"] else "yet")
        for p in processes
        if p["stale"]
    ]
    alarms = [
        {"code": a.code, "message": a.message, "raised_at": a.raised_at.isoformat()}
        for a in LogAlarm.objects.filter(acknowledged_at__isnull=True).order_by("raised_at")
    ]
    problems += [f"log alarm {a['code']}: {a['message']}" for a in alarms]
    problems += directory_problems()
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
        inbox_unhandled=inbox.get(InboxMessage.Status.UNHANDLED, 0),
        unhandled_types=sorted(
            set(
                InboxMessage.objects.filter(status=InboxMessage.Status.UNHANDLED).values_list(
                    "type", flat=True
                )
            )
        )
        if inbox.get(InboxMessage.Status.UNHANDLED)
        else [],
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
        log_alarms=alarms,
        activities=activities,
        processes=processes,
        problems=problems,
        healthy=not problems,
    )


def activities_get() -> list[dict[str, Any]]:
    rows = {a.name: a for a in Activity.objects.all()}
    return [
        {
            "name": name,
            "last_ok_at": _iso(row.last_ok_at) if row else None,
            "last_attempt_at": _iso(row.last_attempt_at) if row else None,
            "failing_since": _iso(row.failing_since) if row else None,
            "attempts": row.attempts if row else 0,
            "last_error": row.last_error if row else "",
        }
        for name, row in ((name, rows.get(name)) for name in ACTIVITIES)
    ]


def processes_get() -> list[dict[str, Any]]:
    """A worker runs a job at least every pull (NODE_PULL_WAIT s at most); the beat sends one
    every few seconds: not heard from in three times that, it is shown as stale."""
    limit = dt.timedelta(seconds=max(60.0, 3 * settings.NODE_PULL_WAIT))
    now = timezone.now()
    seen = dict(ProcessSeen.objects.values_list("kind", "seen_at"))
    return [
        {
            "kind": kind,
            "seen_at": _iso(seen.get(kind)),
            "stale": seen.get(kind) is None or now - seen[kind] > limit,
        }
        for kind in ("worker", "beat")
    ]


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def dead_letters_outbox() -> QuerySet[OutboxMessage]:
    """Messages the hub refused for good, not yet retried or discarded."""
    return OutboxMessage.objects.filter(dead_at__isnull=False, resolved_at__isnull=True).order_by("sequence")


def dead_letters_inbox() -> QuerySet[InboxMessage]:
    """Messages this node could not verify or apply, not yet retried or discarded."""
    return InboxMessage.objects.filter(
        status=InboxMessage.Status.REJECTED, resolved_at__isnull=True
    ).order_by("log_index")
