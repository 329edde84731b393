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

from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from contracts.bounds import NodeCode, Revision
from contracts.vocabulary import AgeBand, Indicator, RiskType, Sex, TargetGroup

# ISO 8601 periods as ministries use them: a month, a quarter, a year.
Period = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$", max_length=7)]

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
