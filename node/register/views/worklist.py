"""The worklist, the search for people and the registration of a new person."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from node.register import services
from node.register.access import Actor
from node.register.forms import PersonForm
from node.register.models import StaffRole
from node.register.selectors import access_log_recent, people_search, worklist
from node.register.views.common import Submitted, form_submit, register_page
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
    submitted = Submitted(None, status=200)
    if request.method == "POST":
        form = PersonForm(request.POST)

        def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
            fields = dict(data)
            household_of, address = fields.pop("household_of", ""), fields.pop("household_address", "")
            if actor.role == StaffRole.CASEWORKER:
                fields["caseworker"] = actor.user
            person = services.person_create_at_home(
                actor=actor, fields=fields, household_of=household_of, address=address
            )
            message = gettext("%(name)s is registered.") % {"name": person}
            return message, redirect("register:person", person_id=person.pk)

        submitted = form_submit(request, form, save)
        if submitted.done is not None:
            return submitted.done
    else:
        form = PersonForm(initial={"language": "mk", "sex": "unknown"})
    context = {"form": form, "error": submitted.error, "code": submitted.code, "section": "people"}
    return render(request, "register/person_new.html", context, status=submitted.status)
