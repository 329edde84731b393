"""Services of the federated catalogue fitted to one person, each with its reasons.

A service fits when it serves one of the person's target groups or answers one of their risk
types (through the taxonomy), takes people of their age, and speaks their language. Services of
the person's own municipality come first, then the rest of the federation.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from common.catalogue.models import FederatedService
from contracts.vocabulary import RISK_TYPE_LABELS, TARGET_GROUP_LABELS
from node.federation.models import Enrolment
from node.register.models import Person

RISK_TAXONOMY: dict[str, tuple[str, ...]] = {
    "poverty": ("financial_assistance", "food"),
    "unemployment": ("employment", "training"),
    "disability": ("disability_support", "home_care", "day_care"),
    "single_parenthood": ("child_protection", "counselling", "financial_assistance"),
    "homelessness": ("housing", "food"),
    "domestic_violence": ("counselling", "legal_aid", "housing"),
    "social_exclusion": ("counselling", "documents", "education"),
    "old_age_without_care": ("home_care", "day_care"),
    "early_school_leaving": ("education", "training"),
    "health": ("health",),
}
"""Which kinds of service (taxonomy terms) answer each risk type."""


@dataclass(frozen=True)
class Suggestion:
    service_id: uuid.UUID
    origin: str
    name: dict[str, str]
    here: bool
    """Whether the service is in the person's own municipality."""
    score: int
    reasons: list[str] = field(default_factory=list)


def _age(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _label(labels: dict[str, dict[str, str]], code: str) -> str:
    from common.entities import vocabulary_name

    return vocabulary_name(labels.get(code, {}), code)


def person_suggestions(*, person: Person, limit: int = 10) -> list[Suggestion]:
    """The catalogue's services that fit ``person``, best first, own municipality first."""
    enrolment = Enrolment.objects.first()
    here = enrolment.node_code if enrolment is not None else ""
    age = _age(person.birth_date, timezone.localdate())
    wanted_terms = {term: risk for risk in person.risk_types for term in RISK_TAXONOMY.get(risk, ())}
    found: list[Suggestion] = []
    for service in FederatedService.objects.exclude(status="defunct").only("service_id", "origin", "data"):
        data = service.data
        reasons: list[str] = []
        groups = [g for g in person.target_groups if g in data.get("target_groups", [])]
        for group in groups:
            reasons.append(_("Serves %(group)s") % {"group": _label(TARGET_GROUP_LABELS, group)})
        terms = [t for t in data.get("taxonomy_terms", []) if t in wanted_terms]
        for term in terms:
            reasons.append(_("Answers %(risk)s") % {"risk": _label(RISK_TYPE_LABELS, wanted_terms[term])})
        if not reasons:
            continue
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if (low is not None and age < low) or (high is not None and age > high):
            continue
        if low is not None or high is not None:
            reasons.append(_("Takes people aged %(age)s") % {"age": age})
        languages = data.get("languages") or []
        if languages and person.language not in languages:
            continue
        if languages:
            reasons.append(_("Speaks the person's language"))
        local = service.origin == here
        reasons.append(
            _("In this municipality") if local else _("In %(origin)s") % {"origin": service.origin}
        )
        found.append(
            Suggestion(
                service_id=service.service_id,
                origin=service.origin,
                name=data.get("name", {}),
                here=local,
                score=2 * len(groups) + len(terms),
                reasons=reasons,
            )
        )
    found.sort(key=lambda s: (not s.here, -s.score, s.origin))
    return found[:limit]
