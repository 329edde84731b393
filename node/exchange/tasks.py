from __future__ import annotations

from celery import shared_task
from django.conf import settings

from contracts.errors import HubUnavailableError, NotEnrolledError
from node.exchange.log_services import log_check
from node.exchange.services import inbox_pull, outbox_push


@shared_task(
    acks_late=True, autoretry_for=(HubUnavailableError,), retry_backoff=True, retry_jitter=True, max_retries=5
)
def push_outbox() -> int:
    try:
        return outbox_push(batch_size=settings.NODE_PUSH_BATCH).sent
    except NotEnrolledError:
        return 0


@shared_task(acks_late=True)
def pull_inbox() -> int:
    # No retry: the next beat tick pulls again from the same cursor.
    try:
        return inbox_pull(limit=settings.NODE_PULL_BATCH).applied
    except (NotEnrolledError, HubUnavailableError):
        return 0


@shared_task(acks_late=True)
def check_log() -> int:
    """Check the hub's newest tree head against the last one, and our messages' inclusion."""
    try:
        return log_check().proven
    except (NotEnrolledError, HubUnavailableError):
        return 0
