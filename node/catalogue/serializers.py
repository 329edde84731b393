from __future__ import annotations

from typing import Any

from rest_framework import serializers

from node.catalogue.models import Entry, Location, Organization, Service, ServiceAtLocation
from node.catalogue.services import KINDS

_TEXT_HELP = 'Text by language tag, e.g. {"mk": "…", "en": "…"}'


def _text(required: bool = False) -> serializers.DictField:
    return serializers.DictField(child=serializers.CharField(), required=required, help_text=_TEXT_HELP)


def _codes() -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), required=False)


class EntrySerializer(serializers.ModelSerializer[Entry]):
    """Input and output of the node's own entries. The contract does the detailed validation in
    the service layer, so the API and the admin obey the same rules and report the same codes."""

    # Declared, not derived from the model: the derived range differs by database backend.
    revision = serializers.IntegerField(read_only=True, min_value=1)
    schedules = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        help_text='[{"byday": ["MO"], "opens_at": "08:00", "closes_at": "16:00"}]',
    )

    def to_internal_value(self, data: Any) -> Any:
        values = super().to_internal_value(data)
        # Related entries as ids: the service layer checks they are this node's.
        for name, value in list(values.items()):
            if isinstance(value, Entry):
                values[name] = value.id
        return values

    class Meta:
        read_only_fields = ("id", "revision", "created_at", "updated_at")


def _fields(model: type[Entry]) -> tuple[str, ...]:
    """What the API shows of an entry: its identity and times, and what staff may edit."""
    return ("id", "revision", *KINDS[model].editable, "created_at", "updated_at")


class OrganizationSerializer(EntrySerializer):
    name = _text(required=True)
    alternate_name = _text()
    description = _text()
    schedules = None  # type: ignore[assignment]

    class Meta(EntrySerializer.Meta):
        model = Organization
        fields = _fields(Organization)


class LocationSerializer(EntrySerializer):
    name = _text(required=True)
    description = _text()
    accessibility = _text()
    languages = _codes()

    class Meta(EntrySerializer.Meta):
        model = Location
        fields = _fields(Location)


class ServiceSerializer(EntrySerializer):
    name = _text(required=True)
    description = _text()
    organization_name = _text()
    application_process = _text()
    fees_description = _text()
    eligibility_description = _text()
    target_groups = _codes()
    taxonomy_terms = _codes()
    languages = _codes()
    minimum_age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120)
    maximum_age = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120)

    class Meta(EntrySerializer.Meta):
        model = Service
        fields = _fields(Service)


class ServiceAtLocationSerializer(EntrySerializer):
    description = _text()

    class Meta(EntrySerializer.Meta):
        model = ServiceAtLocation
        fields = _fields(ServiceAtLocation)
