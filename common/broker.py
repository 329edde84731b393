"""The embedded broker of the one-command demo: kombu's filesystem transport, made atomic.

kombu's own filesystem transport writes a message file in place, so a consumer that lists the
queue folder at the wrong moment moves and reads a half-written file and dies with a
``JSONDecodeError`` that nothing recovers from; and it moves consumed files to the system's
temporary folder, which may be another file system (a copy, not a rename). Here:

- a producer writes the message under a temporary name in a staging folder on the same file
  system and renames it into the queue folder, so a reader sees a whole file or none;
- a consumer claims a file by renaming it into its own claimed folder (atomic: of two readers
  one wins, the other gets ``FileNotFoundError`` and moves on), reads it, and removes it;
- the exchange tables in the control folder are rewritten whole under a lock and renamed into
  place, so a reader never parses a table that is being written;
- a file that still cannot be read as a message is moved aside to ``rejected/`` and logged,
  never raised: one bad file must not stop the worker.

The broker only wakes workers; every message that matters is in the database (outbox, log,
inbox), so a wake-up lost in a crash is made good by the next beat tick.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from queue import Empty
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem, virtual
from kombu.utils.json import dumps, loads

logger = logging.getLogger("socialhub.broker")
_EXCHANGE_NAME = re.compile(r"^[A-Za-z0-9_.@-]*$")


def folders(root: Path, *, polling_interval: float = 0.2) -> dict[str, object]:
    """The transport options for a broker kept under ``root`` (the folders are made on first use)."""
    return {
        "data_folder_in": str(root / "queue"),
        "data_folder_out": str(root / "queue"),
        "control_folder": str(root / "control"),
        "processed_folder": str(root / "claimed"),
        "store_processed": False,
        "polling_interval": polling_interval,
    }


class Channel(filesystem.Channel):
    def _queue_folder(self) -> Path:
        folder = Path(self.data_folder_in)
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def _side_folder(self, name: str) -> Path:
        folder = Path(self.data_folder_in).parent / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    # --- the exchange tables (control folder) -------------------------------------------

    @contextmanager
    def _table_lock(self) -> Iterator[None]:
        folder = Path(self.control_folder)
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _table_file(self, exchange: str) -> Path:
        # The name becomes a file name: only the plain names celery and kombu use.
        if not _EXCHANGE_NAME.match(exchange) or not exchange.strip("."):
            raise ChannelError(f"Invalid exchange name: {exchange!r}")
        return Path(self.control_folder) / f"{exchange}.exchange"

    def get_table(self, exchange: str) -> list[Any]:
        file = self._table_file(exchange)
        try:
            table = loads(file.read_bytes())
        except FileNotFoundError:
            return []
        return [filesystem.exchange_queue_t(*row) for row in table]

    def _rewrite_table(self, exchange: str, change: Callable[[list[Any]], list[Any]]) -> None:
        file = self._table_file(exchange)
        with self._table_lock():
            rows = self.get_table(exchange)
            changed = change(list(rows))
            if changed == rows and file.exists():
                return
            staged = file.with_name(f".{file.name}.{uuid.uuid4().hex}")
            staged.write_bytes(dumps(changed).encode())
            os.replace(staged, file)

    def _queue_bind(self, exchange: str, routing_key: str, pattern: str | None, queue: str) -> None:
        row = filesystem.exchange_queue_t(routing_key or "", pattern or "", queue or "")
        self._rewrite_table(exchange, lambda rows: rows if row in rows else [row, *rows])

    def _delete(
        self, queue: str, exchange: str, routing_key: str, pattern: str, *args: Any, **kwargs: Any
    ) -> None:
        virtual.Channel._delete(self, queue, exchange, routing_key, pattern, *args, **kwargs)
        row = filesystem.exchange_queue_t(routing_key or "", pattern or "", queue or "")
        self._rewrite_table(exchange, lambda rows: [r for r in rows if r != row])

    # --- messages --------------------------------------------------------------------------

    def _put(self, queue: str, payload: Any, **kwargs: Any) -> None:  # type: ignore[override]
        # Zero-padded nanoseconds keep the names in the order they were written.
        name = f"{time.time_ns():020d}_{uuid.uuid4().hex}.{queue}.msg"
        staged = self._side_folder("staging") / name
        try:
            with open(staged, "wb") as file:
                file.write(dumps(payload).encode())
                file.flush()
                os.fsync(file.fileno())
            os.replace(staged, self._queue_folder() / name)
        except OSError as exc:
            raise ChannelError(f"Cannot add {name!r} to the queue folder") from exc

    def _get(self, queue: str) -> Any:  # type: ignore[override]
        wanted = f"{queue}.msg"
        folder = self._queue_folder()
        claimed_folder = self._side_folder("claimed")
        for name in sorted(os.listdir(folder)):
            if name.partition(".")[2] != wanted:
                continue
            claimed = claimed_folder / name
            try:
                os.rename(folder / name, claimed)
            except FileNotFoundError:
                continue  # another reader took it first
            try:
                payload = claimed.read_bytes()
                message = loads(payload)
            except (OSError, ValueError) as exc:
                rejected = self._side_folder("rejected") / name
                os.replace(claimed, rejected)
                logger.error("broker: %s is not a message (%s); moved to %s", name, exc, rejected)
                continue
            claimed.unlink(missing_ok=True)
            return message
        raise Empty()

    def _size(self, queue: str) -> int:
        wanted = f"{queue}.msg"
        return sum(1 for name in os.listdir(self._queue_folder()) if name.partition(".")[2] == wanted)

    def _purge(self, queue: str) -> int:
        wanted = f"{queue}.msg"
        count = 0
        folder = self._queue_folder()
        for name in os.listdir(folder):
            if name.partition(".")[2] == wanted:
                try:
                    (folder / name).unlink()
                    count += 1
                except FileNotFoundError:
                    pass
        return count


class Transport(filesystem.Transport):
    """Select with ``CELERY_BROKER_TRANSPORT = "common.broker:Transport"``."""

    Channel = Channel
