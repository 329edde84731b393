"""What of a period's counts may leave the node: the policy's threshold, secondary suppression
over every linked table of the period, the attacker's check, then rounding.

``protect`` takes the raw counts (``node.statistics.compute.period_cells``), the federation's
policy and what earlier releases of the same period published, and gives the cells to release,
each with its SDMX flags (``CONF_STATUS`` F, A or D; ``OBS_STATUS`` A or Q), and the interval the
attacker could narrow each hidden cell to. It refuses (``UnprotectableError``) rather than release a
cell that could be recomputed.

Over time: a cell an earlier release of the period hid stays hidden (with its flag, A if it is
still small, D otherwise), and a cell an earlier release published with the value it still has is
known to the attacker: it cannot hide anything, and the check counts it as published.

Under differential privacy (``noise``: each family's noise, ``node.statistics.privacy``), the
counts given are already noised and the noise is the protection: the threshold applies to the
noised counts (a small one is still suppressed, CONF_STATUS A), what an earlier release hid stays
hidden, and every published cell states its noise. Secondary suppression and the attacker's
check are for exact counts: noised cells do not satisfy the tables' relations, and what an
attacker could work out from them about a hidden cell is itself a noised estimate, which the
privacy budget already accounts for. Nor are noised counts rounded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from common.disclosure import (
    CellKey,
    Relation,
    indicator_relations,
    intervals,
    primary_suppression,
    secondary_suppression,
    subset_relations,
)
from contracts.control import StatisticsPolicy
from contracts.errors import UnprotectableError
from contracts.indicators import INDICATORS_BY_CODE

Published = Mapping[CellKey, int | None]
"""What a release published: each cell's value, None where it was hidden."""


@dataclasses.dataclass(frozen=True)
class Protected:
    cells: list[dict[str, Any]]
    """The cells to release, as ``statistics.data_value_set`` 2.0 writes them."""
    flags: dict[CellKey, str]
    """The hidden cells and their CONF_STATUS (A or D)."""


def _components(count: int, found: Sequence[Relation]) -> list[list[int]]:
    """The groups of cells linked by relations: each can be protected on its own."""
    parent = list(range(count))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for relation in found:
        first = root(relation.cells[0])
        for cell in relation.cells[1:]:
            parent[root(cell)] = first
    groups: dict[int, list[int]] = {}
    for n in range(count):
        groups.setdefault(root(n), []).append(n)
    return list(groups.values())


def _within(group: list[int], found: Sequence[Relation]) -> list[Relation]:
    position = {cell: k for k, cell in enumerate(group)}
    return [
        Relation(tuple(position[c] for c in relation.cells), relation.coefficients, relation.kind)
        for relation in found
        if relation.cells[0] in position
    ]


def _rounded(value: int, base: int | None) -> int:
    if not base or value == 0:
        return value
    return max(base, int(base * round(value / base)))


def protect(
    raw: Mapping[CellKey, int],
    policy: StatisticsPolicy,
    *,
    earlier: Sequence[Published] = (),
    noise: Mapping[str, Mapping[str, Any]] | None = None,
) -> Protected:
    """``earlier``: what each earlier release of the same period published; ``noise``: under
    differential privacy, each family's noise statement (the counts are already noised)."""
    if noise is not None:
        return _protect_noised(raw, policy, earlier=earlier, noise=noise)
    keys = list(raw)
    values = [raw[key] for key in keys]
    within = indicator_relations(keys)
    found = within + subset_relations(keys)
    primary = primary_suppression(
        values, threshold=policy.threshold, zeros_disclosive=policy.zeros_disclosive
    )
    hidden_before = _hidden_before(keys, earlier)
    known = {
        n
        for n, key in enumerate(keys)
        if n not in hidden_before and any(e.get(key) == values[n] for e in earlier)
    }
    forced = primary | hidden_before
    if forced & known:
        raise UnprotectableError("a cell to hide now was published before with the same value")
    upper = float(max(values, default=0) + policy.protection_width)

    def suppress(relations_used: Sequence[Relation], must: set[int]) -> set[int]:
        chosen: set[int] = set()
        for group in _components(len(keys), relations_used):
            group_forced = {k for k, n in enumerate(group) if n in must}
            if not group_forced:
                continue
            found_here = secondary_suppression(
                [values[n] for n in group],
                _within(group, relations_used),
                forced=group_forced,
                known={k for k, n in enumerate(group) if n in known},
                width=policy.protection_width,
                upper=upper,
            )
            chosen.update(group[k] for k in found_here)
        return chosen

    # Each indicator's tables on their own first (small programs), then everything linked across
    # indicators, keeping what the first pass hid: the second pass only adds what the links need.
    hidden = suppress(within, forced)
    hidden = suppress(found, forced | hidden)
    # The attacker's check, on its own: from what is published now and was published before.
    published = {n: values[n] for n in range(len(keys)) if n not in hidden}
    reach = intervals(len(keys), found, published, upper=upper)
    narrow = [keys[n] for n, (low, high) in reach.items() if high - low < policy.protection_width - 1e-6]
    if narrow:
        raise UnprotectableError(
            f"{len(narrow)} hidden cells could be narrowed below the protection width: {narrow[:3]}"
        )
    return _released(keys, values, hidden, primary, rounding_base=policy.rounding_base)


def _protect_noised(
    noised: Mapping[CellKey, int],
    policy: StatisticsPolicy,
    *,
    earlier: Sequence[Published],
    noise: Mapping[str, Mapping[str, Any]],
) -> Protected:
    keys = list(noised)
    values = [noised[key] for key in keys]
    primary = primary_suppression(
        values, threshold=policy.threshold, zeros_disclosive=policy.zeros_disclosive
    )
    return _released(keys, values, primary | _hidden_before(keys, earlier), primary, noise=noise)


def _hidden_before(keys: Sequence[CellKey], earlier: Sequence[Published]) -> set[int]:
    """The cells an earlier release of the period hid: they stay hidden."""
    return {n for n, key in enumerate(keys) if any(e.get(key, 0) is None for e in earlier)}


def _released(
    keys: Sequence[CellKey],
    values: Sequence[int],
    hidden: set[int],
    primary: set[int],
    *,
    rounding_base: int | None = None,
    noise: Mapping[str, Mapping[str, Any]] | None = None,
) -> Protected:
    """The cells as released: the hidden ones flagged A (small) or D (hidden with them), the free
    ones rounded, or stating their family's noise."""
    flags = {keys[n]: ("A" if n in primary else "D") for n in hidden}
    cells = []
    for n, (indicator, categories) in enumerate(keys):
        free = n not in hidden
        cell: dict[str, Any] = {
            "indicator": indicator,
            "categories": dict(categories),
            "value": _rounded(values[n], rounding_base) if free else None,
            "conf_status": "F" if free else flags[keys[n]],
            "obs_status": "A" if free else "Q",
        }
        if free and noise is not None:
            cell["noise"] = dict(noise[INDICATORS_BY_CODE[indicator].family])
        cells.append(cell)
    return Protected(cells=cells, flags=flags)
