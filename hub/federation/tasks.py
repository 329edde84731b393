from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from hub.federation.services import request_nonces_purge


@shared_task(acks_late=True)
def purge_request_nonces() -> int:
    """Forget nonces older than twice the window: their requests are refused as stale anyway."""
    window = dt.timedelta(seconds=2 * settings.HUB_REQUEST_MAX_SKEW_SECONDS)
    return request_nonces_purge(before=timezone.now() - window)
