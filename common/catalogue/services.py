"""Writing the federated catalogue: pages of published entries, applied in a few queries.

The same rules hold for every entry type, for a node's own entries, for other nodes' entries at
a node, and at the hub: the node that first published an entry owns it (``not-owner`` for
anyone else); a higher revision replaces the entry; the same revision again changes nothing; a
lower one is refused (``stale-revision``). Call inside a transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from pydantic import ValidationError

from common.catalogue.derive import entry_search_key, service_derived
from common.catalogue.models import FederatedEntry, FederatedService, ServiceOpening
from common.catalogue.selectors import Surroundings, surroundings
from common.db import bulk_insert
from contracts.errors import (
    ContractError,
    MissingFieldError,
    NotOwnerError,
    SchemaViolationError,
    StaleRevisionError,
    UnknownCodeError,
    UnknownLanguageError,
    validation_detail,
)
from contracts.messages import Event

SERVICE = "catalogue.service"
ORGANIZATION = "catalogue.organization"
LOCATION = "catalogue.location"
SERVICE_AT_LOCATION = "catalogue.service_at_location"
WITHDRAWAL = "catalogue.withdrawal"
ENTRY_TYPES = {
    ORGANIZATION: FederatedEntry.Type.ORGANIZATION,
    LOCATION: FederatedEntry.Type.LOCATION,
    SERVICE_AT_LOCATION: FederatedEntry.Type.SERVICE_AT_LOCATION,
}
MESSAGE_TYPES = (SERVICE, *ENTRY_TYPES, WITHDRAWAL)


@dataclass(frozen=True, slots=True)
class Published:
    """One catalogue message's content and provenance."""

    origin: str
    message_id: uuid.UUID
    published_at: dt.datetime
    data: Any
    """A catalogue model: every one has ``id``, ``revision`` and ``status``."""


def catalogue_error(exc: ValidationError, what: str = "catalogue entry") -> ContractError:
    """The most specific stable code for an invalid entry, with every failing field in ``detail``."""
    detail = validation_detail(exc)
    rules = {item["rule"] for item in detail}
    fields = [str(item["field"]) for item in detail]
    if rules == {"missing"}:
        return MissingFieldError(f"The {what} lacks: {', '.join(fields)}.", detail=detail)
    for item in detail:
        if item["rule"] == "literal_error" and str(item["field"]).endswith("[key]"):
            return UnknownLanguageError(f"{item['field']}: {item['message']}", detail=detail)
    if rules <= {"literal_error", "missing"} and any(item["rule"] == "literal_error" for item in detail):
        return UnknownCodeError(
            "Not in the shared vocabulary: "
            + ", ".join(str(i["field"]) for i in detail if i["rule"] == "literal_error"),
            detail=detail,
        )
    return SchemaViolationError(f"The {what} is not valid for the catalogue.", detail=detail)


def catalogue_apply(message_type: str, items: list[Published]) -> dict[int, ContractError]:
    """Apply a page of one catalogue type; the errors are by position in ``items``."""
    if message_type == WITHDRAWAL:
        return _apply_withdrawals(items)
    if message_type == SERVICE:
        derivation = _Derivation(
            surroundings([item.data.id for item in items], {item.data.organization_id for item in items})
        )
        errors, changed = _apply(
            FederatedService,
            "service_id",
            items,
            lambda item: (
                (row := _common_columns(item)) | derivation.columns(item.data.id, item.origin, row["data"])
            ),
        )
        _replace_openings(changed, derivation.openings)
        return errors
    entry_type = ENTRY_TYPES[message_type]
    errors, changed = _apply(
        FederatedEntry,
        "entry_id",
        items,
        lambda item: _entry_columns(entry_type, item),
        scope={"entry_type": entry_type},
    )
    refresh_services(_services_touched(entry_type, changed))
    return errors


def event_applier(message_type: str) -> Callable[[list[Event[Any]]], dict[int, ContractError]]:
    """An inbox applier (see ``node.exchange.inbox.applier_register``) for ``message_type``."""

    def apply(events: list[Event[Any]]) -> dict[int, ContractError]:
        return catalogue_apply(message_type, [Published(e.source, e.id, e.time, e.data) for e in events])

    return apply


class _Derivation:
    """Derives services' search columns and openings (``common.catalogue.derive``) from their
    organisations and places, read once for a page; keeps the openings to write after the rows."""

    def __init__(self, around: Surroundings) -> None:
        self.around = around
        self.openings: dict[uuid.UUID, list[tuple[int, int, int, str]]] = {}

    def columns(self, service_id: uuid.UUID, origin: str, data: dict[str, Any]) -> dict[str, Any]:
        """``data`` is the service's published JSON."""
        organization_id = data.get("organization_id")
        derived = service_derived(
            data,
            origin=origin,
            organization=self.around.organization(uuid.UUID(organization_id) if organization_id else None),
            places=self.around.places.get(service_id, []),
        )
        self.openings[service_id] = [(*opening, derived.country) for opening in derived.openings]
        return {
            "organization_id": organization_id,
            "name_key": derived.name_key,
            "search_key": derived.search_key,
            "facets": derived.facets,
            "country": derived.country,
        }


def _replace_openings(
    service_ids: set[uuid.UUID], openings: dict[uuid.UUID, list[tuple[int, int, int, str]]]
) -> None:
    if not service_ids:
        return
    pks = dict(FederatedService.objects.filter(service_id__any=service_ids).values_list("service_id", "pk"))
    ServiceOpening.objects.filter(service_id__in=pks.values()).delete()  # one DELETE: nothing cascades
    bulk_insert(
        ServiceOpening,
        [
            ServiceOpening(service_id=pks[sid], weekday=day, opens=start, closes=end, country=country)
            for sid in service_ids
            for day, start, end, country in openings.get(sid, [])
        ],
    )


def _entry_columns(entry_type: str, item: Published) -> dict[str, Any]:
    data = item.data
    parent = ref = None
    if entry_type == FederatedEntry.Type.LOCATION:
        parent = data.organization_id
    elif entry_type == FederatedEntry.Type.SERVICE_AT_LOCATION:
        parent, ref = data.service_id, data.location_id
    row = _common_columns(item)
    return row | {
        "entry_type": entry_type,
        "parent_id": parent,
        "ref_id": ref,
        "search_key": entry_search_key(row["data"]),
    }


def _common_columns(item: Published) -> dict[str, Any]:
    data = item.data
    return {
        "origin": item.origin,
        "revision": data.revision,
        "status": data.status,
        "data": data.model_dump(mode="json"),
        "message_id": item.message_id,
        "published_at": item.published_at,
        "received_at": timezone.now(),
    }


def _refusal(item: Published, owner: str, held: int) -> ContractError | None:
    """Why ``item`` may not change an entry ``owner`` published and holds at revision ``held``."""
    if owner != item.origin:
        return NotOwnerError(f"{item.origin} may not change entry {item.data.id}: {owner} published it.")
    if item.data.revision < held:
        return StaleRevisionError(
            f"Entry {item.data.id} is held at revision {held}; revision {item.data.revision} is older."
        )
    return None


def _apply(
    model: type[FederatedService] | type[FederatedEntry],
    id_field: str,
    items: list[Published],
    columns: Callable[[Published], dict[str, Any]],
    *,
    scope: dict[str, Any] | None = None,
) -> tuple[dict[int, ContractError], set[uuid.UUID]]:
    """Write the newest revision of each entry in ``items``; returns refusals by position and the
    ids written."""
    existing: dict[uuid.UUID, Any] = {
        getattr(row, id_field): row
        for row in model.objects.select_for_update().filter(
            **(scope or {}), **{f"{id_field}__in": [item.data.id for item in items]}
        )
    }
    errors: dict[int, ContractError] = {}
    newest: dict[uuid.UUID, Published] = {}
    for position, item in enumerate(items):
        stored, pending = existing.get(item.data.id), newest.get(item.data.id)
        owner = stored.origin if stored is not None else (pending.origin if pending else item.origin)
        held = max(stored.revision if stored else 0, pending.data.revision if pending else 0)
        refusal = _refusal(item, owner, held)
        if refusal is not None:
            errors[position] = refusal
        elif item.data.revision > held:
            newest[item.data.id] = item
    creates: list[Any] = []
    updates: list[Any] = []
    names: list[str] = []
    for entry_id, item in newest.items():
        fields = columns(item)
        names = list(fields)
        row = existing.get(entry_id)
        if row is None:
            creates.append(model(**{id_field: entry_id}, **fields))
        else:
            for name, value in fields.items():
                setattr(row, name, value)
            updates.append(row)
    bulk_insert(model, creates)
    if updates:
        model.objects.bulk_update(updates, names)
    return errors, set(newest)


def _apply_withdrawals(items: list[Published]) -> dict[int, ContractError]:
    """``catalogue.withdrawal``: the entry, of any type, at the given revision with status defunct.
    An entry this node never heard of needs no hiding."""
    errors: dict[int, ContractError] = {}
    by_type: dict[str, list[tuple[int, Published]]] = {}
    for position, item in enumerate(items):
        by_type.setdefault(item.data.entry_type, []).append((position, item))
    for entry_type, group in by_type.items():
        model: type[FederatedService] | type[FederatedEntry]
        if entry_type == "service":
            model, id_field, scope = FederatedService, "service_id", {}
        else:
            model, id_field, scope = FederatedEntry, "entry_id", {"entry_type": entry_type}
        rows = {
            getattr(row, id_field): row
            for row in model.objects.select_for_update().filter(
                **scope, **{f"{id_field}__in": [item.data.id for _, item in group]}
            )
        }
        changed: set[uuid.UUID] = set()
        for position, item in group:
            row = rows.get(item.data.id)
            if row is None:
                continue
            refusal = _refusal(item, row.origin, row.revision)
            if refusal is not None:
                errors[position] = refusal
            elif item.data.revision > row.revision:
                row.revision, row.status = item.data.revision, "defunct"
                row.data = row.data | {"revision": item.data.revision, "status": "defunct"}
                row.message_id, row.published_at = item.message_id, item.published_at
                row.save(update_fields=["revision", "status", "data", "message_id", "published_at"])
                changed.add(item.data.id)
        if entry_type != "service":  # a withdrawn service is hidden; others change what services show
            refresh_services(_services_touched(entry_type, changed))
    return errors


def _services_touched(entry_type: str, changed: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    changed = list(changed)
    if not changed:
        return set()
    if entry_type == FederatedEntry.Type.ORGANIZATION:
        return set(
            FederatedService.objects.filter(organization_id__in=changed).values_list("service_id", flat=True)
        )
    places = FederatedEntry.objects.filter(entry_type=FederatedEntry.Type.SERVICE_AT_LOCATION)
    if entry_type == FederatedEntry.Type.LOCATION:
        return {pid for pid in places.filter(ref_id__in=changed).values_list("parent_id", flat=True) if pid}
    return {pid for pid in places.filter(entry_id__in=changed).values_list("parent_id", flat=True) if pid}


def refresh_services(service_ids: Iterable[uuid.UUID]) -> None:
    """Derive the search columns and openings of these services again (after their organisation
    or one of their places changed)."""
    service_ids = list(service_ids)
    if not service_ids:
        return
    services = list(FederatedService.objects.filter(service_id__any=service_ids))
    derivation = _Derivation(surroundings(service_ids, {s.organization_id for s in services}))
    for service in services:
        for name, value in derivation.columns(service.service_id, service.origin, service.data).items():
            setattr(service, name, value)
    FederatedService.objects.bulk_update(
        services, ["organization_id", "name_key", "search_key", "facets", "country"], batch_size=200
    )
    _replace_openings(set(derivation.openings), derivation.openings)
