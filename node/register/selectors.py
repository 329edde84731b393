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
from contracts.errors import InvalidRegisterEntryError, NotFoundError, UnknownCodeError
from node.register.access import Actor, audited, caseload, people_visible
from node.register.models import (
    TIMELINE_MODELS,
    AccessAction,
    AccessEvent,
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


def people_search(*, actor: Actor | Any, query: str = "", limit: int = 50) -> QuerySet[Person]:
    """The people of ``actor``'s caseload whose name or register number matches ``query``, Latin
    input finding Cyrillic names and the reverse (``common.search``).

    The search is logged (``search``) with the number of people it found, not with the query:
    what was typed is usually a name, and the log is kept after the person is erased."""
    with audited(actor, action=AccessAction.SEARCH, what="people search") as audit:
        assert audit.actor is not None
        people = people_visible(audit.actor).select_related("settlement", "team")
        text = query.strip()
        # A register number finds its person alone; evaluated once, the answer is kept.
        found = people.filter(reference__iexact=text)
        if not (text and found):
            for word in query_words(text):
                people = people.filter(search_key__contains=f" {word}")
            found = people.order_by("family_name", "given_name", "id")[:limit]
        # Evaluated here, so that the count is logged; the queryset keeps what it fetched.
        audit.what = f"people search: {len(found)} found"
        return found


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
        Flag.objects.filter(caseload(actor, through="person__"), status=FlagStatus.OPEN)
        .select_related("person")
        .order_by("raised_at")
    )
    until = timezone.localdate() + dt.timedelta(days=SESSIONS_DUE_DAYS)
    due = (
        CounsellingSession.objects.filter(
            caseload(actor, through="person__"), status=SessionStatus.SCHEDULED, date__lte=until
        )
        .select_related("person", "plan")
        .order_by("date")
    )
    if actor.role == StaffRole.CASEWORKER:
        # A caseworker's own people and the team's unassigned ones; a supervisor sees them all.
        theirs = Q(person__caseworker=actor.user) | Q(person__caseworker__isnull=True)
        flags, due = flags.filter(theirs), due.filter(theirs)
    # The worklist names people, so showing it is a read like any other, logged without names.
    with audited(actor, action=AccessAction.VIEW, what="worklist") as audit:
        found = Worklist(
            my_people=list(mine.order_by("family_name", "given_name")[:limit]),
            open_flags=list(flags[:limit]),
            sessions_due=list(due[:limit]),
            my_people_total=mine.count(),
            open_flags_total=flags.count(),
        )
        audit.what = (
            f"worklist: {len(found.my_people)} people, {len(found.open_flags)} flags, "
            f"{len(found.sessions_due)} sessions"
        )
        return found


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


# --- the access log -------------------------------------------------------------------------

ACCESS_LOG_LIMIT = 500
"""The most lines one page of the log shows (newest first)."""


def access_log_for_person(
    *, actor: Actor | Any, person_id: uuid.UUID | str, limit: int = ACCESS_LOG_LIMIT
) -> list[AccessEvent]:
    """Every line of the log about one person, newest first, also after their erasure (the lines
    name the person by id). Only supervisors and auditors read it, and the reading is logged
    (``audit``) on the person's own log."""
    key = _uuid(person_id)
    with audited(actor, action=AccessAction.AUDIT, person_id=key, what="access log of the person"):
        return list(
            AccessEvent.objects.filter(person_id=key).select_related("user").order_by("-at", "-pk")[:limit]
        )


def access_log_for_staff(
    *, actor: Actor | Any, user_id: int | str, limit: int = ACCESS_LOG_LIMIT
) -> list[AccessEvent]:
    """Every line of the log written by one member of staff (their reads, changes and refused
    attempts), newest first; the reading is logged."""
    try:
        key = int(user_id)
    except (TypeError, ValueError):
        raise NotFoundError() from None
    with audited(actor, action=AccessAction.AUDIT, what=f"access log of user {key}"):
        return list(AccessEvent.objects.filter(user_id=key).order_by("-at", "-pk")[:limit])


def access_log_recent(
    *, actor: Actor | Any, action: str = "", refused_only: bool = False, limit: int = ACCESS_LOG_LIMIT
) -> list[AccessEvent]:
    """The newest lines of the whole log, of one ``action`` and only refused attempts if asked;
    the reading is logged."""
    with audited(actor, action=AccessAction.AUDIT, what="recent access log"):
        if action and action not in AccessAction.values:
            raise UnknownCodeError(
                f"action: {action!r} is not an access-log action.", detail={"field": "action"}
            )
        lines = AccessEvent.objects.select_related("user")
        if action:
            lines = lines.filter(action=action)
        if refused_only:
            lines = lines.filter(allowed=False)
        return list(lines.order_by("-at", "-pk")[:limit])


def _uuid(value: uuid.UUID | str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFoundError() from None


# --- reads for the API and the admin -----------------------------------------------------------


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
        Flag.objects.filter(caseload(actor, through="person__"), status=FlagStatus.OPEN)
        .select_related("person", "decided_by")
        .order_by("raised_at", "id")
    )
