from __future__ import annotations

from celery import shared_task

from node.cases.consents import consents_expire


@shared_task(acks_late=True)
def expire_consents() -> int:
    """Record the expiry of every consent whose time has come (each counts as expired from its
    ``expires_at`` whether or not this has run)."""
    return consents_expire()
