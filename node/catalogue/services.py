from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from pydantic import ValidationError

from common.db import bulk_insert
from contracts.catalogue import ServiceV1, ServiceV1_2
from contracts.errors import ContractError, SchemaViolationError, validation_detail
from contracts.messages import Event
from node.catalogue.models import FederatedService, Service
from node.exchange.services import outbox_enqueue
from node.federation.selectors import enrolment_get

MESSAGE_TYPE = "catalogue.service"
EDITABLE_FIELDS = (
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
)


class NotOwnerError(ContractError):
    code = "not-owner"
    http_status = 403
    default_message = "Only the node that published a catalogue entry may change it."


def service_contract(service: Service) -> ServiceV1_2:
    """The entry as the federation sees it; raises ``SchemaViolationError`` naming each bad field."""
    address = None
    if service.address_1 or service.city:
        address = {
            "address_1": service.address_1,
            "city": service.city,
            "postal_code": service.postal_code,
            "country": service.country,
        }
    try:
        return ServiceV1_2.model_validate(
            {
                "id": service.id,
                "revision": service.revision,
                "status": service.status,
                "name": service.name,
                "description": service.description,
                "organization": {"name": service.organization_name},
                "target_groups": tuple(service.target_groups or ()),
                "languages": tuple(service.languages or ()),
                "address": address,
                "contact": {"phone": service.phone, "email": service.email, "url": service.url},
            }
        )
    except ValidationError as exc:
        raise SchemaViolationError(
            "The service entry is not valid for the catalogue.", detail=validation_detail(exc)
        ) from exc


@transaction.atomic
def service_create(*, fields: dict[str, Any]) -> Service:
    service = Service(**{k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    contract = service_contract(service)
    service.save()
    _publish(service=service, contract=contract)
    return service


@transaction.atomic
def service_update(*, service_id: uuid.UUID, fields: dict[str, Any]) -> Service:
    service = Service.objects.select_for_update().get(id=service_id)
    for name, value in fields.items():
        if name in EDITABLE_FIELDS:
            setattr(service, name, value)
    service.revision += 1
    service.updated_at = timezone.now()
    contract = service_contract(service)
    service.save()
    _publish(service=service, contract=contract)
    return service


@transaction.atomic
def service_withdraw(*, service_id: uuid.UUID) -> Service:
    """Withdraw an entry: it is kept here, and disappears from every node's catalogue."""
    return service_update(service_id=service_id, fields={"status": Service.Status.DEFUNCT})


def _publish(*, service: Service, contract: ServiceV1_2) -> None:
    outbox = outbox_enqueue(message_type=MESSAGE_TYPE, data=contract)
    _federated_upsert(
        origin=enrolment_get().node_code,
        data=contract,
        message_id=outbox.message_id,
        published_at=outbox.created_at,
    )


def _federated_upsert(
    *, origin: str, data: ServiceV1, message_id: uuid.UUID, published_at: dt.datetime
) -> None:
    """This node's own entry, as the federation sees it; the same rules as for others' entries."""
    existing = FederatedService.objects.select_for_update().filter(service_id=data.id).first()
    if existing is not None:
        if existing.origin != origin:
            raise NotOwnerError(f"{origin} may not change entry {data.id} published by {existing.origin}.")
        if existing.revision >= data.revision:
            return
    FederatedService.objects.update_or_create(
        service_id=data.id, defaults=_federated_fields(origin, data, message_id, published_at)
    )


def _federated_fields(
    origin: str, data: ServiceV1, message_id: uuid.UUID, published_at: dt.datetime
) -> dict[str, Any]:
    return {
        "origin": origin,
        "revision": data.revision,
        "status": data.status,
        "data": data.model_dump(mode="json"),
        "search_text": _search_text(data),
        "message_id": message_id,
        "published_at": published_at,
        "received_at": timezone.now(),
    }


def _search_text(data: ServiceV1) -> str:
    parts = [*data.name.values(), *data.description.values(), *data.organization.name.values()]
    if data.address is not None:
        parts.append(data.address.city)
    parts.extend(f"tg:{group}" for group in data.target_groups)
    return " ".join(parts).casefold()


def federated_services_apply(events: list[Event[Any]]) -> dict[int, ContractError]:
    """Apply a page of ``catalogue.service`` messages (upcast to the current version) from
    other nodes, in a few queries: the newest revision wins, an older one changes nothing, and
    only the node that published an entry may change it (``not-owner``, by position)."""
    errors: dict[int, ContractError] = {}
    existing = {
        row.service_id: row
        for row in FederatedService.objects.select_for_update().filter(
            service_id__in=[event.data.id for event in events]
        )
    }
    newest: dict[uuid.UUID, Event[Any]] = {}
    for position, event in enumerate(events):
        data = event.data
        assert isinstance(data, ServiceV1)  # the current minor, or a newer one read as the current
        stored, pending = existing.get(data.id), newest.get(data.id)
        owner = (
            stored.origin if stored is not None else (pending.source if pending is not None else event.source)
        )
        if owner != event.source:
            errors[position] = NotOwnerError(
                f"{event.source} may not change entry {data.id} published by {owner}."
            )
            continue
        revision = max(stored.revision if stored else 0, pending.data.revision if pending else 0)
        if data.revision > revision:
            newest[data.id] = event
    creates, updates = [], []
    for service_id, event in newest.items():
        fields = _federated_fields(event.source, event.data, event.id, event.time)
        row = existing.get(service_id)
        if row is None:
            creates.append(FederatedService(service_id=service_id, **fields))
        else:
            for name, value in fields.items():
                setattr(row, name, value)
            updates.append(row)
    bulk_insert(FederatedService, creates)
    if updates:
        FederatedService.objects.bulk_update(updates, list(fields))
    return errors
