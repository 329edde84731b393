"""What leaves the node: whole tables under the policy, small cells hidden (A) with enough others
(D) that the attacker's programs cannot narrow any, a cell hidden in an earlier release of the
period still hidden, one published before unchanged never used to hide, free cells rounded when
the policy says so; the result is a valid statistics.data_value_set 2.0."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.disclosure import CellKey, all_keys, cell_key, intervals, relations
from contracts.control import StatisticsPolicy
from contracts.errors import UnprotectableError
from contracts.indicators import INDICATORS_BY_CODE
from contracts.statistics import DataValueSetV2
from node.statistics.compute import _Unit, tabulate
from node.statistics.protection import protect

POLICY = StatisticsPolicy(version=1, issued_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))


def _visits(seed: int, count: int, extra: list[dict[str, Any]] = ()) -> dict[CellKey, int]:  # type: ignore[assignment]
    rng = random.Random(seed)
    units = [
        _Unit(
            {
                "sex": rng.choice(["female", "male"]),
                "age_band": rng.choice(["18-24", "25-29", "30-49", "65+"]),
            }
        )
        for _ in range(count)
    ] + [_Unit(categories) for categories in extra]
    return tabulate(INDICATORS_BY_CODE["field_visits"], units)


def _release(raw: dict[CellKey, int], policy: StatisticsPolicy = POLICY, **kwargs: Any) -> Any:
    return protect(raw, policy, **kwargs)


def _as_set(cells: list[dict[str, Any]], policy: StatisticsPolicy = POLICY) -> DataValueSetV2:
    return DataValueSetV2.model_validate(
        {
            "period": "2026-06",
            "org_unit": "MK-BUTEL",
            "revision": 1,
            "approved_at": "2026-07-03T08:00:00Z",
            "policy": policy.reference(),
            "cells": cells,
        }
    )


def _attack(raw: dict[CellKey, int], cells: list[dict[str, Any]]) -> dict[int, tuple[float, float]]:
    keys = list(raw)
    published = {n: cell["value"] for n, cell in enumerate(cells) if cell["value"] is not None}
    return intervals(len(keys), relations(keys), published, upper=max(raw.values()) + POLICY.protection_width)


def test_a_small_cell_leaves_as_a_primary_suppression_with_its_secondaries_and_the_set_is_valid() -> None:
    raw = _visits(1, 200, [{"sex": "male", "age_band": "15-17"}] * 2)
    released = _release(raw)
    small = cell_key("field_visits", {"sex": "male", "age_band": "15-17"})
    assert released.flags[small] == "A"
    assert "D" in released.flags.values()
    assert all(raw[key] >= POLICY.threshold or raw[key] == 0 or key in released.flags for key in raw)
    data = _as_set(released.cells)
    assert len(data.cells) == len(raw)
    for low, high in _attack(raw, released.cells).values():
        assert high - low >= POLICY.protection_width - 1e-6


def test_a_cell_hidden_by_an_earlier_release_of_the_period_stays_hidden() -> None:
    before = _visits(2, 150, [{"sex": "female", "age_band": "0-14"}] * 1)
    first = _release(before)
    hidden = set(first.flags)
    # Four more visits since: the cell is no longer small, yet what was hidden stays hidden.
    after = _visits(2, 150, [{"sex": "female", "age_band": "0-14"}] * 5)
    earlier = {cell_key(c["indicator"], c["categories"]): c["value"] for c in first.cells}
    second = _release(after, earlier=[earlier])
    assert hidden <= set(second.flags)
    assert second.flags[cell_key("field_visits", {"sex": "female", "age_band": "0-14"})] == "D"


def test_a_cell_published_before_with_the_same_value_is_never_chosen_to_hide_another() -> None:
    raw = _visits(3, 150, [{"sex": "male", "age_band": "0-14"}] * 3)
    first = _release(raw)
    helpers = [key for key, flag in first.flags.items() if flag == "D"]
    # Suppose an earlier release had published one of those helpers, with the same value.
    earlier = {helpers[0]: raw[helpers[0]]}
    second = _release(raw, earlier=[earlier])
    assert helpers[0] not in second.flags
    for low, high in _attack(raw, second.cells).values():
        assert high - low >= POLICY.protection_width - 1e-6


def test_free_cells_are_rounded_to_the_policys_base_and_zeros_stay_zero() -> None:
    policy = POLICY.model_copy(update={"rounding_base": 5, "threshold": 10})
    raw = _visits(4, 300)
    released = _release(raw, policy)
    values = [cell["value"] for cell in released.cells if cell["value"] is not None]
    assert values
    assert all(value % 5 == 0 for value in values)
    assert any(value == 0 for value in values)
    _as_set(released.cells, policy)


def test_disclosive_zeros_are_hidden_too() -> None:
    policy = POLICY.model_copy(update={"zeros_disclosive": True})
    raw = _visits(5, 400)
    released = _release(raw, policy)
    zeros = [key for key, value in raw.items() if value == 0]
    assert zeros
    assert all(released.flags.get(key) == "A" for key in zeros)


def test_a_cell_to_hide_that_was_published_before_with_the_same_value_is_refused() -> None:
    raw = _visits(6, 100, [{"sex": "male", "age_band": "0-14"}] * 2)
    small = cell_key("field_visits", {"sex": "male", "age_band": "0-14"})
    with pytest.raises(UnprotectableError, match="published before with the same value") as refused:
        _release(raw, earlier=[{small: raw[small]}])
    assert refused.value.code == "unprotectable"


def test_every_table_of_every_indicator_is_released_whole() -> None:
    raw = _visits(7, 50)
    assert list(raw) == all_keys(["field_visits"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), people=st.integers(20, 150), changed=st.integers(1, 15))
def test_a_revision_never_reveals_what_an_earlier_release_of_the_period_hid(
    seed: int, people: int, changed: int
) -> None:
    rng = random.Random(seed)
    ages = ["0-14", "15-17", "18-24", "65+"]

    def unit() -> _Unit:
        return _Unit({"sex": rng.choice(["female", "male", "unknown"]), "age_band": rng.choice(ages)})

    units = [unit() for _ in range(people)]
    definition = INDICATORS_BY_CODE["field_visits"]
    first_raw = tabulate(definition, units)
    first = protect(first_raw, POLICY)
    # Late entries of the period arrive: some visits added, some moved to other categories.
    for _ in range(changed):
        if rng.random() < 0.5 or not units:
            units.append(unit())
        else:
            units[rng.randrange(len(units))] = unit()
    second_raw = tabulate(definition, units)
    published_before = {cell_key(c["indicator"], c["categories"]): c["value"] for c in first.cells}
    second = protect(second_raw, POLICY, earlier=[published_before])
    assert set(first.flags) <= set(second.flags)  # hidden once, hidden in every revision
    for key in second.flags:  # nothing hidden now was published before with the value it has
        assert published_before[key] is None or published_before[key] != second_raw[key]
    for low, high in _attack(second_raw, second.cells).values():
        assert high - low >= POLICY.protection_width - 1e-6
