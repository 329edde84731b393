"""The ministry's statistics API (read-only, behind the ministry role) and the signed policy the
nodes fetch. Views parse the query and answer; the sums are ``selectors``', the files
``exports``'."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.openapi import error_responses
from contracts.errors import (
    AuthenticationFailedError,
    InvalidQueryError,
    NotAuthenticatedError,
    NotFoundError,
    PermissionDeniedError,
)
from contracts.indicators import (
    CATEGORY_CODES,
    CATEGORY_LABELS,
    DISAGGREGATION_NAMES,
    DISAGGREGATIONS,
    INDICATORS_BY_CODE,
    period_range,
)
from hub.statistics import exports
from hub.statistics.access import MINISTRY_AUTHENTICATION, IsMinistry
from hub.statistics.selectors import LEVELS, Observation, Query, areas, history, observations
from hub.statistics.services import policy_in_force

_MINISTRY_ERRORS = (NotAuthenticatedError, AuthenticationFailedError, PermissionDeniedError)
MAX_CELLS = 50_000
"""The most cells one answer holds (periods × areas × categories)."""


class _MinistryApi(APIView):
    authentication_classes = MINISTRY_AUTHENTICATION
    permission_classes = (IsMinistry,)


def _list(params: Any, name: str) -> tuple[str, ...]:
    return tuple(part for value in params.getlist(name) for part in value.split(",") if part)


def query_from(params: Any) -> Query:
    """A ``Query`` from request parameters, or ``invalid-query`` naming the parameter at fault."""

    def bad(field: str, message: str) -> InvalidQueryError:
        return InvalidQueryError(message, detail={"field": field})

    indicator = params.get("indicator", "")
    definition = INDICATORS_BY_CODE.get(indicator)
    if definition is None:
        raise bad("indicator", f"Unknown indicator {indicator!r}; /api/v1/statistics/indicators lists them.")
    first = params.get("period_from") or params.get("period", "")
    last = params.get("period_to") or first
    try:
        periods = period_range(first, last, limit=120)
    except ValueError as exc:
        raise bad("period_from", f"Not a range of periods: {exc}.") from None
    level = params.get("level", "country")
    if level not in LEVELS:
        raise bad("level", f"level is one of {', '.join(LEVELS)}.")
    by = _list(params, "by")
    unknown = [name for name in by if name not in DISAGGREGATIONS]
    if unknown:
        raise bad("by", f"Unknown breakdowns: {', '.join(unknown)}.")
    table = tuple(name for name in DISAGGREGATIONS if name in by)
    if table not in definition.tables:
        published = "; ".join(", ".join(t) or "(total)" for t in definition.tables)
        raise bad(
            "by", f"{indicator} is not published by {', '.join(by) or '(total)'}; it is by: {published}."
        )
    filters: dict[Any, tuple[str, ...]] = {}
    for name in DISAGGREGATIONS:
        chosen = _list(params, name)
        if not chosen:
            continue
        if name not in table:
            raise bad(name, f"{name} is not a breakdown of this query (by={','.join(table) or 'nothing'}).")
        wrong = [code for code in chosen if code not in CATEGORY_CODES[name]]
        if wrong:
            raise bad(name, f"Unknown categories of {name}: {', '.join(wrong)}.")
        filters[name] = chosen
    query = Query(
        indicator=indicator,
        periods=tuple(periods),
        level=level,
        areas=_list(params, "area"),
        country=params.get("country", ""),
        table=table,
        filters=filters,
    )
    return query


_WHERE_PARAMETERS = [
    OpenApiParameter("indicator", OpenApiTypes.STR, required=True, description="An indicator code."),
    OpenApiParameter("period_from", OpenApiTypes.STR, required=True, description="2026-06, 2026-Q2 or 2026."),
    OpenApiParameter("period_to", OpenApiTypes.STR, description="The last period (default: period_from)."),
    OpenApiParameter("level", OpenApiTypes.STR, enum=list(LEVELS), description="Default country."),
    OpenApiParameter(
        "area", OpenApiTypes.STR, description="Areas of the level, comma-separated (default all)."
    ),
    OpenApiParameter(
        "country", OpenApiTypes.STR, description="Only municipalities or regions of MK, BG or RS."
    ),
]
_CELL_PARAMETERS = [
    OpenApiParameter(
        "by", OpenApiTypes.STR, description="The breakdowns, comma-separated: one of the indicator's tables."
    ),
    *[
        OpenApiParameter(
            name, OpenApiTypes.STR, description=f"Only these categories of {name} (comma-separated)."
        )
        for name in DISAGGREGATIONS
    ],
]
"""The table and the categories asked for."""
QUERY_PARAMETERS = [*_WHERE_PARAMETERS, *_CELL_PARAMETERS]


def _observation(row: Observation) -> dict[str, Any]:
    return {
        "period": row.period,
        "level": row.level,
        "area": row.area,
        "categories": row.categories,
        "value": row.value,
        "conf_status": row.conf_status,
        "obs_status": row.obs_status,
        "lower_bound": row.lower_bound,
        "suppressed": row.suppressed,
        "reporting": row.reporting,
        "missing": list(row.missing),
        "margin95": row.margin95,
        "revised": row.revised,
        "revision": row.revision,
    }


class IndicatorsApi(_MinistryApi):
    """The indicators the federation publishes, with their tables and the categories of each
    breakdown, named in the six languages."""

    @extend_schema(
        operation_id="statistics_indicators",
        responses={200: OpenApiTypes.OBJECT, **error_responses(*_MINISTRY_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "indicators": [
                    {
                        "code": d.code,
                        "family": d.family,
                        "names": dict(d.names),
                        "description": d.description,
                        "counts": d.counts,
                        "additive": list(d.additive),
                        "tables": [list(table) for table in d.tables],
                        "periods": list(d.periods),
                    }
                    for d in INDICATORS_BY_CODE.values()
                ],
                "disaggregations": {
                    name: {
                        "names": dict(DISAGGREGATION_NAMES[name]),
                        "categories": {
                            code: dict(CATEGORY_LABELS[name][code]) for code in CATEGORY_CODES[name]
                        },
                    }
                    for name in DISAGGREGATIONS
                },
            }
        )


class AreasApi(_MinistryApi):
    """The geography: every enrolled municipality, region and country, with their members."""

    @extend_schema(
        operation_id="statistics_areas",
        responses={200: OpenApiTypes.OBJECT, **error_responses(*_MINISTRY_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "areas": [
                    {
                        "level": area.level,
                        "code": area.code,
                        "name": str(area.name),
                        "country": area.country,
                        "municipalities": list(area.municipalities),
                    }
                    for area in areas()
                ]
            }
        )


class ObservationsApi(_MinistryApi):
    """An indicator over a range of periods, by area (municipality, region, country, federation)
    and breakdown. Sums are of what the municipalities published: ``lower_bound`` where a
    contribution was suppressed (``suppressed`` says how many), ``margin95`` the noised
    contributions' margins added up, ``missing`` the municipalities without a release."""

    @extend_schema(
        operation_id="statistics_observations",
        parameters=QUERY_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT, **error_responses(*_MINISTRY_ERRORS, InvalidQueryError)},
    )
    def get(self, request: Request) -> Response:
        query = query_from(request.query_params)
        rows = observations(query, limit=MAX_CELLS)
        return Response(
            {
                "indicator": query.indicator,
                "periods": list(query.periods),
                "level": query.level,
                "by": list(query.table),
                "observations": [_observation(row) for row in rows],
            }
        )


class HistoryApi(_MinistryApi):
    """Every revision a municipality released of a period, with the cell's value in each."""

    @extend_schema(
        operation_id="statistics_history",
        parameters=[
            OpenApiParameter("indicator", OpenApiTypes.STR, required=True),
            OpenApiParameter("municipality", OpenApiTypes.STR, required=True),
            OpenApiParameter("period", OpenApiTypes.STR, required=True),
            *_CELL_PARAMETERS,
        ],
        responses={200: OpenApiTypes.OBJECT, **error_responses(*_MINISTRY_ERRORS, InvalidQueryError)},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        query = query_from(params)
        categories = query.categories()
        if len(query.periods) != 1 or len(categories) != 1:
            raise InvalidQueryError(
                "History is of one cell: one period, and one category of each breakdown.",
                detail={"field": "period"},
            )
        revisions = history(
            indicator=query.indicator,
            member=params.get("municipality", ""),
            period=query.periods[0],
            categories=categories[0],
        )
        return Response({"revisions": [vars(r) for r in revisions]})


_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "sdmx-json": ("application/vnd.sdmx.data+json; version=2.0.0; charset=utf-8", "sdmx.json"),
    "dhis2": ("application/json; charset=utf-8", "dhis2.json"),
    "adx": ("application/adx+xml; charset=utf-8", "adx.xml"),
}


class ExportApi(_MinistryApi):
    """The same query as a file: ``csv`` and ``sdmx-json`` (SDMX-JSON 2.0 data message) keep every
    cell with its flags; ``dhis2`` (data value set, import with idScheme=CODE) and ``adx`` leave
    out suppressed cells and lower-bound sums, which DHIS2 cannot flag."""

    @extend_schema(
        operation_id="statistics_export",
        parameters=[
            *QUERY_PARAMETERS,
            OpenApiParameter("lang", OpenApiTypes.STR, description="Names in SDMX-JSON (default en)."),
        ],
        responses={
            (200, "*/*"): OpenApiTypes.BINARY,
            **error_responses(*_MINISTRY_ERRORS, InvalidQueryError, NotFoundError),
        },
    )
    def get(self, request: Request, fmt: str) -> HttpResponse:
        if fmt not in _FORMATS:
            raise NotFoundError(f"No export as {fmt!r}; there are {', '.join(_FORMATS)}.")
        query = query_from(request.query_params)
        rows = observations(query, limit=MAX_CELLS)
        if fmt == "csv":
            body = exports.to_csv(query, rows)
        elif fmt == "sdmx-json":
            body = exports.to_sdmx_json(query, rows, language=request.query_params.get("lang", "en"))
        elif fmt == "dhis2":
            body = exports.to_dhis2(query, rows)
        else:
            body = exports.to_adx(query, rows)
        content_type, extension = _FORMATS[fmt]
        name = f"{query.indicator}_{query.periods[0]}_{query.periods[-1]}_{query.level}.{extension}"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PolicyApi(APIView):
    """The federation's statistics policy in force, as the hub signed it (a DSSE envelope of
    ``control.statistics_policy`` 1.0). Public: the nodes verify it against the pinned hub key."""

    authentication_classes = ()
    permission_classes = ()

    @extend_schema(operation_id="statistics_policy", responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> HttpResponse:
        return HttpResponse(bytes(policy_in_force().envelope), content_type="application/json")
