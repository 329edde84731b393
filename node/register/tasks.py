from __future__ import annotations

from celery import shared_task

from node.register.rights import register_prune


@shared_task(acks_late=True)
def prune_register() -> int:
    """Remove what the register holds past its retention (the beat runs it daily); idempotent:
    a second run the same day finds nothing left to remove."""
    return sum(register_prune().removed.values())
