"""This node's own catalogue: organisations, locations, services and services at locations.

Every change (create, update, withdraw) bumps the entry's revision and, in the same transaction,
writes the signed message to the outbox and applies it to this node's federated catalogue under
the same rules as any other node's message (``common.catalogue.services``).
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from pydantic import BaseModel

from common.catalogue.services import Published, catalogue_apply
from common.entities import Entity
from node.catalogue.entities import ENTITIES
from node.catalogue.models import Entry, Service, Status
from node.exchange.outbox import outbox_enqueue
from node.federation.selectors import enrolment_get

EntryT = TypeVar("EntryT", bound=Entry)


def entry_draft(
    model: type[EntryT], *, fields: dict[str, Any], entry_id: uuid.UUID | None = None, revision: int = 1
) -> tuple[EntryT, BaseModel]:
    """An unsaved entry with these fields and the contract it would publish; raises the
    catalogue error that publishing it would. References may be ids of this node's entries or
    entries (saved or not)."""
    entry = model(revision=revision)
    if entry_id is not None:
        entry.id = entry_id
    entity = ENTITIES[model]
    entity.assign(entry, fields)
    return entry, entity.to_contract(entry)


@transaction.atomic
def entry_create(model: type[EntryT], *, fields: dict[str, Any], entry_id: uuid.UUID | None = None) -> EntryT:
    """Create and publish an entry; ``entry_id`` keeps an id given from outside (an import)."""
    entry, contract = entry_draft(model, fields=fields, entry_id=entry_id)
    _publish(ENTITIES[model], contract)  # first: refuses an id another node owns
    entry.save()
    return entry


@transaction.atomic
def entry_update(model: type[EntryT], *, entry_id: uuid.UUID, fields: dict[str, Any]) -> EntryT:
    entity = ENTITIES[model]
    entry: EntryT = model._default_manager.select_for_update().get(id=entry_id)
    entity.assign(entry, fields)
    entry.revision += 1
    entry.updated_at = timezone.now()
    contract = entity.to_contract(entry)
    entry.save()
    _publish(entity, contract)
    return entry


@transaction.atomic
def entry_withdraw(model: type[EntryT], *, entry_id: uuid.UUID) -> EntryT:
    """Withdraw an entry: it is kept here, and disappears from every node's catalogue."""
    return entry_update(model, entry_id=entry_id, fields={"status": Status.DEFUNCT})


def _publish(entity: Entity, contract: BaseModel) -> None:
    message_type = entity.message_type
    if message_type is None:
        raise TypeError(f"The {entity.label} is not published.")
    outbox = outbox_enqueue(message_type=message_type, data=contract)
    published = Published(enrolment_get().node_code, outbox.message_id, outbox.created_at, contract)
    errors = catalogue_apply(message_type, [published])
    if errors:
        raise errors[0]


def service_create(*, fields: dict[str, Any]) -> Service:
    return entry_create(Service, fields=fields)


def service_update(*, service_id: uuid.UUID, fields: dict[str, Any]) -> Service:
    return entry_update(Service, entry_id=service_id, fields=fields)


def service_withdraw(*, service_id: uuid.UUID) -> Service:
    return entry_withdraw(Service, entry_id=service_id)
