from __future__ import annotations

from common.entities import EntitySerializer, entity_serializer
from node.catalogue.entities import (
    LOCATION_ENTITY,
    ORGANIZATION_ENTITY,
    SERVICE_AT_LOCATION_ENTITY,
    SERVICE_ENTITY,
)


class EntrySerializer(EntitySerializer):
    """Input and output of the node's own entries. The contract does the detailed validation in
    the service layer, so the API and the admin obey the same rules and report the same codes."""


OrganizationSerializer = entity_serializer(ORGANIZATION_ENTITY, base=EntrySerializer)
LocationSerializer = entity_serializer(LOCATION_ENTITY, base=EntrySerializer)
ServiceSerializer = entity_serializer(SERVICE_ENTITY, base=EntrySerializer)
ServiceAtLocationSerializer = entity_serializer(SERVICE_AT_LOCATION_ENTITY, base=EntrySerializer)
