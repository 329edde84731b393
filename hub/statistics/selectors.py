"""The ministry's questions over what the municipalities released: an indicator's cell for a
period, added up by municipality, country or the whole federation, always as sums of what each
municipality published (never recomputed from anything finer).

A municipality that suppressed the cell makes the total a lower bound, and the answer says how
many did; noised contributions add up their 95 % margins (the sum: at most that far off); a
municipality enrolled but without a release of the period is named as missing."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Literal

from hub.federation.models import Member
from hub.statistics.models import StatisticsCell

Level = Literal["municipality", "country", "federation"]


@dataclasses.dataclass(frozen=True)
class Total:
    area: str
    """A municipality's code, a country's (MK, BG, RS), or "federation"."""
    value: int
    """The sum of the published contributions: the total itself, or a lower bound of it."""
    lower_bound: bool
    suppressed: int
    """Municipalities whose contribution was suppressed."""
    reporting: int
    """Municipalities with a release of the period."""
    missing: tuple[str, ...]
    """Municipalities of the area enrolled but without a release of the period."""
    margin95: float | None
    revised: bool
    """Some contribution is a revision (its municipality released the period more than once)."""


@dataclasses.dataclass
class _Sum:
    value: int = 0
    suppressed: int = 0
    reporting: int = 0
    revised: int = 0
    margin95: float | None = None


def totals(*, indicator: str, period: str, categories: str = "", level: Level = "country") -> list[Total]:
    countries = dict(Member.objects.values_list("code", "country"))
    rows = StatisticsCell.objects.filter(
        set__current=True, set__period=period, indicator=indicator, categories=categories
    ).values_list("set__member", "value", "noise", "set__revision")

    def area(member: str) -> str:
        if level == "municipality":
            return member
        if level == "country":
            return countries.get(member, "")
        return "federation"

    sums: dict[str, _Sum] = defaultdict(_Sum)
    reported: set[str] = set()
    for member, value, noise, revision in rows:
        reported.add(member)
        total = sums[area(member)]
        total.reporting += 1
        total.revised += revision > 1
        if value is None:
            total.suppressed += 1
        else:
            total.value += value
        if noise is not None:
            total.margin95 = (total.margin95 or 0.0) + float(noise["margin95"])
    return [
        Total(
            area=key,
            value=sums[key].value,
            lower_bound=sums[key].suppressed > 0,
            suppressed=sums[key].suppressed,
            reporting=sums[key].reporting,
            missing=tuple(sorted(code for code in countries if area(code) == key and code not in reported)),
            margin95=sums[key].margin95,
            revised=sums[key].revised > 0,
        )
        for key in sorted({area(code) for code in countries} | set(sums))
    ]
