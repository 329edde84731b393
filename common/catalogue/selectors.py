"""Reading the federated catalogue: search with filters, ranked; entries for the HSDS API."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, get_args

from django.db import connection, transaction
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone

from common.catalogue.derive import COUNTRY_TIME_ZONES
from common.catalogue.models import FederatedEntry, FederatedService, ServiceOpening
from common.search import query_words, tsquery
from contracts.errors import InvalidSearchError
from contracts.vocabulary import LanguageTag, TargetGroup, TaxonomyTerm

MAX_QUERY_LENGTH = 200
CANDIDATES = 1000
"""A text search ranks (and counts) at most this many matches, the newest: enough to page through,
and it keeps a broad query ("social") as fast as a narrow one over 100,000 services."""
PROBE, DENSE_PERCENT = 2000, 5
"""Matches in at least DENSE_PERCENT of the PROBE newest services make a query broad."""


@dataclass(frozen=True)
class Search:
    """What a person asked for; every filter is optional."""

    query: str = ""
    origins: tuple[str, ...] = ()
    target_group: str = ""
    taxonomy_term: str = ""
    language: str = ""
    open_now: bool = False
    organization_id: uuid.UUID | None = None
    include_withdrawn: bool = False
    modified_after: dt.datetime | None = None
    at: dt.datetime | None = field(default=None, compare=False)
    """The instant "open now" means (default: now)."""

    def __post_init__(self) -> None:
        checks = (
            ("target_group", self.target_group, get_args(TargetGroup)),
            ("taxonomy_term", self.taxonomy_term, get_args(TaxonomyTerm)),
            ("language", self.language, get_args(LanguageTag)),
        )
        for name, value, allowed in checks:
            if value and value not in allowed:
                raise InvalidSearchError(
                    f"Unknown {name.replace('_', ' ')} {value!r}.", detail={"field": name, "allowed": allowed}
                )
        if len(self.query) > MAX_QUERY_LENGTH:
            raise InvalidSearchError(
                f"The query is longer than {MAX_QUERY_LENGTH} characters.", detail={"field": "q"}
            )


class RankedServices:
    """The matches of a text search, best first: at most ``CANDIDATES``, held as ids; rows are
    read a page at a time. Counts, slices and iterates like a query set."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, item: slice) -> list[FederatedService]:
        ids = self.ids[item]
        rows = FederatedService.objects.in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]

    def __iter__(self) -> Iterator[FederatedService]:
        return iter(self[:])


def catalogue_search(search: Search) -> QuerySet[FederatedService] | RankedServices:
    """Matching services, best first. A service matches when every query word of two characters
    or more starts a word of its text in any language or script (``common.search``). Of the
    matches (the newest ``CANDIDATES`` when there are more), those with every word in a name come
    first, then the newest (then the last received). Both backends give the same answers in the
    same order. Without query words: every service that passes the filters, newest first."""
    services = FederatedService.objects.all()
    if not search.include_withdrawn:
        services = services.exclude(status="defunct")
    if search.origins:
        services = services.filter(origin__in=search.origins)
    if search.organization_id:
        services = services.filter(organization_id=search.organization_id)
    if search.modified_after:
        services = services.filter(published_at__gte=search.modified_after)
    for prefix, value in (("tg", search.target_group), ("tx", search.taxonomy_term), ("ln", search.language)):
        if value:
            services = services.filter(facets__contains=f" {prefix}:{value} ")
    if search.open_now:
        services = services.filter(_open_at(search.at or timezone.now()))
    words = query_words(search.query)
    if not words:
        return services.order_by("-published_at", "service_id")
    name_hit: Any
    if connection.vendor == "postgresql":
        # search_vector and name_vector (with their indexes) exist on PostgreSQL only (migrations
        # 0002 and 0003). The tsquery holds [a-z0-9] words only, and goes in as a parameter.
        query = tsquery(words)
        matching = services.extra(where=["search_vector @@ to_tsquery('simple', %s)"], params=[query])
        name_hit = RawSQL("name_vector @@ to_tsquery('simple', %s)", (query,))
    else:
        matching = services
        every_word_in_name = Q()
        for word in words:
            matching = matching.filter(search_key__contains=f" {word}")
            every_word_in_name &= Q(name_key__contains=f" {word}")
        name_hit = Case(
            When(every_word_in_name, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    columns = matching.annotate(name_hit=name_hit).values_list("pk", "name_hit")
    newest = columns.order_by("-published_at", "-pk")[:CANDIDATES]
    if connection.vendor != "postgresql":
        found = list(newest)
    else:
        # How dense are the matches among the newest entries? Dense (a broad query): walk the
        # index of the newest entries until CANDIDATES are found. Sparse: collect them from the
        # full-text index. Decided here, not by the planner, which has no statistics on a node
        # that has just received its catalogue.
        recent = services.extra(select={"vector": "search_vector"}).order_by("-published_at", "-pk")
        sql, params = recent.values("vector")[:PROBE].query.sql_with_params()
        with transaction.atomic(), connection.cursor() as cursor:
            # The probe reads exactly the PROBE newest rows: the filter cannot enter the subquery.
            probe = f"SELECT count(*) FROM ({sql}) recent WHERE vector @@ to_tsquery('simple', %s)"  # noqa: S608
            cursor.execute(probe, (*params, query))  # sql is Django's own, with its parameters
            dense = cursor.fetchone()[0] * 100 >= PROBE * DENSE_PERCENT
            # Dense: walk the newest-first index only. Sparse: the full-text index only.
            for setting in ("enable_seqscan", "enable_bitmapscan" if dense else "enable_indexscan"):
                cursor.execute(f"SET LOCAL {setting} = off")
            found = list(newest)
    found.sort(key=lambda row: not row[1])  # stable: newest first within each tier, as read
    return RankedServices([row[0] for row in found])


def _open_at(instant: dt.datetime) -> Q:
    """Services with an opening that spans ``instant`` in their own country's local time."""
    either = Q()
    for country, zone in COUNTRY_TIME_ZONES.items():
        local = instant.astimezone(zoneinfo.ZoneInfo(zone))
        minute = local.hour * 60 + local.minute
        either |= Q(
            Exists(
                ServiceOpening.objects.filter(
                    service=OuterRef("pk"),
                    country=country,
                    weekday=local.weekday(),
                    opens__lte=minute,
                    closes__gt=minute,
                )
            )
        )
    return either


def service_get(service_id: uuid.UUID) -> FederatedService | None:
    return FederatedService.objects.filter(service_id=service_id).first()


def entries(entry_type: str) -> QuerySet[FederatedEntry]:
    """Active entries of one type."""
    return FederatedEntry.objects.filter(entry_type=entry_type).exclude(status="defunct")


def entry_get(entry_type: str, entry_id: uuid.UUID) -> FederatedEntry | None:
    return FederatedEntry.objects.filter(entry_type=entry_type, entry_id=entry_id).first()


def entries_by_id(entry_type: str, ids: set[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """The data of these active entries, by id."""
    if not ids:
        return {}
    return {
        row.entry_id: row.data
        for row in entries(entry_type).filter(entry_id__in=ids).only("entry_id", "data")
    }


def places_of(service_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """Each service's active service-at-location entries, each with its active ``location``."""
    if not service_ids:
        return {}
    places = list(entries(FederatedEntry.Type.SERVICE_AT_LOCATION).filter(parent_id__in=service_ids))
    locations = entries_by_id(FederatedEntry.Type.LOCATION, {p.ref_id for p in places if p.ref_id})
    found: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for place in places:
        if place.ref_id in locations and place.parent_id is not None:
            found.setdefault(place.parent_id, []).append(place.data | {"location": locations[place.ref_id]})
    return found


def places_listed(
    services: QuerySet[FederatedService] | RankedServices | None, modified_after: dt.datetime | None = None
) -> QuerySet[FederatedEntry]:
    """Active service-at-location entries whose service (one of ``services``, or any active one)
    and location are active, in a stable order."""
    if services is None:
        services = FederatedService.objects.exclude(status="defunct")
    elif isinstance(services, RankedServices):
        services = FederatedService.objects.filter(pk__in=services.ids)
    places = entries(FederatedEntry.Type.SERVICE_AT_LOCATION).filter(
        parent_id__in=services.order_by().values("service_id"),
        ref_id__in=entries(FederatedEntry.Type.LOCATION).values("entry_id"),
    )
    if modified_after:
        places = places.filter(published_at__gte=modified_after)
    return places.order_by("origin", "entry_id")


@dataclass(frozen=True)
class Surroundings:
    """The organisations and places of a set of services, read in two queries."""

    organizations: dict[uuid.UUID, dict[str, Any]]
    places: dict[uuid.UUID, list[dict[str, Any]]]

    def organization(self, organization_id: uuid.UUID | None) -> dict[str, Any] | None:
        return self.organizations.get(organization_id) if organization_id else None


def surroundings(service_ids: list[uuid.UUID], organization_ids: set[uuid.UUID | None]) -> Surroundings:
    return Surroundings(
        organizations=entries_by_id(FederatedEntry.Type.ORGANIZATION, {o for o in organization_ids if o}),
        places=places_of(service_ids),
    )


def open_now(service_pks: list[int], instant: dt.datetime) -> set[int]:
    """Which of these services are open at ``instant`` (from their stored openings)."""
    rows = FederatedService.objects.filter(pk__in=service_pks).filter(_open_at(instant))
    return set(rows.values_list("pk", flat=True))
