"""What every page of the register shares: who is asking (their register role) and how a
refusal is shown, in the page's language, with its stable code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from contracts.errors import ContractError, NotStaffError
from node.register.access import Actor, access_check, actor_of
from node.register.forms import RegisterForm
from node.register.models import AccessAction, Person

View = Callable[..., HttpResponse]

MESSAGES: dict[str, StrOrPromise] = {
    "invalid-date": _("The date is missing or is not a real date."),
    "future-date": _("The date is in the future: record what has already happened."),
    "unknown-settlement": _("The settlement is not one of this municipality's settlements."),
    "duplicate-person": _(
        "The register already holds this person (same register number, or same name and date of birth)."
    ),
    "unknown-service": _("Choose a service of the catalogue for this referral."),
    "missing-assessor": _("Say who made the assessment and on what basis."),
    "role-not-allowed": _("Your role in the register does not allow this."),
    "other-team": _("This person belongs to another team's caseload."),
    "not-register-staff": _("You have no role in the register."),
    "flag-decided": _("This flag has already been decided."),
    "person-read-only": _("The person's case is closed or transferred: it can no longer be changed."),
    "invalid-register-entry": _("The entry is not complete: fill in the marked field."),
    "unknown-code": _("A choice is not in the shared vocabulary."),
    "not-found": _("There is no such record."),
}
FIELD_MESSAGES: dict[str, StrOrPromise] = {
    "invalid-date": _("Enter a date."),
    "future-date": _("This date is in the future."),
    "missing-assessor": _("This field is required."),
    "invalid-register-entry": _("This field is required or not valid."),
    "duplicate-person": _("Already in the register."),
    "unknown-code": _("Not a known choice."),
}
REFUSALS = frozenset({"role-not-allowed", "other-team", "not-register-staff"})
"""Refusals of who is asking rather than of what they wrote: shown as a page of their own."""


def error_message(exc: ContractError) -> StrOrPromise:
    return MESSAGES.get(exc.code, exc.message)


def register_page(view: View) -> View:
    """Pages for register staff: a visitor who is not logged in is sent to log in; a user
    without a register role is told so (403); the view receives the actor."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("register:login"))
        try:
            actor = actor_of(request.user)
        except NotStaffError as exc:
            return refused(request, exc)
        try:
            return view(request, actor, *args, **kwargs)
        except ContractError as exc:
            if exc.code in REFUSALS or exc.code == "not-found":
                return refused(request, exc)
            raise

    return wrapped


def refused(request: HttpRequest, exc: ContractError) -> HttpResponse:
    """The page that says why the register refused (no role, another team's person, …)."""
    return render(
        request,
        "register/refused.html",
        {
            "message": error_message(exc),
            "code": exc.code,
            "status": exc.http_status,
            "no_role": exc.code == "not-register-staff",
        },
        status=exc.http_status,
    )


def form_refused(form: RegisterForm, exc: ContractError) -> tuple[StrOrPromise, str]:
    """Mark the field a refusal names and give the message and code to show above the form."""
    detail = exc.detail if isinstance(exc.detail, dict) else {}
    field = str(detail.get("field", ""))
    if field:
        form.mark(field, str(FIELD_MESSAGES.get(exc.code, error_message(exc))))
    return error_message(exc), exc.code


def may_write(actor: Actor, person: Person) -> None:
    """Refuse (403) a form sent back for a person the actor may not change, before the page shows
    anything of theirs. A form that reaches its service is refused there, and logged."""
    access_check(actor, action=AccessAction.CREATE, person=person)


@dataclass(frozen=True)
class Submitted:
    """What became of a form sent back: the page to go to once saved, else the refusal to show
    above the form (empty for a form that did not validate) and the page's status."""

    done: HttpResponse | None
    error: StrOrPromise = ""
    code: str = ""
    status: int = 400


def form_submit(
    request: HttpRequest, form: RegisterForm, save: Callable[[dict[str, Any]], tuple[str, HttpResponse]]
) -> Submitted:
    """A form sent back: a valid one goes to ``save`` (one service), which says in words what it
    saved and where to go next; a refusal of what was written is marked on the form with its
    code, while a refusal of who is asking goes up to ``register_page``'s page of its own."""
    if not form.is_valid():
        return Submitted(None)
    try:
        saved, done = save(form.cleaned_data)
    except ContractError as exc:
        if exc.code in REFUSALS:
            raise
        error, code = form_refused(form, exc)
        return Submitted(None, error, code, exc.http_status)
    messages.success(request, saved)
    return Submitted(done)
