"""The ministry's pages at the hub: its login; the dashboard (an overview of the key indicators,
an indicator over time with its filters, a period compared across municipalities or categories,
a figure's revisions), each with the table of its chart and its exports; and the API page, where
it makes and revokes API tokens. Nothing here is open to anyone outside the ministry role.

The pages' parameters are the API's own (``indicator``, ``period_from``, ``period_to``, ``level``,
``area``, ``country``, ``by`` and a filter per breakdown), so a view's URL can be bookmarked and
shared, and its export links are the same query at ``/api/v1/statistics/export/``."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.languages import language_tag
from contracts.errors import ContractError, InvalidQueryError
from contracts.indicators import (
    CATEGORY_CODES,
    INDICATORS_BY_CODE,
    PeriodType,
    period_bounds,
    period_of,
    period_type,
)
from hub.federation.models import Member
from hub.statistics import dashboard
from hub.statistics.access import is_ministry
from hub.statistics.apis import query_from
from hub.statistics.models import MinistryToken
from hub.statistics.selectors import LEVELS, Query, histories, members_in
from hub.statistics.services import ministry_token_create, ministry_token_revoke, policy_in_force

View = Callable[..., HttpResponse]


def ministry_required(view: View) -> View:
    """Logged in and in the ministry role; anyone else logged in is refused (403), not sent to
    log in again."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('ministry:login')}?next={request.path}")
        if not is_ministry(request.user):
            return render(request, "ministry/forbidden.html", {"forbidden": True}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # ministry_required let only a ministry login through
    return request.user


class LoginView(auth.LoginView):
    template_name = "ministry/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return reverse("ministry:overview")


class LogoutView(auth.LogoutView):
    next_page = "ministry:login"


@ministry_required
def api_home(request: HttpRequest) -> HttpResponse:
    new_token = request.session.pop("ministry_new_token", None)
    context = {
        "tokens": MinistryToken.objects.filter(user=_user(request)),
        "new_token": new_token,
        "indicators": [(d.code, d.names) for d in INDICATORS_BY_CODE.values()],
        "policy": policy_in_force().policy,
        # The examples ask for the year up to the last month that has ended.
        "example_to": period_of(timezone.localdate().replace(day=1) - dt.timedelta(days=1), "month"),
    }
    context["example_from"] = str(context["example_to"])[:4] + "-01"
    context["section"] = "api"
    return render(request, "ministry/home.html", context)


@require_POST
@ministry_required
def token_create(request: HttpRequest) -> HttpResponse:
    _, token = ministry_token_create(user=_user(request), name=request.POST.get("name", ""))
    # Shown once, on the next page, and never stored.
    request.session["ministry_new_token"] = token
    return redirect("ministry:api")


@require_POST
@ministry_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if ministry_token_revoke(user=_user(request), token_id=token_id):
        messages.success(request, _("The token is revoked: it no longer opens the API."))
    return redirect("ministry:api")


# --- the dashboard ------------------------------------------------------------------------------


def _params(request: HttpRequest, **defaults: str) -> QueryDict:
    """The request's parameters with ``defaults`` where it gives none."""
    params = request.GET.copy()
    for name, value in defaults.items():
        if not params.get(name):
            params[name] = value
    return params


def _common(request: HttpRequest, section: str, indicator: str | None = None) -> dict[str, Any]:
    return {
        "section": section,
        "indicator": indicator,
        "indicators": [(code, dashboard.indicator_name(code)) for code in INDICATORS_BY_CODE],
        "chart_locale": chart_locale(get_language() or "en"),
        "sdmx_lang": language_tag(get_language()),
    }


@ministry_required
def overview(request: HttpRequest) -> HttpResponse:
    newest = dashboard.latest_month()
    latest = request.GET.get("period") or newest
    names = dashboard.area_names()
    try:
        periods, cards = dashboard.overview(latest, names)
    except ValueError:
        return _bad(request, InvalidQueryError("Not a month.", detail={"field": "period"}), "overview")
    context = _common(request, "overview") | {
        "latest": latest,
        "year_ago": dashboard.year_before(latest),
        "periods": periods,
        "cards": cards,
        "shares": dashboard.share_of_women(latest, names),
        "offered": dashboard.periods_offered(newest),
        "federation_missing": next((t.latest.missing for t in cards[0].trends if t.area == "federation"), ()),
        "chart": {
            "kind": "overview",
            "periods": periods,
            "cards": [
                {
                    "indicator": card.indicator,
                    "name": card.name,
                    "series": [
                        {
                            "label": t.name or _("All municipalities"),
                            "figures": [f.as_json() for f in t.series],
                        }
                        for t in card.trends
                    ],
                }
                for card in cards
            ],
        },
    }
    return render(request, "ministry/overview.html", context)


def _bad(
    request: HttpRequest, exc: ContractError, section: str, indicator: str | None = None
) -> HttpResponse:
    context = _common(request, section, indicator) | {"error": exc}
    return render(request, "ministry/bad_query.html", context, status=exc.http_status)


@ministry_required
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    if code not in INDICATORS_BY_CODE:
        raise Http404(code)
    latest = dashboard.latest_month()
    params = _params(request, level="country")
    params["indicator"] = code
    kind = _kind(params.get("period_from") or params.get("kind"))
    if not params.get("period_from"):
        first, last = dashboard.default_range(latest, kind)
        params["period_from"], params["period_to"] = first, last
    elif not params.get("period_to"):
        params["period_to"] = params.get("period_from", "")
    params.pop("kind", None)
    names = dashboard.area_names()
    try:
        query = query_from(params)
        lines = dashboard.series(query, names=names)
    except ContractError as exc:
        return _bad(request, exc, "indicator", code)
    context = _common(request, "indicator", code) | {
        "name": dashboard.indicator_name(code),
        "definition": INDICATORS_BY_CODE[code],
        "query": query,
        "params": params,
        "filters": _filters(query, params, names, latest),
        "lines": lines,
        "export": params.urlencode(),
        "compare_link": _compare_link(query),
        "chart": {
            "kind": "series",
            "name": dashboard.indicator_name(code),
            "periods": list(query.periods),
            "series": [
                {"label": line.label, "figures": [f.as_json() for f in line.figures]}
                for line in lines[: dashboard.MAX_SERIES]
            ],
            "more": max(0, len(lines) - dashboard.MAX_SERIES),
        },
    }
    return render(request, "ministry/indicator.html", context)


def _breakdown_links(code: str, period: str) -> list[tuple[str, str]]:
    """The federation's figure of ``period`` by each single breakdown the indicator publishes
    (by sex: the share of women; by age band: the young)."""
    links = []
    for table in INDICATORS_BY_CODE[code].tables:
        if len(table) != 1:
            continue
        params = QueryDict(mutable=True)
        params.update({"period": period, "level": "federation", "by": table[0]})
        links.append((dashboard.disaggregation_name(table[0]), f"?{params.urlencode()}"))
    return links


def _kind(period_or_kind: str | None) -> PeriodType:
    """The kind of periods a view shows: a period's own, or the kind asked for (month by default)."""
    if period_or_kind in ("month", "quarter", "year"):
        return period_or_kind  # type: ignore[return-value]
    try:
        return period_type(period_or_kind or "")
    except ValueError:
        return "month"


def _compare_link(query: Query) -> str:
    params = QueryDict(mutable=True)
    params["period"] = query.periods[-1]
    params["level"] = "municipality"
    if query.country:
        params["country"] = query.country
    return f"{reverse('ministry:compare', args=[query.indicator])}?{params.urlencode()}"


def _filters(
    query: Query, params: QueryDict, names: dict[tuple[str, str], str], latest: str
) -> dict[str, Any]:
    """What the filter form offers and has chosen (``latest``: the newest month released)."""
    tables = INDICATORS_BY_CODE[query.indicator].tables
    return {
        "levels": [(level, LEVEL_NAMES[level]) for level in LEVELS],
        "areas": sorted(
            ((code, name) for (level, code), name in names.items() if level == query.level and code),
            key=lambda pair: pair[1],
        ),
        "chosen_areas": set(query.areas),
        "countries": [(c.value, c.label) for c in Member.Country],
        "tables": [
            (",".join(table), " × ".join(str(dashboard.disaggregation_name(d)) for d in table) or _("Total"))
            for table in tables
        ],
        "by": ",".join(query.table),
        "categories": [
            (
                name,
                dashboard.disaggregation_name(name),
                [(code, dashboard.category_name(name, code)) for code in CATEGORY_CODES[name]],
                set(query.filters.get(name, ())),
            )
            for name in query.table
        ],
        "periods": _offered(query.periods, latest),
        "kinds": _kind_links(params, period_type(query.periods[0])),
    }


def _kind_links(params: QueryDict, current: PeriodType) -> list[tuple[str, str, bool]]:
    """Months, quarters, years: the same view over the default periods of each kind."""
    links = []
    for kind, label in (("month", _("Months")), ("quarter", _("Quarters")), ("year", _("Years"))):
        other = params.copy()
        for name in ("period_from", "period_to", "period", "indicator"):
            other.pop(name, None)
        other["kind"] = kind
        links.append((str(label), f"?{other.urlencode()}", kind == current))
    return links


def _offered(periods: Sequence[str], latest: str) -> list[str]:
    """The periods of the query's kind a filter offers, the query's own included."""
    offered = dashboard.periods_offered(latest, period_type(periods[0]))
    return sorted(set(offered) | set(periods), key=lambda p: period_bounds(p)[0])


@ministry_required
def compare(request: HttpRequest, code: str) -> HttpResponse:
    if code not in INDICATORS_BY_CODE:
        raise Http404(code)
    latest = dashboard.latest_month()
    kind = _kind(request.GET.get("kind"))
    params = _params(request, period=dashboard.periods_offered(latest, kind)[-1], level="municipality")
    params.pop("kind", None)
    params["indicator"] = code
    params["period_from"] = params["period_to"] = params.get("period", "")
    names = dashboard.area_names()
    try:
        query = query_from(params)
        bars = dashboard.comparison(query, names=names)
    except ContractError as exc:
        return _bad(request, exc, "compare", code)
    export = params.copy()
    del export["period"]
    context = _common(request, "compare", code) | {
        "name": dashboard.indicator_name(code),
        "query": query,
        "period": query.periods[0],
        "params": params,
        "filters": _filters(query, params, names, latest),
        "bars": bars,
        "chart_height": 80 + 26 * len(bars),
        "breakdowns": _breakdown_links(code, query.periods[0]),
        "export": export.urlencode(),
        "chart": {
            "kind": "bars",
            "name": dashboard.indicator_name(code),
            "period": query.periods[0],
            "bars": [{"label": bar.label, **bar.figure.as_json()} for bar in bars],
        },
    }
    return render(request, "ministry/compare.html", context)


@ministry_required
def revisions(request: HttpRequest) -> HttpResponse:
    """A figure's revisions: for a municipality, each revision it released of the period; for a
    sum, the same for each of its municipalities that revised it."""
    params = request.GET.copy()
    params["period_from"] = params["period_to"] = params.get("period", "")
    try:
        query = query_from(params)
        if len(query.categories()) != 1:
            raise InvalidQueryError("One figure: one category of each breakdown.", detail={"field": "by"})
    except ContractError as exc:
        return _bad(request, exc, "indicator", params.get("indicator"))
    names = dashboard.area_names()
    found = histories(
        indicator=query.indicator,
        members=members_in(query),
        period=query.periods[0],
        categories=query.categories()[0],
    )
    # A municipality's own figure: every revision; a sum: the municipalities that revised it.
    least = 1 if query.level == "municipality" else 2
    rows = [
        (names.get(("municipality", member), member), member, revised)
        for member, revised in found.items()
        if len(revised) >= least
    ]
    context = _common(request, "indicator", query.indicator) | {
        "name": dashboard.indicator_name(query.indicator),
        "query": query,
        "period": query.periods[0],
        "categories": [
            (dashboard.disaggregation_name(d), dashboard.category_name(d, c))
            for d, c in query.categories()[0].items()
        ],
        "area": names.get((query.level, query.areas[0]), query.areas[0]) if query.areas else "",
        "rows": rows,
    }
    return render(request, "ministry/revisions.html", context)


LEVEL_NAMES = {
    "municipality": gettext_lazy("Municipalities"),
    "region": gettext_lazy("Regions"),
    "country": gettext_lazy("Countries"),
    "federation": gettext_lazy("All municipalities"),
}


@functools.lru_cache(maxsize=8)
def chart_locale(language: str) -> dict[str, Any]:
    """The charts' own words in ``language`` (the active one), made once a language: ECharts has
    no Macedonian, Bulgarian, Serbian or Albanian locale, so the page gives it ours (registered
    by ``dashboard.js``), in the shape of ECharts' own locales."""
    months = [dt.date(2026, m, 1) for m in range(1, 13)]
    first = dt.date(2026, 11, 1)
    week = [first + dt.timedelta(days=(6 - first.weekday()) % 7 + d) for d in range(7)]  # from a Sunday
    return {
        "lang": language,
        "unavailable": _("The chart cannot be drawn here: the table below has every figure."),
        "marks": {
            "suppressed": _("suppressed"),
            "missing": _("not released"),
            "margin": _("margin (95 %)"),
            "revised": _("revised"),
            "municipalities_suppressed": _("municipalities suppressed a part"),
            "municipalities_missing": _("municipalities have not released"),
        },
        "echarts": {
            "time": {
                "month": [date_format(m, "F") for m in months],
                "monthAbbr": [date_format(m, "M") for m in months],
                "dayOfWeek": [date_format(day, "l") for day in week],
                "dayOfWeekAbbr": [date_format(day, "D") for day in week],
            },
            "legend": {"selector": {"all": _("All"), "inverse": _("Invert")}},
            "toolbox": {
                "saveAsImage": {"title": _("Save as image"), "lang": [_("Right-click to save the image")]}
            },
            "series": {"typeNames": {"line": _("line chart"), "bar": _("bar chart"), "chart": _("chart")}},
            "aria": {
                "general": {
                    "withTitle": _("This is a chart of “{title}”."),
                    "withoutTitle": _("This is a chart."),
                },
                "series": {
                    "single": {
                        "prefix": "",
                        "withName": _(" It is a {seriesType} of {seriesName}."),
                        "withoutName": _(" It is a {seriesType}."),
                    },
                    "multiple": {
                        "prefix": _(" It has {seriesCount} series."),
                        "withName": _(" Series {seriesId} is a {seriesType} of {seriesName}."),
                        "withoutName": _(" Series {seriesId} is a {seriesType}."),
                        "separator": {"middle": "", "end": ""},
                    },
                },
                "data": {
                    "allData": _(" The figures: "),
                    "partialData": _(" The first {displayCnt} figures: "),
                    "withName": _("{name}: {value}"),
                    "withoutName": "{value}",
                    "separator": {"middle": "; ", "end": ". "},
                },
            },
        },
    }
