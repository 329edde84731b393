"""Disclosure control of a period's tables: which relations between cells hold, primary and
secondary suppression, and the attacker's check.

Cells are numbered; a ``Relation`` is a linear relation between them that really holds, written
homogeneously: ``Σ coefficient·cell = 0`` (``eq``) or ``≤ 0`` (``le``). They come from the
indicator definitions (``relations``): a table's additive breakdown adds up to its margin; a
breakdown that is not additive bounds each of its cells by the margin (and, where every unit
has a category, their sum from below); an indicator counting a subset of another's people is
bounded by it, cell by cell.

Two solvers, both HiGHS through SciPy, kept apart on purpose:

- ``secondary_suppression`` chooses, by a mixed-integer program, the fewest (lightest) cells to
  hide besides the small ones so that no hidden cell can be narrowed below the protection width.
  It adds constraints as it finds them (the cuts of Fischetti and Salazar-González: for a hidden
  cell whose interval is too narrow, the dual of the attacker's program says which further cells
  would widen it);
- ``intervals`` is the attacker: from the published cells and the relations alone, the smallest
  and the largest value each hidden cell can take. It knows nothing of how the pattern was made,
  and a release is released only when it passes.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_array

from contracts.indicators import (
    CATEGORY_CODES,
    DISAGGREGATIONS,
    INDICATORS_BY_CODE,
    SUBSETS,
    Disaggregation,
)

CellKey = tuple[str, tuple[tuple[str, str], ...]]
"""An indicator's code and the cell's categories, in the breakdowns' order."""


class ProtectionError(Exception):
    """The cells cannot be protected as the policy asks (the solver gave up, or found no way)."""


@dataclasses.dataclass(frozen=True)
class Relation:
    cells: tuple[int, ...]
    coefficients: tuple[float, ...]
    kind: Literal["eq", "le"]


def cell_key(indicator: str, categories: Mapping[str, str]) -> CellKey:
    return indicator, tuple((d, categories[d]) for d in DISAGGREGATIONS if d in categories)


def table_keys(indicator: str, table: Sequence[Disaggregation]) -> list[CellKey]:
    """Every cell of one table of ``indicator``: the product of its breakdowns' categories."""
    return [
        (indicator, tuple(zip(table, codes, strict=True)))
        for codes in itertools.product(*(CATEGORY_CODES[d] for d in table))
    ]


def all_keys(indicators: Iterable[str]) -> list[CellKey]:
    """Every cell of every table of ``indicators``, as the definitions publish them."""
    return [
        key
        for code in indicators
        for table in INDICATORS_BY_CODE[code].tables
        for key in table_keys(code, table)
    ]


def relations(keys: Sequence[CellKey]) -> list[Relation]:
    """The relations between ``keys`` that the indicator definitions say hold."""
    index = {key: n for n, key in enumerate(keys)}
    found: list[Relation] = []
    for key, n in index.items():
        indicator, categories = key
        definition = INDICATORS_BY_CODE[indicator]
        named = dict(categories)
        for dropped in named:
            margin = cell_key(indicator, {d: c for d, c in named.items() if d != dropped})
            if margin not in index:
                continue
            if not definition.is_additive(dropped):  # type: ignore[arg-type]
                # A person in two categories is in both cells: each is at most the margin.
                found.append(Relation((n, index[margin]), (1.0, -1.0), "le"))
    for key, n in index.items():
        indicator, categories = key
        definition = INDICATORS_BY_CODE[indicator]
        named = dict(categories)
        # The margin over each breakdown of this cell's table: its categories add up to it
        # (additive), or cover it (each unit in at least one).
        for dropped in DISAGGREGATIONS:
            if dropped in named:
                continue
            table = tuple(d for d in DISAGGREGATIONS if d in named or d == dropped)
            if table not in definition.tables:
                continue
            parts = [
                index.get(cell_key(indicator, named | {dropped: code})) for code in CATEGORY_CODES[dropped]
            ]
            if any(part is None for part in parts):
                continue
            members = [part for part in parts if part is not None]
            if definition.is_additive(dropped):
                found.append(Relation((n, *members), (1.0, *(-1.0,) * len(members)), "eq"))
            elif dropped in definition.covering:
                found.append(Relation((n, *members), (1.0, *(-1.0,) * len(members)), "le"))
    for subset, superset in SUBSETS:
        for key, n in index.items():
            if key[0] != subset:
                continue
            other = index.get((superset, key[1]))
            if other is not None:
                found.append(Relation((n, other), (1.0, -1.0), "le"))
    return found


def primary_suppression(values: Sequence[int], *, threshold: int, zeros_disclosive: bool) -> set[int]:
    """The cells under the threshold (and the zeros, when they are disclosive)."""
    return {n for n, value in enumerate(values) if 0 < value < threshold or (value == 0 and zeros_disclosive)}


def relation_matrices(count: int, found: Sequence[Relation]) -> tuple[csr_array | None, csr_array | None]:
    def matrix(kind: str) -> csr_array | None:
        rows = [relation for relation in found if relation.kind == kind]
        if not rows:
            return None
        data, row_index, col_index = [], [], []
        for r, relation in enumerate(rows):
            for cell, coefficient in zip(relation.cells, relation.coefficients, strict=True):
                data.append(coefficient)
                row_index.append(r)
                col_index.append(cell)
        return csr_array((data, (row_index, col_index)), shape=(len(rows), count))

    return matrix("eq"), matrix("le")


def intervals(
    count: int,
    found: Sequence[Relation],
    published: Mapping[int, int],
    *,
    upper: float,
) -> dict[int, tuple[float, float]]:
    """The attacker: for each cell not in ``published``, the smallest and the largest value it can
    take given the published values, the relations, and that a count lies in [0, ``upper``]."""
    hidden = [n for n in range(count) if n not in published]
    if not hidden:
        return {}
    position = {cell: k for k, cell in enumerate(hidden)}
    known = np.array([published.get(n, 0) for n in range(count)], dtype=float)
    equal, below = relation_matrices(count, found)
    columns = np.array(hidden)

    def reduced(matrix: csr_array | None) -> tuple[csr_array | None, np.ndarray | None]:
        if matrix is None:
            return None, None
        # Σ over hidden cells = − Σ over published cells (the relations are homogeneous).
        return matrix[:, columns], -(matrix @ known)

    a_eq, b_eq = reduced(equal)
    a_ub, b_ub = reduced(below)
    found_intervals: dict[int, tuple[float, float]] = {}
    for cell in hidden:
        ends = []
        for sign in (1.0, -1.0):
            objective = np.zeros(len(hidden))
            objective[position[cell]] = sign
            result = linprog(
                objective,
                A_ub=a_ub,
                b_ub=b_ub,
                A_eq=a_eq,
                b_eq=b_eq,
                bounds=(0, upper),
                method="highs",
            )
            if result.status != 0:
                raise ProtectionError(f"the attacker's program for cell {cell} failed: {result.message}")
            ends.append(sign * result.fun)
        found_intervals[cell] = (ends[0], ends[1])
    return found_intervals


def secondary_suppression(
    values: Sequence[int],
    found: Sequence[Relation],
    *,
    forced: set[int],
    known: set[int] = frozenset(),  # type: ignore[assignment]
    width: int,
    upper: float,
    max_rounds: int = 500,
) -> set[int]:
    """The cells to hide: ``forced`` (the primary cells, and those an earlier release of the period
    hid) and as few others as possible, weighted by their values, so that every hidden cell's
    interval is at least ``width`` wide. ``known`` cells are known to the attacker anyway (their
    value was published before and has not changed): hiding them protects nothing."""
    count = len(values)
    if not forced:
        return set()
    if forced & known:
        raise ProtectionError("a cell to hide was published before with the same value")
    a = np.array(values, dtype=float)
    equal, below = relation_matrices(count, found)
    slack = np.zeros(0) if below is None else -(below @ a)  # ≥ 0: the relations hold for the truth
    lower_bound = np.zeros(count)
    upper_bound = np.ones(count)
    for n in forced:
        lower_bound[n] = 1
    for n in known:
        upper_bound[n] = 0
    cuts: list[np.ndarray] = []
    cut_floor: list[float] = []
    # A hidden cell alone in an equation is given away: each needs a companion there.
    for relation in found:
        if relation.kind != "eq":
            continue
        for cell in relation.cells:
            row = np.zeros(count)
            row[list(relation.cells)] = 1
            row[cell] = -1  # Σ others ≥ x_cell
            cuts.append(row)
            cut_floor.append(0.0)
    weights = a + 1.0
    for _ in range(max_rounds):
        constraints = [LinearConstraint(np.array(cuts), np.array(cut_floor), np.inf)] if cuts else []
        master = milp(
            weights,
            integrality=np.ones(count),
            bounds=Bounds(lower_bound, upper_bound),
            constraints=constraints,
        )
        if master.status != 0 or master.x is None:
            raise ProtectionError(f"no suppression pattern protects these cells: {master.message}")
        hidden = {n for n in range(count) if master.x[n] > 0.5}
        added = 0
        for cell in sorted(hidden):
            cut = protection_cut(cell, a, hidden, equal, below, slack, upper)
            if cut.reach >= width - 1e-6:
                continue
            # Σ c·x + K ≥ width·x_cell: wherever the cell is hidden, enough else is hidden with it.
            row = cut.coefficients.copy()
            row[cell] -= width
            cuts.append(row)
            cut_floor.append(-cut.constant)
            added += 1
        if added == 0:
            return hidden
    raise ProtectionError(f"no stable suppression pattern after {max_rounds} rounds")


@dataclasses.dataclass(frozen=True)
class Cut:
    """How far an attacker can move a hidden cell (up plus down) under one pattern, and the
    linear bound of that reach in every cell's x that the programs' duals give: for any pattern x,
    reach(x) ≤ coefficients·x + constant, with equality at the pattern it was computed for."""

    reach: float
    coefficients: np.ndarray
    constant: float


def protection_cut(
    cell: int,
    a: np.ndarray,
    hidden: set[int],
    equal: csr_array | None,
    below: csr_array | None,
    slack: np.ndarray,
    upper: float,
) -> Cut:
    """The attacker's two programs for ``cell`` in deviations from the true values ``a``: a hidden
    cell j moves within [−a_j, upper − a_j], a published one not at all, the relations hold."""
    count = len(a)
    room_up = np.maximum(upper - a, 0.0)
    is_hidden = np.array([1.0 if n in hidden else 0.0 for n in range(count)])
    coefficients = np.zeros(count)
    constant = 0.0
    reach = 0.0
    for sign in (1.0, -1.0):
        objective = np.zeros(count)
        objective[cell] = -sign  # maximise sign·d_cell
        result = linprog(
            objective,
            A_ub=below,
            b_ub=slack if below is not None else None,
            A_eq=equal,
            b_eq=np.zeros(equal.shape[0]) if equal is not None else None,
            bounds=list(zip(-a * is_hidden, room_up * is_hidden, strict=True)),
            method="highs",
        )
        if result.status != 0:
            raise ProtectionError(f"the protection program for cell {cell} failed: {result.message}")
        reach += -result.fun
        # The duals (HiGHS's marginals, signs turned for a maximum): what one more unit of room
        # above (alpha) or below (beta) each cell, or of an inequality's slack (mu), would add.
        alpha = np.maximum(-np.asarray(result.upper.marginals), 0.0)
        beta = np.maximum(np.asarray(result.lower.marginals), 0.0)
        coefficients += alpha * room_up + beta * a
        if below is not None:
            mu = np.maximum(-np.asarray(result.ineqlin.marginals), 0.0)
            constant += float(np.dot(mu, slack))
    return Cut(reach=reach, coefficients=coefficients, constant=constant)
