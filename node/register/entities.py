"""The register's entities, each declared once: what staff see and enter, in the API and the
admin (``common.entities`` derives the serializers and the admin forms from these).

None of them has a message type or a contract: the register never leaves its node.

Two kinds of field are the register's own. ``Day`` takes a date as text, so that the services'
``register_date`` judges it and answers ``invalid-date`` or ``future-date``, as it does for the
caseworkers' forms and the importer. ``Named`` shows a related row by a readable key (a
settlement's code, a user's name) instead of its database id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.entities import Code, Codes, Entity, EntityField, Integer, Reference, Value, vocabulary_choices
from contracts.vocabulary import (
    DELIVERED_SERVICE_LABELS,
    HOUSEHOLD_ROLE_LABELS,
    LANGUAGE_TAGS,
    OUTCOME_LABELS,
    REFERRAL_DESTINATION_LABELS,
    RISK_LEVEL_LABELS,
    RISK_TYPE_LABELS,
    SEX_LABELS,
    TARGET_GROUP_LABELS,
)
from node.register.models import (
    CounsellingPlan,
    CounsellingSession,
    FieldVisit,
    Flag,
    Household,
    Outcome,
    Person,
    Referral,
    RiskAssessment,
    ServiceDelivery,
    SessionStatus,
    Settlement,
    Staff,
    StaffRole,
    Team,
)


@extend_schema_field(OpenApiTypes.DATE)
class DayField(serializers.Field[Any, Any, Any, Any]):
    """A day as ``YYYY-MM-DD``: read as text, judged by the service (``invalid-date``, ``future-date``)."""

    def to_internal_value(self, data: Any) -> str:
        return str(data)

    def to_representation(self, value: Any) -> str:
        return str(value.isoformat())


@extend_schema_field(OpenApiTypes.STR)
class KeyField(serializers.Field[Any, Any, Any, Any]):
    """A related row shown by one of its fields and given as text; the service resolves it (so an
    unknown settlement is ``unknown-settlement``, whoever writes)."""

    def __init__(self, *, key: str, **kwargs: Any) -> None:
        self.key = key
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        return str(data)

    def to_representation(self, value: Any) -> Any:
        return getattr(value, self.key)


@dataclass(frozen=True)
class Day(EntityField):
    """A day; in the API a ``YYYY-MM-DD`` text the services judge."""

    def api_field(self, model_field: Any) -> serializers.Field[Any, Any, Any, Any]:
        if not self.editable:
            return DayField(read_only=True)
        return DayField(required=False, help_text=self.help or "YYYY-MM-DD")


@dataclass(frozen=True)
class Named(EntityField):
    """A foreign key shown by ``key`` (a code, a user name). With ``resolved``, the API looks the
    row up itself (an unknown one is ``invalid-input``); else the service resolves the text."""

    key: str = "code"
    resolved: bool = False

    def api_field(self, model_field: Any) -> serializers.Field[Any, Any, Any, Any]:
        if not self.editable:
            return serializers.SlugRelatedField(slug_field=self.key, read_only=True)
        if self.resolved:
            return serializers.SlugRelatedField(
                slug_field=self.key,
                queryset=model_field.related_model._default_manager.all(),
                required=False,
                allow_null=model_field.null,
            )
        return KeyField(key=self.key, required=False, allow_null=model_field.null)


def _codes(labels: dict[str, dict[str, str]]) -> list[tuple[str, Any]]:
    return vocabulary_choices(labels)


_ID = Value("id", editable=False)
_PERSON = Reference("person", editable=False)
_RECORDED = (
    Named("recorded_by", key="username", editable=False),
    Value("recorded_at", editable=False),
)
_SETTLEMENT = Named("settlement")
_DATE = Day("date")
_RISK_TYPES = Codes("risk_types", _codes(RISK_TYPE_LABELS))

PERSON_ENTITY = Entity(
    Person,
    (
        _ID,
        Value("reference"),
        Value("given_name"),
        Value("family_name"),
        Code("sex", _codes(SEX_LABELS)),
        Day("birth_date"),
        Code("language", [(tag, tag) for tag in LANGUAGE_TAGS]),
        Value("phone"),
        Named("team", resolved=True),
        Named("caseworker", key="username", resolved=True),
        _SETTLEMENT,
        Reference("household"),
        Code("household_role", [("", "—"), *_codes(HOUSEHOLD_ROLE_LABELS)]),
        Codes("target_groups", _codes(TARGET_GROUP_LABELS)),
        Codes("risk_types", _codes(RISK_TYPE_LABELS), editable=False),
        Code("risk_level", _codes(RISK_LEVEL_LABELS), editable=False),
        Value("status", editable=False),
        Value("last_contact", editable=False),
        Value("created_at", editable=False),
        Value("updated_at", editable=False),
    ),
    what="person",
)

HOUSEHOLD_ENTITY = Entity(
    Household,
    (
        _ID,
        Named("team", resolved=True),
        _SETTLEMENT,
        Value("address"),
        Integer("size", minimum=1, maximum=100),
        Value("created_at", editable=False),
    ),
    what="household",
)

VISIT_ENTITY = Entity(
    FieldVisit,
    (
        _ID,
        _PERSON,
        _DATE,
        Named("team", editable=False),
        _SETTLEMENT,
        Value("findings"),
        _RISK_TYPES,
        Value("consent_to_record"),
        *_RECORDED,
    ),
    what="field visit",
)

ASSESSMENT_ENTITY = Entity(
    RiskAssessment,
    (
        _ID,
        _PERSON,
        _DATE,
        _RISK_TYPES,
        Code("level", _codes(RISK_LEVEL_LABELS)),
        Value("assessor"),
        Value("basis"),
        *_RECORDED,
    ),
    what="risk assessment",
)

PLAN_ENTITY = Entity(
    CounsellingPlan,
    (
        _ID,
        _PERSON,
        Value("title"),
        Integer("sessions_planned", minimum=1, maximum=50),
        Day("started"),
        Value("created_at", editable=False),
    ),
    what="counselling plan",
)

SESSION_ENTITY = Entity(
    CounsellingSession,
    (
        _ID,
        _PERSON,
        Reference("plan"),
        Integer("number", minimum=1, maximum=50),
        _DATE,
        Code("status", SessionStatus.choices),
        Value("topic"),
        Value("counsellor"),
        Value("notes"),
        *_RECORDED,
    ),
    what="counselling session",
)

REFERRAL_ENTITY = Entity(
    Referral,
    (
        _ID,
        _PERSON,
        _DATE,
        Code("destination", _codes(REFERRAL_DESTINATION_LABELS)),
        Value("service_id"),
        Value("service_origin", editable=False),
        Value("service_name", editable=False),
        Value("reason"),
        Value("status", editable=False),
        Value("status_changed_at", editable=False),
        Value("outcome", editable=False),
        *_RECORDED,
    ),
    what="referral",
)

DELIVERY_ENTITY = Entity(
    ServiceDelivery,
    (
        _ID,
        _PERSON,
        _DATE,
        Code("kind", _codes(DELIVERED_SERVICE_LABELS)),
        Value("service_id"),
        Integer("quantity", minimum=1, maximum=10_000),
        Value("note"),
        *_RECORDED,
    ),
    what="service delivered",
)

OUTCOME_ENTITY = Entity(
    Outcome,
    (_ID, _PERSON, _DATE, Code("outcome", _codes(OUTCOME_LABELS)), Value("note"), *_RECORDED),
    what="outcome",
)

FLAG_ENTITY = Entity(
    Flag,
    (
        _ID,
        _PERSON,
        Value("rule", editable=False),
        Value("reason", editable=False),
        Value("evidence", editable=False),
        Value("raised_at", editable=False),
        Value("status", editable=False),
        Named("decided_by", key="username", editable=False),
        Value("decided_at", editable=False),
        Value("decision_note", editable=False),
    ),
    what="flag",
)
"""Read-mostly: a rule raises a flag; a caseworker only decides it (``flag_decide``)."""

TEAM_ENTITY = Entity(Team, (Value("code"), Value("name")), what="team")
SETTLEMENT_ENTITY = Entity(Settlement, (Value("code"), Value("name"), Value("name_latin")), what="settlement")
STAFF_ENTITY = Entity(
    Staff,
    (Reference("user"), Code("role", StaffRole.choices), Reference("team"), Value("all_teams")),
    what="staff member",
)

TIMELINE_ENTITIES: dict[type[models.Model], Entity] = {
    entity.model: entity
    for entity in (
        VISIT_ENTITY,
        ASSESSMENT_ENTITY,
        SESSION_ENTITY,
        REFERRAL_ENTITY,
        DELIVERY_ENTITY,
        OUTCOME_ENTITY,
    )
}
"""Each kind of timeline entry's entity, by its model (``TIMELINE_MODELS``' order)."""

ENTITIES: dict[type[models.Model], Entity] = {
    entity.model: entity
    for entity in (
        PERSON_ENTITY,
        HOUSEHOLD_ENTITY,
        *TIMELINE_ENTITIES.values(),
        PLAN_ENTITY,
        FLAG_ENTITY,
        TEAM_ENTITY,
        SETTLEMENT_ENTITY,
        STAFF_ENTITY,
    )
}
"""Every register entity by its model."""
