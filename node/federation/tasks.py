from __future__ import annotations

from celery import shared_task

from contracts.errors import HubUnavailableError, NotEnrolledError
from node.federation.services import directory_refresh, encryption_key_ensure, encryption_keys_prune


@shared_task(acks_late=True, autoretry_for=(HubUnavailableError,), retry_backoff=True, max_retries=3)
def refresh_directory() -> int:
    try:
        members = len(directory_refresh().members)
    except NotEnrolledError:
        return 0
    # A node enrolled while its hub took no encryption key publishes one once the hub does.
    encryption_key_ensure()
    return members


@shared_task(acks_late=True)
def prune_keys() -> int:
    """Destroy encryption keys retired longer ago than NODE_ENCRYPTION_KEY_RETENTION_DAYS."""
    return len(encryption_keys_prune())
