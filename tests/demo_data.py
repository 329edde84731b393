"""The demo's catalogues, read from the HSDS data packages in ``deploy/demo-data/``.

Read with ``csv`` alone, because the hub's suite and the benchmarks need them too, where the
node's importer (a Django app's module) cannot be imported. Each entry is a dict in the shape of
its ``contracts.catalogue`` model but for ``revision``: texts are maps of language tag to text,
addresses and a service's contact nested, references by id. ``tests/node/test_demo_catalogue.py``
checks that the node's importer reads every package to these same entries.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

DEMO_DATA = Path(__file__).resolve().parent.parent / "deploy" / "demo-data"
# The packages' plain text columns are English; ``name@mk`` and the like carry the other languages.
LANGUAGE = "en"
TEXTS = {
    "organizations": ("name", "alternate_name", "description"),
    "locations": ("name", "description"),
    "services": ("name", "description", "application_process", "fees_description", "eligibility_description"),
}


def demo_nodes() -> tuple[str, ...]:
    """The node codes that have a demo package."""
    return tuple(sorted(p.name for p in DEMO_DATA.iterdir() if (p / "datapackage.json").is_file()))


def read_table(node: str, table: str) -> list[dict[str, str]]:
    path = DEMO_DATA / node / f"{table}.csv"
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _texts(row: dict[str, str], name: str) -> dict[str, str]:
    found = {LANGUAGE: row.get(name, "")} | {
        key.split("@", 1)[1]: text for key, text in row.items() if key.startswith(f"{name}@")
    }
    return {tag: text for tag, text in found.items() if text}


def _by(rows: list[dict[str, str]], link: str) -> dict[str, list[dict[str, str]]]:
    found: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        if row.get(link):
            found.setdefault(row[link], []).append(row)
    return found


def _address(rows: list[dict[str, str]]) -> dict[str, str] | None:
    if not rows:
        return None
    return {k: rows[0][k] for k in ("address_1", "city", "postal_code", "country")}


def _schedules(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return [
        {"byday": row["byday"].split(","), "opens_at": row["opens_at"], "closes_at": row["closes_at"]}
        for row in rows
    ]


def _age(value: str) -> int | None:
    return int(value) if value else None


@cache
def demo_catalogue(node: str) -> dict[str, list[dict[str, Any]]]:
    """One node's ``organizations``, ``locations``, ``services`` and ``service_at_locations``."""
    addresses = {
        link: _by(read_table(node, "addresses"), link) for link in ("organization_id", "location_id")
    }
    phones = {link: _by(read_table(node, "phones"), link) for link in ("organization_id", "service_id")}
    schedules = {link: _by(read_table(node, "schedules"), link) for link in ("location_id", "service_id")}
    languages = {link: _by(read_table(node, "languages"), link) for link in ("location_id", "service_id")}
    access = _by(read_table(node, "accessibility"), "location_id")
    organizations = [
        {
            "id": row["id"],
            "status": "active",
            "organization_type": row["x_organization_type"],
            **{name: _texts(row, name) for name in TEXTS["organizations"]},
            "email": row["email"],
            "website": row["website"],
            "phone": next((p["number"] for p in phones["organization_id"].get(row["id"], [])), ""),
            "address": _address(addresses["organization_id"].get(row["id"], [])),
        }
        for row in read_table(node, "organizations")
    ]
    names = {org["id"]: org["name"] for org in organizations}
    locations = [
        {
            "id": row["id"],
            "status": "active",
            "organization_id": row["organization_id"],
            "location_type": row["location_type"],
            **{name: _texts(row, name) for name in TEXTS["locations"]},
            "address": _address(addresses["location_id"].get(row["id"], [])),
            "latitude": float(row["latitude"]) if row["latitude"] else None,
            "longitude": float(row["longitude"]) if row["longitude"] else None,
            "accessibility": next((_texts(a, "description") for a in access.get(row["id"], [])), {}),
            "languages": [lang["code"] for lang in languages["location_id"].get(row["id"], [])],
            "schedules": _schedules(schedules["location_id"].get(row["id"], [])),
        }
        for row in read_table(node, "locations")
    ]
    services = [
        {
            "id": row["id"],
            "status": row["status"],
            "organization_id": row["organization_id"],
            "organization": {"name": names[row["organization_id"]]},
            **{name: _texts(row, name) for name in TEXTS["services"]},
            "target_groups": row["x_target_groups"].split(),
            "taxonomy_terms": row["x_taxonomy_terms"].split(),
            "languages": [lang["code"] for lang in languages["service_id"].get(row["id"], [])],
            "schedules": _schedules(schedules["service_id"].get(row["id"], [])),
            "minimum_age": _age(row["minimum_age"]),
            "maximum_age": _age(row["maximum_age"]),
            "contact": {
                "phone": next((p["number"] for p in phones["service_id"].get(row["id"], [])), ""),
                "email": row["email"],
                "url": row["url"],
            },
        }
        for row in read_table(node, "services")
    ]
    places = [
        {
            "id": row["id"],
            "status": "active",
            "service_id": row["service_id"],
            "location_id": row["location_id"],
        }
        for row in read_table(node, "service_at_locations")
    ]
    return {
        "organizations": organizations,
        "locations": locations,
        "services": services,
        "service_at_locations": places,
    }


def demo_entries(kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(node, entry) for every entry of a kind in every package."""
    for node in demo_nodes():
        for entry in demo_catalogue(node)[kind]:
            yield node, entry
