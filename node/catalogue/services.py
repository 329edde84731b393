"""This node's own catalogue: organisations, locations, services and services at locations.

Every change (create, update, withdraw) bumps the entry's revision and, in the same transaction,
writes the signed message to the outbox and applies it to this node's federated catalogue under
the same rules as any other node's message (``common.catalogue.services``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from pydantic import BaseModel, ValidationError

from common.catalogue.services import (
    LOCATION,
    ORGANIZATION,
    SERVICE,
    SERVICE_AT_LOCATION,
    Published,
    catalogue_apply,
    catalogue_error,
)
from contracts.catalogue import LocationV1, OrganizationV1, ServiceAtLocationV1, ServiceV1_2
from contracts.errors import UnknownReferenceError
from node.catalogue.models import Entry, Location, Organization, Service, ServiceAtLocation, Status
from node.exchange.outbox import outbox_enqueue
from node.federation.selectors import enrolment_get

EntryT = TypeVar("EntryT", bound=Entry)

_ADDRESS = ("address_1", "city", "postal_code", "country")


def _address(entry: Any) -> dict[str, str] | None:
    if not (entry.address_1 or entry.city):
        return None
    return {name: getattr(entry, name) for name in _ADDRESS}


ModelT = TypeVar("ModelT", bound=BaseModel)


def _validated(model: type[ModelT], what: str, data: dict[str, Any]) -> ModelT:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise catalogue_error(exc, what) from exc


def organization_contract(org: Organization) -> OrganizationV1:
    return _validated(
        OrganizationV1,
        "organisation",
        {
            "id": org.id,
            "revision": org.revision,
            "status": org.status,
            "organization_type": org.organization_type,
            "name": org.name,
            "alternate_name": org.alternate_name,
            "description": org.description,
            "email": org.email,
            "website": org.website,
            "phone": org.phone,
            "address": _address(org),
        },
    )


def location_contract(location: Location) -> LocationV1:
    return _validated(
        LocationV1,
        "location",
        {
            "id": location.id,
            "revision": location.revision,
            "status": location.status,
            "organization_id": location.organization_id,
            "location_type": location.location_type,
            "name": location.name,
            "description": location.description,
            "address": _address(location),
            "latitude": location.latitude,
            "longitude": location.longitude,
            "url": location.url,
            "accessibility": location.accessibility,
            "languages": tuple(location.languages or ()),
            "schedules": tuple(location.schedules or ()),
        },
    )


def service_contract(service: Service) -> ServiceV1_2:
    """The entry as the federation sees it; raises a catalogue error naming each bad field."""
    # Its organisation's name when it has one (as assigned, saved or not), else its own.
    organization = service.organization if service.organization_id else None
    organization_name = organization.name if organization is not None else service.organization_name
    return _validated(
        ServiceV1_2,
        "service",
        {
            "id": service.id,
            "revision": service.revision,
            "status": service.status,
            "name": service.name,
            "description": service.description,
            "organization": {"name": organization_name},
            "organization_id": service.organization_id,
            "target_groups": tuple(service.target_groups or ()),
            "taxonomy_terms": tuple(service.taxonomy_terms or ()),
            "languages": tuple(service.languages or ()),
            "address": _address(service),
            "contact": {"phone": service.phone, "email": service.email, "url": service.url},
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            "eligibility_description": service.eligibility_description,
            "schedules": tuple(service.schedules or ()),
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
        },
    )


def service_at_location_contract(place: ServiceAtLocation) -> ServiceAtLocationV1:
    return _validated(
        ServiceAtLocationV1,
        "service at location",
        {
            "id": place.id,
            "revision": place.revision,
            "status": place.status,
            "service_id": place.service_id,
            "location_id": place.location_id,
            "description": place.description,
            "contact": {"phone": place.phone, "email": place.email, "url": place.url},
            "schedules": tuple(place.schedules or ()),
        },
    )


@dataclass(frozen=True)
class EntryKind:
    message_type: str
    contract: Callable[[Any], BaseModel]
    editable: tuple[str, ...]
    references: tuple[tuple[str, type[Entry]], ...] = ()


KINDS: dict[type[Entry], EntryKind] = {
    Organization: EntryKind(
        ORGANIZATION,
        organization_contract,
        (
            "status",
            "organization_type",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "phone",
            *_ADDRESS,
        ),
    ),
    Location: EntryKind(
        LOCATION,
        location_contract,
        (
            "status",
            "organization",
            "location_type",
            "name",
            "description",
            *_ADDRESS,
            "latitude",
            "longitude",
            "url",
            "accessibility",
            "languages",
            "schedules",
        ),
        (("organization", Organization),),
    ),
    Service: EntryKind(
        SERVICE,
        service_contract,
        (
            "status",
            "organization",
            "name",
            "description",
            "organization_name",
            "target_groups",
            "taxonomy_terms",
            "languages",
            "application_process",
            "fees_description",
            "eligibility_description",
            "schedules",
            "minimum_age",
            "maximum_age",
            *_ADDRESS,
            "phone",
            "email",
            "url",
        ),
        (("organization", Organization),),
    ),
    ServiceAtLocation: EntryKind(
        SERVICE_AT_LOCATION,
        service_at_location_contract,
        ("status", "service", "location", "description", "phone", "email", "url", "schedules"),
        (("service", Service), ("location", Location)),
    ),
}


def _assign(entry: Entry, kind: EntryKind, fields: dict[str, Any]) -> None:
    references = dict(kind.references)
    for name, value in fields.items():
        if name not in kind.editable:
            continue
        if name in references and value is not None and not isinstance(value, Entry):
            # An id: it must name an entry of this node.
            target = references[name]._default_manager.filter(id=value).first()
            if target is None:
                raise UnknownReferenceError(
                    f"This node has no {name.replace('_', ' ')} {value}.", detail={"field": name}
                )
            value = target
        setattr(entry, name, value)


def entry_draft(
    model: type[EntryT], *, fields: dict[str, Any], entry_id: uuid.UUID | None = None, revision: int = 1
) -> tuple[EntryT, BaseModel]:
    """An unsaved entry with these fields and the contract it would publish; raises the
    catalogue error that publishing it would. References may be ids of this node's entries or
    entries (saved or not)."""
    entry = model(revision=revision)
    if entry_id is not None:
        entry.id = entry_id
    kind = KINDS[model]
    _assign(entry, kind, fields)
    return entry, kind.contract(entry)


@transaction.atomic
def entry_create(model: type[EntryT], *, fields: dict[str, Any], entry_id: uuid.UUID | None = None) -> EntryT:
    """Create and publish an entry; ``entry_id`` keeps an id given from outside (an import)."""
    entry, contract = entry_draft(model, fields=fields, entry_id=entry_id)
    _publish(KINDS[model], contract)  # first: refuses an id another node owns
    entry.save()
    return entry


@transaction.atomic
def entry_update(model: type[EntryT], *, entry_id: uuid.UUID, fields: dict[str, Any]) -> EntryT:
    kind = KINDS[model]
    entry: EntryT = model._default_manager.select_for_update().get(id=entry_id)
    _assign(entry, kind, fields)
    entry.revision += 1
    entry.updated_at = timezone.now()
    contract = kind.contract(entry)
    entry.save()
    _publish(kind, contract)
    return entry


@transaction.atomic
def entry_withdraw(model: type[EntryT], *, entry_id: uuid.UUID) -> EntryT:
    """Withdraw an entry: it is kept here, and disappears from every node's catalogue."""
    return entry_update(model, entry_id=entry_id, fields={"status": Status.DEFUNCT})


def _publish(kind: EntryKind, contract: BaseModel) -> None:
    outbox = outbox_enqueue(message_type=kind.message_type, data=contract)
    published = Published(enrolment_get().node_code, outbox.message_id, outbox.created_at, contract)
    errors = catalogue_apply(kind.message_type, [published])
    if errors:
        raise errors[0]


def service_create(*, fields: dict[str, Any]) -> Service:
    return entry_create(Service, fields=fields)


def service_update(*, service_id: uuid.UUID, fields: dict[str, Any]) -> Service:
    return entry_update(Service, entry_id=service_id, fields=fields)


def service_withdraw(*, service_id: uuid.UUID) -> Service:
    return entry_withdraw(Service, entry_id=service_id)
