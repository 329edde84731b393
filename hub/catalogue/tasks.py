from __future__ import annotations

from celery import shared_task

from hub.catalogue.services import catalogue_project


@shared_task(acks_late=True)
def project_catalogue() -> int:
    """Bring the hub's federated catalogue up to its log; returns the log index read to."""
    return catalogue_project().position
