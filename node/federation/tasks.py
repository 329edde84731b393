from __future__ import annotations

from celery import shared_task

from contracts.errors import HubUnavailableError, NotEnrolledError
from node.federation.services import directory_refresh


@shared_task(acks_late=True, autoretry_for=(HubUnavailableError,), retry_backoff=True, max_retries=3)
def refresh_directory() -> int:
    try:
        return len(directory_refresh().members)
    except NotEnrolledError:
        return 0
