"""What the node's recurring jobs and processes record of themselves, so that its status tells
the truth: a pull, push, log check or report that keeps failing says so (the error, since when,
how many attempts), and a worker or beat that has not been heard from is shown as such."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone

from contracts.errors import ContractError, NotEnrolledError
from node.exchange.models import Activity, ProcessSeen

logger = logging.getLogger("node.exchange.activity")

ACTIVITIES = ("pull", "push", "log-check", "report")


@contextmanager
def activity(name: str) -> Iterator[None]:
    """Run one round of a recurring job, recording that it worked or how it failed; the error
    is raised again for the caller to handle (a task retries, or waits for the next beat)."""
    process_seen(kind="worker")
    try:
        yield
    except NotEnrolledError:
        raise  # not a failure: nothing to do until the node is enrolled
    except Exception as exc:
        text = (
            f"{exc.code}: {exc.message}" if isinstance(exc, ContractError) else f"{type(exc).__name__}: {exc}"
        )
        activity_failed(name=name, error=text)
        raise
    else:
        activity_ok(name=name)


def activity_ok(*, name: str) -> None:
    now = timezone.now()
    _write(
        name,
        lambda: Activity.objects.update_or_create(
            name=name,
            defaults={
                "last_ok_at": now,
                "last_attempt_at": now,
                "failing_since": None,
                "attempts": 0,
                "last_error": "",
            },
        ),
    )


def activity_failed(*, name: str, error: str) -> None:
    now = timezone.now()

    def write() -> None:
        updated = Activity.objects.filter(name=name, failing_since__isnull=False).update(
            attempts=F("attempts") + 1, last_attempt_at=now, last_error=error[:2000]
        )
        if not updated:
            Activity.objects.update_or_create(
                name=name,
                defaults={
                    "failing_since": now,
                    "attempts": 1,
                    "last_attempt_at": now,
                    "last_error": error[:2000],
                },
            )

    logger.warning("%s failing: %s", name, error)
    _write(name, write)


def process_seen(*, kind: str) -> None:
    """The worker (on every job) or the beat (on every tick it sends) is alive."""
    _write(
        kind, lambda: ProcessSeen.objects.update_or_create(kind=kind, defaults={"seen_at": timezone.now()})
    )


def _write(what: str, write: Callable[[], object]) -> None:
    # Recording must never be why a job fails: a database that is down is reported by the
    # job's own error, and the next round records again.
    try:
        write()
    except DatabaseError:
        logger.warning("could not record %s", what, exc_info=True)
