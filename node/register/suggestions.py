"""Services of the federated catalogue fitted to one person, each with its reasons in words.

A service fits when it serves one of the person's target groups or answers one of their risk
types (through ``RISK_TAXONOMY``), takes people of their age, and speaks their language (a
service that names no language or no age range takes everyone). Services of the node's own
municipality come first, then those of the same country, then the rest of the federation; within
each, the better fit first. Withdrawn and inactive services, and those the person is already
referred to with the referral still open, are left out.

The catalogue is filtered, scored and ordered in SQL (its ``facets`` column holds
``' tg:roma tx:counselling ln:mk '``); only the ``limit`` best rows are read, and their reasons
are written in Python in the active language.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import add, or_
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from common.catalogue.models import FederatedService
from common.entities import vocabulary_name
from common.languages import UI_LANGUAGES
from contracts.indicators import age_on
from contracts.vocabulary import RISK_TYPE_LABELS, TARGET_GROUP_LABELS, TAXONOMY_LABELS
from node.federation.models import Enrolment, Peer
from node.register.models import Person, Referral

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

OPEN_REFERRAL_STATUSES = ("sent", "accepted")

GROUP_WEIGHT = 3
"""A service made for one of the person's groups fits better than one that answers a risk."""
TERM_WEIGHT = 2
LANGUAGE_WEIGHT = 1
"""A service that names the person's language is surer than one that names none."""
AGE_WEIGHT = 1
"""So is one made for an age range that the person is in."""

MUNICIPALITY, COUNTRY, FEDERATION = "municipality", "country", "federation"


@dataclass(frozen=True)
class Suggestion:
    service_id: uuid.UUID
    origin: str
    name: dict[str, str]
    here: bool
    """Whether the service is in the person's own municipality."""
    score: int
    reasons: list[str] = field(default_factory=list)
    place: str = FEDERATION
    """``municipality`` (this node's), ``country`` (another of the same country) or ``federation``."""


def _label(labels: dict[str, dict[str, str]], code: str) -> str:
    return vocabulary_name(labels.get(code, {}), code)


def _spoken(language: str) -> set[str]:
    # Serbian is one spoken language in two scripts: a service that lists either speaks it.
    return {"sr-Cyrl", "sr-Latn"} if language in ("sr-Cyrl", "sr-Latn") else {language}


def _language_name(tag: str) -> str:
    code = next((code for code, text_tag in UI_LANGUAGES.items() if text_tag == tag), tag)
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return tag


def person_groups(person: Person) -> list[str]:
    """The person's target groups, with ``women`` for a woman, in the vocabulary's order."""
    groups = set(person.target_groups)
    if person.sex == "female":
        groups.add("women")
    return [group for group in TARGET_GROUP_LABELS if group in groups]


def _facet(kind: str, code: str) -> Q:
    return Q(facets__contains=f" {kind}:{code} ")


def _weight(condition: Q, weight: int) -> Case:
    return Case(When(condition, then=Value(weight)), default=Value(0), output_field=IntegerField())


def _candidates(
    *, person: Person, groups: Iterable[str], terms: Iterable[str], age: int, here: str
) -> QuerySet[FederatedService]:
    groups, terms = list(groups), list(terms)
    fits = [_facet("tg", group) for group in groups] + [_facet("tx", term) for term in terms]
    if not fits:
        return FederatedService.objects.none()
    spoken = _spoken(person.language)
    speaks = reduce(or_, (_facet("ln", tag) for tag in sorted(spoken)))
    open_referrals = Referral.objects.filter(
        person=person, status__in=OPEN_REFERRAL_STATUSES, service_id__isnull=False
    ).values("service_id")
    # A bound missing from an older version's data, or null, takes everyone.
    takes_age = (
        Q(data__minimum_age__isnull=True) | Q(data__minimum_age=None) | Q(data__minimum_age__lte=age)
    ) & (Q(data__maximum_age__isnull=True) | Q(data__maximum_age=None) | Q(data__maximum_age__gte=age))
    bounded = (Q(data__minimum_age__isnull=False) & ~Q(data__minimum_age=None)) | (
        Q(data__maximum_age__isnull=False) & ~Q(data__maximum_age=None)
    )
    weights: list[Combinable] = [
        *(_weight(_facet("tg", group), GROUP_WEIGHT) for group in groups),
        *(_weight(_facet("tx", term), TERM_WEIGHT) for term in terms),
        _weight(speaks, LANGUAGE_WEIGHT),
        _weight(bounded, AGE_WEIGHT),
    ]
    places: list[When] = []
    if here:
        places.append(When(origin=here, then=Value(0)))
        places.append(When(country=here[:2], then=Value(1)))
    return (
        FederatedService.objects.filter(status="active")
        .filter(reduce(or_, fits))
        .filter(speaks | ~Q(facets__contains=" ln:"))
        .filter(takes_age)
        .exclude(service_id__in=open_referrals)
        .annotate(
            tier=Case(*places, default=Value(2), output_field=IntegerField()),
            fit=reduce(add, weights),
        )
        .order_by("tier", "-fit", "origin", "service_id")
    )


def _reasons(
    *,
    data: dict[str, Any],
    groups: list[str],
    wanted: dict[str, list[str]],
    person: Person,
    age: int,
    place: str,
    where: str,
) -> list[str]:
    reasons = [
        _("Serves %(group)s") % {"group": _label(TARGET_GROUP_LABELS, group)}
        for group in groups
        if group in data.get("target_groups", ())
    ]
    offered = set(data.get("taxonomy_terms", ()))
    for risk, terms in wanted.items():
        kinds = [term for term in terms if term in offered]
        if kinds:
            reasons.append(
                _("Answers %(risk)s: %(kinds)s")
                % {
                    "risk": _label(RISK_TYPE_LABELS, risk),
                    "kinds": ", ".join(_label(TAXONOMY_LABELS, term) for term in kinds),
                }
            )
    low, high = data.get("minimum_age"), data.get("maximum_age")
    values = {"low": low, "high": high, "age": age}
    if low is not None and high is not None:
        reasons.append(_("Takes people aged %(low)s to %(high)s; the person is %(age)s") % values)
    elif low is not None:
        reasons.append(_("Takes people aged %(low)s or more; the person is %(age)s") % values)
    elif high is not None:
        reasons.append(_("Takes people up to the age of %(high)s; the person is %(age)s") % values)
    spoken = _spoken(person.language) & set(data.get("languages", ()))
    if spoken:
        reasons.append(_("Speaks %(language)s") % {"language": _language_name(person.language)})
    if place == MUNICIPALITY:
        reasons.append(_("In this municipality"))
    elif place == COUNTRY:
        reasons.append(_("In another municipality of this country: %(place)s") % {"place": where})
    else:
        reasons.append(_("In another country of the federation: %(place)s") % {"place": where})
    return reasons


def _suggestions(*, person: Person, limit: int, service_id: uuid.UUID | None = None) -> list[Suggestion]:
    enrolment = Enrolment.objects.first()
    here = enrolment.node_code if enrolment is not None else ""
    age = age_on(person.birth_date, timezone.localdate())
    groups = person_groups(person)
    wanted = {risk: list(RISK_TAXONOMY.get(risk, ())) for risk in person.risk_types}
    terms = sorted({term for kinds in wanted.values() for term in kinds})
    rows = _candidates(person=person, groups=groups, terms=terms, age=age, here=here)
    if service_id is not None:
        rows = rows.filter(service_id=service_id)
    found = list(rows.only("service_id", "origin", "country", "data")[: max(limit, 0)])
    names = dict(Peer.objects.filter(code__in={row.origin for row in found}).values_list("code", "name"))
    suggestions = []
    for row in found:
        place = (MUNICIPALITY, COUNTRY, FEDERATION)[row.tier]  # type: ignore[attr-defined]
        suggestions.append(
            Suggestion(
                service_id=row.service_id,
                origin=row.origin,
                name=row.data.get("name", {}),
                here=place == MUNICIPALITY,
                score=row.fit,  # type: ignore[attr-defined]
                reasons=_reasons(
                    data=row.data,
                    groups=groups,
                    wanted=wanted,
                    person=person,
                    age=age,
                    place=place,
                    where=names.get(row.origin) or row.origin,
                ),
                place=place,
            )
        )
    return suggestions


def person_suggestions(*, person: Person, limit: int = 10) -> list[Suggestion]:
    """The catalogue's services that fit ``person``, own municipality first, then the same
    country, then the rest of the federation; the better fit first within each."""
    return _suggestions(person=person, limit=limit)


def suggestion_get(*, person: Person, service_id: uuid.UUID | str) -> Suggestion | None:
    """The suggestion of one service for ``person``, or None when it does not fit them."""
    try:
        key = uuid.UUID(str(service_id))
    except ValueError:
        return None
    found = _suggestions(person=person, limit=1, service_id=key)
    return found[0] if found else None
