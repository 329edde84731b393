from __future__ import annotations

from rest_framework import serializers

from node.catalogue.models import FederatedService, Service


class ServiceSerializer(serializers.ModelSerializer[Service]):
    """Input and output of the node's own entries. The contract (``ServiceV1``) does the
    detailed validation in the service layer, so both API and admin obey the same rules."""

    name = serializers.DictField(child=serializers.CharField(), help_text='e.g. {"mk": "…", "en": "…"}')
    description = serializers.DictField(child=serializers.CharField(), required=False)
    organization_name = serializers.DictField(child=serializers.CharField())
    target_groups = serializers.ListField(child=serializers.CharField(), required=False)
    languages = serializers.ListField(child=serializers.CharField(), required=False)
    # Declared, not derived from the model: the derived range differs by database backend.
    revision = serializers.IntegerField(read_only=True, min_value=1)

    class Meta:
        model = Service
        fields = (
            "id",
            "revision",
            "status",
            "name",
            "description",
            "organization_name",
            "target_groups",
            "languages",
            "address_1",
            "city",
            "postal_code",
            "country",
            "phone",
            "email",
            "url",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("id", "revision", "created_at", "updated_at")


class FederatedServiceSerializer(serializers.ModelSerializer[FederatedService]):
    revision = serializers.IntegerField(read_only=True, min_value=1)

    class Meta:
        model = FederatedService
        fields = (
            "service_id",
            "origin",
            "revision",
            "status",
            "data",
            "message_id",
            "published_at",
            "received_at",
        )
