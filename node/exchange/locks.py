"""One push and one pull at a time per node, and the last sync error each of them met."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

from node.exchange.models import SyncState

logger = logging.getLogger("node.exchange")

_LOCAL_LOCKS: dict[str, threading.Lock] = {}


@contextmanager
def exclusive(name: str) -> Iterator[bool]:
    """One push and one pull at a time per node: across worker processes with an advisory
    lock (PostgreSQL), across the threads of the single embedded worker with a thread lock."""
    if connection.vendor != "postgresql":
        # One process (the embedded setup); its worker threads take turns.
        lock = _LOCAL_LOCKS.setdefault(name, threading.Lock())
        acquired = lock.acquire(blocking=False)
        try:
            yield acquired
        finally:
            if acquired:
                lock.release()
        return
    lock_id = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [lock_id])
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_id])


def sync_error_record(*, text: str) -> None:
    """Keep the last error a push or pull met, for the node's sync status."""
    logger.warning("sync error: %s", text)
    SyncState.objects.update_or_create(
        pk=1, defaults={"last_error": text[:2000], "last_error_at": timezone.now()}
    )
