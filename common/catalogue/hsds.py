"""Federated catalogue entries in the shape of Open Referral HSDS 3.0, for the HSDS read API.

HSDS text fields are single strings; the federation's are maps of language tag to text. A
reader asks for a language (``?lang=`` or ``Accept-Language``); each text falls back to English,
then to any language the entry has.
"""

from __future__ import annotations

import uuid
from typing import Any

from contracts.vocabulary import LANGUAGE_TAGS, TAXONOMY_LABELS

HSDS_VERSION = "3.0"
TAXONOMY_ID = "socialhub-services"
LANGUAGE_NAMES = {
    "mk": "Македонски",
    "bg": "Български",
    "sr-Cyrl": "Српски",
    "sr-Latn": "Srpski",
    "sq": "Shqip",
    "en": "English",
}
_DAY_NAMES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_NAMESPACE = uuid.UUID("0b6b0c87-1b8e-4f5e-9d5c-3d0f0e2a9c51")


def pick_language(requested: str) -> str:
    """A federation language tag for ``?lang=`` or an ``Accept-Language`` value (default ``en``)."""
    for part in requested.replace(" ", "").split(","):
        tag = part.split(";")[0].lower()
        for known in LANGUAGE_TAGS:
            if (
                tag == known.lower()
                or (tag == "sr" and known == "sr-Cyrl")
                or (tag == "sr-latn" and known == "sr-Latn")
            ):
                return known
        if tag[:2] in ("mk", "bg", "sq", "en"):
            return tag[:2]
    return "en"


def text(value: Any, lang: str) -> str:
    if not isinstance(value, dict) or not value:
        return ""
    if lang in value:
        return str(value[lang])
    # Serbian in either script before English: a Serbian reader reads both.
    if lang.startswith("sr"):
        for tag in ("sr-Latn", "sr-Cyrl"):
            if tag in value:
                return str(value[tag])
    return str(value.get("en") or next(iter(value.values())))


def term_id(code: str) -> str:
    """A stable UUID for a taxonomy code (HSDS ids are strings; ours derive from the code)."""
    return str(uuid.uuid5(_NAMESPACE, f"taxonomy_term:{code}"))


def taxonomy_term(code: str, lang: str) -> dict[str, Any]:
    return {
        "id": term_id(code),
        "code": code,
        "name": text(TAXONOMY_LABELS.get(code, {"en": code}), lang),
        "description": text(TAXONOMY_LABELS.get(code, {"en": code}), "en"),
        "taxonomy": TAXONOMY_ID,
        "taxonomy_id": TAXONOMY_ID,
        "language": lang,
    }


def taxonomy(lang: str) -> dict[str, Any]:
    return {
        "id": TAXONOMY_ID,
        "name": "Social protection services",
        "description": "The federation's shared service taxonomy (after Open Eligibility, cut to "
        "social protection).",
        "uri": "/api/hsds/taxonomies/" + TAXONOMY_ID,
        "version": "1",
    }


def _schedules(schedules: list[dict[str, Any]], *, link: str, link_id: str) -> list[dict[str, Any]]:
    return [
        {
            "id": str(uuid.uuid5(_NAMESPACE, f"{link_id}:schedule:{n}")),
            f"{link}_id": link_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ",".join(day for day in _DAY_NAMES if day in s["byday"]),
            "opens_at": s["opens_at"],
            "closes_at": s["closes_at"],
        }
        for n, s in enumerate(schedules)
    ]


def _address(address: dict[str, Any] | None, *, location_id: str) -> list[dict[str, Any]]:
    if not address:
        return []
    return [
        {
            "id": str(uuid.uuid5(_NAMESPACE, f"{location_id}:address")),
            "location_id": location_id,
            "address_1": address["address_1"],
            "city": address["city"],
            "region": "",
            "state_province": "",
            "postal_code": address.get("postal_code", ""),
            "country": address["country"],
            "address_type": "physical",
        }
    ]


def organization(data: dict[str, Any], *, origin: str, lang: str) -> dict[str, Any]:
    oid = str(data["id"])
    return {
        "id": oid,
        "name": text(data.get("name"), lang),
        "alternate_name": text(data.get("alternate_name"), lang),
        "description": text(data.get("description"), lang),
        "email": data.get("email", ""),
        "website": data.get("website", ""),
        "phones": [{"id": str(uuid.uuid5(_NAMESPACE, f"{oid}:phone")), "number": data["phone"]}]
        if data.get("phone")
        else [],
        "organization_type": data.get("organization_type"),
        "status": data.get("status"),
        "x_origin": origin,
    }


def location(data: dict[str, Any], *, lang: str) -> dict[str, Any]:
    lid = str(data["id"])
    return {
        "id": lid,
        "location_type": data.get("location_type", "physical"),
        "organization_id": str(data.get("organization_id", "")),
        "name": text(data.get("name"), lang),
        "description": text(data.get("description"), lang),
        "latitude": data.get("latitude"),
        "longitude": data.get("longitude"),
        "url": data.get("url", ""),
        "addresses": _address(data.get("address"), location_id=lid),
        "languages": [_language(tag, link_id=lid) for tag in data.get("languages", ())],
        "accessibility": [
            {
                "id": str(uuid.uuid5(_NAMESPACE, f"{lid}:access")),
                "description": text(data["accessibility"], lang),
            }
        ]
        if data.get("accessibility")
        else [],
        "schedules": _schedules(list(data.get("schedules", ())), link="location", link_id=lid),
    }


def _language(tag: str, *, link_id: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid5(_NAMESPACE, f"{link_id}:language:{tag}")),
        "name": LANGUAGE_NAMES.get(tag, tag),
        "code": tag,
    }


def service(
    data: dict[str, Any],
    *,
    origin: str,
    lang: str,
    organization_data: dict[str, Any] | None = None,
    places: list[dict[str, Any]] | None = None,
    full: bool = True,
) -> dict[str, Any]:
    """An HSDS ``service``: one-to-one fields only unless ``full`` (then nested as in HSDS's
    compiled service schema)."""
    sid = str(data["id"])
    contact = data.get("contact", {})
    body: dict[str, Any] = {
        "id": sid,
        "organization_id": str(data["organization_id"]) if data.get("organization_id") else None,
        "name": text(data.get("name"), lang),
        "description": text(data.get("description"), lang),
        "url": contact.get("url", ""),
        "email": contact.get("email", ""),
        "status": data.get("status"),
        "application_process": text(data.get("application_process"), lang),
        "fees_description": text(data.get("fees_description"), lang),
        "eligibility_description": text(data.get("eligibility_description"), lang),
        "minimum_age": data.get("minimum_age"),
        "maximum_age": data.get("maximum_age"),
        "x_origin": origin,
        "x_revision": data.get("revision"),
    }
    if not full:
        return body
    body |= {
        "phones": [{"id": str(uuid.uuid5(_NAMESPACE, f"{sid}:phone")), "number": contact["phone"]}]
        if contact.get("phone")
        else [],
        "languages": [_language(tag, link_id=sid) for tag in data.get("languages", ())],
        "schedules": _schedules(list(data.get("schedules", ())), link="service", link_id=sid),
        "attributes": [
            {
                "id": str(uuid.uuid5(_NAMESPACE, f"{sid}:attribute:{code}")),
                "link_id": sid,
                "link_type": "service",
                "taxonomy_term_id": term_id(code),
                "taxonomy_term": taxonomy_term(code, lang),
            }
            for code in data.get("taxonomy_terms", ())
        ],
        "x_target_groups": list(data.get("target_groups", ())),
        "organization": organization(organization_data, origin=origin, lang=lang)
        if organization_data
        else {"name": text(data.get("organization", {}).get("name"), lang)},
        "service_at_locations": [
            {
                "id": str(place["id"]),
                "service_id": sid,
                "location_id": str(place["location_id"]),
                "description": text(place.get("description"), lang),
                "schedules": _schedules(
                    list(place.get("schedules", ())), link="service_at_location", link_id=str(place["id"])
                ),
                "location": location(place["location"], lang=lang),
            }
            for place in places or []
        ],
    }
    return body
