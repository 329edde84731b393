"""Disclosure control of a period's tables: which relations between cells hold, primary and
secondary suppression, and the attacker's check.

Cells are numbered; a ``Relation`` is a linear relation between them that really holds, written
homogeneously: ``Σ coefficient·cell = 0`` (``eq``) or ``≤ 0`` (``le``). They come from the
indicator definitions (``relations``): a table's additive breakdown adds up to its margin; a
breakdown that is not additive bounds each of its cells by the margin (and, where every unit
has a category, their sum from below); an indicator counting a subset of another's people is
bounded by it, cell by cell.

Two solvers, both on HiGHS, kept apart on purpose:

- ``secondary_suppression`` chooses, by a mixed-integer program, the fewest (lightest) cells to
  hide besides the small ones so that no hidden cell can be narrowed below the protection width.
  It adds constraints as it finds them (the cuts of Fischetti and Salazar-González: for a hidden
  cell whose interval is too narrow, the dual of the attacker's program says which further cells
  would widen it). The master is SciPy's ``milp``; the attacker's programs inside the search run
  in one warm-started highspy model (``DeviationProgram``). Each round's pattern that still fails
  is also repaired into a safe one, and the search ends once a safe pattern is within a set gap of
  the master's lower bound;
- ``intervals`` is the attacker, through SciPy's ``linprog``: from the published cells and the
  relations alone, the smallest and the largest value each hidden cell can take. It knows nothing
  of how the pattern was made, and a release is released only when it passes.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Literal

import highspy
import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csc_array, csr_array, vstack

from contracts.errors import UnprotectableError
from contracts.indicators import (
    CATEGORY_CODES,
    DISAGGREGATIONS,
    INDICATORS_BY_CODE,
    SUBSETS,
    Disaggregation,
)

CellKey = tuple[str, tuple[tuple[str, str], ...]]
"""An indicator's code and the cell's categories, in the breakdowns' order."""


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
    """Every relation between ``keys`` that the definitions say holds: within each indicator and
    between indicators."""
    return indicator_relations(keys) + subset_relations(keys)


def indicator_relations(keys: Sequence[CellKey]) -> list[Relation]:
    """The relations between the cells of each indicator among ``keys`` that its definition says
    hold."""
    index = {key: n for n, key in enumerate(keys)}
    found: list[Relation] = []
    for (indicator, categories), n in index.items():
        definition = INDICATORS_BY_CODE[indicator]
        named = dict(categories)
        for disaggregation in DISAGGREGATIONS:
            if disaggregation in named:
                # A breakdown that is not additive counts a person in two categories in both
                # cells: each is at most the margin without it.
                if definition.is_additive(disaggregation):
                    continue
                rest = {d: c for d, c in named.items() if d != disaggregation}
                margin = index.get(cell_key(indicator, rest))
                if margin is not None:
                    found.append(Relation((n, margin), (1.0, -1.0), "le"))
                continue
            # This cell is the margin over the breakdown's categories: they add up to it
            # (additive), or cover it (each unit in at least one).
            table = tuple(d for d in DISAGGREGATIONS if d in named or d == disaggregation)
            if table not in definition.tables:
                continue
            parts = [
                index.get(cell_key(indicator, named | {disaggregation: code}))
                for code in CATEGORY_CODES[disaggregation]
            ]
            members = [part for part in parts if part is not None]
            if len(members) != len(parts):
                continue
            if definition.is_additive(disaggregation):
                found.append(Relation((n, *members), (1.0, *(-1.0,) * len(members)), "eq"))
            elif disaggregation in definition.covering:
                found.append(Relation((n, *members), (1.0, *(-1.0,) * len(members)), "le"))
    return found


def subset_relations(keys: Sequence[CellKey]) -> list[Relation]:
    """Between indicators: a cell of one counting a subset of another's people is at most the
    same cell of the other (``contracts.indicators.SUBSETS``)."""
    index = {key: n for n, key in enumerate(keys)}
    found: list[Relation] = []
    for subset, superset in SUBSETS:
        for (indicator, categories), n in index.items():
            other = index.get((superset, categories)) if indicator == subset else None
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
                raise UnprotectableError(f"the attacker's program for cell {cell} failed: {result.message}")
            ends.append(sign * result.fun)
        found_intervals[cell] = (ends[0], ends[1])
    return found_intervals


def secondary_suppression(
    values: Sequence[int],
    found: Sequence[Relation],
    *,
    forced: set[int],
    known: AbstractSet[int] = frozenset(),
    width: int,
    upper: float,
    max_rounds: int = 60,
    gap: float = 0.1,
) -> set[int]:
    """The cells to hide: ``forced`` (the primary cells, and those an earlier release of the period
    hid) and as few others as possible, weighted by their values, so that every hidden cell's
    interval is at least ``width`` wide. ``known`` cells are known to the attacker anyway (their
    value was published before and has not changed): hiding them protects nothing.

    Each round solves the master program, then checks its pattern cell by cell; a cell left too
    narrow adds its cut. A pattern that passes is the answer. Otherwise the pattern is repaired
    into a safe one, and the search stops once a safe pattern costs within ``gap`` of the
    master's (a lower bound of the optimum), or after ``max_rounds`` with the best safe one."""
    count = len(values)
    if not forced:
        return set()
    if forced & known:
        raise UnprotectableError("a cell to hide was published before with the same value")
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
    program = DeviationProgram(a, equal, below, slack, upper)

    def too_narrow(cells: Iterable[int], hidden: set[int]) -> list[tuple[int, Cut]]:
        """The cells among ``cells`` the attacker can narrow below the width under ``hidden``."""
        program.pattern(hidden)
        found_cuts = [(cell, program.cut(cell)) for cell in cells]
        return [(cell, cut) for cell, cut in found_cuts if cut.reach < width - 1e-6]

    def add_cuts(narrow: list[tuple[int, Cut]]) -> None:
        for cell, cut in narrow:
            # Σ c·x + K ≥ width·x_cell: wherever the cell is hidden, enough else is hidden with it.
            row = cut.coefficients.copy()
            row[cell] -= width
            cuts.append(row)
            cut_floor.append(-cut.constant)

    neighbours_of: dict[int, set[int]] = {n: set() for n in range(count)}
    for relation in found:
        for cell in relation.cells:
            neighbours_of[cell].update(relation.cells)

    def repaired(pattern: set[int], narrow: list[tuple[int, Cut]]) -> set[int]:
        """A pattern made safe by adding, for each cell still too narrow, the published cell its
        cut values most per unit of weight: a feasible pattern, not the fewest. ``narrow`` is what
        the round already found too narrow under ``pattern``."""
        pattern = set(pattern)
        for _ in range(count):
            if not narrow:
                return pattern
            grown = len(pattern)
            for cell, cut in narrow:
                worth = cut.coefficients / weights
                worth[list(pattern)] = -1.0
                worth[upper_bound == 0] = -1.0
                choice: int | None = int(np.argmax(worth))
                if worth[choice] <= 0:
                    # The duals name no cell (a degenerate optimum): take the lightest of the
                    # nearest published cells, through the relations.
                    choice = _nearest(
                        cell, neighbours_of, lambda n: n not in pattern and upper_bound[n] > 0, weights
                    )
                if choice is not None:
                    pattern.add(choice)
            if len(pattern) == grown:
                raise UnprotectableError("no published cell can widen the hidden ones still too narrow")
            narrow = too_narrow(sorted(pattern), pattern)
        raise UnprotectableError("the pattern could not be made safe")

    best: set[int] | None = None
    best_cost = np.inf
    for _ in range(max_rounds):
        constraints = [LinearConstraint(np.array(cuts), np.array(cut_floor), np.inf)] if cuts else []
        master = milp(
            weights,
            integrality=np.ones(count),
            bounds=Bounds(lower_bound, upper_bound),
            constraints=constraints,
            # Within 5 % of the fewest: each round's pattern is checked anyway, and an exact
            # optimum each round costs far more than the few cells it would save.
            options={"mip_rel_gap": 0.05},
        )
        if master.status != 0 or master.x is None:
            raise UnprotectableError(f"no suppression pattern protects these cells: {master.message}")
        hidden = {n for n in range(count) if master.x[n] > 0.5}
        # The small cells first; once they are safe, every cell hidden with them.
        narrow = too_narrow(sorted(hidden & forced), hidden) or too_narrow(sorted(hidden - forced), hidden)
        if not narrow:
            return hidden
        add_cuts(narrow)
        # The master's cost never exceeds the fewest cells that are safe: once a safe pattern
        # is found within the gap of it, the search ends there.
        safe = repaired(hidden, narrow)
        cost = float(weights[list(safe)].sum())
        if cost < best_cost:
            best, best_cost = safe, cost
        if best is not None and best_cost <= (1 + gap) * float(master.fun) + 1e-9:
            return best
    if best is None:
        raise UnprotectableError(f"no stable suppression pattern after {max_rounds} rounds")
    return best


def _nearest(
    start: int, neighbours_of: Mapping[int, set[int]], usable: Callable[[int], bool], weights: np.ndarray
) -> int | None:
    seen = {start}
    layer = {start}
    while layer:
        layer = {n for cell in layer for n in neighbours_of[cell]} - seen
        seen |= layer
        candidates = [n for n in layer if usable(n)]
        if candidates:
            return min(candidates, key=lambda n: (weights[n], n))
    return None


@dataclasses.dataclass(frozen=True)
class Cut:
    """How far an attacker can move a hidden cell (up plus down) under one pattern, and the
    linear bound of that reach in every cell's x that the programs' duals give: for any pattern x,
    reach(x) ≤ coefficients·x + constant, with equality at the pattern it was computed for."""

    reach: float
    coefficients: np.ndarray
    constant: float


class DeviationProgram:
    """The attacker's program in deviations from the true values ``a``, kept in one HiGHS model
    for a whole search: a pattern sets the columns' bounds (a hidden cell j moves within
    [−a_j, upper − a_j], a published one not at all), each cell's two objectives are set in
    turn, and HiGHS starts each solve from the last basis."""

    def __init__(
        self,
        a: np.ndarray,
        equal: csr_array | None,
        below: csr_array | None,
        slack: np.ndarray,
        upper: float,
    ) -> None:
        self.a = a
        self.room_up = np.maximum(upper - a, 0.0)
        self.slack = slack
        count = len(a)
        blocks = [m for m in (equal, below) if m is not None]
        matrix = vstack(blocks, format="csc") if blocks else csc_array((0, count))
        rows_eq = 0 if equal is None else equal.shape[0]
        self.rows_eq = rows_eq
        lp = highspy.HighsLp()
        lp.num_col_ = count
        lp.num_row_ = matrix.shape[0]
        lp.col_cost_ = np.zeros(count)
        lp.col_lower_ = np.zeros(count)
        lp.col_upper_ = np.zeros(count)
        lp.row_lower_ = np.concatenate([np.zeros(rows_eq), np.full(len(slack), -highspy.kHighsInf)])
        lp.row_upper_ = np.concatenate([np.zeros(rows_eq), slack])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data
        self.highs = highspy.Highs()  # type: ignore[no-untyped-call]
        self.highs.setOptionValue("output_flag", False)
        self.highs.passModel(lp)
        self.columns = np.arange(count, dtype=np.int32)

    def pattern(self, hidden: set[int]) -> None:
        moves = np.array([n in hidden for n in range(len(self.a))], dtype=float)
        self.highs.changeColsBounds(len(self.a), self.columns, -self.a * moves, self.room_up * moves)

    def cut(self, cell: int) -> Cut:
        count = len(self.a)
        coefficients = np.zeros(count)
        constant = 0.0
        reach = 0.0
        for sign in (1.0, -1.0):
            self.highs.changeColCost(cell, -sign)  # minimise −sign·d: maximise sign·d
            self.highs.run()
            if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                raise UnprotectableError(f"the protection program for cell {cell} failed")
            reach += -self.highs.getInfo().objective_function_value
            solution = self.highs.getSolution()
            # HiGHS's duals: reduced costs (c − Aᵀy) per column, y per row. For the maximum, a
            # negative reduced cost is worth room above the cell, a positive one room below;
            # an inequality's dual is worth its slack.
            reduced_cost = np.asarray(solution.col_dual)
            coefficients += (
                np.maximum(-reduced_cost, 0.0) * self.room_up + np.maximum(reduced_cost, 0.0) * self.a
            )
            row_dual = np.asarray(solution.row_dual)[self.rows_eq :]
            constant += float(np.dot(np.maximum(-row_dual, 0.0), self.slack))
        self.highs.changeColCost(cell, 0.0)
        return Cut(reach=reach, coefficients=coefficients, constant=constant)
