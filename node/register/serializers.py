"""Input and output of the register's API, derived from its entities.

The services judge every value (dates, codes, settlements, required texts) and answer with the
register's codes, so that the API, the admin, the caseworkers' pages and the importer refuse the
same things the same way. Here a writable field is therefore never required and falls back on the
model's default or an empty value: a missing assessor reaches ``assessment_record`` as ``""`` and
is refused as ``missing-assessor``, not by the serializer as ``invalid-input``.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from common.entities import EntitySerializer, entity_serializer
from contracts.vocabulary import REFERRAL_STATUS_LABELS
from node.register.entities import (
    ASSESSMENT_ENTITY,
    DELIVERY_ENTITY,
    FLAG_ENTITY,
    OUTCOME_ENTITY,
    PERSON_ENTITY,
    PLAN_ENTITY,
    REFERRAL_ENTITY,
    SESSION_ENTITY,
    VISIT_ENTITY,
    DayField,
)
from node.register.models import TIMELINE_MODELS, FlagStatus


class RegisterSerializer(EntitySerializer):
    """An entity of the register: references reach the services as rows (the services take
    rows or codes), and every writable field is optional with a fallback (see the module)."""

    def to_internal_value(self, data: Any) -> Any:
        return serializers.ModelSerializer.to_internal_value(self, data)

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        for name, field in fields.items():
            if name in self.entity.read_only:
                # A declared field (a code list) is set read-only here: Meta's list covers only derived ones.
                field.read_only, field.required = True, False
            if field.read_only:
                continue
            field.required = False
            field.default = _fallback(self.entity.model_field(name), field)
            if isinstance(field, serializers.CharField):
                field.allow_blank = True
            # Uniqueness (a register number) is the services' to judge: ``duplicate-person``.
            field.validators = [v for v in field.validators if not isinstance(v, UniqueValidator)]
        return fields

    def get_validators(self) -> list[Any]:
        # The model's unique constraints (a session's number in its plan) are the services' too.
        return []


def _fallback(model_field: Any, field: serializers.Field[Any, Any, Any, Any]) -> Any:
    if model_field.has_default():
        default = model_field.default
        return default if callable(default) else model_field.get_default()
    if model_field.null or isinstance(model_field, models.ForeignKey):
        return None
    if isinstance(field, DayField):
        # Given as a function, so that the schema does not state "" as the default of a date.
        return _no_day
    if isinstance(field, serializers.IntegerField):
        return None
    if isinstance(field, serializers.ListField):
        return list
    if isinstance(field, serializers.BooleanField):
        return False
    return ""


def _no_day() -> str:
    return ""


PersonSerializer = entity_serializer(PERSON_ENTITY, base=RegisterSerializer)
VisitSerializer = entity_serializer(VISIT_ENTITY, base=RegisterSerializer)
AssessmentSerializer = entity_serializer(ASSESSMENT_ENTITY, base=RegisterSerializer)
PlanSerializer = entity_serializer(PLAN_ENTITY, base=RegisterSerializer)
SessionSerializer = entity_serializer(SESSION_ENTITY, base=RegisterSerializer)
ReferralSerializer = entity_serializer(REFERRAL_ENTITY, base=RegisterSerializer)
DeliverySerializer = entity_serializer(DELIVERY_ENTITY, base=RegisterSerializer)
OutcomeSerializer = entity_serializer(OUTCOME_ENTITY, base=RegisterSerializer)
FlagSerializer = entity_serializer(FLAG_ENTITY, base=RegisterSerializer)

ENTRY_SERIALIZERS: dict[str, type[RegisterSerializer]] = {
    model._meta.model_name or "": serializer
    for model, serializer in zip(
        TIMELINE_MODELS,
        (
            VisitSerializer,
            AssessmentSerializer,
            SessionSerializer,
            ReferralSerializer,
            DeliverySerializer,
            OutcomeSerializer,
        ),
        strict=True,
    )
}
"""The serializer of each kind of timeline entry, by the kind's name (``TimelineItem.kind``)."""


class TimelineItemSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=sorted(ENTRY_SERIALIZERS))
    date = serializers.DateField()
    entry = serializers.SerializerMethodField()

    def get_entry(self, item: Any) -> dict[str, Any]:
        data: dict[str, Any] = ENTRY_SERIALIZERS[item.kind](item.entry).data
        return data


class PersonRecordSerializer(serializers.Serializer[Any]):
    """A person's whole record: details, timeline (newest first) and every flag ever raised."""

    person = PersonSerializer(read_only=True)
    timeline = TimelineItemSerializer(many=True, read_only=True)
    flags = FlagSerializer(many=True, read_only=True)


class ReferralStatusSerializer(serializers.Serializer[Any]):
    status = serializers.CharField(help_text="One of: " + ", ".join(REFERRAL_STATUS_LABELS))
    outcome = serializers.CharField(required=False, default="", allow_blank=True)


class FlagDecisionSerializer(serializers.Serializer[Any]):
    decision = serializers.CharField(help_text=f"{FlagStatus.CONFIRMED} or {FlagStatus.DISMISSED}")
    note = serializers.CharField(required=False, default="", allow_blank=True)


class WorklistSerializer(serializers.Serializer[Any]):
    my_people = PersonSerializer(many=True, read_only=True)
    my_people_total = serializers.IntegerField()
    open_flags = FlagSerializer(many=True, read_only=True)
    open_flags_total = serializers.IntegerField()
    sessions_due = SessionSerializer(many=True, read_only=True)
