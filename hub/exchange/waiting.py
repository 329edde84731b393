"""Long-polling: a pull with ``?wait=`` waits until the log grows, without holding a database
connection per waiting request.

One watcher thread per web process reads the log's size every ``HUB_WATCH_INTERVAL`` seconds
and wakes every waiting request when it changes; waiting requests close their own connection
first, so a hundred waiting members cost one connection per process, not a hundred.

A waiting request holds a web thread. At most ``HUB_LONG_POLL_SLOTS`` requests of a process
wait at once; a pull that finds them all taken answers at once (an empty page, the node pulls
again on its next beat), so the process always keeps threads for everything else: health,
pushes, the dashboard and the portal.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection

logger = logging.getLogger("hub.exchange.waiting")


class LogWatcher:
    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._size = -1
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._count_lock = threading.Lock()
        self._waiting = 0
        self._stopping = threading.Event()

    def stop(self) -> None:
        """Stop watching (until the next wait starts it again); for tests and shutdown."""
        with self._start_lock:
            thread, self._thread = self._thread, None
            self._stopping.set()
        if thread is not None:
            thread.join(timeout=5)
        self._stopping.clear()

    def waiting(self) -> int:
        """Requests of this process waiting now."""
        return self._waiting

    def wait_beyond(self, size: int, timeout: float) -> bool:
        """Wait up to ``timeout`` s until the log holds more than ``size`` entries; False at
        once when every waiting place of this process is taken."""
        with self._count_lock:
            if self._waiting >= settings.HUB_LONG_POLL_SLOTS:
                return False
            self._waiting += 1
        try:
            self._ensure_running()
            connection.close()  # hold no connection while waiting
            with self._changed:
                return self._changed.wait_for(lambda: self._size > size, timeout=timeout)
        finally:
            with self._count_lock:
                self._waiting -= 1

    def _ensure_running(self) -> None:
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="log-watcher", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        from hub.exchange.selectors import log_size

        failing = False
        while not self._stopping.is_set():
            try:
                close_old_connections()
                size = log_size()
                if size != self._size:
                    with self._changed:
                        self._size = size
                        self._changed.notify_all()
                if failing:
                    logger.info("reading the log size again")
                failing = False
            except Exception:  # the database may be restarting: keep watching, say so once
                if not failing:
                    logger.warning("could not read the log size; retrying every second", exc_info=True)
                failing = True
                connection.close()
            self._stopping.wait(1.0 if failing else settings.HUB_WATCH_INTERVAL)
        connection.close()


WATCHER = LogWatcher()
