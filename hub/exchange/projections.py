"""The hub's own readers of its log: one projector for every family the hub projects.

A family that wants a view of the log at the hub (the federated catalogue, the ministry's
statistics, …) registers a ``Projection``: the message types it reads, how it applies a page of
events of one type, and how it forgets everything for a rebuild. The projector does the rest for
all of them alike: one cursor row per projection (``ProjectionCursor``), pages read in log order
and applied in one transaction each (a crash repeats at most the page it was in, whose
transaction never committed), one beat task (``hub.exchange.tasks.project_log``), a dead letter
for an entry a projection cannot apply (it goes on past it), a retry, and a rebuild.

The log is the source of truth; a projection is derived and can always be rebuilt from it. What
the log holds was verified at ingest, so here it is re-read (``LoggedEnvelope``), not verified
again.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from common.isolation import apply_isolated, failure
from contracts.envelope import logged_envelope
from contracts.errors import ApplyFailedError, ContractError, NotFoundError
from contracts.messages import Event, read_message, upcast
from hub.exchange.models import LogState, Message, ProjectionCursor
from hub.exchange.services import projection_dead_letter, projection_dead_letter_resolve

logger = logging.getLogger("hub.exchange.projections")


@dataclass(frozen=True, slots=True)
class Logged:
    """One log entry as a projection sees it: its index, when the hub logged it, and its event
    (at the current version of its type)."""

    log_index: int
    received_at: dt.datetime
    event: Event[Any]


PageApplier = Callable[[str, list[Logged]], dict[int, ContractError]]
"""Applies a page of entries of one message type, in log order; returns the errors by position
(every other entry is applied). An ``ApplyFailedError`` makes a dead letter; any other error is
the projection's own rule refusing the entry (an older revision, another owner), counted."""


@dataclass(frozen=True)
class Projection:
    name: str
    types: frozenset[str]
    apply: PageApplier
    reset: Callable[[], None]
    """Forget everything the projection holds (its cursor is reset by the projector)."""


_PROJECTIONS: dict[str, Projection] = {}


def projection_register(projection: Projection) -> Projection | None:
    """Register (or replace) a projection; an app calls it from its ``AppConfig.ready``.
    Returns the projection it replaces."""
    previous = _PROJECTIONS.get(projection.name)
    _PROJECTIONS[projection.name] = projection
    return previous


def projection_unregister(name: str) -> None:
    _PROJECTIONS.pop(name, None)


def projections() -> dict[str, Projection]:
    return dict(_PROJECTIONS)


def _projection(name: str) -> Projection:
    try:
        return _PROJECTIONS[name]
    except KeyError:
        raise NotFoundError(
            f"No projection is called {name!r}; known: {', '.join(sorted(_PROJECTIONS))}."
        ) from None


@dataclass
class ProjectionReport:
    read: int = 0
    applied: int = 0
    refused: int = 0
    dead: int = 0
    position: int = 0


def _logged(message: Message) -> Logged:
    event = upcast(read_message(logged_envelope(bytes(message.envelope), signer=message.source.code)))
    return Logged(log_index=message.log_index, received_at=message.received_at, event=event)


def projection_run(*, name: str, page_size: int = 1000, max_pages: int = 100) -> ProjectionReport:
    """Apply the entries of ``name``'s types logged since its last run, a page per transaction."""
    projection = _projection(name)
    report = ProjectionReport()
    for _ in range(max_pages):
        with transaction.atomic():
            cursor, _ = ProjectionCursor.objects.select_for_update().get_or_create(name=name)
            # Everything up to the size read first has committed (entries are appended in index
            # order under the log's lock): a page that is not full has read all of it.
            size = LogState.objects.values_list("size", flat=True).first() or 0
            rows = list(
                Message.objects.filter(
                    log_index__gt=cursor.position, log_index__lte=size, type__in=projection.types
                )
                .select_related("source")
                .order_by("log_index")[:page_size]
            )
            full = len(rows) == page_size
            page = _apply_page(projection, rows, cursor)
            report.read += page.read
            report.applied += page.applied
            report.refused += page.refused
            report.dead += page.dead
            cursor.position = rows[-1].log_index if full else max(cursor.position, size)
            cursor.applied_total += page.applied
            cursor.refused_total += page.refused
            cursor.save()
            report.position = cursor.position
        if not full:
            break
    return report


def _apply_page(projection: Projection, rows: list[Message], cursor: ProjectionCursor) -> ProjectionReport:
    page = ProjectionReport(read=len(rows))
    by_type: dict[str, list[Logged]] = {}
    dead: dict[int, ContractError] = {}
    for message in rows:
        try:
            by_type.setdefault(message.type, []).append(_logged(message))
        except ContractError as exc:
            dead[message.log_index] = exc
        except Exception as exc:  # an entry no check foresaw: kept aside, never blocking
            logger.exception("log entry %d cannot be read for %s", message.log_index, projection.name)
            dead[message.log_index] = failure(exc)
    for message_type, entries in by_type.items():
        # One entry that cannot be applied is narrowed down and kept as a dead letter; the others
        # are applied in log order (common.isolation).
        errors = apply_isolated(_typed(projection, message_type), entries)
        for position, error in errors.items():
            if isinstance(error, ApplyFailedError):
                dead[entries[position].log_index] = error
                continue
            logger.warning("%s entry not applied: %s %s", projection.name, error.code, error.message)
            cursor.last_refusal = f"#{entries[position].log_index} {error.code}: {error.message}"[:2000]
            page.refused += 1
        page.applied += len(entries) - len(errors)
    for log_index, error in sorted(dead.items()):
        projection_dead_letter(consumer=projection.name, log_index=log_index, error=error)
        cursor.last_refusal = f"#{log_index} {error.code}: {error.message}"[:2000]
    page.dead = len(dead)
    return page


def _typed(projection: Projection, message_type: str) -> Callable[[list[Logged]], dict[int, ContractError]]:
    def apply(items: list[Logged]) -> dict[int, ContractError]:
        return projection.apply(message_type, items)

    return apply


def projections_run(*, page_size: int = 1000, max_pages: int = 100) -> dict[str, ProjectionReport]:
    """Bring every registered projection up to the log; one that fails does not stop the others."""
    reports: dict[str, ProjectionReport] = {}
    for name in sorted(_PROJECTIONS):
        try:
            reports[name] = projection_run(name=name, page_size=page_size, max_pages=max_pages)
        except Exception:
            # A database that went away, a bug: this projection tries again at the next tick.
            logger.exception("projection %s failed; it will try again", name)
    return reports


_CATCHING_UP = threading.Lock()
_AGAIN = threading.Event()


def projections_catch_up(
    *, run: Callable[[], dict[str, ProjectionReport]] = projections_run
) -> dict[str, ProjectionReport] | None:
    """``run`` (every projection up to the log) once at a time in this process. A wake that finds
    a run going asks it to go round once more and returns at once (``None``): a burst of wakes
    (nine nodes releasing a month together) then makes one writer rather than a queue of them,
    which on a database of one writer at a time (SQLite) kept the hub's requests waiting past
    their busy timeout."""
    if not _CATCHING_UP.acquire(blocking=False):
        _AGAIN.set()
        return None
    try:
        while True:
            _AGAIN.clear()
            reports = run()
            if not _AGAIN.is_set():
                return reports
    finally:
        _CATCHING_UP.release()


def projection_rebuild(*, name: str) -> ProjectionReport:
    """Forget the projection and read the whole log again."""
    projection = _projection(name)
    with transaction.atomic():
        projection.reset()
        ProjectionCursor.objects.update_or_create(
            name=name, defaults={"position": 0, "applied_total": 0, "refused_total": 0, "last_refusal": ""}
        )
    return projection_run(name=name, max_pages=10**9)


def projection_retry(*, name: str, log_index: int) -> ContractError | None:
    """Apply one log entry that became a dead letter of ``name`` again (after a fix); returns why
    it is still refused, or nothing when it was applied (the dead letter is then resolved)."""
    projection = _projection(name)
    message = Message.objects.select_related("source").filter(log_index=log_index).first()
    if message is None:
        raise NotFoundError(f"The log has no entry {log_index}.")
    with transaction.atomic():
        # The same outcomes as in its turn: an entry that cannot be read or applied stays a dead
        # letter; one the projection's rules refuse is decided, as it would have been.
        try:
            logged = _logged(message)
        except ContractError as exc:
            projection_dead_letter(consumer=name, log_index=log_index, error=exc)
            return exc
        error = apply_isolated(_typed(projection, message.type), [logged]).get(0)
        if isinstance(error, ApplyFailedError):
            projection_dead_letter(consumer=name, log_index=log_index, error=error)
            return error
        outcome = "applied on retry" if error is None else f"refused on retry: {error.code}"
        projection_dead_letter_resolve(consumer=name, log_index=log_index, resolution=outcome)
        return error
