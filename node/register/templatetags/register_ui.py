"""Filters the register's pages use to show codes by their names, in the page's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.catalogue import hsds
from common.entities import vocabulary_name
from common.languages import language_tag
from contracts.indicators import age_on
from contracts.vocabulary import (
    DATA_CATEGORY_LABELS,
    DELIVERED_SERVICE_LABELS,
    HOUSEHOLD_ROLE_LABELS,
    LEGAL_BASIS_LABELS,
    OBTAINED_HOW_LABELS,
    OUTCOME_LABELS,
    PURPOSE_LABELS,
    REFERRAL_DESTINATION_LABELS,
    REFERRAL_STATUS_LABELS,
    RISK_LEVEL_LABELS,
    RISK_TYPE_LABELS,
    SEX_LABELS,
    TARGET_GROUP_LABELS,
)
from node.register import rules
from node.register.models import Flag, Settlement, Staff

register = template.Library()

VOCABULARIES: dict[str, Mapping[str, Mapping[str, str]]] = {
    "sex": SEX_LABELS,
    "risk_type": RISK_TYPE_LABELS,
    "risk_level": RISK_LEVEL_LABELS,
    "household_role": HOUSEHOLD_ROLE_LABELS,
    "destination": REFERRAL_DESTINATION_LABELS,
    "referral_status": REFERRAL_STATUS_LABELS,
    "outcome": OUTCOME_LABELS,
    "delivered": DELIVERED_SERVICE_LABELS,
    "target_group": TARGET_GROUP_LABELS,
    "data_category": DATA_CATEGORY_LABELS,
    "purpose": PURPOSE_LABELS,
    "legal_basis": LEGAL_BASIS_LABELS,
    "obtained_how": OBTAINED_HOW_LABELS,
    "language": {tag: {"en": name} for tag, name in hsds.LANGUAGE_NAMES.items()},
}
LATIN_UI = frozenset({"sr-Latn", "sq", "en"})
"""Interfaces in Latin script: they show a settlement's Latin name where it has one."""


@register.filter
def label(code: str, vocabulary: str) -> str:
    """``code``'s name in the active language (``{{ person.sex|label:"sex" }}``)."""
    if not code:
        return ""
    return vocabulary_name(VOCABULARIES[vocabulary].get(code, {}), code)


@register.filter
def labels(codes: Iterable[str] | None, vocabulary: str) -> str:
    """The names of ``codes``, joined (``{{ person.risk_types|labels:"risk_type" }}``)."""
    return ", ".join(label(code, vocabulary) for code in codes or ())


@register.filter
def place(settlement: Settlement | None) -> str:
    """A settlement's name in the script of the interface."""
    if settlement is None:
        return ""
    if language_tag(get_language()) in LATIN_UI and settlement.name_latin:
        return settlement.name_latin
    return settlement.name


@register.filter
def translated(value: Mapping[str, str] | None) -> str:
    """A text by language tag (a catalogue service's name) in the interface's language."""
    return hsds.text(value, language_tag(get_language()))


def service_names(service_ids: Iterable[Any]) -> dict[Any, str]:
    """Catalogue services' names in the interface's language, by service id."""
    from common.catalogue.models import FederatedService

    rows = FederatedService.objects.filter(service_id__in=[i for i in service_ids if i]).only(
        "service_id", "data"
    )
    return {row.service_id: translated(row.data.get("name")) for row in rows}


@register.filter
def age(birth: dt.date | None) -> int | str:
    if birth is None:
        return ""
    return age_on(birth, timezone.localdate())


@register.simple_tag
def ui_languages() -> list[tuple[str, str]]:
    """The interface's languages, each named in itself, for the language switcher."""
    from common.languages import LANGUAGES

    return LANGUAGES


@register.simple_tag(takes_context=True)
def register_role(context: template.Context) -> str:
    """The signed-in user's role in the register ("" for none), for the menu: asked once a request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    role = getattr(request, "register_role", None)
    if role is None:
        role = Staff.objects.filter(user=user).values_list("role", flat=True).first() or ""
        setattr(request, "register_role", role)  # noqa: B010 -- HttpRequest declares no such attribute
    return str(role)


@register.filter
def rule_name(rule: str) -> str:
    """A rule's name in words (a rule not named is shown by its code)."""
    return rules.rule_name(rule)


KIND_NAMES = {
    "fieldvisit": _("Field visit"),
    "riskassessment": _("Risk assessment"),
    "counsellingsession": _("Counselling session"),
    "referral": _("Referral"),
    "servicedelivery": _("Service delivered"),
    "outcome": _("Outcome"),
}
STATUS_NAMES = {
    "flag": {
        "open": _("Waiting for a decision"),
        "confirmed": _("Confirmed"),
        "dismissed": _("Dismissed"),
    },
    "session": {
        "scheduled": _("Scheduled"),
        "held": _("Held"),
        "missed": _("Missed"),
    },
    "person": {
        "active": _("Active case"),
        "closed": _("Case closed"),
        "transferred": _("Transferred to another municipality"),
    },
    "consent": {
        "active": _("Consent active"),
        "withdrawn": _("Consent withdrawn"),
        "expired": _("Consent expired"),
    },
    "consent_event": {
        "given": _("Given"),
        "withdrawn": _("Withdrawn"),
        "expired": _("Expired"),
    },
}


@register.filter
def kind_name(kind: str) -> str:
    """The kind of a timeline entry in words (``TimelineItem.kind``, e.g. "fieldvisit")."""
    return str(KIND_NAMES.get(kind, kind))


@register.filter
def status_name(status: str, of: str) -> str:
    """A flag's, session's or case's status in words (``{{ flag.status|status_name:"flag" }}``)."""
    return str(STATUS_NAMES[of].get(status, status))


@register.filter
def get(mapping: Mapping[Any, Any] | None, key: Any) -> Any:
    return (mapping or {}).get(key, "")


@register.filter
def flag_reason(flag: Flag) -> str:
    """The rule's reason in the interface's language, worked out from the data it used."""
    return rules.flag_reason(flag)
