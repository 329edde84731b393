"""The worklist, the search for people and the registration of a new person."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django_stubs_ext import StrOrPromise

from contracts.errors import ContractError
from node.register import services
from node.register.access import Actor
from node.register.forms import PersonForm
from node.register.models import StaffRole
from node.register.selectors import access_log_recent, people_search, worklist
from node.register.views.common import form_refused, register_page
from node.register.views.rights import log_lines

AUDITOR_LOG_LINES = 8
"""How much of the access log an auditor's start page shows; the log's own page has the rest."""


@register_page
def worklist_page(request: HttpRequest, actor: Actor) -> HttpResponse:
    if actor.role == StaffRole.AUDITOR:
        # An auditor has no caseload and decides nothing: their work is the access log.
        lines = access_log_recent(actor=actor, limit=AUDITOR_LOG_LINES)
        return render(
            request, "register/worklist_auditor.html", {"lines": log_lines(lines), "section": "worklist"}
        )
    work = worklist(actor=actor)
    today = timezone.localdate()
    context = {"work": work, "today": today, "section": "worklist"}
    return render(request, "register/worklist.html", context)


@register_page
def people_page(request: HttpRequest, actor: Actor) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    people = list(people_search(actor=actor, query=query)) if query else []
    return render(
        request,
        "register/people.html",
        {"q": query, "people": people, "searched": bool(query), "section": "people"},
    )


@register_page
def person_new(request: HttpRequest, actor: Actor) -> HttpResponse:
    error: StrOrPromise = ""
    code = ""
    status = 200
    if request.method == "POST":
        status = 400
        form = PersonForm(request.POST)
        if form.is_valid():
            fields = dict(form.cleaned_data)
            household_of = fields.pop("household_of", "")
            address = fields.pop("household_address", "")
            if actor.role == "caseworker":
                fields["caseworker"] = actor.user
            try:
                person = services.person_create_at_home(
                    actor=actor, fields=fields, household_of=household_of, address=address
                )
            except ContractError as exc:
                if exc.code in ("other-team", "role-not-allowed"):
                    raise
                error, code = form_refused(form, exc)
                status = exc.http_status
            else:
                messages.success(request, gettext("%(name)s is registered.") % {"name": person})
                return redirect("register:person", person_id=person.pk)
    else:
        form = PersonForm(initial={"language": "mk", "sex": "unknown"})
    context = {"form": form, "error": error, "code": code, "section": "people"}
    return render(request, "register/person_new.html", context, status=status)
