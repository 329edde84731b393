"""Import an Open Referral HSDS 3 data package into this node's catalogue, then publish it.

Two shapes are read:

- **CSV**: a folder (or its ``datapackage.json``) with HSDS tables: ``organizations.csv``,
  ``locations.csv``, ``addresses.csv``, ``services.csv``, ``service_at_locations.csv``,
  ``schedules.csv``, ``phones.csv``, ``languages.csv``, ``accessibility.csv``; any may be missing.
- **JSON**: an object with those tables as lists (``{"organizations": [...], ...}``), or a list
  of fully nested services as the HSDS API serves them (organisation and service-at-locations,
  with their locations, nested).

HSDS text is one language; ``language`` names it. A column ``name@mk`` (or a key of that form)
adds text in another language. Extensions: ``x_organization_type`` on organisations,
``x_target_groups`` and ``x_taxonomy_terms`` (codes separated by spaces or commas) on services;
an HSDS ``attributes`` list of taxonomy terms with a ``code`` works too. HSDS gives organisations
no address; an ``addresses`` row with an ``organization_id`` (as a phone has) is its organisation's.

Every record is checked against the catalogue contract first. A broken record is reported
(file, row, id, code, message) and not imported, nor is anything that refers to it; the valid
records are then imported together, in one transaction, and published through the outbox. An id
already held is updated (a new revision) only if it belongs to this node (``not-owner`` if not).
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from common.catalogue.models import FederatedEntry, FederatedService
from contracts.errors import ContractError, ImportFormatError, NotOwnerError, UnknownReferenceError
from contracts.vocabulary import LANGUAGE_TAGS
from node.catalogue.models import Entry, Location, Organization, Service, ServiceAtLocation
from node.catalogue.services import entry_create, entry_draft, entry_update
from node.federation.selectors import enrolment_get

TABLES = ("organizations", "locations", "services", "service_at_locations")
EXTRA_TABLES = ("addresses", "schedules", "phones", "languages", "accessibility")
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass
class RowError:
    table: str
    row: int
    id: str
    code: str
    message: str


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    errors: list[RowError] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


@dataclass
class _Record:
    table: str
    row: int
    id: uuid.UUID
    fields: dict[str, Any]
    refs: dict[str, uuid.UUID]


# --- reading ----------------------------------------------------------------------------------


def read_package(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The package's tables as lists of rows (dicts); each row keeps its 1-based data row number."""
    if path.is_dir() or path.name == "datapackage.json":
        folder = path if path.is_dir() else path.parent
        tables: dict[str, list[dict[str, Any]]] = {}
        for name in (*TABLES, *EXTRA_TABLES):
            file = folder / f"{name}.csv"
            if file.exists():
                with file.open(newline="", encoding="utf-8-sig") as handle:
                    tables[name] = [dict(row) for row in csv.DictReader(handle)]
        if not tables:
            raise ImportFormatError(f"No HSDS tables ({', '.join(f'{t}.csv' for t in TABLES)}) in {folder}.")
        return tables
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFormatError(f"{path} is not readable JSON: {exc}") from exc
    if isinstance(data, list):
        return _flatten_nested(data)
    if isinstance(data, dict) and any(isinstance(data.get(t), list) for t in (*TABLES, *EXTRA_TABLES)):
        return {t: list(data.get(t) or []) for t in (*TABLES, *EXTRA_TABLES)}
    raise ImportFormatError("Expected a list of HSDS services or an object of HSDS tables.")


def _flatten_nested(services: list[Any]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in (*TABLES, *EXTRA_TABLES)}
    seen: set[str] = set()
    for service in services:
        if not isinstance(service, dict):
            tables["services"].append({"_invalid": service})
            continue
        service = dict(service)
        organization = service.pop("organization", None)
        if isinstance(organization, dict) and organization.get("id") and organization["id"] not in seen:
            seen.add(organization["id"])
            tables["organizations"].append(organization)
        for place in service.pop("service_at_locations", None) or []:
            location = place.pop("location", None) if isinstance(place, dict) else None
            if isinstance(location, dict) and location.get("id") and location["id"] not in seen:
                seen.add(location["id"])
                tables["locations"].append(location)
            tables["service_at_locations"].append(place | {"service_id": service.get("id")})
        tables["services"].append(service)
    return tables


# --- mapping HSDS rows to this node's fields -----------------------------------------------------


def _texts(row: dict[str, Any], name: str, language: str) -> dict[str, str]:
    found: dict[str, str] = {}
    value = row.get(name)
    if isinstance(value, dict):
        found.update({k: v for k, v in value.items() if isinstance(v, str) and v.strip()})
    elif isinstance(value, str) and value.strip():
        found[language] = value.strip()
    for key, text in row.items():
        if key.startswith(f"{name}@") and isinstance(text, str) and text.strip():
            found[key.split("@", 1)[1]] = text.strip()
    return found


def _codes(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [c for c in str(value or "").replace(",", " ").split() if c]


def _number(value: Any, name: str) -> float | int | None:
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return value
    try:
        return int(value) if name.endswith("age") else float(value)
    except ValueError as exc:
        raise ValueError(f"{name} is not a number: {value!r}") from exc


def _schedules(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for row in rows:
        days = [d.strip().upper() for d in str(row.get("byday", "")).split(",") if d.strip()]
        found.append(
            {
                "byday": days,
                "opens_at": str(row.get("opens_at", ""))[:5],
                "closes_at": str(row.get("closes_at", ""))[:5],
            }
        )
    return found


class _Linked:
    """The HSDS side tables, by the id they hang from."""

    def __init__(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        self.by: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for table in EXTRA_TABLES:
            for row in tables.get(table, []):
                for link in ("organization_id", "location_id", "service_id", "service_at_location_id"):
                    if row.get(link):
                        self.by.setdefault((table, link, str(row[link])), []).append(row)

    def get(self, table: str, link: str, entry_id: str) -> list[dict[str, Any]]:
        return self.by.get((table, link, entry_id), [])


def _address(row: dict[str, Any], linked: _Linked, link: str) -> dict[str, Any]:
    addresses = row.get("addresses") or linked.get("addresses", link, str(row.get("id", "")))
    if not addresses:
        return {}
    first = addresses[0]
    return {k: first.get(k, "") or "" for k in ("address_1", "city", "postal_code", "country")}


def _accessibility(row: dict[str, Any], linked: _Linked, language: str) -> dict[str, str]:
    found = row.get("accessibility") or linked.get("accessibility", "location_id", str(row.get("id", "")))
    return _texts(found[0], "description", language) if isinstance(found, list) and found else {}


def _phone(row: dict[str, Any], linked: _Linked, link: str) -> str:
    phones = row.get("phones") or linked.get("phones", link, str(row.get("id", "")))
    return str(phones[0].get("number", "")) if phones else ""


def _fields(
    table: str, row: dict[str, Any], linked: _Linked, language: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The node's editable fields for an HSDS row, and the HSDS ids it refers to."""
    rid = str(row.get("id", ""))
    if table == "organizations":
        fields = {
            "organization_type": row.get("x_organization_type")
            or row.get("organization_type")
            or "other_public",
            "name": _texts(row, "name", language),
            "alternate_name": _texts(row, "alternate_name", language),
            "description": _texts(row, "description", language),
            "email": row.get("email") or "",
            "website": row.get("website") or row.get("url") or "",
            "phone": _phone(row, linked, "organization_id"),
        } | _address(row, linked, "organization_id")
        return fields, {}
    if table == "locations":
        languages = row.get("languages") or linked.get("languages", "location_id", rid)
        fields = {
            "location_type": row.get("location_type") or "physical",
            "name": _texts(row, "name", language),
            "description": _texts(row, "description", language),
            "latitude": _number(row.get("latitude"), "latitude"),
            "longitude": _number(row.get("longitude"), "longitude"),
            "url": row.get("url") or "",
            "accessibility": _accessibility(row, linked, language),
            "languages": [lang.get("code", "") if isinstance(lang, dict) else lang for lang in languages],
            "schedules": _schedules(row.get("schedules") or linked.get("schedules", "location_id", rid)),
        } | _address(row, linked, "location_id")
        return fields, {"organization": row.get("organization_id")}
    if table == "services":
        languages = row.get("languages") or linked.get("languages", "service_id", rid)
        terms = _codes(row.get("x_taxonomy_terms"))
        terms += [
            a["taxonomy_term"]["code"]
            for a in row.get("attributes") or []
            if isinstance(a, dict)
            and isinstance(a.get("taxonomy_term"), dict)
            and a["taxonomy_term"].get("code")
        ]
        fields = {
            "status": row.get("status") or "active",
            "name": _texts(row, "name", language),
            "description": _texts(row, "description", language),
            "application_process": _texts(row, "application_process", language),
            "fees_description": _texts(row, "fees_description", language),
            "eligibility_description": _texts(row, "eligibility_description", language),
            "target_groups": _codes(row.get("x_target_groups")),
            "taxonomy_terms": terms,
            "languages": [lang.get("code", "") if isinstance(lang, dict) else lang for lang in languages],
            "schedules": _schedules(row.get("schedules") or linked.get("schedules", "service_id", rid)),
            "minimum_age": _number(row.get("minimum_age"), "minimum_age"),
            "maximum_age": _number(row.get("maximum_age"), "maximum_age"),
            "email": row.get("email") or "",
            "url": row.get("url") or "",
            "phone": _phone(row, linked, "service_id"),
        }
        return fields, {"organization": row.get("organization_id")}
    fields = {
        "description": _texts(row, "description", language),
        "schedules": _schedules(
            row.get("schedules") or linked.get("schedules", "service_at_location_id", rid)
        ),
    }
    return fields, {"service": row.get("service_id"), "location": row.get("location_id")}


# --- checking and importing --------------------------------------------------------------------

_MODELS: dict[str, type[Entry]] = {
    "organizations": Organization,
    "locations": Location,
    "services": Service,
    "service_at_locations": ServiceAtLocation,
}
_REF_TABLE = {"organization": "organizations", "service": "services", "location": "locations"}


def catalogue_import(path: Path, *, language: str = "en", dry_run: bool = False) -> ImportReport:
    """Check every record of the package, then import and publish the valid ones."""
    if language not in LANGUAGE_TAGS:
        raise ImportFormatError(f"Unknown language {language!r}: one of {', '.join(LANGUAGE_TAGS)}.")
    tables = read_package(path)
    linked = _Linked(tables)
    report = ImportReport()
    own = enrolment_get().node_code
    good: dict[str, dict[uuid.UUID, _Record]] = {t: {} for t in TABLES}
    for table in TABLES:  # in dependency order: a reference must name a good record before it
        for number, row in enumerate(tables.get(table, []), start=1):
            record = _check(table, number, row, linked, language, good, own, report)
            if record is not None:
                good[table][record.id] = record
    if dry_run:
        return report
    with transaction.atomic():
        made: dict[uuid.UUID, Entry] = {}
        for table in TABLES:
            for record in good[table].values():
                fields = record.fields | {name: made[ref] for name, ref in record.refs.items()}
                made[record.id] = _write(_MODELS[table], record, fields, report)
    return report


def _check(
    table: str,
    number: int,
    row: Any,
    linked: _Linked,
    language: str,
    good: dict[str, dict[uuid.UUID, _Record]],
    own: str,
    report: ImportReport,
) -> _Record | None:
    raw_id = str(row.get("id", "")) if isinstance(row, dict) else ""

    def refuse(code: str, message: str) -> None:
        report.errors.append(RowError(table, number, raw_id, code, message))

    if not isinstance(row, dict) or "_invalid" in row:
        refuse("schema-violation", "The record is not an object.")
        return None
    try:
        entry_id = uuid.UUID(raw_id)
    except ValueError:
        refuse("missing-field" if not raw_id else "schema-violation", f"id must be a UUID, not {raw_id!r}.")
        return None
    try:
        fields, hsds_refs = _fields(table, row, linked, language)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        refuse("schema-violation", str(exc))
        return None
    refs: dict[str, uuid.UUID] = {}
    references: dict[str, Any] = {}  # for the check: this package's records as unsaved entries, else ids
    for name, value in hsds_refs.items():
        try:
            refs[name] = uuid.UUID(str(value))
        except ValueError:
            refuse(UnknownReferenceError.code, f"{name}_id {value!r} is not an id.")
            return None
        target = good[_REF_TABLE[name]].get(refs[name])
        references[name] = _MODELS[target.table](id=target.id, **target.fields) if target else refs[name]
    owner = _owner(table, entry_id)
    if owner is not None and owner != own:
        refuse(NotOwnerError.code, f"{owner} published entry {entry_id}; only it may change it.")
        return None
    try:
        entry_draft(_MODELS[table], fields=fields | references, entry_id=entry_id)
    except ContractError as exc:
        refuse(exc.code, exc.message + (f" {_detail(exc.detail)}" if exc.detail else ""))
        return None
    return _Record(table, number, entry_id, fields, refs)


def _detail(detail: Any) -> str:
    if isinstance(detail, list):
        return "; ".join(f"{d.get('field')}: {d.get('message')}" for d in detail if isinstance(d, dict))
    return str(detail)


def _owner(table: str, entry_id: uuid.UUID) -> str | None:
    if table == "services":
        return FederatedService.objects.filter(service_id=entry_id).values_list("origin", flat=True).first()
    entry_type = {"organizations": "organization", "locations": "location"}.get(table, "service_at_location")
    return (
        FederatedEntry.objects.filter(entry_type=entry_type, entry_id=entry_id)
        .values_list("origin", flat=True)
        .first()
    )


def _write(model: type[Entry], record: _Record, fields: dict[str, Any], report: ImportReport) -> Entry:
    existing = model._default_manager.filter(id=record.id).first()
    if existing is None:
        report.created[record.table] += 1
        return entry_create(model, fields=fields, entry_id=record.id)
    if all(getattr(existing, name) == value for name, value in fields.items()):
        report.unchanged[record.table] += 1
        return existing
    report.updated[record.table] += 1
    return entry_update(model, entry_id=record.id, fields=fields)
