"""The forms of a person's timeline. Each posts to a thin view that calls exactly one service;
a refusal is shown next to the form with its code, the input kept, and nothing stored."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from common.catalogue.models import FederatedService
from common.catalogue.views import member_names
from contracts.errors import NotFoundError
from node.register import services
from node.register.access import Actor
from node.register.forms import (
    AssessmentForm,
    DeliveryForm,
    FlagDecisionForm,
    HouseholdForm,
    OutcomeForm,
    PlanForm,
    ReferralForm,
    ReferralStatusForm,
    RegisterForm,
    SessionForm,
    VisitForm,
    initial_day,
)
from node.register.models import CounsellingPlan, Flag, Person, Referral, SessionStatus
from node.register.selectors import person_get
from node.register.templatetags.register_ui import label, service_names, status_name, translated
from node.register.views.common import Submitted, form_submit, may_write, register_page

Save = Callable[[Actor, Person, dict[str, Any]], str]
"""Calls one service with the form's data and says, in words, what was saved."""


def _day(value: Any) -> str:
    return formats.date_format(value) if value else ""


def _visit(actor: Actor, person: Person, data: dict[str, Any]) -> str:
    visit = services.visit_record(
        actor=actor,
        person=person,
        date=data["date"],
        settlement=data["settlement"] or None,
        findings=data["findings"],
        risk_types=data["risk_types"],
        consent_to_record=data["consent_to_record"],
    )
    return gettext("Field visit of %(date)s saved.") % {"date": _day(visit.date)}


def _assessment(actor: Actor, person: Person, data: dict[str, Any]) -> str:
    assessment = services.assessment_record(
        actor=actor,
        person=person,
        date=data["date"],
        risk_types=data["risk_types"],
        level=data["level"],
        assessor=data["assessor"],
        basis=data["basis"],
    )
    return gettext("Risk assessment of %(date)s saved: risk %(level)s.") % {
        "date": _day(assessment.date),
        "level": label(assessment.level, "risk_level").lower(),
    }


def _plan(actor: Actor, person: Person, data: dict[str, Any]) -> str:
    plan = services.plan_create(
        actor=actor,
        person=person,
        title=data["title"],
        started=data["started"],
        sessions_planned=data["sessions_planned"] or 3,
    )
    return gettext("Counselling plan “%(title)s” saved.") % {"title": plan.title}


def _session(actor: Actor, person: Person, data: dict[str, Any]) -> str:
    plan = CounsellingPlan.objects.filter(person=person, pk=data["plan"]).first()
    if plan is None:
        raise NotFoundError(detail={"field": "plan"})
    session = services.session_record(
        actor=actor,
        plan=plan,
        date=data["date"],
        status=data["status"],
        topic=data["topic"],
        counsellor=data["counsellor"],
        notes=data["notes"],
    )
    return gettext("Counselling session %(number)s of %(planned)s saved.") % {
        "number": session.number,
        "planned": plan.sessions_planned,
    }


def _referral(actor: Actor, person: Person, data: dict[str, Any]) -> str:
    referral = services.referral_record(
        actor=actor,
        person=person,
        date=data["date"],
        destination=data["destination"],
        service_id=data["service_id"] or None,
        reason=data["reason"],
    )
    to = (
        service_names([referral.service_id]).get(referral.service_id, referral.service_name)
        if referral.service_id
        else label(referral.destination, "destination")
    )
    return gettext("Referral to %(to)s saved.") % {"to": to}


def _delivery(actor: Actor, person: Person, data: dict[str, Any]) -> str:
    delivery = services.delivery_record(
        actor=actor,
        person=person,
        date=data["date"],
        kind=data["kind"],
        service_id=data["service_id"] or None,
        quantity=data["quantity"] or 1,
        note=data["note"],
    )
    return gettext("Service delivered saved: %(kind)s.") % {"kind": label(delivery.kind, "delivered")}


def _outcome(actor: Actor, person: Person, data: dict[str, Any]) -> str:
    outcome = services.outcome_record(
        actor=actor, person=person, date=data["date"], outcome=data["outcome"], note=data["note"]
    )
    return gettext("Outcome saved: %(outcome)s.") % {"outcome": label(outcome.outcome, "outcome")}


def _household(actor: Actor, person: Person, data: dict[str, Any]) -> str:
    moved = services.person_household_move(
        actor=actor,
        person=person,
        household_of=data["household_of"],
        address=data["household_address"],
        leave=data["leave"],
        role=data["household_role"],
    )
    if moved.household is None:
        return gettext("%(name)s is in no household now.") % {"name": moved}
    return gettext("Household of %(name)s saved: %(where)s.") % {"name": moved, "where": moved.household}


@dataclass(frozen=True)
class Kind:
    form: Callable[..., RegisterForm]
    title: StrOrPromise
    save: Save
    initial: Callable[[], dict[str, Any]] = initial_day


def person_plans(person: Person) -> list[CounsellingPlan]:
    return list(CounsellingPlan.objects.filter(person=person).prefetch_related("sessions"))


def _session_form(*args: Any, person: Person, **kwargs: Any) -> SessionForm:
    return SessionForm(*args, plans=person_plans(person), **kwargs)


def service_choices() -> list[tuple[str, str]]:
    """The catalogue's services as choices: the name in the page's language and the municipality."""
    names = member_names()
    rows = FederatedService.objects.exclude(status="defunct").only("service_id", "origin", "data")
    choices = [
        (str(row.service_id), f"{translated(row.data.get('name'))} · {names.get(row.origin, row.origin)}")
        for row in rows.order_by("origin")[:500]
    ]
    return sorted(choices, key=lambda choice: choice[1])


def _referral_form(*args: Any, person: Person, **kwargs: Any) -> ReferralForm:
    return ReferralForm(*args, services=service_choices(), **kwargs)


def _delivery_form(*args: Any, person: Person, **kwargs: Any) -> DeliveryForm:
    return DeliveryForm(*args, services=service_choices(), **kwargs)


def _household_form(*args: Any, person: Person, **kwargs: Any) -> HouseholdForm:
    if "initial" in kwargs:
        kwargs["initial"] = kwargs["initial"] | {"household_role": person.household_role}
    return HouseholdForm(*args, **kwargs)


def _plain(form: type[RegisterForm]) -> Callable[..., RegisterForm]:
    def make(*args: Any, person: Person, **kwargs: Any) -> RegisterForm:
        return form(*args, **kwargs)

    return make


KINDS: dict[str, Kind] = {
    "visit": Kind(_plain(VisitForm), _("Record a field visit"), _visit),
    "assessment": Kind(_plain(AssessmentForm), _("Record a risk assessment"), _assessment),
    "plan": Kind(
        _plain(PlanForm),
        _("Start a counselling plan"),
        _plan,
        lambda: initial_day() | {"started": initial_day()["date"]},
    ),
    "session": Kind(_session_form, _("Record a counselling session"), _session),
    "referral": Kind(_referral_form, _("Record a referral"), _referral),
    "delivery": Kind(_delivery_form, _("Record a service delivered"), _delivery),
    "outcome": Kind(_plain(OutcomeForm), _("Record an outcome"), _outcome),
    "household": Kind(_household_form, _("Change the household"), _household, dict),
}


def next_sessions(plans: list[CounsellingPlan]) -> list[dict[str, Any]]:
    """For each plan, the number the next session recorded will get ("session 2 of 3")."""
    shown = []
    for plan in plans:
        sessions = list(plan.sessions.all())
        scheduled = sorted(s.number for s in sessions if s.status == SessionStatus.SCHEDULED)
        number = scheduled[0] if scheduled else max((s.number for s in sessions), default=0) + 1
        shown.append({"plan": plan, "number": number, "full": number > plan.sessions_planned})
    return shown


def _form_page(
    request: HttpRequest,
    actor: Actor,
    *,
    person: Person,
    form: Callable[..., RegisterForm],
    initial: Callable[[], dict[str, Any]],
    save: Callable[[dict[str, Any]], str],
    why: str,
    context: dict[str, Any],
) -> HttpResponse:
    """A form about ``person``. Sent back, one service saves it (``save`` says in words what) and
    the person's page follows; shown, it is a read of the person like any other, checked and
    logged (``why``)."""
    submitted = Submitted(None, status=200)
    if request.method == "POST":
        bound = form(request.POST)
        submitted = form_submit(
            request, bound, lambda data: (save(data), redirect("register:person", person_id=person.pk))
        )
        if submitted.done is not None:
            return submitted.done
        if not bound.is_valid():
            may_write(actor, person)
    else:
        person_get(actor=actor, person_id=person.pk, why=why)
        bound = form(initial=initial())
    page = {"person": person, "form": bound, "error": submitted.error, "code": submitted.code, **context}
    return render(request, "register/entry_form.html", page, status=submitted.status)


@register_page
def entry_form(request: HttpRequest, actor: Actor, person_id: uuid.UUID, kind: str) -> HttpResponse:
    entry = KINDS.get(kind)
    person = Person.objects.select_related("team", "settlement").filter(pk=person_id).first()
    if entry is None or person is None:
        raise NotFoundError()
    # Who assesses or counsels is usually the one writing it down.
    name = actor.user.get_full_name() or actor.user.get_username()
    return _form_page(
        request,
        actor,
        person=person,
        form=lambda *args, **kwargs: entry.form(*args, person=person, **kwargs),
        initial=lambda: entry.initial() | {"assessor": name, "counsellor": name},
        save=lambda data: entry.save(actor, person, data),
        why="entry form",
        context={
            "kind": kind,
            "title": entry.title,
            "plans": next_sessions(person_plans(person)) if kind == "session" else [],
        },
    )


@register_page
def referral_status(request: HttpRequest, actor: Actor, referral_id: uuid.UUID) -> HttpResponse:
    referral = get_object_or_404(Referral.objects.select_related("person"), pk=referral_id)

    def save(data: dict[str, Any]) -> str:
        services.referral_status_set(
            actor=actor, referral=referral, status=data["status"], outcome=data["outcome"]
        )
        return gettext("Referral status saved: %(status)s.") % {
            "status": label(referral.status, "referral_status")
        }

    return _form_page(
        request,
        actor,
        person=referral.person,
        form=ReferralStatusForm,
        initial=lambda: {"status": referral.status, "outcome": referral.outcome},
        save=save,
        why="referral status form",
        context={
            "referral": referral,
            "service_names": service_names([referral.service_id]),
            "title": _("Change the referral's status"),
        },
    )


@register_page
def flag_decide(request: HttpRequest, actor: Actor, flag_id: uuid.UUID) -> HttpResponse:
    flag = get_object_or_404(Flag.objects.select_related("person"), pk=flag_id)

    def save(data: dict[str, Any]) -> str:
        decided = services.flag_decide(actor=actor, flag=flag, decision=data["decision"], note=data["note"])
        return gettext("Flag decided: %(decision)s.") % {"decision": status_name(decided.status, "flag")}

    return _form_page(
        request,
        actor,
        person=flag.person,
        form=FlagDecisionForm,
        initial=dict,
        save=save,
        why="flag decision form",
        context={"flag": flag, "title": _("Decide the flag")},
    )
