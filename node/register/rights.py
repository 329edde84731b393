"""The person's own rights over what the register holds on them: a subject-access export,
rectification and erasure, each with its own line in the access log, and the retention that
removes a closed case once it is past its time (``register_prune``).

The subject-access export (``person_export``) is one JSON object, versioned so that whoever
reads it (the person, their lawyer, a data-protection officer) can rely on its shape:

``format``             ``"socialhub.register.subject-access"``
``version``            ``"1.0"``; a field added keeps the major version, a field removed or
                       changed in meaning raises it
``generated_at``       when the export was made (ISO 8601, UTC)
``language``           the person's language tag; every ``label`` below is in it
``held_by``            ``{"node", "name"}``: the municipality holding the data (null before
                       enrolment)
``person``             the person's fields; a coded field is ``{"code", "label"}``, a list of
                       codes a list of them
``household``          null, or the household's settlement, address and size, the person's role
                       in it and how many other members it has (never who they are)
``timeline``           every entry, newest first: ``type`` (``fieldvisit``, ``riskassessment``,
                       ``counsellingsession``, ``referral``, ``servicedelivery``, ``outcome``),
                       ``type_label``, ``id``, ``date``, ``recorded_at``, ``recorded_by`` and the
                       type's own fields (a service delivered's ``kind`` is one of them)
``counselling_plans``  each plan with its sessions' numbers and ids
``flags``              every flag a rule raised, with its reason, the data it used, and the
                       decision (status, by whom, when, note)
``access_log``         every line of the log about the person, newest first: when, who, action,
                       what, why, allowed, code (the export itself is logged after it is made)

Values the log never holds (names, search text) stay out of it here too.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone, translation

from common.catalogue.hsds import LANGUAGE_NAMES
from common.languages import UI_LANGUAGES
from contracts.errors import InvalidRegisterEntryError
from contracts.vocabulary import (
    DELIVERED_SERVICE_LABELS,
    HOUSEHOLD_ROLE_LABELS,
    OUTCOME_LABELS,
    REFERRAL_DESTINATION_LABELS,
    REFERRAL_STATUS_LABELS,
    RISK_LEVEL_LABELS,
    RISK_TYPE_LABELS,
    SEX_LABELS,
    TARGET_GROUP_LABELS,
)
from node.federation.models import Enrolment
from node.register.access import SYSTEM, Actor, audited
from node.register.models import (
    AccessAction,
    AccessEvent,
    CounsellingPlan,
    CounsellingSession,
    Entry,
    FieldVisit,
    Flag,
    Household,
    ImportRun,
    Outcome,
    Person,
    PersonStatus,
    Referral,
    RiskAssessment,
    ServiceDelivery,
)
from node.register.rules import flag_reason, rule_name
from node.register.selectors import person_timeline
from node.register.services import PERSON_FIELDS, person_fields_apply

EXPORT_FORMAT = "socialhub.register.subject-access"
EXPORT_VERSION = "1.0"


_DJANGO_LANGUAGE = {tag: code for code, tag in UI_LANGUAGES.items()}

_CODED: dict[tuple[type[Entry], str], Mapping[str, Mapping[str, str]]] = {
    (FieldVisit, "risk_types"): RISK_TYPE_LABELS,
    (RiskAssessment, "risk_types"): RISK_TYPE_LABELS,
    (RiskAssessment, "level"): RISK_LEVEL_LABELS,
    (Referral, "destination"): REFERRAL_DESTINATION_LABELS,
    (Referral, "status"): REFERRAL_STATUS_LABELS,
    (ServiceDelivery, "kind"): DELIVERED_SERVICE_LABELS,
    (Outcome, "outcome"): OUTCOME_LABELS,
}
"""The timeline's fields that hold codes of the shared vocabulary, with their labels."""

_ENTRY_COMMON = ("id", "person", "date", "recorded_by", "recorded_at", "source_key")
"""Every entry's fields, given first (or, for ``person`` and ``source_key``, not at all)."""

REMOVED_KINDS: tuple[tuple[str, type[models.Model]], ...] = (
    ("people", Person),
    ("field_visits", FieldVisit),
    ("risk_assessments", RiskAssessment),
    ("counselling_plans", CounsellingPlan),
    ("counselling_sessions", CounsellingSession),
    ("referrals", Referral),
    ("services_delivered", ServiceDelivery),
    ("outcomes", Outcome),
    ("flags", Flag),
    ("households", Household),
)
"""What removing a person removes, by the name reports and log lines give each kind."""


def person_language(person: Person) -> str:
    """The Django language code of the person's language (what their export is written in)."""
    return _DJANGO_LANGUAGE.get(person.language, "en")


# --- subject access ---------------------------------------------------------------------------


def person_export(*, actor: Actor | Any, person: Person) -> dict[str, Any]:
    """Everything the node holds on ``person``, as the versioned JSON the module describes, with
    every label in the person's language. Refused (and logged) like any read: another team's
    person is ``other-team``."""
    with (
        audited(actor, action=AccessAction.EXPORT, person=person, what="subject-access export"),
        translation.override(person_language(person)),
    ):
        return _export(person)


def _export(person: Person) -> dict[str, Any]:
    tag = person.language
    enrolment = Enrolment.objects.first()
    plans = CounsellingPlan.objects.filter(person=person).prefetch_related("sessions").order_by("-started")
    flags = Flag.objects.filter(person=person).select_related("decided_by").order_by("-raised_at")
    log = AccessEvent.objects.filter(person_id=person.pk).order_by("-at", "-pk")
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generated_at": _when(timezone.now()),
        "language": tag,
        "held_by": (
            {"node": enrolment.node_code, "name": enrolment.node_name} if enrolment is not None else None
        ),
        "person": _person_json(person, tag),
        "household": _household_json(person, tag),
        "timeline": [_entry_json(item.entry, tag) for item in person_timeline(person=person)],
        "counselling_plans": [
            {
                "id": str(plan.pk),
                "title": plan.title,
                "sessions_planned": plan.sessions_planned,
                "started": plan.started.isoformat(),
                "created_at": _when(plan.created_at),
                "sessions": [
                    {"number": s.number, "id": str(s.pk)}
                    for s in sorted(plan.sessions.all(), key=lambda s: s.number)
                ],
            }
            for plan in plans
        ],
        "flags": [
            {
                "id": str(flag.pk),
                "rule": {"code": flag.rule, "label": rule_name(flag.rule)},
                "reason": flag_reason(flag),
                "evidence": flag.evidence,
                "raised_at": _when(flag.raised_at),
                "status": {"code": flag.status, "label": str(flag.get_status_display())},
                "decided_by": flag.decided_by.get_username() if flag.decided_by else None,
                "decided_at": _when(flag.decided_at),
                "decision_note": flag.decision_note,
            }
            for flag in flags
        ],
        "access_log": [
            {
                "at": _when(line.at),
                "who": line.username,
                "action": {"code": line.action, "label": str(line.get_action_display())},
                "what": line.what,
                "why": line.why,
                "allowed": line.allowed,
                "code": line.code,
            }
            for line in log
        ],
    }


def _person_json(person: Person, tag: str) -> dict[str, Any]:
    return {
        "id": str(person.pk),
        "reference": person.reference,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "sex": _coded(person.sex, SEX_LABELS, tag),
        "birth_date": person.birth_date.isoformat(),
        "language": {"code": person.language, "label": LANGUAGE_NAMES.get(person.language, person.language)},
        "phone": person.phone,
        "team": {"code": person.team.code, "label": person.team.name},
        "settlement": _settlement(person.settlement),
        "household_role": _coded(person.household_role, HOUSEHOLD_ROLE_LABELS, tag)
        if person.household_role
        else None,
        "target_groups": _coded_list(person.target_groups, TARGET_GROUP_LABELS, tag),
        "risk_types": _coded_list(person.risk_types, RISK_TYPE_LABELS, tag),
        "risk_level": _coded(person.risk_level, RISK_LEVEL_LABELS, tag) if person.risk_level else None,
        "status": {"code": person.status, "label": str(person.get_status_display())},
        "closed_at": _when(person.closed_at),
        "last_contact": person.last_contact.isoformat() if person.last_contact else None,
        "caseworker": person.caseworker.get_username() if person.caseworker else None,
        "created_at": _when(person.created_at),
        "updated_at": _when(person.updated_at),
    }


def _household_json(person: Person, tag: str) -> dict[str, Any] | None:
    household = person.household
    if household is None:
        return None
    return {
        "id": str(household.pk),
        "settlement": _settlement(household.settlement),
        "address": household.address,
        "size": household.size,
        "role": _coded(person.household_role, HOUSEHOLD_ROLE_LABELS, tag) if person.household_role else None,
        # The other members' data is theirs, not this person's: only how many there are.
        "other_members": household.members.exclude(pk=person.pk).count(),
    }


def _entry_json(entry: Entry, tag: str) -> dict[str, Any]:
    model = type(entry)
    found: dict[str, Any] = {
        "type": model._meta.model_name,
        "type_label": str(model._meta.verbose_name),
        "id": str(entry.pk),
        "date": entry.date.isoformat(),
        "recorded_at": _when(entry.recorded_at),
        "recorded_by": entry.recorded_by.get_username() if entry.recorded_by else None,
    }
    for field in model._meta.concrete_fields:
        if field.name in _ENTRY_COMMON:
            continue
        value = getattr(entry, field.attname)
        labels = _CODED.get((model, field.name))
        if labels is not None:
            found[field.name] = (
                _coded_list(value, labels, tag) if isinstance(value, list) else _coded(value, labels, tag)
            )
        elif field.name == "team":
            found["team"] = {"code": entry.team.code, "label": entry.team.name}  # type: ignore[attr-defined]
        elif field.name == "settlement":
            found["settlement"] = _settlement(entry.settlement)  # type: ignore[attr-defined]
        elif field.name == "plan":
            found["plan"] = str(value)
        elif field.choices:
            found[field.name] = {"code": value, "label": str(dict(field.flatchoices).get(value, value))}
        elif isinstance(value, dt.datetime):
            found[field.name] = _when(value)
        elif isinstance(value, dt.date):
            found[field.name] = value.isoformat()
        elif isinstance(value, uuid.UUID):
            found[field.name] = str(value)
        else:
            found[field.name] = value
    return found


def _coded(code: str, labels: Mapping[str, Mapping[str, str]], tag: str) -> dict[str, str]:
    names = labels.get(code, {})
    return {"code": code, "label": names.get(tag) or names.get("en") or code}


def _coded_list(
    codes: Iterable[str], labels: Mapping[str, Mapping[str, str]], tag: str
) -> list[dict[str, str]]:
    return [_coded(code, labels, tag) for code in codes]


def _settlement(settlement: Any) -> dict[str, str]:
    return {"code": settlement.code, "label": settlement.name}


def _when(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value is not None else None


# --- rectification and erasure ----------------------------------------------------------------


def person_rectify(*, actor: Actor | Any, person: Person, fields: Mapping[str, Any], why: str) -> Person:
    """Correct a person's details at their request (or the node's own finding): supervisors only,
    checked as any change is, and logged as ``rectify`` with the names of the fields that
    changed (never their values) and why. A transferred person may be rectified too: what this
    node still holds must be right even when it may no longer add to it."""
    with audited(actor, action=AccessAction.RECTIFY, person=person, what="rectification", why=why) as audit:
        _why_required(why)
        if not fields:
            raise InvalidRegisterEntryError("Name at least one field to rectify.", detail={"field": "fields"})
        unknown = sorted(set(fields) - set(PERSON_FIELDS))
        if unknown:
            raise InvalidRegisterEntryError(
                f"These fields cannot be rectified: {', '.join(unknown)}.", detail={"fields": unknown}
            )
        changed = person_fields_apply(person=person, fields=fields)
        audit.what = f"rectified: {', '.join(changed) if changed else 'nothing changed'}"
        return person


def person_erase(*, actor: Actor | Any, person: Person, why: str) -> dict[str, int]:
    """Remove the person and everything of theirs (timeline, plans, flags, their household once
    nobody is left in it): supervisors only. The access log keeps its lines about the person (they
    name the person by id and hold no values), and this erasure adds one, ``erase``, with why.
    Returns how many rows of each kind went.

    A person with an open case transfer should not be erased before the transfer is settled;
    case transfers are not modelled yet, so nothing here can check it."""
    with audited(actor, action=AccessAction.ERASE, person=person, what="erasure", why=why) as audit:
        _why_required(why)
        removed = _people_remove([person.pk], dry_run=False)
        audit.what = f"erased: {_summary(removed)}"
        return removed


def _why_required(why: str) -> None:
    if not (why or "").strip():
        raise InvalidRegisterEntryError("Say why (it is kept in the access log).", detail={"field": "why"})


def _people_remove(ids: list[uuid.UUID], *, dry_run: bool) -> dict[str, int]:
    """Remove the people ``ids`` with everything of theirs; or, with ``dry_run``, only count it."""
    people = Person.objects.filter(pk__in=ids)
    counts = {
        key: model._default_manager.filter(person__in=people).count()
        for key, model in REMOVED_KINDS
        if model not in (Person, Household)
    }
    households = set(people.exclude(household=None).values_list("household_id", flat=True))
    still_lived_in = set(
        Person.objects.filter(household_id__in=households)
        .exclude(pk__in=ids)
        .values_list("household_id", flat=True)
    )
    emptied = households - still_lived_in
    counts["people"] = people.count()
    counts["households"] = len(emptied)
    if not dry_run:
        people.delete()  # the timeline, plans and flags go with them (CASCADE)
        Household.objects.filter(pk__in=emptied).delete()
    return {key: counts[key] for key, _model in REMOVED_KINDS}


def _summary(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{counts[key]} {key.replace('_', ' ')}" for key in counts if counts[key]) or "nothing"


# --- retention --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PruneReport:
    """What ``register_prune`` removed (or, in a dry run, would remove), by kind."""

    removed: dict[str, int]
    people: list[uuid.UUID]
    dry_run: bool


@transaction.atomic
def register_prune(*, now: dt.datetime | None = None, dry_run: bool = False) -> PruneReport:
    """Remove what is past its retention (``RETENTION_DAYS`` of each model): closed or transferred
    people whose ``closed_at`` is older than theirs, with everything of theirs; empty households
    older than theirs; access-log lines and import runs older than theirs.

    Each person removed gets a ``prune`` line in the log (their id and the day the case closed),
    and the run one summary line, both written by the system. A dry run counts and changes
    nothing, the log included. An active person is never pruned."""
    now = now or timezone.now()
    due = Person.objects.filter(
        status__in=(PersonStatus.CLOSED, PersonStatus.TRANSFERRED),
        closed_at__lt=now - dt.timedelta(days=Person.RETENTION_DAYS),
    )
    people = list(due.values_list("pk", "closed_at"))
    ids = [pk for pk, _closed in people]
    removed = _people_remove(ids, dry_run=dry_run)
    empty = Household.objects.filter(
        members__isnull=True, created_at__lt=now - dt.timedelta(days=Household.RETENTION_DAYS)
    )
    old_log = AccessEvent.objects.filter(at__lt=now - dt.timedelta(days=AccessEvent.RETENTION_DAYS))
    old_runs = ImportRun.objects.filter(at__lt=now - dt.timedelta(days=ImportRun.RETENTION_DAYS))
    removed["households"] += empty.count()
    removed["access_log"] = old_log.count()
    removed["import_runs"] = old_runs.count()
    if not dry_run:
        empty.delete()
        # The old lines go before the new ones are written, so that this run's lines stay.
        old_log.delete()
        old_runs.delete()
        AccessEvent.objects.bulk_create(
            AccessEvent(
                at=now,
                username=SYSTEM,
                person_id=pk,
                action=AccessAction.PRUNE,
                what=f"retention: record removed, case closed {closed:%Y-%m-%d}",
                why="past REGISTER_RETENTION_YEARS",
            )
            for pk, closed in people
        )
        AccessEvent.objects.create(
            at=now, username=SYSTEM, action=AccessAction.PRUNE, what=f"retention: {_summary(removed)}"
        )
    return PruneReport(removed=removed, people=ids, dry_run=dry_run)
