from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from node.register.rights import register_prune
from node.register.rules import rules_run


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def run_rules() -> int:
    """Raise the flags the register's rules find (celery beat runs it every
    REGISTER_RULES_INTERVAL seconds); running it twice raises nothing twice."""
    return rules_run()


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def prune_register() -> int:
    """Remove what the register holds past its retention (the beat runs it daily); idempotent:
    a second run the same day finds nothing left to remove."""
    return sum(register_prune().removed.values())
