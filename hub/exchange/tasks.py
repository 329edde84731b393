from __future__ import annotations

from celery import shared_task

from hub.exchange.services import tree_head_publish


@shared_task(acks_late=True)
def publish_tree_head() -> int:
    """Sign a new tree head if the log grew since the last one."""
    return tree_head_publish().tree_size
