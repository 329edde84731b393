"""What search needs of a service, derived from its data, its organisation and its locations.

Pure functions over the published JSON (no database), so migrations and the benchmark's loader
derive exactly what the appliers do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from common.search import search_key
from contracts.vocabulary import TARGET_GROUP_LABELS, TAXONOMY_LABELS

_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
COUNTRY_TIME_ZONES = {"MK": "Europe/Skopje", "BG": "Europe/Sofia", "RS": "Europe/Belgrade"}


@dataclass(frozen=True)
class ServiceDerived:
    name_key: str
    search_key: str
    facets: str
    country: str
    openings: list[tuple[int, int, int]] = field(default_factory=list)
    """(weekday, opens, closes) in minutes after midnight, local time."""


def _texts(value: Any) -> list[str]:
    return [text for text in value.values() if isinstance(text, str)] if isinstance(value, dict) else []


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def openings(schedules: Sequence[dict[str, Any]]) -> list[tuple[int, int, int]]:
    rows: list[tuple[int, int, int]] = []
    for schedule in schedules:
        opens, closes = _minutes(schedule["opens_at"]), _minutes(schedule["closes_at"])
        if closes <= opens:
            closes = 24 * 60  # "closes 00:00" is midnight; past midnight is not modelled
        rows.extend((_WEEKDAYS[day], opens, closes) for day in schedule["byday"])
    return sorted(set(rows))


def entry_search_key(data: dict[str, Any]) -> str:
    """The search key of an organisation's or location's names and description."""
    return search_key(
        *(text for field in ("name", "alternate_name", "description") for text in _texts(data.get(field)))
    )


def service_derived(
    data: dict[str, Any],
    *,
    origin: str,
    organization: dict[str, Any] | None = None,
    places: Sequence[dict[str, Any]] = (),
) -> ServiceDerived:
    """``data`` is a ``catalogue.service`` entry at the current version (JSON); ``organization``
    its organisation entry and ``places`` its active service-at-location entries, each with its
    ``location`` (``common.catalogue.selectors.places_of``), if any."""
    locations = [place["location"] for place in places]
    names = _texts(data.get("name"))
    texts = [
        *_texts(data.get("description")),
        *_texts(data.get("organization", {}).get("name")),
        *_texts(data.get("eligibility_description")),
    ]
    if organization is not None:
        texts += _texts(organization.get("name")) + _texts(organization.get("alternate_name"))
    address = data.get("address") or {}
    texts.append(address.get("city", ""))
    for location in locations:
        texts += [*_texts(location.get("name")), (location.get("address") or {}).get("city", "")]
    for term in data.get("taxonomy_terms", ()):
        texts += list(TAXONOMY_LABELS.get(term, {}).values())
    for group in data.get("target_groups", ()):
        texts += list(TARGET_GROUP_LABELS.get(group, {}).values())
    languages = set(data.get("languages", ()))
    for location in locations:
        languages.update(location.get("languages", ()))
    facets = [
        *(f"tg:{group}" for group in data.get("target_groups", ())),
        *(f"tx:{term}" for term in data.get("taxonomy_terms", ())),
        *(f"ln:{tag}" for tag in sorted(languages)),
    ]
    country = origin[:2] if origin[:2] in COUNTRY_TIME_ZONES else address.get("country", "")
    schedules = list(data.get("schedules", ()))
    if not schedules:
        schedules = [s for place in places for s in place.get("schedules", ())]
    if not schedules:
        schedules = [s for location in locations for s in location.get("schedules", ())]
    return ServiceDerived(
        name_key=search_key(*names),
        search_key=search_key(*names, *texts),
        facets=f" {' '.join(facets)} " if facets else "",
        country=country,
        openings=openings(schedules),
    )
