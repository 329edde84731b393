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
from contracts.errors import InvalidRegisterEntryError, NotFoundError
from node.register.access import Actor, audited, people_visible
from node.register.models import (
    TIMELINE_MODELS,
    AccessAction,
    CounsellingPlan,
    CounsellingSession,
    Entry,
    Flag,
    FlagStatus,
    Person,
    PersonStatus,
    Referral,
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


# --- reads for the API and the admin -----------------------------------------------------------


def people_find(*, actor: Actor | Any, query: str, limit: int = 50) -> list[Person]:
    """``people_search`` as one logged read (a search shows several people's names at once)."""
    with audited(actor, action=AccessAction.SEARCH, what="people search") as audit:
        assert audit.actor is not None
        found = list(people_search(actor=audit.actor, query=query, limit=limit))
        audit.what = f"people search: {len(found)} found"
        return found


@dataclass(frozen=True)
class PersonRecord:
    """Everything a person's page shows: details, timeline (newest first) and every flag."""

    person: Person
    timeline: list[TimelineItem]
    flags: list[Flag]


def person_record(*, actor: Actor | Any, person_id: uuid.UUID | str) -> PersonRecord:
    """One person's whole record, read as one logged view."""
    person = person_get(actor=actor, person_id=person_id)
    return PersonRecord(
        person=person, timeline=person_timeline(person=person), flags=person_flags(person=person)
    )


def person_for_change(*, person_id: uuid.UUID | str) -> Person:
    """The person a write is about; the write itself checks who may make it, and logs it."""
    person = Person.objects.select_related("team", "settlement").filter(pk=person_id).first()
    if person is None:
        raise NotFoundError()
    return person


def person_entries(*, actor: Actor | Any, person_id: uuid.UUID | str, model: type[Any]) -> QuerySet[Any]:
    """One kind of ``person``'s timeline entries, newest first, read as one logged view."""
    person = Person.objects.filter(pk=person_id).first()
    what = f"{model._meta.model_name} list"
    with audited(
        actor, action=AccessAction.VIEW, person=person, person_id=uuid.UUID(str(person_id)), what=what
    ):
        if person is None:
            raise NotFoundError()
        entries: QuerySet[Any] = model._default_manager.filter(person=person)
        return entries.select_related("recorded_by") if issubclass(model, Entry) else entries


def plan_for_session(*, actor: Actor | Any, person: Person, plan: CounsellingPlan | None) -> CounsellingPlan:
    """The plan a session is recorded in: the one named (it must be the person's), else the
    person's newest plan. A session without one is refused and logged like any bad entry."""
    chosen = plan or person.counselling_plans.order_by("-started", "-created_at").first()
    if chosen is None or chosen.person_id != person.pk:
        # Refused inside ``audited``, so the role and team are checked first and the attempt is logged.
        with audited(actor, action=AccessAction.CREATE, person=person, what="counselling session"):
            raise InvalidRegisterEntryError(
                "Name one of the person's counselling plans (create a plan first).", detail={"field": "plan"}
            )
    return chosen


def referral_for_change(*, referral_id: uuid.UUID | str) -> Referral:
    referral = Referral.objects.select_related("person").filter(pk=referral_id).first()
    if referral is None:
        raise NotFoundError()
    return referral


def flag_for_decision(*, flag_id: uuid.UUID | str) -> Flag:
    flag = Flag.objects.select_related("person").filter(pk=flag_id).first()
    if flag is None:
        raise NotFoundError()
    return flag


def flags_open(*, actor: Actor) -> QuerySet[Flag]:
    """The flags of ``actor``'s caseload still waiting for a decision, oldest first."""
    return (
        Flag.objects.filter(status=FlagStatus.OPEN, person__in=people_visible(actor))
        .select_related("person", "decided_by")
        .order_by("raised_at", "id")
    )
