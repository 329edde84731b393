from __future__ import annotations

from celery import shared_task

from hub.exchange.projections import projections_catch_up
from hub.exchange.services import tree_head_publish


@shared_task(acks_late=True)
def publish_tree_head() -> int:
    """Sign a new tree head if the log grew since the last one."""
    return tree_head_publish().tree_size


@shared_task(acks_late=True)
def project_log() -> dict[str, int]:
    """Bring every projection of the log (the catalogue, …) up to it; returns where each read to
    (nothing when a run already going takes this wake on)."""
    reports = projections_catch_up()
    return {} if reports is None else {name: report.position for name, report in reports.items()}
