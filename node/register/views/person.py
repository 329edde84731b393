"""A person's page: details, household, risks, every flag, the whole timeline and the services
of the catalogue that fit them."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from common.catalogue.views import member_names
from node.register.access import Actor, people_visible
from node.register.forms import FlagDecisionForm
from node.register.models import AccessAction, Referral
from node.register.selectors import person_flags, person_get, person_timeline
from node.register.suggestions import person_suggestions
from node.register.templatetags.register_ui import service_names
from node.register.views.common import register_page
from node.register.views.entries import next_sessions, person_plans


@register_page
def person_page(request: HttpRequest, actor: Actor, person_id: uuid.UUID) -> HttpResponse:
    person = person_get(actor=actor, person_id=person_id, why="person page")
    household = []
    if person.household is not None:
        household = list(
            people_visible(actor)
            .filter(household=person.household)
            .exclude(pk=person.pk)
            .select_related("settlement")
        )
    names = member_names()
    timeline = person_timeline(person=person)
    # A service the person is already referred to (and not declined by) is not offered again.
    referred = {
        item.entry.service_id: item.entry
        for item in reversed(timeline)
        if isinstance(item.entry, Referral) and item.entry.service_id and item.entry.status != "declined"
    }
    suggestions = [
        {
            "suggestion": s,
            "municipality": names.get(s.origin, s.origin),
            "reasons": list(dict.fromkeys(s.reasons)),
            "referred": referred.get(s.service_id),
        }
        for s in person_suggestions(person=person)
    ]
    context = {
        "person": person,
        "household": household,
        "flags": person_flags(person=person),
        "timeline": timeline,
        "service_names": service_names(
            getattr(item.entry, "service_id", None) for item in timeline if item.kind == "referral"
        ),
        "suggestions": suggestions,
        "plans": next_sessions(person_plans(person)),
        "decision_form": FlagDecisionForm(),
        "today": timezone.localdate().isoformat(),
        "writes": actor.may("create"),
        "rights": actor.may(AccessAction.RECTIFY) and actor.may(AccessAction.ERASE),
        "reads_log": actor.reads_access_log,
        "section": "people",
    }
    return render(request, "register/person.html", context)
