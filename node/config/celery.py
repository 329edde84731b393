"""The node's celery application; tasks are discovered in the node's apps."""

from __future__ import annotations

import os
import time

from celery import Celery
from celery.signals import beat_init, before_task_publish

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "node.config.settings")

app = Celery("node")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# The beat says it is alive each time it sends a scheduled job (at most every few seconds), so
# that the node's status can tell a beat that stopped from one that has nothing to do.
_BEAT: dict[str, float] = {"running": 0.0, "noted": 0.0}


@beat_init.connect
def _beat_started(**kwargs: object) -> None:
    _BEAT["running"] = 1.0


@before_task_publish.connect
def _beat_ticked(**kwargs: object) -> None:
    if not _BEAT["running"] or time.monotonic() - _BEAT["noted"] < 5:
        return
    _BEAT["noted"] = time.monotonic()
    import django

    django.setup()
    from node.exchange.activity_services import process_seen

    process_seen(kind="beat")
