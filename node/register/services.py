"""Writes to the register. Every one runs ``audited``: checked against the actor's role and
team, validated, and committed with its access-log line, or refused with a stable code, nothing
stored, and the attempt logged.

Dates are days (``YYYY-MM-DD``); an event that has happened (a visit, an assessment, a session
held, a referral sent, a service given, an outcome) may not be dated in the future. Codes come
from the shared vocabulary (``contracts.vocabulary``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from common.catalogue.models import FederatedService
from common.search import search_key
from contracts.errors import (
    ContractError,
    DuplicatePersonError,
    FlagDecidedError,
    FutureDateError,
    InvalidDateError,
    InvalidRegisterEntryError,
    MissingAssessorError,
    PersonReadOnlyError,
    UnknownCodeError,
    UnknownServiceError,
    UnknownSettlementError,
)
from contracts.vocabulary import (
    DELIVERED_SERVICE_LABELS,
    HOUSEHOLD_ROLE_LABELS,
    LANGUAGE_TAGS,
    OUTCOME_LABELS,
    REFERRAL_DESTINATION_LABELS,
    REFERRAL_STATUS_LABELS,
    RISK_LEVEL_LABELS,
    RISK_TYPE_LABELS,
    SEX_LABELS,
    TARGET_GROUP_LABELS,
)
from node.register.access import Actor, access_record, actor_of, audited, people_visible
from node.register.models import (
    AccessAction,
    CounsellingPlan,
    CounsellingSession,
    FieldVisit,
    Flag,
    FlagStatus,
    Household,
    Outcome,
    Person,
    PersonStatus,
    Referral,
    RiskAssessment,
    ServiceDelivery,
    SessionStatus,
    Settlement,
    Team,
)

# --- checks shared by every write ---------------------------------------------------------


def register_date(value: dt.date | str | None, *, field: str, past: bool = True) -> dt.date:
    """``value`` as a day; refuses a malformed date and, for what has already happened, a future one."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value or "").strip())
        except ValueError:
            raise InvalidDateError(
                f"{field}: {value!r} is not a date in the form YYYY-MM-DD.", detail={"field": field}
            ) from None
    if day.year < 1900:
        raise InvalidDateError(f"{field}: {day} is before 1900.", detail={"field": field})
    if past and day > timezone.localdate():
        raise FutureDateError(f"{field}: {day} is in the future.", detail={"field": field, "value": str(day)})
    return day


def register_codes(
    values: Iterable[str] | None, vocabulary: Mapping[str, object], *, field: str
) -> list[str]:
    """``values`` as a list of known codes, each once, in the vocabulary's order."""
    given = list(values or [])
    unknown = [code for code in given if code not in vocabulary]
    if unknown:
        raise UnknownCodeError(
            f"{field}: {', '.join(map(str, unknown))} is not in the shared vocabulary.",
            detail={"field": field, "unknown": unknown},
        )
    return [code for code in vocabulary if code in given]


def register_code(value: str, vocabulary: Mapping[str, object], *, field: str) -> str:
    if value not in vocabulary:
        raise UnknownCodeError(
            f"{field}: {value!r} is not in the shared vocabulary.",
            detail={"field": field, "unknown": [value]},
        )
    return value


def register_settlement(value: Settlement | str) -> Settlement:
    """The settlement named by its code (or its name, as field teams write it)."""
    if isinstance(value, Settlement):
        return value
    text = str(value or "").strip()
    found = Settlement.objects.filter(code=text).first() or (
        Settlement.objects.filter(name__iexact=text).first()
        or Settlement.objects.filter(name_latin__iexact=text).first()
    )
    if found is None:
        raise UnknownSettlementError(f"settlement: {text!r} is not one of this municipality's settlements.")
    return found


def _required(value: str, *, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidRegisterEntryError(f"{field} is required.", detail={"field": field})
    return text


def _writable(person: Person) -> None:
    if person.status == PersonStatus.TRANSFERRED:
        raise PersonReadOnlyError(detail={"person": str(person.pk)})


def _contact(person: Person, day: dt.date) -> None:
    if person.last_contact is None or day > person.last_contact:
        person.last_contact = day
        person.updated_at = timezone.now()
        person.save(update_fields=["last_contact", "updated_at"])


def person_search_key(person: Person) -> str:
    return search_key(person.given_name, person.family_name, person.reference)


# --- people and households ----------------------------------------------------------------

PERSON_FIELDS = (
    "reference",
    "given_name",
    "family_name",
    "sex",
    "birth_date",
    "language",
    "phone",
    "settlement",
    "household",
    "household_role",
    "target_groups",
    "caseworker",
)


def _person_values(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(fields) - set(PERSON_FIELDS) - {"team"})
    if unknown:
        raise InvalidRegisterEntryError(f"Unknown fields: {', '.join(unknown)}.", detail={"fields": unknown})
    values = dict(fields)
    for name in ("reference", "given_name", "family_name"):
        if name in values:
            values[name] = _required(str(values[name]), field=name)
    if "birth_date" in values:
        values["birth_date"] = register_date(values["birth_date"], field="birth_date")
    if "sex" in values:
        values["sex"] = register_code(values["sex"], SEX_LABELS, field="sex")
    if "language" in values:
        values["language"] = register_code(values["language"], dict.fromkeys(LANGUAGE_TAGS), field="language")
    if "settlement" in values:
        values["settlement"] = register_settlement(values["settlement"])
    if values.get("household_role"):
        values["household_role"] = register_code(
            values["household_role"], HOUSEHOLD_ROLE_LABELS, field="household_role"
        )
    if "target_groups" in values:
        values["target_groups"] = register_codes(
            values["target_groups"], TARGET_GROUP_LABELS, field="target_groups"
        )
    return values


def _duplicate(values: Mapping[str, Any], *, exclude: uuid.UUID | None = None) -> None:
    people = Person.objects.exclude(pk=exclude) if exclude else Person.objects.all()
    if "reference" in values and people.filter(reference=values["reference"]).exists():
        raise DuplicatePersonError(
            f"Register number {values['reference']} is already in use.", detail={"field": "reference"}
        )
    if {"given_name", "family_name", "birth_date"} <= set(values):
        key = search_key(values["given_name"], values["family_name"])
        same = people.filter(birth_date=values["birth_date"]).only("given_name", "family_name")
        if any(search_key(p.given_name, p.family_name) == key for p in same):
            raise DuplicatePersonError(
                "A person with the same name and date of birth is already registered.",
                detail={"field": "given_name"},
            )


def person_create(*, actor: Actor | Any, fields: Mapping[str, Any], why: str = "") -> Person:
    """Register a person. ``fields`` hold ``PERSON_FIELDS`` (and ``team``, by default the actor's)."""
    with audited(actor, action=AccessAction.CREATE, what="person", why=why) as audit:
        values = _person_values(fields)
        for name in ("reference", "given_name", "family_name", "birth_date", "settlement"):
            if name not in values:
                raise InvalidRegisterEntryError(f"{name} is required.", detail={"field": name})
        _duplicate(values)
        assert audit.actor is not None
        team = values.pop("team", None) or audit.actor.staff.team
        if team is None:
            raise InvalidRegisterEntryError("The person needs a team.", detail={"field": "team"})
        if not isinstance(team, Team):
            team = Team.objects.get(code=team)
        person = Person(team=team, **values)
        person.search_key = person_search_key(person)
        person.save()
        audit.person_id = person.pk
        return person


def person_update(*, actor: Actor | Any, person: Person, fields: Mapping[str, Any], why: str = "") -> Person:
    """Change a person's details (a rectification, with its own log line, is ``person_rectify``)."""
    with audited(
        actor, action=AccessAction.UPDATE, person=person, what=f"person: {', '.join(sorted(fields))}", why=why
    ):
        _writable(person)
        person_fields_apply(person=person, fields=fields)
        return person


def person_fields_apply(*, person: Person, fields: Mapping[str, Any]) -> list[str]:
    """Check ``fields`` as ``person_create`` does and save them on ``person``; returns the names
    of the fields whose value changed. Runs inside the caller's ``audited`` block (an update, a
    rectification), which logs it."""
    values = _person_values(fields)
    _duplicate(
        {
            "given_name": values.get("given_name", person.given_name),
            "family_name": values.get("family_name", person.family_name),
            "birth_date": values.get("birth_date", person.birth_date),
            **({"reference": values["reference"]} if "reference" in values else {}),
        },
        exclude=person.pk,
    )
    changed = sorted(name for name, value in values.items() if getattr(person, name) != value)
    for name, value in values.items():
        setattr(person, name, value)
    person.search_key = person_search_key(person)
    person.updated_at = timezone.now()
    person.save()
    return changed


def household_create(
    *,
    actor: Actor | Any,
    settlement: Settlement | str,
    address: str = "",
    size: int | None = None,
    team: Team | None = None,
) -> Household:
    with audited(actor, action=AccessAction.CREATE, what="household") as audit:
        place = register_settlement(settlement)
        assert audit.actor is not None
        owner = team or audit.actor.staff.team
        if owner is None:
            raise InvalidRegisterEntryError("The household needs a team.", detail={"field": "team"})
        return Household.objects.create(team=owner, settlement=place, address=address.strip(), size=size)


# --- the timeline ---------------------------------------------------------------------------


def visit_record(
    *,
    actor: Actor | Any,
    person: Person,
    date: dt.date | str,
    settlement: Settlement | str | None = None,
    findings: str = "",
    risk_types: Iterable[str] = (),
    consent_to_record: bool,
    team: Team | None = None,
    source_key: str = "",
) -> FieldVisit:
    with audited(actor, action=AccessAction.CREATE, person=person, what="field visit"):
        _writable(person)
        day = register_date(date, field="date")
        visit = FieldVisit.objects.create(
            person=person,
            date=day,
            team=team or person.team,
            settlement=register_settlement(settlement) if settlement else person.settlement,
            findings=findings.strip(),
            risk_types=register_codes(risk_types, RISK_TYPE_LABELS, field="risk_types"),
            consent_to_record=bool(consent_to_record),
            recorded_by=_user(actor),
            source_key=source_key,
        )
        _contact(person, day)
        return visit


def assessment_record(
    *,
    actor: Actor | Any,
    person: Person,
    date: dt.date | str,
    risk_types: Iterable[str],
    level: str,
    assessor: str,
    basis: str,
) -> RiskAssessment:
    """Record an assessment; the person's current risk types and level become its."""
    with audited(actor, action=AccessAction.CREATE, person=person, what="risk assessment"):
        _writable(person)
        if not (assessor or "").strip():
            raise MissingAssessorError(detail={"field": "assessor"})
        if not (basis or "").strip():
            raise MissingAssessorError(
                "A risk assessment must say on what basis it was made.", detail={"field": "basis"}
            )
        day = register_date(date, field="date")
        codes = register_codes(risk_types, RISK_TYPE_LABELS, field="risk_types")
        if not codes:
            raise InvalidRegisterEntryError("Name at least one risk type.", detail={"field": "risk_types"})
        assessment = RiskAssessment.objects.create(
            person=person,
            date=day,
            risk_types=codes,
            level=register_code(level, RISK_LEVEL_LABELS, field="level"),
            assessor=assessor.strip(),
            basis=basis.strip(),
            recorded_by=_user(actor),
        )
        latest = RiskAssessment.objects.filter(person=person).order_by("-date", "-recorded_at").first()
        if latest is not None and latest.pk == assessment.pk:
            person.risk_types, person.risk_level = codes, assessment.level
            person.updated_at = timezone.now()
            person.save(update_fields=["risk_types", "risk_level", "updated_at"])
        _contact(person, day)
        return assessment


def plan_create(
    *, actor: Actor | Any, person: Person, title: str, started: dt.date | str, sessions_planned: int = 3
) -> CounsellingPlan:
    with audited(actor, action=AccessAction.CREATE, person=person, what="counselling plan"):
        _writable(person)
        if not 1 <= int(sessions_planned) <= 50:
            raise InvalidRegisterEntryError(
                "A plan has 1 to 50 sessions.", detail={"field": "sessions_planned"}
            )
        return CounsellingPlan.objects.create(
            person=person,
            title=_required(title, field="title"),
            started=register_date(started, field="started"),
            sessions_planned=int(sessions_planned),
        )


def session_record(
    *,
    actor: Actor | Any,
    plan: CounsellingPlan,
    date: dt.date | str,
    status: str = SessionStatus.HELD,
    number: int | None = None,
    topic: str = "",
    counsellor: str = "",
    notes: str = "",
) -> CounsellingSession:
    """Record a session of ``plan`` (held or missed), or schedule one (its date is then when it is due).
    A session already scheduled under that number is updated in place."""
    person = plan.person
    with audited(actor, action=AccessAction.CREATE, person=person, what="counselling session"):
        _writable(person)
        if status not in SessionStatus.values:
            raise UnknownCodeError(f"status: {status!r} is not a session status.", detail={"field": "status"})
        day = register_date(date, field="date", past=status != SessionStatus.SCHEDULED)
        if number is None:
            scheduled = plan.sessions.filter(status=SessionStatus.SCHEDULED).order_by("number").first()
            number = (
                scheduled.number
                if scheduled is not None and status != SessionStatus.SCHEDULED
                else (plan.sessions.aggregate(n=Max("number"))["n"] or 0) + 1
            )
        if not 1 <= number <= plan.sessions_planned:
            raise InvalidRegisterEntryError(
                f"The plan has {plan.sessions_planned} sessions; there is no session {number}.",
                detail={"field": "number"},
            )
        session = plan.sessions.filter(number=number).first()
        if session is not None and session.status != SessionStatus.SCHEDULED:
            raise InvalidRegisterEntryError(
                f"Session {number} is already recorded.", detail={"field": "number"}
            )
        if session is None:
            session = CounsellingSession(plan=plan, person=person, number=number)
        session.date, session.status = day, status
        session.topic, session.counsellor, session.notes = topic.strip(), counsellor.strip(), notes.strip()
        session.recorded_by = _user(actor)
        session.save()
        if status == SessionStatus.HELD:
            _contact(person, day)
        return session


def referral_record(
    *,
    actor: Actor | Any,
    person: Person,
    date: dt.date | str,
    destination: str,
    service_id: uuid.UUID | str | None = None,
    reason: str = "",
) -> Referral:
    """Refer the person; a referral to a catalogue service names it by its federation-wide id."""
    with audited(actor, action=AccessAction.CREATE, person=person, what="referral"):
        _writable(person)
        day = register_date(date, field="date")
        register_code(destination, REFERRAL_DESTINATION_LABELS, field="destination")
        service = _catalogue_service(service_id) if service_id else None
        if destination == "catalogue_service" and service is None:
            raise UnknownServiceError("A referral to a catalogue service must name the service.")
        referral = Referral.objects.create(
            person=person,
            date=day,
            destination=destination,
            service_id=service.service_id if service else None,
            service_origin=service.origin if service else "",
            service_name=service.display_name[:300] if service else "",
            reason=reason.strip(),
            recorded_by=_user(actor),
        )
        _contact(person, day)
        return referral


def referral_status_set(
    *, actor: Actor | Any, referral: Referral, status: str, outcome: str = ""
) -> Referral:
    with audited(
        actor, action=AccessAction.UPDATE, person=referral.person, what=f"referral status: {status}"
    ):
        _writable(referral.person)
        referral.status = register_code(status, REFERRAL_STATUS_LABELS, field="status")
        referral.status_changed_at = timezone.now()
        if outcome.strip():
            referral.outcome = outcome.strip()
        referral.save(update_fields=["status", "status_changed_at", "outcome"])
        return referral


def delivery_record(
    *,
    actor: Actor | Any,
    person: Person,
    date: dt.date | str,
    kind: str,
    service_id: uuid.UUID | str | None = None,
    quantity: int = 1,
    note: str = "",
) -> ServiceDelivery:
    with audited(actor, action=AccessAction.CREATE, person=person, what="service delivered"):
        _writable(person)
        day = register_date(date, field="date")
        if not 1 <= int(quantity) <= 10_000:
            raise InvalidRegisterEntryError("The quantity is 1 to 10000.", detail={"field": "quantity"})
        service = _catalogue_service(service_id) if service_id else None
        delivery = ServiceDelivery.objects.create(
            person=person,
            date=day,
            kind=register_code(kind, DELIVERED_SERVICE_LABELS, field="kind"),
            service_id=service.service_id if service else None,
            quantity=int(quantity),
            note=note.strip(),
            recorded_by=_user(actor),
        )
        _contact(person, day)
        return delivery


def outcome_record(
    *, actor: Actor | Any, person: Person, date: dt.date | str, outcome: str, note: str = ""
) -> Outcome:
    with audited(actor, action=AccessAction.CREATE, person=person, what="outcome"):
        _writable(person)
        return Outcome.objects.create(
            person=person,
            date=register_date(date, field="date"),
            outcome=register_code(outcome, OUTCOME_LABELS, field="outcome"),
            note=note.strip(),
            recorded_by=_user(actor),
        )


# --- flags ---------------------------------------------------------------------------------


def flag_decide(*, actor: Actor | Any, flag: Flag, decision: str, note: str) -> Flag:
    """A caseworker's decision on what a rule suggested: confirm or dismiss, always with a note."""
    with audited(actor, action=AccessAction.DECIDE, person=flag.person, what=f"flag {flag.rule}: {decision}"):
        if decision not in (FlagStatus.CONFIRMED, FlagStatus.DISMISSED):
            raise UnknownCodeError(
                f"decision: {decision!r} is neither confirmed nor dismissed.", detail={"field": "decision"}
            )
        current = Flag.objects.select_for_update().get(pk=flag.pk)
        if current.status != FlagStatus.OPEN:
            raise FlagDecidedError(detail={"status": current.status})
        current.status = decision
        current.decision_note = _required(note, field="note")
        current.decided_by = _user(actor)
        current.decided_at = timezone.now()
        current.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
        return current


# --- helpers ---------------------------------------------------------------------------------


def _user(actor: Actor | Any) -> Any:
    return actor.user if isinstance(actor, Actor) else actor


def _catalogue_service(service_id: uuid.UUID | str) -> FederatedService:
    try:
        key = uuid.UUID(str(service_id))
    except ValueError:
        raise UnknownServiceError(f"{service_id!r} is not a service id.") from None
    service = FederatedService.objects.filter(service_id=key).exclude(status="defunct").first()
    if service is None:
        raise UnknownServiceError(detail={"service_id": str(key)})
    return service


# --- suggestions ---------------------------------------------------------------------------------


def suggestion_refer(
    *,
    actor: Actor | Any,
    person: Person,
    service_id: uuid.UUID | str,
    reason: str = "",
    date: dt.date | str | None = None,
) -> Referral:
    """Turn a suggested catalogue service into a referral in one step; its reason is the
    caseworker's, or else the suggestion's reasons."""
    # Imported here: suggestions reads the catalogue and the federation, which writes never need.
    from node.register.suggestions import suggestion_get

    suggestion = suggestion_get(person=person, service_id=service_id)
    return referral_record(
        actor=actor,
        person=person,
        date=date or timezone.localdate(),
        destination="catalogue_service",
        service_id=service_id,
        reason=reason.strip() or ("; ".join(suggestion.reasons) if suggestion is not None else ""),
    )


def person_create_at_home(
    *,
    actor: Actor | Any,
    fields: Mapping[str, Any],
    household_of: str = "",
    address: str = "",
    why: str = "",
) -> Person:
    """Register a person with their household: the household of the person whose register number
    is ``household_of`` (in the actor's caseload), else a new one at ``address`` in the person's
    settlement, else none. All of it, or nothing."""
    values = dict(fields)
    try:
        return _person_at_home(
            actor=actor, values=values, household_of=household_of, address=address, why=why
        )
    except ContractError as exc:
        # The refused attempt's log line went with the rest of the transaction: write it again.
        resolved = actor if isinstance(actor, Actor) else None
        access_record(
            resolved,
            user=None if resolved else actor,
            action=AccessAction.CREATE,
            person_id=None,
            what="person",
            why=why,
            allowed=False,
            code=exc.code,
        )
        raise


@transaction.atomic
def _person_at_home(
    *, actor: Actor | Any, values: dict[str, Any], household_of: str, address: str, why: str
) -> Person:
    if household_of.strip():
        values["household"] = _household_of(actor, household_of, address=address)
    elif address.strip():
        values["household"] = household_create(
            actor=actor, settlement=values.get("settlement", ""), address=address
        )
    return person_create(actor=actor, fields=values, why=why)


def person_household_move(
    *,
    actor: Actor | Any,
    person: Person,
    household_of: str = "",
    address: str = "",
    leave: bool = False,
    role: str | None = None,
    why: str = "",
) -> Person:
    """Change where ``person`` lives, after registration: into the household of the person whose
    register number is ``household_of`` (in the actor's caseload), into a new household at
    ``address`` in the person's settlement, or out of any household (``leave``); ``role`` (a
    household role, or "" for none) changes with it or alone. A household left with no member is
    removed: its address was only theirs. All of it, or nothing, in the access log either way."""
    with audited(actor, action=AccessAction.UPDATE, person=person, what="household", why=why) as audit:
        _writable(person)
        assert audit.actor is not None
        earlier = person.household
        if household_of.strip():
            person.household = _household_of(audit.actor, household_of, address=address, besides=person)
        elif address.strip():
            person.household = household_create(
                actor=audit.actor, settlement=person.settlement, address=address, team=person.team
            )
        elif leave:
            person.household = None
        if role is not None:
            person.household_role = (
                register_code(role, HOUSEHOLD_ROLE_LABELS, field="household_role") if role else ""
            )
        if person.household is None:
            person.household_role = ""
        person.updated_at = timezone.now()
        person.save(update_fields=["household", "household_role", "updated_at"])
        if earlier is not None and earlier.pk != person.household_id and not earlier.members.exists():
            earlier.delete()
        audit.what = "household: " + (
            "moved" if person.household_id != (earlier.pk if earlier else None) else "role"
        )
        return person


def _household_of(
    actor: Actor | Any, reference: str, *, address: str, besides: Person | None = None
) -> Household:
    """The household of the person (in ``actor``'s caseload, other than ``besides``) whose register
    number is ``reference``; one is made for them at ``address`` if they have none yet."""
    people = _caseload(actor).select_related("household").filter(reference__iexact=reference.strip())
    member = (people.exclude(pk=besides.pk) if besides is not None else people).first()
    if member is None:
        raise InvalidRegisterEntryError(
            f"No {'other ' if besides is not None else ''}person with register number "
            f"{reference.strip()} in your caseload.",
            detail={"field": "household_of"},
        )
    if member.household is None:
        member.household = household_create(
            actor=actor, settlement=member.settlement, address=address, team=member.team
        )
        member.save(update_fields=["household"])
    return member.household


def _caseload(actor: Actor | Any) -> QuerySet[Person]:
    """The people ``actor`` (an ``Actor`` or a user with a register role) may see."""
    return people_visible(actor if isinstance(actor, Actor) else actor_of(actor))
