"""What the ministry's pages show, built from ``selectors.observations`` alone (the API's own
sums), so that a page and an export of the same query never differ.

Every figure keeps what the municipalities said about it: a suppressed cell shows as suppressed,
a sum with a suppressed part as a lower bound with the number of municipalities that suppressed,
a noised figure with its margin, a revised one as revised, and a period some municipality has
not released names those that are missing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.translation import get_language

from common.entities import vocabulary_name
from common.languages import language_tag, place_name
from contracts.indicators import (
    CATEGORY_LABELS,
    DISAGGREGATION_NAMES,
    INDICATORS_BY_CODE,
    PeriodType,
    period_bounds,
    period_of,
    period_range,
)
from hub.statistics.models import StatisticsSet
from hub.statistics.selectors import Level, Observation, Query, Roll, areas, observations

KEY_INDICATORS: tuple[str, ...] = (
    "people_at_risk",
    "people_reached",
    "people_counselled",
    "people_completed_plan",
    "referrals",
    "people_trained",
    "people_with_outcome",
    "neet_reached",
    "packages_delivered",
)
"""The overview's indicators, in the order a ministry reads them: who is at risk, who is
reached, what the programmes did, what came of it."""

MAX_PAGE_CELLS = 5_000
"""The most cells one page draws (an export of the same query takes up to the API's limit)."""
MAX_SERIES = 12
"""The most lines one chart draws; the table under it has them all."""


@dataclasses.dataclass(frozen=True)
class Figure:
    """One figure as a page shows it."""

    value: int | None
    kind: str
    """``value``; ``lower`` (a sum with suppressed parts: at least this); ``suppressed`` (a
    municipality's hidden cell); ``missing`` (no release of the period)."""
    conf_status: str
    suppressed: int
    reporting: int
    missing: tuple[str, ...]
    margin95: float | None
    revised: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "kind": self.kind,
            "conf": self.conf_status,
            "suppressed": self.suppressed,
            "reporting": self.reporting,
            "missing": list(self.missing),
            "margin": self.margin95,
            "revised": self.revised,
        }


def figure(row: Observation) -> Figure:
    if row.obs_status == "M" or (row.reporting == 0 and row.value is None):
        kind = "missing"
    elif row.value is None:
        kind = "suppressed"
    elif row.lower_bound:
        kind = "lower"
    else:
        kind = "value"
    return Figure(
        value=row.value,
        kind=kind,
        conf_status=row.conf_status,
        suppressed=row.suppressed,
        reporting=row.reporting,
        missing=row.missing,
        margin95=row.margin95,
        revised=row.revised,
    )


def _tag() -> str:
    return language_tag(get_language())


def area_names() -> dict[tuple[str, str], str]:
    """(level, code) → the area's name in the reader's script (``selectors.areas``, with Бутел
    read as Butel on a Latin page)."""
    tag = _tag()
    names: dict[tuple[str, str], str] = {("federation", "federation"): ""}
    for area in areas():
        latin = area.level != "country"  # a country's name is the reader's own already
        names[(area.level, area.code)] = (
            place_name(area.name, code=f"{area.country}-", tag=tag) if latin else str(area.name)
        )
    return names


def category_name(disaggregation: str, code: str) -> str:
    return vocabulary_name(dict(CATEGORY_LABELS[disaggregation][code]), code)  # type: ignore[index]


def disaggregation_name(name: str) -> str:
    return vocabulary_name(dict(DISAGGREGATION_NAMES[name]), name)


def indicator_name(code: str) -> str:
    return vocabulary_name(dict(INDICATORS_BY_CODE[code].names), code)


def latest_month(today: dt.date | None = None) -> str:
    """The newest month any municipality released; the last month that has ended before any has."""
    newest = (
        StatisticsSet.objects.filter(current=True, period__regex=r"^[0-9]{4}-[0-9]{2}$")
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
    if newest:
        return str(newest)
    today = today or dt.date.today()
    return period_of(today.replace(day=1) - dt.timedelta(days=1), "month")


def months_back(last: str, count: int) -> list[str]:
    """The ``count`` months up to ``last``, oldest first."""
    first_day = period_bounds(last)[0]
    year, month = first_day.year, first_day.month - (count - 1)
    while month < 1:
        year, month = year - 1, month + 12
    return period_range(f"{year:04d}-{month:02d}", last, limit=count)


def year_before(period: str) -> str:
    return f"{int(period[:4]) - 1:04d}{period[4:]}"


# --- the overview ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Trend:
    area: str
    name: str
    latest: Figure
    year_ago: Figure
    change: float | None
    """The change against the same period a year earlier, as a fraction; None where either is
    not a whole figure (suppressed parts, missing, or nothing a year ago)."""
    series: list[Figure]


@dataclasses.dataclass(frozen=True)
class Card:
    indicator: str
    name: str
    trends: list[Trend]


def _change(now: Figure, before: Figure) -> float | None:
    if now.kind != "value" or before.kind != "value" or not before.value or now.value is None:
        return None
    return (now.value - before.value) / before.value


def overview(
    latest: str, names: dict[tuple[str, str], str], *, level: Level = "country"
) -> tuple[list[str], list[Card]]:
    """Each key indicator for the 13 months up to ``latest``, per area of ``level`` and for the
    federation: the latest figure, the same month a year earlier and the change."""
    periods = months_back(latest, 13)
    roll = Roll(periods)  # who released what, read once for all the indicators
    cards: list[Card] = []
    for indicator in KEY_INDICATORS:
        rows = observations(Query(indicator=indicator, periods=tuple(periods), level=level), roll=roll)
        rows += observations(
            Query(indicator=indicator, periods=tuple(periods), level="federation"), roll=roll
        )
        by_area: dict[str, dict[str, Figure]] = {}
        order: list[str] = []
        for row in rows:
            if row.area not in by_area:
                order.append(row.area)
                by_area[row.area] = {}
            by_area[row.area][row.period] = figure(row)
        trends = []
        for area in order:
            series = [by_area[area][period] for period in periods]
            level_of = "federation" if area == "federation" else level
            trends.append(
                Trend(
                    area=area,
                    name=names.get((level_of, area), area),
                    latest=series[-1],
                    year_ago=series[0],
                    change=_change(series[-1], series[0]),
                    series=series,
                )
            )
        cards.append(Card(indicator=indicator, name=indicator_name(indicator), trends=trends))
    return periods, cards


@dataclasses.dataclass(frozen=True)
class Share:
    area: str
    name: str
    share: float | None
    """Women among people supported; None where it cannot be said."""
    approximate: bool
    """A part is suppressed, missing or noised: the share is of what was published."""


def share_of_women(
    period: str, names: dict[tuple[str, str], str], *, level: Level = "country"
) -> list[Share]:
    """Women among the people supported (``share_women_reached``), from the published cells by
    sex and the published total: a ratio the pages derive, never published itself."""
    roll = Roll((period,))
    answer: list[Share] = []
    for where in (level, "federation"):
        total = observations(Query(indicator="people_reached", periods=(period,), level=where), roll=roll)
        women = {
            row.area: row
            for row in observations(
                Query(
                    indicator="people_reached",
                    periods=(period,),
                    level=where,
                    table=("sex",),
                    filters={"sex": ("female",)},
                ),
                roll=roll,
            )
        }
        for row in total:
            part = women[row.area]
            share = part.value / row.value if part.value is not None and row.value else None
            approximate = (
                row.lower_bound
                or part.lower_bound
                or bool(row.missing)
                or row.margin95 is not None
                or part.margin95 is not None
            )
            level_of = "federation" if row.area == "federation" else where
            answer.append(Share(row.area, names.get((level_of, row.area), row.area), share, approximate))
    return answer


# --- an indicator over time ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Series:
    area: str
    categories: dict[str, str]
    label: str
    figures: list[Figure]


def series(query: Query, *, names: dict[tuple[str, str], str] | None = None) -> list[Series]:
    """The query's observations as one series per area and category, each over its periods
    (``names``: ``area_names()``, when the caller has them already)."""
    names = names if names is not None else area_names()
    keyed: dict[tuple[str, tuple[tuple[str, str], ...]], list[Figure]] = {}
    categories: dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, str]] = {}
    for row in observations(query, limit=MAX_PAGE_CELLS):
        key = (row.area, tuple(row.categories.items()))
        keyed.setdefault(key, []).append(figure(row))
        categories[key] = row.categories
    answer = []
    for key, figures in keyed.items():
        area, named = key[0], categories[key]
        parts = [names.get((query.level, area), area)] if query.level != "federation" else []
        parts += [category_name(d, code) for d, code in named.items()]
        answer.append(
            Series(area, named, " · ".join(p for p in parts if p) or indicator_name(query.indicator), figures)
        )
    return answer


# --- a period across areas or categories --------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Bar:
    label: str
    area: str
    categories: dict[str, str]
    figure: Figure


def comparison(query: Query, *, names: dict[tuple[str, str], str] | None = None) -> list[Bar]:
    """One period's figures, largest first; suppressed and missing ones after, by name."""
    names = names if names is not None else area_names()
    bars = []
    for row in observations(query, limit=MAX_PAGE_CELLS):
        parts = [names.get((query.level, row.area), row.area)] if query.level != "federation" else []
        parts += [category_name(d, code) for d, code in row.categories.items() if d in query.table]
        bars.append(Bar(" · ".join(p for p in parts if p), row.area, row.categories, figure(row)))
    shown = sorted(
        (b for b in bars if b.figure.value is not None), key=lambda b: (-(b.figure.value or 0), b.label)
    )
    hidden = sorted((b for b in bars if b.figure.value is None), key=lambda b: b.label)
    return shown + hidden


def periods_offered(latest: str, kind: PeriodType = "month") -> Sequence[str]:
    """The periods a filter offers, oldest first: three years of months, of quarters, or five
    years, up to ``latest`` (a month)."""
    last_day = period_bounds(latest)[1]
    if kind == "month":
        return months_back(latest, 36)
    if kind == "quarter":
        last = period_of(last_day, "quarter")
        first = period_of(dt.date(last_day.year - 2, 1, 1), "quarter")
        return period_range(first, last, limit=12)
    return period_range(f"{last_day.year - 4:04d}", f"{last_day.year:04d}", limit=5)


def default_range(latest: str, kind: PeriodType) -> tuple[str, str]:
    """A view's periods when it names none: the last twelve months, four quarters or five years
    (the current quarter and year included: what has been released of them)."""
    offered = periods_offered(latest, kind)
    return offered[-{"month": 12, "quarter": 4, "year": 5}[kind]], offered[-1]
