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
from pydantic import BaseModel, ValidationError

from common.catalogue.derive import service_derived
from common.catalogue.models import FederatedEntry, FederatedService, ServiceOpening
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
    data: BaseModel


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
        context = _ServiceContext(items)
        errors, changed = _apply(FederatedService, "service_id", items, context.columns)
        _replace_openings(changed, context.openings)
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
    """An inbox applier (see ``node.exchange.services.applier_register``) for ``message_type``."""

    def apply(events: list[Event[Any]]) -> dict[int, ContractError]:
        return catalogue_apply(message_type, [Published(e.source, e.id, e.time, e.data) for e in events])

    return apply


class _ServiceContext:
    """The organisations and places of a page of services, fetched once, so that each service's
    search columns are derived as it is written (no second pass over the rows)."""

    def __init__(self, items: list[Published]) -> None:
        ids = [getattr(item.data, "id") for item in items]  # noqa: B009
        organization_ids = {getattr(item.data, "organization_id", None) for item in items} - {None}
        self.organizations = _active_data(FederatedEntry.Type.ORGANIZATION, entry_id__in=organization_ids)
        self.places = _places(ids)
        self.openings: dict[uuid.UUID, list[tuple[int, int, int, str]]] = {}

    def columns(self, item: Published) -> dict[str, Any]:
        data: Any = item.data
        row = _common_columns(item)
        places, locations = self.places.get(data.id, ([], []))
        derived = service_derived(
            row["data"],
            origin=item.origin,
            organization=self.organizations.get(data.organization_id) if data.organization_id else None,
            locations=locations,
            at_locations=places,
        )
        self.openings[data.id] = [(*opening, derived.country) for opening in derived.openings]
        return row | {
            "organization_id": data.organization_id,
            "name_key": derived.name_key,
            "search_key": derived.search_key,
            "facets": derived.facets,
            "country": derived.country,
        }


def _active_data(entry_type: str, **lookup: Any) -> dict[uuid.UUID, dict[str, Any]]:
    if not any(lookup.values()):
        return {}
    rows = FederatedEntry.objects.exclude(status="defunct").filter(entry_type=entry_type, **lookup)
    return {row.entry_id: row.data for row in rows.only("entry_id", "data")}


def _places(
    service_ids: list[uuid.UUID],
) -> dict[uuid.UUID, tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Each service's active service-at-location entries and their active locations."""
    if not service_ids:
        return {}
    places = list(
        FederatedEntry.objects.exclude(status="defunct").filter(
            entry_type=FederatedEntry.Type.SERVICE_AT_LOCATION, parent_id__in=service_ids
        )
    )
    if not places:
        return {}
    locations = _active_data(FederatedEntry.Type.LOCATION, entry_id__in={p.ref_id for p in places})
    found: dict[uuid.UUID, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for place in places:
        if place.parent_id is None:
            continue
        own, where = found.setdefault(place.parent_id, ([], []))
        own.append(place.data)
        if place.ref_id in locations:
            where.append(locations[place.ref_id])
    return found


def _replace_openings(
    service_ids: set[uuid.UUID], openings: dict[uuid.UUID, list[tuple[int, int, int, str]]]
) -> None:
    service_ids = {sid for sid in service_ids if sid in openings}
    if not service_ids:
        return
    pks = dict(FederatedService.objects.filter(service_id__in=service_ids).values_list("service_id", "pk"))
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
        parent = getattr(data, "organization_id", None)
    elif entry_type == FederatedEntry.Type.SERVICE_AT_LOCATION:
        parent, ref = getattr(data, "service_id", None), getattr(data, "location_id", None)
    return _common_columns(item) | {"entry_type": entry_type, "parent_id": parent, "ref_id": ref}


def _common_columns(item: Published) -> dict[str, Any]:
    data: Any = item.data
    return {
        "origin": item.origin,
        "revision": data.revision,
        "status": data.status,
        "data": data.model_dump(mode="json"),
        "message_id": item.message_id,
        "published_at": item.published_at,
        "received_at": timezone.now(),
    }


def _apply(
    model: type[FederatedService] | type[FederatedEntry],
    id_field: str,
    items: list[Published],
    columns: Callable[[Published], dict[str, Any]],
    *,
    scope: dict[str, Any] | None = None,
) -> tuple[dict[int, ContractError], set[uuid.UUID]]:
    scope = scope or {}
    ids = [getattr(item.data, "id") for item in items]  # noqa: B009 - every catalogue model has an id
    existing: dict[uuid.UUID, Any] = {
        getattr(row, id_field): row
        for row in model.objects.select_for_update().filter(**scope, **{f"{id_field}__in": ids})
    }
    errors: dict[int, ContractError] = {}
    newest: dict[uuid.UUID, Published] = {}
    for position, item in enumerate(items):
        entry_id: uuid.UUID = getattr(item.data, "id")  # noqa: B009
        revision: int = getattr(item.data, "revision")  # noqa: B009
        stored, pending = existing.get(entry_id), newest.get(entry_id)
        owner = stored.origin if stored is not None else (pending.origin if pending else item.origin)
        if owner != item.origin:
            errors[position] = NotOwnerError(
                f"{item.origin} may not change entry {entry_id}: {owner} published it."
            )
            continue
        held = max(stored.revision if stored else 0, getattr(pending.data, "revision") if pending else 0)  # noqa: B009
        if revision < held:
            errors[position] = StaleRevisionError(
                f"Entry {entry_id} is held at revision {held}; revision {revision} is older."
            )
        elif revision > held:
            newest[entry_id] = item
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
    """``catalogue.withdrawal``: the entry, of any type, at the given revision with status defunct."""
    errors: dict[int, ContractError] = {}
    by_type: dict[str, list[tuple[int, Published]]] = {}
    for position, item in enumerate(items):
        by_type.setdefault(getattr(item.data, "entry_type"), []).append((position, item))  # noqa: B009
    for entry_type, group in by_type.items():
        model: type[FederatedService] | type[FederatedEntry]
        if entry_type == "service":
            model, id_field, scope = FederatedService, "service_id", {}
        else:
            model, id_field, scope = FederatedEntry, "entry_id", {"entry_type": entry_type}
        rows = {
            getattr(row, id_field): row
            for row in model.objects.select_for_update().filter(
                **scope,
                **{f"{id_field}__in": [getattr(i.data, "id") for _, i in group]},  # noqa: B009
            )
        }
        changed: set[uuid.UUID] = set()
        for position, item in group:
            data: Any = item.data
            row = rows.get(data.id)
            if row is None:
                continue  # withdrawn before this node heard of it: nothing to hide
            if row.origin != item.origin:
                errors[position] = NotOwnerError(
                    f"{item.origin} may not withdraw {data.id}: {row.origin} owns it."
                )
            elif data.revision < row.revision:
                errors[position] = StaleRevisionError(
                    f"Entry {data.id} is held at revision {row.revision}; the withdrawal is older."
                )
            elif data.revision > row.revision:
                row.revision, row.status = data.revision, "defunct"
                row.data = row.data | {"revision": data.revision, "status": "defunct"}
                row.message_id, row.published_at = item.message_id, item.published_at
                row.save(update_fields=["revision", "status", "data", "message_id", "published_at"])
                changed.add(data.id)
        if entry_type == "service":
            refresh_services(changed)
        else:
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
    """Derive the search columns and openings of these services again from their data, their
    organisation and their active locations (after one of those changed)."""
    service_ids = list(service_ids)
    if not service_ids:
        return
    services = list(FederatedService.objects.filter(service_id__in=service_ids))
    places = _places(service_ids)
    organizations = _active_data(
        FederatedEntry.Type.ORGANIZATION,
        entry_id__in={s.organization_id for s in services if s.organization_id},
    )
    openings: dict[uuid.UUID, list[tuple[int, int, int, str]]] = {}
    for service in services:
        own, where = places.get(service.service_id, ([], []))
        derived = service_derived(
            service.data,
            origin=service.origin,
            organization=organizations.get(service.organization_id) if service.organization_id else None,
            locations=where,
            at_locations=own,
        )
        service.name_key, service.search_key = derived.name_key, derived.search_key
        service.facets, service.country = derived.facets, derived.country
        openings[service.service_id] = [(*opening, derived.country) for opening in derived.openings]
    FederatedService.objects.bulk_update(
        services, ["name_key", "search_key", "facets", "country"], batch_size=200
    )
    _replace_openings(set(openings), openings)
