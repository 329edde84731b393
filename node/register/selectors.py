"""Reads of the register, always through the actor's caseload; a read of one person's data is
written to the access log."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from common.search import query_words
from contracts.errors import NotFoundError
from node.register.access import Actor, audited, people_visible
from node.register.models import (
    TIMELINE_MODELS,
    AccessAction,
    CounsellingSession,
    Entry,
    Flag,
    FlagStatus,
    Person,
    PersonStatus,
    SessionStatus,
    StaffRole,
)

SESSIONS_DUE_DAYS = 7
"""The worklist shows sessions due within this many days (and every overdue one)."""


def people_search(*, actor: Actor, query: str = "", limit: int = 50) -> QuerySet[Person]:
    """The people of ``actor``'s caseload whose name or register number matches ``query``, Latin
    input finding Cyrillic names and the reverse (``common.search``)."""
    people = people_visible(actor).select_related("settlement", "team")
    text = query.strip()
    if text and people.filter(reference__iexact=text).exists():
        return people.filter(reference__iexact=text)
    for word in query_words(text):
        people = people.filter(search_key__contains=f" {word}")
    return people.order_by("family_name", "given_name", "id")[:limit]


@dataclass(frozen=True)
class Worklist:
    """A caseworker's day: their people, the flags waiting for a decision, the sessions due."""

    my_people: list[Person]
    open_flags: list[Flag]
    sessions_due: list[CounsellingSession]
    my_people_total: int
    open_flags_total: int


def worklist(*, actor: Actor, limit: int = 50) -> Worklist:
    visible = people_visible(actor)
    mine = visible.filter(caseworker=actor.user, status=PersonStatus.ACTIVE).select_related("settlement")
    flags = (
        Flag.objects.filter(status=FlagStatus.OPEN, person__in=visible)
        .select_related("person")
        .order_by("raised_at")
    )
    until = timezone.localdate() + dt.timedelta(days=SESSIONS_DUE_DAYS)
    due = (
        CounsellingSession.objects.filter(status=SessionStatus.SCHEDULED, date__lte=until, person__in=visible)
        .select_related("person", "plan")
        .order_by("date")
    )
    if actor.role == StaffRole.CASEWORKER:
        # A caseworker's own people and the team's unassigned ones; a supervisor sees them all.
        theirs = Q(person__caseworker=actor.user) | Q(person__caseworker__isnull=True)
        flags, due = flags.filter(theirs), due.filter(theirs)
    return Worklist(
        my_people=list(mine.order_by("family_name", "given_name")[:limit]),
        open_flags=list(flags[:limit]),
        sessions_due=list(due[:limit]),
        my_people_total=mine.count(),
        open_flags_total=flags.count(),
    )


def person_get(*, actor: Actor | Any, person_id: uuid.UUID | str, why: str = "") -> Person:
    """One person, for ``actor`` to read; the read is logged (a refusal too)."""
    try:
        key = uuid.UUID(str(person_id))
    except ValueError:
        raise NotFoundError() from None
    person = (
        Person.objects.select_related("team", "settlement", "household", "caseworker").filter(pk=key).first()
    )
    with audited(
        actor, action=AccessAction.VIEW, person=person, person_id=key, what="person record", why=why
    ):
        if person is None:
            raise NotFoundError()
        return person


@dataclass(frozen=True)
class TimelineItem:
    kind: str
    """The model's name, e.g. fieldvisit, riskassessment, counsellingsession, referral."""
    date: dt.date
    entry: Entry


def person_timeline(*, person: Person) -> list[TimelineItem]:
    """Everything that happened to ``person``, newest first (one query per kind of entry)."""
    items: list[TimelineItem] = []
    for model in TIMELINE_MODELS:
        rows: QuerySet[Any] = model._default_manager.filter(person=person).select_related("recorded_by")
        if model is CounsellingSession:
            rows = rows.select_related("plan")
        items.extend(
            TimelineItem(kind=model._meta.model_name or "", date=row.date, entry=row) for row in rows
        )
    items.sort(key=lambda item: (item.date, item.entry.recorded_at), reverse=True)
    return items


def person_flags(*, person: Person) -> list[Flag]:
    """Every flag ever raised on ``person``, decided or not: nothing is hidden from the record."""
    return list(person.flags.select_related("decided_by").order_by("-raised_at"))
