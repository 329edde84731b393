"""Disclosure control: the relations between cells are those that hold; secondary suppression
leaves no hidden cell narrower than the protection width, alone or with the other tables, as an
attacker's own linear programs see it; a cell published before cannot protect anything."""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.disclosure import (
    DeviationProgram,
    all_keys,
    cell_key,
    intervals,
    primary_suppression,
    relation_matrices,
    relations,
    secondary_suppression,
)
from contracts.errors import UnprotectableError
from contracts.indicators import CATEGORY_CODES

Unit = dict[str, object]


def _tabulate(indicators: Sequence[str], units: dict[str, list[Unit]]) -> tuple[list, list[int]]:
    """Every cell of ``indicators`` counted from units (a unit's category is a code, or a set of
    codes for a breakdown in which it may have several)."""
    keys = all_keys(indicators)
    values = []
    for indicator, categories in keys:
        count = 0
        for unit in units[indicator]:
            if all(
                code == unit[d] or (isinstance(unit[d], frozenset) and code in unit[d])
                for d, code in categories
            ):
                count += 1
        values.append(count)
    return keys, values


def _visits(
    rng: random.Random, count: int, *, ages: Sequence[str] = ("18-24", "25-29", "30-49", "65+")
) -> list[Unit]:
    return [{"sex": rng.choice(["female", "male"]), "age_band": rng.choice(ages)} for _ in range(count)]


def _check(keys: list, values: list[int], *, threshold: int, width: int) -> tuple[set[int], set[int]]:
    found = relations(keys)
    primary = primary_suppression(values, threshold=threshold, zeros_disclosive=False)
    upper = max(values) + width
    hidden = secondary_suppression(values, found, forced=primary, width=width, upper=upper)
    return primary, hidden


def test_an_additive_breakdown_adds_up_and_a_multiple_one_is_bounded_by_its_margin() -> None:
    keys = all_keys(["people_reached", "neet_reached"])
    index = {key: n for n, key in enumerate(keys)}
    found = {(r.kind, r.cells, r.coefficients) for r in relations(keys)}
    total = index[cell_key("people_reached", {})]
    by_sex = tuple(index[cell_key("people_reached", {"sex": s})] for s in CATEGORY_CODES["sex"])
    assert ("eq", (total, *by_sex), (1.0, -1.0, -1.0, -1.0, -1.0)) in found
    poverty = index[cell_key("people_reached", {"risk_type": "poverty"})]
    assert ("le", (poverty, total), (1.0, -1.0)) in found
    # Risk types do not add up to the total of people supported: no such equation.
    by_risk = tuple(index[cell_key("people_reached", {"risk_type": r})] for r in CATEGORY_CODES["risk_type"])
    assert not any(kind == "eq" and cells[1:] == by_risk for kind, cells, _ in found)
    # …but the people at risk each have one: there they cover the total from below.
    at_risk = all_keys(["people_at_risk"])
    at_index = {key: n for n, key in enumerate(at_risk)}
    covered = tuple(
        at_index[cell_key("people_at_risk", {"risk_type": r})] for r in CATEGORY_CODES["risk_type"]
    )
    assert any(r.kind == "le" and r.cells[1:] == covered for r in relations(at_risk))
    # NEETs reached are among the people supported, cell by cell.
    neet = index[cell_key("neet_reached", {"sex": "female"})]
    reached = index[cell_key("people_reached", {"sex": "female"})]
    assert ("le", (neet, reached), (1.0, -1.0)) in found


def test_a_small_cell_is_hidden_with_enough_others_that_no_sum_gives_it_away() -> None:
    rng = random.Random(4)
    units = {"field_visits": _visits(rng, 300) + [{"sex": "male", "age_band": "15-17"}] * 3}
    keys, values = _tabulate(["field_visits"], units)
    primary, hidden = _check(keys, values, threshold=5, width=5)
    small = keys.index(cell_key("field_visits", {"sex": "male", "age_band": "15-17"}))
    assert small in primary
    assert primary <= hidden
    assert len(hidden) >= 4  # a cell alone in its row and its column is given away
    published = {n: v for n, v in enumerate(values) if n not in hidden}
    found = intervals(len(values), relations(keys), published, upper=max(values) + 5)
    assert set(found) == hidden
    for n, (low, high) in found.items():
        assert low - 1e-6 <= values[n] <= high + 1e-6
        assert high - low >= 5 - 1e-6


def test_with_nothing_small_nothing_is_hidden() -> None:
    rng = random.Random(1)
    keys, values = _tabulate(["field_visits"], {"field_visits": _visits(rng, 2000, ages=("30-49",))})
    # Only zeros are small here, and zeros are not disclosive by default.
    primary, hidden = _check(keys, values, threshold=5, width=5)
    assert (primary, hidden) == (set(), set())


def test_the_duals_bound_the_attackers_reach_for_every_other_pattern() -> None:
    rng = random.Random(9)
    units = {"field_visits": _visits(rng, 60) + [{"sex": "female", "age_band": "0-14"}] * 2}
    keys, values = _tabulate(["field_visits"], units)
    found = relations(keys)
    equal, below = relation_matrices(len(values), found)
    a = np.array(values, dtype=float)
    slack = np.zeros(0) if below is None else -(below @ a)
    upper = max(values) + 5.0
    cell = keys.index(cell_key("field_visits", {"sex": "female", "age_band": "0-14"}))
    start = {cell, keys.index(cell_key("field_visits", {"sex": "female"}))}
    program = DeviationProgram(a, equal, below, slack, upper)
    program.pattern(start)
    cut = program.cut(cell)
    pattern = np.array([1.0 if n in start else 0.0 for n in range(len(a))])
    assert cut.reach == pytest.approx(float(cut.coefficients @ pattern) + cut.constant, abs=1e-6)
    for _ in range(20):
        other = {cell} | {n for n in range(len(a)) if rng.random() < 0.3}
        program.pattern(other)
        reach = program.cut(cell).reach
        bound = (
            float(cut.coefficients @ np.array([1.0 if n in other else 0.0 for n in range(len(a))]))
            + cut.constant
        )
        assert reach <= bound + 1e-6


def test_a_cell_published_before_with_the_same_value_cannot_be_hidden_now() -> None:
    keys, values = _tabulate(["field_visits"], {"field_visits": [{"sex": "male", "age_band": "65+"}] * 2})
    small = keys.index(cell_key("field_visits", {"sex": "male", "age_band": "65+"}))
    with pytest.raises(UnprotectableError, match="published before with the same value") as refused:
        secondary_suppression(values, relations(keys), forced={small}, known={small}, width=5, upper=10)
    assert refused.value.code == "unprotectable"


def test_cells_known_from_an_earlier_release_are_not_used_to_hide_others() -> None:
    rng = random.Random(5)
    units = {"field_visits": _visits(rng, 200) + [{"sex": "male", "age_band": "15-17"}] * 2}
    keys, values = _tabulate(["field_visits"], units)
    found = relations(keys)
    primary = primary_suppression(values, threshold=5, zeros_disclosive=False)
    first = secondary_suppression(values, found, forced=primary, width=5, upper=max(values) + 5)
    helpers = first - primary
    known = {next(iter(sorted(helpers)))}
    second = secondary_suppression(values, found, forced=primary, known=known, width=5, upper=max(values) + 5)
    assert not second & known
    published = {n: v for n, v in enumerate(values) if n not in second}
    for low, high in intervals(len(values), found, published, upper=max(values) + 5).values():
        assert high - low >= 5 - 1e-6


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    people=st.integers(0, 120),
    threshold=st.integers(2, 10),
    width=st.integers(1, 10),
)
def test_no_hidden_cell_of_a_random_register_can_be_narrowed_below_the_width(
    seed: int, people: int, threshold: int, width: int
) -> None:
    rng = random.Random(seed)
    risks = CATEGORY_CODES["risk_type"][:4]
    reached = [
        {
            "sex": rng.choice(["female", "male", "unknown"]),
            "age_band": rng.choice(["15-17", "18-24", "25-29", "30-49"]),
            "risk_type": frozenset(rng.sample(risks, rng.randint(0, 2))),
            "target_group": frozenset(rng.sample(["neet", "roma"], rng.randint(0, 1))),
        }
        for _ in range(people)
    ]
    neet = [unit for unit in reached if "neet" in unit["target_group"] and unit["age_band"] != "30-49"]
    keys, values = _tabulate(
        ["people_reached", "neet_reached"], {"people_reached": reached, "neet_reached": neet}
    )
    found = relations(keys)
    primary = primary_suppression(values, threshold=threshold, zeros_disclosive=False)
    upper = max(values, default=0) + width
    hidden = secondary_suppression(values, found, forced=primary, width=width, upper=upper)
    assert primary <= hidden
    published = {n: v for n, v in enumerate(values) if n not in hidden}
    for n, (low, high) in intervals(len(values), found, published, upper=upper).items():
        assert low - 1e-6 <= values[n] <= high + 1e-6  # the truth is always possible
        assert high - low >= width - 1e-6, (keys[n], values[n], low, high)
