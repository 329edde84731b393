"""Anonymised statistics: one node's protected indicator values for one period.

Shaped after a DHIS2 data value set (``dataSet``, ``period``, ``orgUnit``, ``dataValues``) and
SDMX's confidentiality flags: every cell carries ``conf_status`` (``F`` free, ``A`` primary
suppression, ``D`` secondary suppression) and, where suppressed, no value at all.

Invariants:
- protection happens at the node, before the message is written: a suppressed cell has
  ``value`` null and a ``conf_status`` of ``A`` or ``D``; a free cell has a value;
- a noised value names its mechanism and epsilon, so the ministry can account for it;
- ``revision`` grows when a node re-sends a period; the highest revision replaces the others;
- cells are keyed by codes from ``contracts.vocabulary``, never by free text.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from contracts.bounds import NodeCode, Revision, Sha256Hex
from contracts.indicators import (
    CATEGORY_CODES,
    DISAGGREGATIONS,
    INDICATORS_BY_CODE,
    PERIOD_PATTERN,
    IndicatorCode,
)
from contracts.vocabulary import (
    AgeBand,
    DeliveredService,
    Indicator,
    OutcomeType,
    ReferralDestination,
    ReferralStatus,
    RiskType,
    Sex,
    TargetGroup,
)

# ISO 8601 periods as ministries use them: a month, a quarter, a year.
Period = Annotated[str, StringConstraints(pattern=PERIOD_PATTERN, max_length=7)]

MAX_CELL_VALUE = 1e15
"""No indicator of a municipality comes near it (people, sessions, referrals, rates); a value
beyond it, or NaN or infinity, is an error, not a figure."""


class Categories(BaseModel):
    """The disaggregation of one cell; an absent category means 'all'."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sex: Sex | None = None
    age_band: AgeBand | None = None
    risk_type: RiskType | None = None
    target_group: TargetGroup | None = None


class Noise(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    mechanism: Literal["laplace", "gaussian", "discrete_laplace", "discrete_gaussian"]
    epsilon: float = Field(gt=0, le=10)
    delta: float | None = Field(default=None, ge=0, lt=1)


class Protection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    conf_status: Literal["F", "A", "D"]
    threshold: int | None = Field(
        default=None, ge=1, le=1000, description="The small-cell threshold applied."
    )
    noise: Noise | None = None


class Cell(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    indicator: Indicator
    categories: Categories = Categories()
    value: float | None = Field(allow_inf_nan=False, ge=-MAX_CELL_VALUE, le=MAX_CELL_VALUE)
    protection: Protection

    @model_validator(mode="after")
    def _suppressed_cells_carry_no_value(self) -> Self:
        suppressed = self.protection.conf_status in ("A", "D")
        if suppressed and self.value is not None:
            raise ValueError("a suppressed cell (conf_status A or D) must not carry a value")
        if not suppressed and self.value is None:
            raise ValueError("a free cell (conf_status F) must carry a value")
        return self


class DataValueSetV1(BaseModel):
    """``statistics.data_value_set`` 1.0: protected indicator values of one node for one period."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dataset: Literal["social_inclusion"] = "social_inclusion"
    period: Period
    org_unit: NodeCode = Field(description="The reporting node's code.")
    revision: Revision
    cells: tuple[Cell, ...] = Field(max_length=20_000)


# --- 2.0: the indicators of contracts.indicators, every cell with its SDMX flags ----------------

ConfStatus = Literal["F", "A", "D"]
"""SDMX ``CONF_STATUS``: F free, A primary confidential (a small cell), D secondary confidential
(hidden so that a small cell cannot be recomputed from the others)."""
ObsStatus = Literal["A", "Q"]
"""SDMX ``OBS_STATUS``: A a normal value, Q missing because it is suppressed."""


class CategoriesV2(BaseModel):
    """The breakdown of one cell: one category per breakdown named; an absent one means all."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sex: Sex | None = None
    age_band: AgeBand | None = None
    risk_type: RiskType | None = None
    target_group: TargetGroup | None = None
    referral_destination: ReferralDestination | None = None
    referral_status: ReferralStatus | None = None
    outcome: OutcomeType | None = None
    delivered: DeliveredService | None = None

    def named(self) -> dict[str, str]:
        """The breakdowns this cell names, in the order of ``contracts.indicators.DISAGGREGATIONS``."""
        return {key: value for key, value in self.model_dump().items() if value is not None}


class NoiseV2(BaseModel):
    """The noise differential privacy added to a cell, stated so that a reader can account for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    mechanism: Literal["discrete_laplace", "discrete_gaussian"]
    epsilon: float | None = Field(default=None, gt=0, le=10, allow_inf_nan=False)
    rho: float | None = Field(default=None, gt=0, le=10, allow_inf_nan=False)
    margin95: float = Field(ge=0, le=MAX_CELL_VALUE, allow_inf_nan=False)
    """Half the width of the 95 % interval of the noise: the true count lies within ±margin95 of
    the published one 95 times in 100 (before clamping at zero)."""

    @property
    def parameter(self) -> float:
        """The ε (discrete Laplace) or ρ (discrete Gaussian) the noise spent: the one it states."""
        stated = self.epsilon if self.mechanism == "discrete_laplace" else self.rho
        assert stated is not None  # the validator below holds it
        return stated

    @model_validator(mode="after")
    def _one_privacy_parameter(self) -> Self:
        expected = "rho" if self.mechanism == "discrete_gaussian" else "epsilon"
        given = [name for name in ("epsilon", "rho") if getattr(self, name) is not None]
        if given != [expected]:
            raise ValueError(f"{self.mechanism} noise states {expected} (and only it)")
        return self


class CellV2(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    indicator: IndicatorCode
    categories: CategoriesV2 = CategoriesV2()
    value: int | None = Field(ge=0, le=2**53)
    """A count: whole and never negative (noised values are post-processed to be both)."""
    conf_status: ConfStatus
    obs_status: ObsStatus
    noise: NoiseV2 | None = None

    @model_validator(mode="after")
    def _flags_agree_with_the_value(self) -> Self:
        suppressed = self.conf_status in ("A", "D")
        if suppressed and self.value is not None:
            raise ValueError("a suppressed cell (CONF_STATUS A or D) must not carry a value")
        if not suppressed and self.value is None:
            raise ValueError("a free cell (CONF_STATUS F) must carry a value")
        if self.obs_status != ("Q" if suppressed else "A"):
            raise ValueError("OBS_STATUS is Q for a suppressed cell and A for a free one")
        return self


class PolicyReference(BaseModel):
    """The federation's disclosure policy a release was protected under (``StatisticsPolicyV1``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Revision
    digest: Sha256Hex
    """SHA-256 of the signed policy's canonical payload."""
    threshold: int = Field(ge=1, le=1000)
    zeros_disclosive: bool
    rounding_base: int | None = Field(default=None, ge=2, le=100)


class DataValueSetV2(BaseModel):
    """``statistics.data_value_set`` 2.0: one node's protected tables of one period, as its
    supervisor approved them. Indicators, breakdowns and tables are those of
    ``contracts.indicators``; every table of an indicator published is published whole."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dataset: Literal["social_inclusion"] = "social_inclusion"
    period: Period
    org_unit: NodeCode = Field(description="The reporting node's code.")
    revision: Revision
    approved_at: dt.datetime | None
    """When the node's supervisor approved the period; None only for a set upcast from 1.0."""
    policy: PolicyReference | None
    """The policy it was protected under; None only for a set upcast from 1.0, which named none."""
    cells: tuple[CellV2, ...] = Field(max_length=20_000)

    @model_validator(mode="after")
    def _cells_follow_the_definitions_and_the_policy(self) -> Self:
        seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        tables: dict[tuple[str, tuple[str, ...]], int] = {}
        for cell in self.cells:
            definition = INDICATORS_BY_CODE.get(cell.indicator)
            if definition is None:
                raise ValueError(f"unknown indicator {cell.indicator!r}")
            named = cell.categories.named()
            if tuple(named) not in definition.tables:
                raise ValueError(f"{cell.indicator} publishes no table by {', '.join(named) or 'nothing'}")
            for disaggregation, code in named.items():
                if code not in CATEGORY_CODES[disaggregation]:  # type: ignore[index]
                    raise ValueError(f"{cell.indicator}: {code!r} is not a category of {disaggregation}")
            key = (cell.indicator, tuple(named.items()))
            if key in seen:
                raise ValueError(f"{cell.indicator} {named}: the same cell twice")
            seen.add(key)
            tables[(cell.indicator, tuple(named))] = tables.get((cell.indicator, tuple(named)), 0) + 1
            if self.policy is None or cell.value is None:
                continue
            small = 0 < cell.value < self.policy.threshold or (
                cell.value == 0 and self.policy.zeros_disclosive
            )
            if small and cell.conf_status == "F":
                raise ValueError(
                    f"{cell.indicator} {named}: {cell.value} is under the threshold "
                    f"{self.policy.threshold} and must be suppressed"
                )
            base = self.policy.rounding_base
            if base and cell.noise is None and cell.value % base:
                raise ValueError(f"{cell.indicator} {named}: {cell.value} is not rounded to base {base}")
        if self.policy is not None:
            # A table published in part would hide which of its cells were left out, and why.
            for (indicator, table), count in tables.items():
                whole = 1
                for disaggregation in table:
                    whole *= len(CATEGORY_CODES[disaggregation])  # type: ignore[index]
                if count != whole:
                    raise ValueError(
                        f"{indicator} by {', '.join(table) or 'nothing'}: {count} of {whole} cells"
                    )
        return self


_V1_INDICATORS: dict[str, tuple[str, dict[str, str]]] = {
    "people_at_risk": ("people_at_risk", {}),
    "counselling_sessions": ("counselling_sessions", {}),
    "referrals_employment_agency": ("referrals", {"referral_destination": "employment_agency"}),
    "referrals_social_protection": ("referrals", {"referral_destination": "social_protection_right"}),
    "referrals_education": ("referrals", {"referral_destination": "education"}),
    "people_trained": ("people_trained", {}),
    "people_placed_in_job": ("people_with_outcome", {"outcome": "employed"}),
    "people_placed_in_training": ("people_with_outcome", {"outcome": "in_training"}),
    "packages_delivered": ("packages_delivered", {}),
}
"""Each 1.0 indicator as a 2.0 indicator and the category it was (1.0 had one indicator per
referral destination and per outcome)."""


def data_value_set_2_0(data: dict[str, Any]) -> dict[str, Any]:
    """Upcast a 1.0 set: indicators renamed, values whole, the flags spelt out. A 1.0 cell whose
    breakdown 2.0 does not publish for its indicator (1.0 allowed any) is left out, as is the
    noise, which 1.0 stated without its margin. 1.0 named no policy and no approval time."""
    cells: list[dict[str, Any]] = []
    seen: set[tuple[str, tuple[tuple[str, Any], ...]]] = set()
    for cell in data.get("cells", ()):
        indicator, extra = _V1_INDICATORS[cell["indicator"]]
        categories = {
            key: value for key, value in (cell.get("categories") or {}).items() if value is not None
        }
        categories |= extra
        key = (indicator, tuple(sorted(categories.items())))
        if key in seen:
            continue  # 1.0 did not forbid a cell twice; 2.0 keeps the first
        seen.add(key)
        protection = cell["protection"]
        suppressed = protection["conf_status"] in ("A", "D")
        cells.append(
            {
                "indicator": indicator,
                "categories": categories,
                "value": None if suppressed else max(0, round(cell["value"])),
                "conf_status": protection["conf_status"],
                "obs_status": "Q" if suppressed else "A",
            }
        )

    def published(cell: dict[str, Any]) -> bool:
        named = tuple(d for d in DISAGGREGATIONS if d in cell["categories"])
        return named in INDICATORS_BY_CODE[cell["indicator"]].tables

    return {
        "dataset": data.get("dataset", "social_inclusion"),
        "period": data["period"],
        "org_unit": data["org_unit"],
        "revision": data["revision"],
        "approved_at": None,
        "policy": None,
        "cells": [cell for cell in cells if published(cell)],
    }
