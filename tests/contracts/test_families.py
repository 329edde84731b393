from __future__ import annotations

import datetime as dt
import json
import typing
import uuid

import pytest
from pydantic import ValidationError

from contracts.cases import ConsentEvent, ConsentRecordV1
from contracts.catalogue import CatalogueWithdrawalV1, LocationV1, ServiceV1_2
from contracts.examples import EXAMPLES
from contracts.messages import MESSAGE_TYPES
from contracts.statistics import Cell, DataValueSetV1
from contracts.vectors import VECTORS_FILE

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def _cell(value: float | None, status: str) -> dict[str, object]:
    return {
        "indicator": "people_at_risk",
        "categories": {"sex": "female", "age_band": "25-29", "risk_type": "unemployment"},
        "value": value,
        "protection": {"conf_status": status, "threshold": 5},
    }


def test_every_family_has_registered_versioned_types() -> None:
    families = {name.split(".")[0] for name in MESSAGE_TYPES}
    assert families == {"catalogue", "statistics", "case", "control"}
    assert all(mtype.current in mtype.versions for mtype in MESSAGE_TYPES.values())


def test_every_type_and_version_has_a_valid_example_and_a_golden_vector() -> None:
    registered = {(name, version) for name, mtype in MESSAGE_TYPES.items() for version in mtype.versions}
    assert set(EXAMPLES) == registered
    for (name, version), data in EXAMPLES.items():
        MESSAGE_TYPES[name].versions[version].model_validate(data)
    named = {case["name"] for case in json.loads(VECTORS_FILE.read_text())["cases"]}
    assert {f"a valid {name} {version} message" for name, version in registered} <= named


def test_the_catalogue_has_every_hsds_entry_type_a_withdrawal_can_name() -> None:
    withdrawable = typing.get_args(CatalogueWithdrawalV1.model_fields["entry_type"].annotation)
    assert {f"catalogue.{entry}" for entry in withdrawable} <= set(MESSAGE_TYPES)


def test_a_service_age_range_must_not_be_upside_down() -> None:
    with pytest.raises(ValidationError, match="minimum_age must not exceed maximum_age"):
        ServiceV1_2.model_validate(
            EXAMPLES[("catalogue.service", "1.2")] | {"minimum_age": 30, "maximum_age": 18}
        )


def test_a_physical_location_needs_an_address_and_coordinates_come_in_pairs() -> None:
    example = EXAMPLES[("catalogue.location", "1.0")]
    with pytest.raises(ValidationError, match="a physical location has an address"):
        LocationV1.model_validate(example | {"address": None})
    with pytest.raises(ValidationError, match="latitude and longitude come together"):
        LocationV1.model_validate(example | {"longitude": None})
    assert LocationV1.model_validate(example | {"location_type": "virtual", "address": None}).address is None


def test_a_free_cell_carries_its_value_and_a_suppressed_cell_none() -> None:
    dataset = DataValueSetV1.model_validate(
        {
            "period": "2026-Q2",
            "org_unit": "MK-BUTEL",
            "revision": 1,
            "cells": [_cell(12, "F"), _cell(None, "A")],
        }
    )
    assert [c.value for c in dataset.cells] == [12, None]


@pytest.mark.parametrize(("value", "status"), [(3, "A"), (4, "D"), (None, "F")])
def test_a_cell_whose_value_contradicts_its_protection_is_refused(value: float | None, status: str) -> None:
    with pytest.raises(ValidationError, match="must"):
        Cell.model_validate(_cell(value, status))


@pytest.mark.parametrize("period", ["2026-13", "2026-Q5", "26-01", "2026/06", "2026-06-01"])
def test_a_period_must_be_an_iso_month_quarter_or_year(period: str) -> None:
    with pytest.raises(ValidationError, match="period"):
        DataValueSetV1.model_validate({"period": period, "org_unit": "MK-BUTEL", "revision": 1, "cells": []})


def test_a_consent_cannot_expire_before_it_was_obtained() -> None:
    with pytest.raises(ValidationError, match="expires_at must be after obtained_at"):
        ConsentRecordV1(
            consent_id=uuid.uuid4(),
            status="active",
            principal="a synthetic person",
            controller="RS-RUMA",
            recipient="RS-SMITROVICA",
            purposes=("referral_to_service",),
            data_categories=("identification", "risk_assessment"),
            legal_basis="gdpr_6_1_e__9_2_b_social_protection_law",
            obtained_how="in_person_signed",
            obtained_at=NOW,
            expires_at=NOW - dt.timedelta(days=1),
            retention_days=365,
            jurisdiction="RS",
            withdrawal_method="In person at the Centre for Social Work or by letter.",
            events=(ConsentEvent(event="given", at=NOW, by="caseworker 17"),),
        )
