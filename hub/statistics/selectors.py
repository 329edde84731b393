"""The ministry's questions over what the municipalities released: an indicator's cells for a
range of periods, by municipality, region, country or the whole federation, in one of the
indicator's tables, always as sums of what each municipality published (never recomputed from
anything finer).

A municipality that suppressed a cell makes the total a lower bound, and the answer says how
many did; noised contributions add up their 95 % margins (the sum: at most that far off); a
municipality enrolled but without a release of the period is named as missing."""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

from contracts.errors import InvalidQueryError
from contracts.indicators import CATEGORY_CODES, Disaggregation
from hub.federation.models import Member
from hub.statistics.models import (
    StatisticsCell,
    StatisticsSet,
    StatisticsTotal,
    categories_parsed,
    categories_text,
)

Level = Literal["municipality", "region", "country", "federation"]
LEVELS: tuple[Level, ...] = ("municipality", "region", "country", "federation")


@dataclasses.dataclass(frozen=True)
class Query:
    indicator: str
    periods: tuple[str, ...]
    level: Level = "country"
    areas: tuple[str, ...] = ()
    """Only these areas of the level (member codes, region names, country codes); () for all."""
    country: str = ""
    """Only the municipalities or regions of this country."""
    table: tuple[Disaggregation, ...] = ()
    """The breakdowns, in ``DISAGGREGATIONS`` order: one of the indicator's tables."""
    filters: dict[Disaggregation, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    """Only these categories of a breakdown of the table."""

    def categories(self) -> list[dict[str, str]]:
        axes = [self.filters.get(name) or CATEGORY_CODES[name] for name in self.table]
        return [dict(zip(self.table, combination, strict=True)) for combination in itertools.product(*axes)]


@dataclasses.dataclass(frozen=True)
class Observation:
    period: str
    level: Level
    area: str
    """A municipality's code, a region's name, a country's code (MK, BG, RS), or "federation"."""
    categories: dict[str, str]
    value: int | None
    """The municipality's published value (None where suppressed), or the sum of the published
    contributions: the total itself, or a lower bound of it."""
    conf_status: str
    """A municipality's own flag (F, A, D); a sum is F, and says what it holds below."""
    obs_status: str
    lower_bound: bool
    suppressed: int
    """Contributions suppressed (their municipalities' count)."""
    reporting: int
    """Municipalities with a release of the period in the area."""
    missing: tuple[str, ...]
    """Municipalities of the area enrolled but without a release of the period."""
    margin95: float | None
    """The noised contributions' 95 % margins, added up; None with no noise."""
    revised: bool
    """Some contribution is a revision (its municipality released the period more than once)."""
    revision: int | None = None
    """A municipality's revision of the period (None for sums)."""


class Roll:
    """Who is enrolled, and who released which of ``periods``: read once for several queries over
    the same periods (the ministry's overview asks eighteen). The releases are read when first
    needed, so that a query refused for its size reads only the members."""

    def __init__(self, periods: Iterable[str]) -> None:
        self.periods = frozenset(periods)
        self.members: tuple[tuple[str, str, str], ...] = tuple(
            Member.objects.filter(enrolled_at__isnull=False).values_list("code", "country", "region")
        )
        """(code, country, region) of every enrolled municipality."""

    @functools.cached_property
    def reported(self) -> frozenset[tuple[str, str]]:
        """(period, member) of every current set of the periods."""
        return frozenset(
            StatisticsSet.objects.filter(current=True, period__in=self.periods).values_list(
                "period", "member"
            )
        )


def _members(query: Query, roll: Roll) -> list[tuple[str, str, str]]:
    return [member for member in roll.members if not query.country or member[1] == query.country]


def _area_of(level: Level, code: str, country: str, region: str) -> str:
    return {"municipality": code, "region": region, "country": country, "federation": "federation"}[level]


def members_in(query: Query) -> list[str]:
    """The municipalities the query's areas hold (all of the level's where it names none)."""
    members = Member.objects.filter(enrolled_at__isnull=False)
    if query.country:
        members = members.filter(country=query.country)
    return sorted(
        code
        for code, country, region in members.values_list("code", "country", "region")
        if not query.areas or _area_of(query.level, code, country, region) in query.areas
    )


def _missing(
    query: Query, members: list[tuple[str, str, str]], roll: Roll
) -> dict[tuple[str, str], tuple[str, ...]]:
    """(period, area) → the area's enrolled municipalities without a release of the period."""
    missing: dict[tuple[str, str], list[str]] = defaultdict(list)
    for period in query.periods:
        for code, country, region in members:
            if (period, code) not in roll.reported:
                missing[(period, _area_of(query.level, code, country, region))].append(code)
    return {key: tuple(sorted(codes)) for key, codes in missing.items()}


def observations(query: Query, *, limit: int | None = None, roll: Roll | None = None) -> list[Observation]:
    """The query's cells, one per period, area and category, in that order. An area with no
    release of a period at all still answers (no value, every municipality missing). A query
    of more than ``limit`` cells is refused (``invalid-query``) before anything is read.
    ``roll``: a ``Roll`` of the query's periods already read."""
    if roll is None or not roll.periods >= set(query.periods):
        roll = Roll(query.periods)
    members = _members(query, roll)
    if query.areas:
        areas = sorted(set(query.areas))
    else:
        areas = sorted({area for member in members if (area := _area_of(query.level, *member))})
    texts = [categories_text(c) for c in query.categories()]
    size = len(query.periods) * len(areas) * len(texts)
    if limit is not None and size > limit:
        raise InvalidQueryError(
            f"The query asks for {size} cells; at most {limit} in one answer: fewer periods, areas "
            "or categories.",
            detail={"field": "period_from", "cells": size},
        )
    missing = _missing(query, members, roll)
    found: dict[tuple[str, str, str], Observation] = {}
    if query.level == "municipality":
        cells = StatisticsCell.objects.filter(
            set__current=True, set__period__in=query.periods, set__member__in=areas,
            indicator=query.indicator, categories__in=texts,
        ).values_list(
            "set__period", "set__member", "set__revision", "categories", "value", "conf_status",
            "obs_status", "noise",
        )  # fmt: skip
        for period, member, revision, text, value, conf, obs, noise in cells:
            found[(period, member, text)] = Observation(
                period=period,
                level="municipality",
                area=member,
                categories=categories_parsed(text),
                value=value,
                conf_status=conf,
                obs_status=obs,
                lower_bound=False,
                suppressed=int(value is None),
                reporting=1,
                missing=(),
                margin95=float(noise["margin95"]) if noise else None,
                revised=revision > 1,
                revision=revision,
            )
    else:
        totals = StatisticsTotal.objects.filter(
            level=query.level, area__in=areas, period__in=query.periods,
            indicator=query.indicator, categories__in=texts,
        ).values_list(
            "period", "area", "categories", "value", "suppressed", "reporting", "revised", "noised",
            "margin95",
        )  # fmt: skip
        for period, area, text, value, suppressed, reporting, revised, noised, margin in totals:
            found[(period, area, text)] = Observation(
                period=period,
                level=query.level,
                area=area,
                categories=categories_parsed(text),
                value=value,
                conf_status="F",
                obs_status="A",
                lower_bound=suppressed > 0,
                suppressed=suppressed,
                reporting=reporting,
                missing=missing.get((period, area), ()),
                margin95=margin if noised else None,
                revised=revised > 0,
            )
    answer: list[Observation] = []
    for period in query.periods:
        for area in areas:
            for text in texts:
                observation = found.get((period, area, text))
                if observation is None:
                    absent = missing.get((period, area), ())
                    observation = Observation(
                        period=period,
                        level=query.level,
                        area=area,
                        categories=categories_parsed(text),
                        value=None,
                        conf_status="F",
                        obs_status="M",
                        lower_bound=False,
                        suppressed=0,
                        reporting=0,
                        missing=absent,
                        margin95=None,
                        revised=False,
                    )
                answer.append(observation)
    return answer


@dataclasses.dataclass(frozen=True)
class Revision:
    revision: int
    current: bool
    approved_at: str | None
    received_at: str
    log_index: int
    policy_digest: str
    value: int | None
    conf_status: str


def history(*, indicator: str, member: str, period: str, categories: dict[str, str]) -> list[Revision]:
    """Every revision a municipality released of a period, oldest first, with the cell's value
    in each (None where suppressed or where that revision did not publish the cell)."""
    return histories(indicator=indicator, members=[member], period=period, categories=categories)[member]


def histories(
    *, indicator: str, members: Iterable[str], period: str, categories: dict[str, str]
) -> dict[str, list[Revision]]:
    """``history`` of each of ``members`` (two queries, however many)."""
    wanted = list(members)
    sets = StatisticsSet.objects.filter(member__in=wanted, period=period).order_by("member", "revision")
    cells = dict(
        (set_id, (value, conf))
        for set_id, value, conf in StatisticsCell.objects.filter(
            set__in=sets, indicator=indicator, categories=categories_text(categories)
        ).values_list("set_id", "value", "conf_status")
    )
    answer: dict[str, list[Revision]] = {member: [] for member in wanted}
    for row in sets:
        value, conf = cells.get(row.pk, (None, ""))
        answer[row.member].append(
            Revision(
                revision=row.revision,
                current=row.current,
                approved_at=row.approved_at.isoformat() if row.approved_at else None,
                received_at=row.received_at.isoformat(),
                log_index=row.log_index,
                policy_digest=row.policy_digest,
                value=value,
                conf_status=conf,
            )
        )
    return answer


@dataclasses.dataclass(frozen=True)
class Area:
    level: Level
    code: str
    name: str
    country: str
    municipalities: tuple[str, ...]


def areas() -> list[Area]:
    """The geography a query can name: every enrolled municipality, region and country."""
    members = list(
        Member.objects.filter(enrolled_at__isnull=False).values_list("code", "name", "country", "region")
    )
    answer = [Area("municipality", code, name, country, (code,)) for code, name, country, _ in members]
    regions: dict[tuple[str, str], list[str]] = defaultdict(list)
    countries: dict[str, list[str]] = defaultdict(list)
    for code, _, country, region in members:
        if region:
            regions[(country, region)].append(code)
        countries[country].append(code)
    answer += [
        Area("region", region, region, country, tuple(codes))
        for (country, region), codes in sorted(regions.items())
    ]
    answer += [
        Area("country", country, str(Member.Country(country).label), country, tuple(codes))
        for country, codes in sorted(countries.items())
    ]
    return answer
