"""Federated catalogue entries in the shape of Open Referral HSDS 3.0, for the HSDS read API.

Every object validates against Open Referral's published HSDS 3.0 schemas (the tests check it
against the copies in ``tests/standards/hsds-3.0``):
- an optional value we lack is left out, never ``null``, and never an empty string in a ``uri``,
  ``email`` or ``url`` field; a web address written without a scheme gets ``https://``, one that
  still is no absolute URI is left out, and so is an e-mail address that is none;
- a required value is always there: an organisation's ``description`` is ``""`` when its node
  wrote none, an address's ``state_province`` (which our addresses lack) is ``""``;
- every ``id`` is a UUID; ids of things HSDS makes objects of but we keep inside an entry
  (phones, schedules, languages, attributes, addresses) are UUID 5s of the entry's id, and the
  taxonomy's and its terms' are UUID 5s of their codes, so the hub and every node give the same.

Our profile of HSDS adds, as fields HSDS leaves open: ``x_origin`` (the node that published the
entry), ``x_revision``, ``x_target_groups``, and on organisations ``x_organization_type`` and
``x_status``; text in one language of the reader's choice (``?lang=`` or ``Accept-Language``),
each text falling back to English, then to any language the entry has; a language's ``code`` is
the federation's BCP 47 tag (``mk``, ``sr-Cyrl``, …).
"""

from __future__ import annotations

import re
import uuid
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from common.languages import text_in
from contracts.vocabulary import LANGUAGE_TAGS, TAXONOMY_LABELS

HSDS_VERSION = "3.0"
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
TAXONOMY_CODE = "socialhub-services"
TAXONOMY_ID = str(uuid.uuid5(_NAMESPACE, f"taxonomy:{TAXONOMY_CODE}"))
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_URI_SAFE = "/%:@!$&'()*+,;=-._~"


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
    """A text map's text in ``lang``, else in its closest language (``common.languages``)."""
    return text_in(value, lang)


def absolute_uri(value: Any) -> str | None:
    """``value`` as an absolute http(s) URI, or None. People write web sites without a scheme
    ("www.ruma.rs") and with letters a URI cannot hold; both are mended, the rest left out."""
    written = str(value or "").strip()
    if not written:
        return None
    if "://" not in written:
        written = "https://" + written
    try:
        parts = urlsplit(written)
        host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
        port = parts.port
    except (ValueError, UnicodeError):  # a port out of range, a host IDNA cannot encode
        return None
    if parts.scheme not in ("http", "https") or not host or "." not in host or parts.username:
        return None
    netloc = host + (f":{port}" if port else "")
    path, query, fragment = (quote(p, safe=_URI_SAFE) for p in (parts.path, parts.query, parts.fragment))
    return urlunsplit((parts.scheme, netloc, path, query, fragment))


def email(value: Any) -> str | None:
    written = str(value or "").strip()
    return written if _EMAIL.fullmatch(written) else None


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields that have a value: HSDS forbids ``null`` where it wants a string or number."""
    return {name: value for name, value in fields.items() if value is not None and value != ""}


def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, ":".join(str(p) for p in parts)))


def term_id(code: str) -> str:
    """A stable UUID for a taxonomy code (HSDS ids are UUIDs; ours derive from the code)."""
    return _uuid("taxonomy_term", code)


TERM_CODES = {term_id(code): code for code in TAXONOMY_LABELS}
"""Each taxonomy term's code by its id."""


def taxonomy(*, base: str) -> dict[str, Any]:
    """The federation's one taxonomy; ``base`` is the API's absolute root (no trailing slash)."""
    return {
        "id": TAXONOMY_ID,
        "name": "Social protection services",
        "description": "The federation's shared service taxonomy (after Open Eligibility, cut to "
        "social protection).",
        "uri": f"{base}/taxonomies/{TAXONOMY_ID}",
        "version": "1",
        "x_code": TAXONOMY_CODE,
    }


def taxonomy_term(code: str, lang: str, *, base: str) -> dict[str, Any]:
    labels = TAXONOMY_LABELS.get(code, {"en": code})
    tid = term_id(code)
    return {
        "id": tid,
        "code": code,
        "name": text(labels, lang),
        "description": text(labels, "en"),
        "taxonomy": f"{base}/taxonomies/{TAXONOMY_ID}",
        "taxonomy_id": TAXONOMY_ID,
        "language": lang,
        "term_uri": f"{base}/taxonomy_terms/{tid}",
    }


def _schedules(schedules: list[dict[str, Any]], *, link: str, link_id: str) -> list[dict[str, Any]]:
    return [
        {
            "id": _uuid(link_id, "schedule", n),
            f"{link}_id": link_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ",".join(day for day in _DAY_NAMES if day in s["byday"]),
            "opens_at": s["opens_at"],
            "closes_at": s["closes_at"],
        }
        for n, s in enumerate(schedules)
    ]


def _phones(number: Any, *, link: str, link_id: str) -> list[dict[str, Any]]:
    if not number:
        return []
    return [{"id": _uuid(link_id, "phone"), f"{link}_id": link_id, "number": str(number)}]


def _language(tag: str, *, link: str, link_id: str) -> dict[str, Any]:
    return {
        "id": _uuid(link_id, "language", tag),
        f"{link}_id": link_id,
        "name": LANGUAGE_NAMES.get(tag, tag),
        "code": tag,
    }


def _addresses(address: dict[str, Any] | None, *, location_id: str, kind: str) -> list[dict[str, Any]]:
    if not address:
        return []
    return [
        {
            "id": _uuid(location_id, "address"),
            "location_id": location_id,
            "address_1": address["address_1"],
            "city": address["city"],
            # Required by HSDS; our addresses have no state or province.
            "state_province": "",
            "postal_code": address.get("postal_code", ""),
            "country": address["country"],
            "address_type": "postal" if kind == "postal" else "physical",
        }
    ]


def organization(data: dict[str, Any], *, origin: str | None, lang: str) -> dict[str, Any]:
    oid = str(data["id"])
    return {
        "id": oid,
        "name": text(data.get("name"), lang),
        "description": text(data.get("description"), lang),  # required by HSDS, so "" when none
    } | _present(
        {
            "alternate_name": text(data.get("alternate_name"), lang),
            "email": email(data.get("email")),
            "website": absolute_uri(data.get("website")),
            "phones": _phones(data.get("phone"), link="organization", link_id=oid) or None,
            "x_organization_type": data.get("organization_type"),
            "x_status": data.get("status"),
            "x_origin": origin,
            "x_revision": data.get("revision"),
        }
    )


def location(data: dict[str, Any], *, lang: str) -> dict[str, Any]:
    lid = str(data["id"])
    kind = data.get("location_type", "physical")
    access = text(data.get("accessibility"), lang)
    return {"id": lid, "location_type": kind} | _present(
        {
            "organization_id": str(data["organization_id"]) if data.get("organization_id") else None,
            "name": text(data.get("name"), lang),
            "description": text(data.get("description"), lang),
            "latitude": data.get("latitude"),
            "longitude": data.get("longitude"),
            "url": absolute_uri(data.get("url")),
            "addresses": _addresses(data.get("address"), location_id=lid, kind=kind) or None,
            "languages": [_language(t, link="location", link_id=lid) for t in data.get("languages", ())]
            or None,
            "accessibility": [{"id": _uuid(lid, "access"), "location_id": lid, "description": access}]
            if access
            else None,
            "schedules": _schedules(list(data.get("schedules", ())), link="location", link_id=lid) or None,
            "x_revision": data.get("revision"),
        }
    )


def service_at_location(place: dict[str, Any], *, lang: str) -> dict[str, Any]:
    """An HSDS ``service_at_location`` with its ``location`` (``place`` carries it)."""
    pid = str(place["id"])
    contact = place.get("contact", {})
    return {
        "id": pid,
        "service_id": str(place["service_id"]),
        "location_id": str(place["location_id"]),
    } | _present(
        {
            "description": text(place.get("description"), lang),
            "phones": _phones(contact.get("phone"), link="service_at_location", link_id=pid) or None,
            "schedules": _schedules(list(place.get("schedules", ())), link="service_at_location", link_id=pid)
            or None,
            "location": location(place["location"], lang=lang) if place.get("location") else None,
            "x_revision": place.get("revision"),
        }
    )


def service(
    data: dict[str, Any],
    *,
    origin: str,
    lang: str,
    base: str,
    organization_data: dict[str, Any] | None = None,
    places: list[dict[str, Any]] | None = None,
    full: bool = True,
) -> dict[str, Any]:
    """An HSDS ``service``: one-to-one fields only unless ``full`` (then nested as in HSDS's
    compiled service schema). The nested ``organization`` is there only when the catalogue holds
    the organisation's entry: HSDS requires its id, name and description, which a service that
    names its organisation without an id cannot give."""
    sid = str(data["id"])
    contact = data.get("contact", {})
    body = {"id": sid, "name": text(data.get("name"), lang), "status": data["status"]} | _present(
        {
            "organization_id": str(data["organization_id"]) if data.get("organization_id") else None,
            "description": text(data.get("description"), lang),
            "url": absolute_uri(contact.get("url")),
            "email": email(contact.get("email")),
            "application_process": text(data.get("application_process"), lang),
            "fees_description": text(data.get("fees_description"), lang),
            "eligibility_description": text(data.get("eligibility_description"), lang),
            "minimum_age": data.get("minimum_age"),
            "maximum_age": data.get("maximum_age"),
            "x_origin": origin,
            "x_revision": data.get("revision"),
        }
    )
    if not full:
        return body
    return body | _present(
        {
            "phones": _phones(contact.get("phone"), link="service", link_id=sid) or None,
            "languages": [_language(t, link="service", link_id=sid) for t in data.get("languages", ())]
            or None,
            "schedules": _schedules(list(data.get("schedules", ())), link="service", link_id=sid) or None,
            "attributes": [
                {
                    "id": _uuid(sid, "attribute", code),
                    "link_id": sid,
                    "link_entity": "service",
                    "taxonomy_term_id": term_id(code),
                    "taxonomy_term": taxonomy_term(code, lang, base=base),
                }
                for code in data.get("taxonomy_terms", ())
            ]
            or None,
            "x_target_groups": list(data.get("target_groups", ())) or None,
            # Nested, it carries no x_origin: its entry is read without its provenance.
            "organization": organization(organization_data, origin=None, lang=lang)
            if organization_data
            else None,
            "service_at_locations": [service_at_location(p, lang=lang) for p in places or []] or None,
        }
    )
