"""Read APIs over the federated catalogue: the federation's search, and the Open Referral HSDS
3.0 read endpoints (``/api/hsds/…``) so existing Open Referral tools can read the federation.
Both are public: the catalogue holds services, never people."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import uuid
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.catalogue import hsds
from common.catalogue.models import FederatedEntry, FederatedService
from common.catalogue.selectors import (
    RankedServices,
    Search,
    catalogue_search,
    entries,
    entries_by_id,
    entry_get,
    places_listed,
    service_get,
    surroundings,
)
from common.openapi import NOT_FOUND, SEARCH, error_responses
from common.pagination import BoundedLimitOffsetPagination
from common.search import query_words
from contracts.errors import InvalidSearchError
from contracts.vocabulary import TAXONOMY_LABELS

MAX_PER_PAGE = 200


class FederatedServiceSerializer(serializers.ModelSerializer[FederatedService]):
    revision = serializers.IntegerField(read_only=True, min_value=1)

    class Meta:
        model = FederatedService
        fields = (
            "service_id",
            "origin",
            "revision",
            "status",
            "data",
            "message_id",
            "published_at",
            "received_at",
        )


def search_from_params(params: Any) -> Search:
    """A ``Search`` from query parameters; unknown codes and bad values are ``invalid-search``."""
    organization = params.get("organization_id", "")
    try:
        organization_id = uuid.UUID(organization) if organization else None
    except ValueError as exc:
        raise InvalidSearchError(
            "organization_id is not a UUID.", detail={"field": "organization_id"}
        ) from exc
    origins = tuple(code for value in params.getlist("origin") for code in value.split(",") if code)
    return Search(
        query=params.get("q", "") or params.get("search", ""),
        origins=origins,
        target_group=params.get("target_group", ""),
        taxonomy_term=params.get("taxonomy_term", ""),
        language=params.get("language", ""),
        open_now=params.get("open_now", "") in ("1", "true", "on", "yes"),
        organization_id=organization_id,
    )


SEARCH_PARAMETERS = [
    OpenApiParameter(
        "q", str, description="Words in any federation language and script; Latin finds Cyrillic and back."
    ),
    OpenApiParameter(
        "origin", str, description="Only entries from these nodes (comma-separated), e.g. MK-CAIR."
    ),
    OpenApiParameter("target_group", str, description="A target-group code, e.g. roma."),
    OpenApiParameter("taxonomy_term", str, description="A taxonomy code, e.g. counselling."),
    OpenApiParameter("language", str, description="A language the service is offered in, e.g. sq."),
    OpenApiParameter("open_now", bool, description="Only services open now (in their own country's time)."),
    OpenApiParameter("organization_id", OpenApiTypes.UUID, description="Only this organisation's services."),
]


class CataloguePagination(BoundedLimitOffsetPagination):
    default_limit = 50
    max_limit = 1000


class CatalogueApi(APIView):
    """The federated catalogue: every active entry of every node, with its origin, best match first."""

    permission_classes = [AllowAny]
    pagination_class = CataloguePagination

    @extend_schema(
        operation_id="catalogue_search",
        parameters=SEARCH_PARAMETERS,
        responses={200: FederatedServiceSerializer(many=True), **error_responses(*SEARCH)},
    )
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        found: Any = catalogue_search(search_from_params(request.query_params))  # a query set or ranked ids
        page = paginator.paginate_queryset(found, request, self)
        return paginator.get_paginated_response(FederatedServiceSerializer(page, many=True).data)


# --- Open Referral HSDS 3.0 -----------------------------------------------------------------


def _lang(request: Request) -> str:
    return hsds.pick_language(request.query_params.get("lang") or request.headers.get("Accept-Language", ""))


def _base(request: Request) -> str:
    """The HSDS API's absolute root, for the absolute URIs HSDS wants (``uri``, ``term_uri``)."""
    return request.build_absolute_uri(reverse("hsds-root")).rstrip("/")


def _answer(body: dict[str, Any], lang: str) -> Response:
    return Response(body, headers={"Content-Language": lang})


def _int(request: Request, name: str, default: int, *, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise InvalidSearchError(f"{name} must be a whole number.", detail={"field": name}) from exc
    if not low <= value <= high:
        raise InvalidSearchError(f"{name} must be between {low} and {high}.", detail={"field": name})
    return value


def _each(render: Callable[[Any], dict[str, Any]]) -> Callable[[list[Any]], list[dict[str, Any]]]:
    return lambda chunk: [render(row) for row in chunk]


def _page(
    request: Request,
    rows: QuerySet[Any] | RankedServices | list[Any],
    render_page: Callable[[list[Any]], list[dict[str, Any]]],
) -> Response:
    """The HSDS ``Page``: total_items, total_pages, page_number, size, first_page, last_page,
    empty, contents (the page's rows rendered together)."""
    per_page = _int(request, "per_page", 50, low=1, high=MAX_PER_PAGE)
    number = _int(request, "page", 1, low=1, high=MAX_PAGE)
    total = rows.count() if isinstance(rows, QuerySet | RankedServices) else len(rows)
    pages = max(1, math.ceil(total / per_page))
    chunk = list(rows[(number - 1) * per_page : number * per_page])
    contents = render_page(chunk)
    body = {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": total == 0,
        "contents": contents,
    }
    return _answer(body, _lang(request))


def _modified_after(request: Request) -> dt.datetime | None:
    raw = request.query_params.get("modified_after", "")
    if not raw:
        return None
    value = parse_datetime(raw)
    if value is None:
        raise InvalidSearchError(
            "modified_after is not an ISO 8601 date-time.", detail={"field": "modified_after"}
        )
    return value


def _entry_id(raw: str, what: str) -> uuid.UUID:
    """A path id as a UUID; anything else names nothing we hold (HSDS ids are UUIDs)."""
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise NotFound(f"No {what} {raw!r}: HSDS ids are UUIDs.") from exc


def _not_found(what: str, entry_id: object) -> NotFound:
    return NotFound(f"No active {what} {entry_id} in the federated catalogue.")


def _service_search(request: Request) -> Search | None:
    """The services an HSDS query names, or None when it names another taxonomy (so nothing)."""
    taxonomy = request.query_params.get("taxonomy_id", "")
    term = request.query_params.get("taxonomy_term_id", "")
    search = search_from_params(request.query_params)
    if term:
        if term not in hsds.TERM_CODES and term not in TAXONOMY_LABELS:
            raise InvalidSearchError(f"Unknown taxonomy term {term!r}.", detail={"field": "taxonomy_term_id"})
        search = dataclasses.replace(search, taxonomy_term=hsds.TERM_CODES.get(term, term))
    if taxonomy and taxonomy not in (hsds.TAXONOMY_ID, hsds.TAXONOMY_CODE):
        return None
    return search


MAX_PAGE = 10**6
_HSDS_PAGE = [
    OpenApiParameter(
        "page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        description="Page number.",
    ),
    OpenApiParameter(
        "per_page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 50},
        description="Results per page.",
    ),
    OpenApiParameter("lang", str, description="Language of texts (mk, bg, sr-Cyrl, sr-Latn, sq, en)."),
]
_HSDS_ID = OpenApiParameter(
    "id", str, OpenApiParameter.PATH, description="The entry's id, a UUID; anything else is not found."
)
_HSDS_ENTRY = {200: OpenApiTypes.OBJECT, **NOT_FOUND}
_HSDS_LIST = {200: OpenApiTypes.OBJECT, **error_responses(InvalidSearchError)}
_HSDS_FILTERS = [
    OpenApiParameter("search", str, description="Full-text search (the federation's search)."),
    OpenApiParameter("taxonomy_term_id", str, description="A taxonomy term id (or code)."),
    OpenApiParameter("taxonomy_id", str, description="The taxonomy's id: another answers nothing."),
    OpenApiParameter("organization_id", OpenApiTypes.UUID),
    OpenApiParameter("modified_after", OpenApiTypes.DATETIME),
]


class HsdsRootApi(APIView):
    """HSDS API meta information."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="getAPIMetaInformation", responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        return Response(
            {
                "version": hsds.HSDS_VERSION,
                "profile": "https://docs.openreferral.org/en/latest/hsds/",
                "openapi_url": request.build_absolute_uri("/api/schema/"),
                "description": "The federated social-protection service catalogue of the member "
                "municipalities.",
                "publisher": {"name": "Social protection exchange"},
            }
        )


class HsdsServiceListApi(APIView):
    """HSDS ``GET /services``: one-to-one fields, or fully nested with ``full=true``."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="getPaginatedListOfServices",
        parameters=[*_HSDS_PAGE, *_HSDS_FILTERS, OpenApiParameter("full", bool), *SEARCH_PARAMETERS[1:]],
        responses=_HSDS_LIST,
    )
    def get(self, request: Request) -> Response:
        search = _service_search(request)
        rows: QuerySet[FederatedService] | RankedServices | list[FederatedService] = (
            []
            if search is None
            else catalogue_search(dataclasses.replace(search, modified_after=_modified_after(request)))
        )
        lang, base = _lang(request), _base(request)
        if request.query_params.get("full", "") in ("1", "true"):
            return _page(request, rows, lambda chunk: _full_services(chunk, lang, base))
        return _page(
            request,
            rows,
            _each(lambda row: hsds.service(row.data, origin=row.origin, lang=lang, base=base, full=False)),
        )


def _full_services(rows: list[FederatedService], lang: str, base: str) -> list[dict[str, Any]]:
    """Fully nested services, their organisations and places read once for all."""
    around = surroundings([r.service_id for r in rows], {r.organization_id for r in rows})
    return [
        hsds.service(
            row.data,
            origin=row.origin,
            lang=lang,
            base=base,
            organization_data=around.organization(row.organization_id),
            places=around.places.get(row.service_id, []),
        )
        for row in rows
    ]


class HsdsServiceDetailApi(APIView):
    """HSDS ``GET /services/{id}``: the fully nested service."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="getFullyNestedServiceById",
        parameters=[_HSDS_ID, *_HSDS_PAGE[2:]],
        responses=_HSDS_ENTRY,
    )
    def get(self, request: Request, id: str) -> Response:
        service_id = _entry_id(id, "service")
        row = service_get(service_id)
        if row is None or row.status == "defunct":
            raise _not_found("service", service_id)
        lang = _lang(request)
        return _answer(_full_services([row], lang, _base(request))[0], lang)


class HsdsOrganizationListApi(APIView):
    """HSDS ``GET /organizations``."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="getPaginatedListOfOrganizations",
        parameters=[*_HSDS_PAGE, OpenApiParameter("search", str)],
        responses=_HSDS_LIST,
    )
    def get(self, request: Request) -> Response:
        lang = _lang(request)
        rows = entries(FederatedEntry.Type.ORGANIZATION).order_by("origin", "entry_id")
        for word in query_words(request.query_params.get("search", "")):
            rows = rows.filter(search_key__contains=f" {word}")
        return _page(
            request, rows, _each(lambda row: hsds.organization(row.data, origin=row.origin, lang=lang))
        )


class HsdsOrganizationDetailApi(APIView):
    """HSDS ``GET /organizations/{id}``, with its services."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="getOrganizationById",
        parameters=[_HSDS_ID, *_HSDS_PAGE[2:]],
        responses=_HSDS_ENTRY,
    )
    def get(self, request: Request, id: str) -> Response:
        organization_id = _entry_id(id, "organization")
        row = entry_get(FederatedEntry.Type.ORGANIZATION, organization_id)
        if row is None or row.status == "defunct":
            raise _not_found("organization", organization_id)
        lang, base = _lang(request), _base(request)
        body = hsds.organization(row.data, origin=row.origin, lang=lang)
        services = catalogue_search(Search(organization_id=organization_id))
        body["services"] = [
            hsds.service(s.data, origin=s.origin, lang=lang, base=base, full=False) for s in services
        ]
        return _answer(body, lang)


class HsdsServiceAtLocationListApi(APIView):
    """HSDS ``GET /service_at_locations``: where each active service is given, with the place."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="getPaginatedListOfServiceAtLocation",
        parameters=[*_HSDS_PAGE, *_HSDS_FILTERS],
        responses=_HSDS_LIST,
    )
    def get(self, request: Request) -> Response:
        search = _service_search(request)
        rows: QuerySet[FederatedEntry] | list[FederatedEntry] = (
            [] if search is None else places_listed(catalogue_search(search), _modified_after(request))
        )
        lang = _lang(request)
        return _page(request, rows, lambda chunk: _places(chunk, lang))


def _places(rows: list[FederatedEntry], lang: str) -> list[dict[str, Any]]:
    """Service-at-location entries with their locations (``places_listed`` keeps only those
    whose location is active), the locations read in one query."""
    locations = entries_by_id(FederatedEntry.Type.LOCATION, {r.ref_id for r in rows if r.ref_id})
    return [
        hsds.service_at_location(row.data | {"location": locations[row.ref_id]}, lang=lang)
        for row in rows
        if row.ref_id in locations
    ]


class HsdsServiceAtLocationDetailApi(APIView):
    """HSDS ``GET /service_at_locations/{id}``, with its location."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="getServiceAtLocationWithNestedDataById",
        parameters=[_HSDS_ID, *_HSDS_PAGE[2:]],
        responses=_HSDS_ENTRY,
    )
    def get(self, request: Request, id: str) -> Response:
        place_id = _entry_id(id, "service at location")
        lang = _lang(request)
        found = _places(list(places_listed(None).filter(entry_id=place_id)), lang)
        if not found:
            raise _not_found("service at location", place_id)
        return _answer(found[0], lang)


class HsdsTaxonomyListApi(APIView):
    """HSDS ``GET /taxonomies``: the federation's one service taxonomy."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="getPaginatedListOfTaxonomies", parameters=_HSDS_PAGE, responses=_HSDS_LIST)
    def get(self, request: Request) -> Response:
        base = _base(request)
        return _page(request, [hsds.TAXONOMY_ID], _each(lambda _: hsds.taxonomy(base=base)))


class HsdsTaxonomyDetailApi(APIView):
    """HSDS ``GET /taxonomies/{id}``."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="getTaxonomyById", parameters=[_HSDS_ID], responses=_HSDS_ENTRY)
    def get(self, request: Request, id: str) -> Response:
        if id != hsds.TAXONOMY_ID:
            raise NotFound(f"No taxonomy {id!r}: the federation has one, {hsds.TAXONOMY_ID}.")
        return Response(hsds.taxonomy(base=_base(request)))


class HsdsTaxonomyTermListApi(APIView):
    """HSDS ``GET /taxonomy_terms``, labelled in the asked language."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="getPaginatedListOfTaxonomyTerms",
        parameters=[*_HSDS_PAGE, OpenApiParameter("taxonomy_id", str)],
        responses=_HSDS_LIST,
    )
    def get(self, request: Request) -> Response:
        lang, base = _lang(request), _base(request)
        taxonomy = request.query_params.get("taxonomy_id", "")
        codes = (
            []
            if taxonomy and taxonomy not in (hsds.TAXONOMY_ID, hsds.TAXONOMY_CODE)
            else list(TAXONOMY_LABELS)
        )
        return _page(request, codes, _each(lambda code: hsds.taxonomy_term(code, lang, base=base)))


class HsdsTaxonomyTermDetailApi(APIView):
    """HSDS ``GET /taxonomy_terms/{id}``."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="getTaxonomyTermById", parameters=[_HSDS_ID, *_HSDS_PAGE[2:]], responses=_HSDS_ENTRY
    )
    def get(self, request: Request, id: str) -> Response:
        if id not in hsds.TERM_CODES:
            raise NotFound(f"No taxonomy term {id!r}.")
        lang = _lang(request)
        return _answer(hsds.taxonomy_term(hsds.TERM_CODES[id], lang, base=_base(request)), lang)
