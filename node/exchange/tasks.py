from __future__ import annotations

import contextlib
import time

from celery import shared_task
from django.conf import settings

from contracts.errors import HubUnavailableError, NotEnrolledError
from node.exchange.activity_services import activity
from node.exchange.inbox import inbox_pull, inbox_unhandled_ready, inbox_unhandled_replay
from node.exchange.log_services import log_check
from node.exchange.outbox import outbox_push
from node.exchange.report import sync_report


@shared_task(
    acks_late=True, autoretry_for=(HubUnavailableError,), retry_backoff=True, retry_jitter=True, max_retries=5
)
def push_outbox() -> int:
    try:
        with activity("push"):
            return outbox_push(batch_size=settings.NODE_PUSH_BATCH).sent
    except NotEnrolledError:
        return 0


@shared_task(acks_late=True)
def pull_inbox() -> int:
    """Pull, then keep long-polling for up to NODE_PULL_WAIT s, so that a message reaches this
    node as soon as the hub logs it; the beat starts the next round when this one ends."""
    # No retry: the next beat tick pulls again from the same cursor.
    deadline = time.monotonic() + settings.NODE_PULL_WAIT
    applied = 0
    if inbox_unhandled_ready():
        # Kept messages whose type this node applies now (an upgrade, a plug-in): first, in
        # log order, before anything newer of their type is pulled.
        with activity("pull"):
            applied += inbox_unhandled_replay().applied
    try:
        while True:
            remaining = max(0.0, deadline - time.monotonic())
            with activity("pull"):
                report = inbox_pull(limit=settings.NODE_PULL_BATCH, wait=remaining)
            applied += report.applied
            if remaining == 0 or report.pages == 0:  # time is up, or another pull is running
                return applied
            if not report.applied + report.rejected + report.duplicates + report.unhandled:
                # The hub answered with nothing before the time was up (it had no place to
                # wait, or only moved the cursor past our own messages): the next beat pulls.
                return applied
    except (NotEnrolledError, HubUnavailableError):
        return applied


@shared_task(acks_late=True)
def check_log() -> int:
    """Check the hub's newest tree head against the last one, and our messages' inclusion."""
    try:
        with activity("log-check"):
            return log_check().proven
    except (NotEnrolledError, HubUnavailableError):
        return 0


@shared_task(acks_late=True)
def report_sync() -> None:
    """Send this node's sync status to the hub's status page."""
    with contextlib.suppress(NotEnrolledError, HubUnavailableError), activity("report"):
        sync_report()
