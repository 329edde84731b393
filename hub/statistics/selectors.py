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


def totals(*, indicator: str, period: str, categories: str = "", level: Level = "country") -> list[Total]:
    countries = dict(Member.objects.values_list("code", "country"))
    rows = StatisticsCell.objects.filter(
        set__current=True, set__period=period, indicator=indicator, categories=categories
    ).values_list("set__member", "value", "margin95", "set__revision")

    def area(member: str) -> str:
        if level == "municipality":
            return member
        if level == "country":
            return countries.get(member, "")
        return "federation"

    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # value, suppressed, reporting, revised
    margins: dict[str, float] = defaultdict(float)
    noised: set[str] = set()
    reported: set[str] = set()
    for member, value, margin, revision in rows:
        key = area(member)
        reported.add(member)
        entry = sums[key]
        entry[2] += 1
        if value is None:
            entry[1] += 1
        else:
            entry[0] += value
        if revision > 1:
            entry[3] += 1
        if margin is not None:
            margins[key] += margin
            noised.add(key)
    areas = sorted({area(code) for code in countries} | set(sums))
    return [
        Total(
            area=key,
            value=sums[key][0],
            lower_bound=sums[key][1] > 0,
            suppressed=sums[key][1],
            reporting=sums[key][2],
            missing=tuple(sorted(code for code in countries if area(code) == key and code not in reported)),
            margin95=margins[key] if key in noised else None,
            revised=sums[key][3] > 0,
        )
        for key in areas
    ]
