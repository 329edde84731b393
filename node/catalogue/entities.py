"""The catalogue's four entities, each declared once: what staff edit, in the API and the admin,
and how each entry is published (``common.entities`` derives the rest)."""

from __future__ import annotations

from typing import get_args

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.catalogue.services import LOCATION, ORGANIZATION, SERVICE, SERVICE_AT_LOCATION, catalogue_error
from common.entities import (
    Code,
    Codes,
    Computed,
    Entity,
    Group,
    Hours,
    Integer,
    Reference,
    Text,
    Value,
    vocabulary_choices,
)
from contracts.catalogue import LocationV1, OrganizationV1, ServiceAtLocationV1, ServiceV1_2
from contracts.vocabulary import LANGUAGE_TAGS, TARGET_GROUP_LABELS, TAXONOMY_LABELS, OrganizationType
from node.catalogue.models import Location, Organization, Service, ServiceAtLocation

# What every entry has first and last: its identity, set by the system.
_IDENTITY = (Value("id", editable=False), Integer("revision", minimum=1, editable=False))
_TIMES = (
    Value("created_at", editable=False, published=False),
    Value("updated_at", editable=False, published=False),
)

_STATUS = Value("status")
_NAME = Text("name", label=_("Name"), required=True)
_DESCRIPTION = Text("description", label=_("Description"), long=True)
_LANGUAGES = Codes("languages", [(tag, tag) for tag in LANGUAGE_TAGS])
_SCHEDULES = Hours("schedules", help='[{"byday": ["MO"], "opens_at": "08:00", "closes_at": "16:00"}]')
_ADDRESS = Group(
    "address",
    (Value("address_1"), Value("city"), Value("postal_code"), Value("country")),
    present_if=("address_1", "city"),
)
_CONTACT = Group("contact", (Value("phone"), Value("email"), Value("url")))
_ORGANIZATION = Reference("organization")


def _organization_of(service: Service) -> dict[str, object]:
    # Its organisation's name when it has one (as assigned, saved or not), else its own.
    organization = service.organization if service.organization_id else None
    return {"name": organization.name if organization is not None else service.organization_name}


ORGANIZATION_ENTITY = Entity(
    Organization,
    (
        *_IDENTITY,
        _STATUS,
        Code("organization_type", [(code, code) for code in get_args(OrganizationType)]),
        _NAME,
        Text("alternate_name", label=_("Other name")),
        _DESCRIPTION,
        Value("email"),
        Value("website"),
        Value("phone"),
        _ADDRESS,
        *_TIMES,
    ),
    message_type=ORGANIZATION,
    contract=OrganizationV1,
    what="organisation",
    invalid=catalogue_error,
)

LOCATION_ENTITY = Entity(
    Location,
    (
        *_IDENTITY,
        _STATUS,
        _ORGANIZATION,
        Value("location_type"),
        _NAME,
        _DESCRIPTION,
        _ADDRESS,
        Value("latitude"),
        Value("longitude"),
        Value("url"),
        Text("accessibility", label=_("Accessibility"), long=True),
        _LANGUAGES,
        _SCHEDULES,
        *_TIMES,
    ),
    message_type=LOCATION,
    contract=LocationV1,
    invalid=catalogue_error,
)

SERVICE_ENTITY = Entity(
    Service,
    (
        *_IDENTITY,
        _STATUS,
        _ORGANIZATION,
        _NAME,
        _DESCRIPTION,
        Text(
            "organization_name",
            label=_("Organisation name (when no organisation is chosen)"),
            published=False,
        ),
        Computed("organization", _organization_of),
        Codes("target_groups", vocabulary_choices(TARGET_GROUP_LABELS)),
        Codes("taxonomy_terms", vocabulary_choices(TAXONOMY_LABELS)),
        _LANGUAGES,
        Text("application_process", label=_("How to apply"), long=True),
        Text("fees_description", label=_("Cost"), long=True),
        Text("eligibility_description", label=_("Who is eligible"), long=True),
        _SCHEDULES,
        Integer("minimum_age", minimum=0, maximum=120),
        Integer("maximum_age", minimum=0, maximum=120),
        _ADDRESS,
        _CONTACT,
        *_TIMES,
    ),
    message_type=SERVICE,
    contract=ServiceV1_2,
    invalid=catalogue_error,
)

SERVICE_AT_LOCATION_ENTITY = Entity(
    ServiceAtLocation,
    (
        *_IDENTITY,
        _STATUS,
        Reference("service"),
        Reference("location"),
        _DESCRIPTION,
        _CONTACT,
        _SCHEDULES,
        *_TIMES,
    ),
    message_type=SERVICE_AT_LOCATION,
    contract=ServiceAtLocationV1,
    invalid=catalogue_error,
)

ENTITIES: dict[type[models.Model], Entity] = {
    entity.model: entity
    for entity in (ORGANIZATION_ENTITY, LOCATION_ENTITY, SERVICE_ENTITY, SERVICE_AT_LOCATION_ENTITY)
}
"""Each catalogue entity by its model."""
