"""statistics.data_value_set 2.0 and the federation's statistics policy: a set carries only
protected cells of the defined indicators, each with its SDMX flags, whole tables, nothing under
the policy's threshold left free; a 1.0 set reads as 2.0; the policy is the hub's own, signed."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from contracts.control import StatisticsPolicy, read_control
from contracts.envelope import TrustedKey, mapping_resolver, seal_envelope
from contracts.errors import ContractError
from contracts.examples import EXAMPLES
from contracts.keys import key_id
from contracts.statistics import DataValueSetV2, data_value_set_2_0

EXAMPLE = EXAMPLES[("statistics.data_value_set", "2.0")]


def _set(**changes: Any) -> dict[str, Any]:
    return copy.deepcopy(EXAMPLE) | changes


def _cells(change: Any) -> dict[str, Any]:
    data = _set()
    change(data["cells"])
    return data


def _cell(cells: list[dict[str, Any]], **categories: str) -> dict[str, Any]:
    return next(cell for cell in cells if cell["categories"] == categories)


def test_the_example_is_a_valid_set_with_whole_tables_and_its_flags() -> None:
    data = DataValueSetV2.model_validate(EXAMPLE)
    assert len(data.cells) == 1 + 4 + 8 + 32
    suppressed = [cell for cell in data.cells if cell.conf_status != "F"]
    assert {(c.conf_status, c.obs_status, c.value) for c in suppressed} == {
        ("A", "Q", None),
        ("D", "Q", None),
    }


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda cells: _cell(cells, sex="male", age_band="18-24").update(value=3), "under the threshold 5"),
        (lambda cells: _cell(cells, sex="male", age_band="15-17").update(value=3), "must not carry a value"),
        (lambda cells: _cell(cells).update(value=None), "must carry a value"),
        (lambda cells: _cell(cells).update(obs_status="Q"), "OBS_STATUS is Q for a suppressed cell"),
        (lambda cells: cells.pop(), "31 of 32 cells"),
        (lambda cells: cells.append(copy.deepcopy(cells[0])), "the same cell twice"),
        (lambda cells: _cell(cells).update(indicator="people_fed"), "indicator"),
        (lambda cells: _cell(cells, sex="other").update(categories={"sex": "robot"}), "sex"),
        (
            lambda cells: _cell(cells).update(categories={"risk_type": "poverty"}),
            "publishes no table by risk_type",
        ),
        (lambda cells: _cell(cells).update(value=-1), "greater than or equal to 0"),
        (lambda cells: _cell(cells).update(value=412.5), "valid integer"),
        (lambda cells: _cell(cells).update(person="BUT-2026-00001"), "Extra inputs are not permitted"),
    ],
)
def test_a_set_that_breaks_the_definitions_or_the_policy_is_refused(change: Any, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        DataValueSetV2.model_validate(_cells(change))


def test_rows_of_the_register_have_no_place_in_a_set() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        DataValueSetV2.model_validate(_set(rows=[{"given_name": "Марија", "birth_date": "1988-03-02"}]))


def test_a_disclosive_zero_and_an_unrounded_value_are_refused_when_the_policy_says_so() -> None:
    zeros = _set(policy=EXAMPLE["policy"] | {"zeros_disclosive": True})
    with pytest.raises(ValidationError, match="0 is under the threshold"):
        DataValueSetV2.model_validate(zeros)
    rounded = _set(policy=EXAMPLE["policy"] | {"rounding_base": 5})
    with pytest.raises(ValidationError, match="is not rounded to base 5"):
        DataValueSetV2.model_validate(rounded)


def test_noise_states_its_mechanism_its_parameter_and_its_margin() -> None:
    def noised(noise: dict[str, Any]) -> dict[str, Any]:
        return _cells(lambda cells: _cell(cells).update(noise=noise))

    valid = DataValueSetV2.model_validate(
        noised({"mechanism": "discrete_laplace", "epsilon": 1.0, "margin95": 3.0})
    )
    assert valid.cells[0].noise is not None
    assert valid.cells[0].noise.margin95 == 3.0
    with pytest.raises(ValidationError, match="discrete_gaussian noise states rho"):
        DataValueSetV2.model_validate(
            noised({"mechanism": "discrete_gaussian", "epsilon": 1.0, "margin95": 3.0})
        )
    with pytest.raises(ValidationError, match="margin95"):
        DataValueSetV2.model_validate(noised({"mechanism": "discrete_laplace", "epsilon": 1.0}))


def test_a_1_0_set_reads_as_2_0_with_its_indicators_renamed_and_its_flags_spelt_out() -> None:
    old = copy.deepcopy(EXAMPLES[("statistics.data_value_set", "1.0")])
    old["cells"].append(
        {
            "indicator": "referrals_employment_agency",
            "value": 12,
            "protection": {"conf_status": "F"},
        }
    )
    new = DataValueSetV2.model_validate(data_value_set_2_0(old))
    assert (new.policy, new.approved_at) == (None, None)
    cells = {(c.indicator, tuple(c.categories.named().items())): c for c in new.cells}
    assert cells[("people_at_risk", ())].value == 412
    assert cells[("people_at_risk", ())].obs_status == "A"
    # 1.0's noised 37.4 is whole in 2.0; the sex × age table is published for this indicator.
    assert cells[("people_at_risk", (("sex", "female"), ("age_band", "18-24")))].value == 37
    assert cells[("referrals", (("referral_destination", "employment_agency"),))].value == 12
    # 1.0's placed-in-job by target group has no such table in 2.0: left out, not guessed.
    assert not any(c.indicator == "people_with_outcome" for c in new.cells)


KEY = Ed25519PrivateKey.generate()
OTHER = Ed25519PrivateKey.generate()


def _policy(**fields: Any) -> StatisticsPolicy:
    return StatisticsPolicy(version=1, issued_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC), **fields)


def _signed(policy: StatisticsPolicy, key: Ed25519PrivateKey) -> dict[str, Any]:
    envelope = seal_envelope(
        message_type="control.statistics_policy",
        version="1.0",
        payload=policy.model_dump_json().encode(),
        key=key,
    )
    return envelope.to_wire()


def _hub() -> Any:
    public = KEY.public_key()
    return mapping_resolver({key_id(public): TrustedKey(owner="hub", public_key=public)})


def test_the_policy_defaults_are_the_ons_practice_and_its_digest_is_stable() -> None:
    policy = _policy()
    assert (policy.threshold, policy.zeros_disclosive, policy.rounding_base, policy.protection_width) == (
        5,
        False,
        None,
        5,
    )
    assert policy.differential_privacy is None
    assert policy.digest() == _policy().digest()
    assert policy.digest() != _policy(threshold=10).digest()


def test_a_policy_signed_by_the_hub_is_read_and_one_signed_by_anyone_else_is_refused() -> None:
    policy = _policy(rounding_base=5, threshold=10)
    assert read_control(_signed(policy, KEY), model=StatisticsPolicy, resolve_key=_hub()) == policy
    with pytest.raises(ContractError) as refused:
        read_control(_signed(policy, OTHER), model=StatisticsPolicy, resolve_key=_hub())
    assert refused.value.code == "unknown-key"


def test_a_privacy_budget_must_be_positive_and_finite() -> None:
    with pytest.raises(ValidationError, match="greater than 0"):
        _policy(differential_privacy={"mechanism": "discrete_laplace", "per_release": 0, "budget": 1})
    with pytest.raises(ValidationError, match="finite number"):
        _policy(
            differential_privacy={"mechanism": "discrete_laplace", "per_release": 1, "budget": float("inf")}
        )
