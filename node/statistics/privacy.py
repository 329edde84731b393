"""Differential privacy for a release, when the federation's policy asks for it: the noise, drawn
with OpenDP, and the node's privacy-budget ledger.

**The noise.** A family's indicators (``contracts.indicators.FAMILIES``) are computed from the
same entries, so one person's data moves all their cells at once: each family's cells of a period
are one vector, noised by one OpenDP measurement scaled to the family's sensitivity
(``contracts.indicators.family_sensitivity``: how far one person can move the vector) so that it
spends exactly the policy's ``per_release`` — ε for discrete Laplace noise (pure DP), ρ for
discrete Gaussian noise (zero-concentrated DP). The noised counts are whole; negative ones are
clamped to zero (post-processing, which spends nothing). Every published cell states its
mechanism, its ε or ρ and its 95 % margin (OpenDP's accuracy of the scale).

**The ledger.** OpenDP's own accountants live in memory and die with the job, so the budget is a
table of ours: one ``PrivacyAccount`` per period and family (the node is this one), and a
``PrivacySpend`` per release and family. A draft reserves its spend under the account's row lock
when it is stored, and the draft it replaces gives its reservation back (its noise never left
the node); approval turns the reservation into spending. A release that would take the spent and
reserved amounts past the policy's ``budget`` is refused (``over-budget``) before any noise is
drawn. Inside the job, each family's noise is drawn through an OpenDP privacy filter whose limit
is what the ledger has left: a second guard that refuses any measurement the ledger did not
allow for.

OpenDP is an optional extra (``pip install 'socialhub[server,dp]'``, about 265 MB): a node
without it refuses a policy with noise (``privacy-unavailable``) and releases nothing.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from typing import Any

from django.db.models import Sum

from common.disclosure import CellKey
from contracts.control import DifferentialPrivacy, StatisticsPolicy
from contracts.errors import OverBudgetError, PrivacyUnavailableError
from contracts.indicators import (
    CONTRIBUTIONS_PER_PERSON,
    FAMILIES,
    INDICATORS_BY_CODE,
    PeriodType,
    Sensitivity,
    family_sensitivity,
    period_type,
)
from node.statistics.models import PrivacyAccount, PrivacySpend, Release, SpendState

ALPHA = 0.05
"""The margin is the 95 % one: the noise exceeds it one time in twenty."""
_TOLERANCE = 1e-9
"""Budgets are added up in floating point: 4 × 0.1 must fit in 0.4."""


def _opendp() -> Any:
    try:
        import opendp.prelude as dp
    except ImportError:
        raise PrivacyUnavailableError() from None
    dp.enable_features("contrib")
    return dp


@dataclasses.dataclass(frozen=True)
class FamilyNoise:
    """The noise one family's cells get in one release."""

    family: str
    mechanism: str
    parameter: float
    """ε (discrete Laplace) or ρ (discrete Gaussian) the release of the family spends."""
    sensitivity: Sensitivity
    scale: float
    margin95: float

    @property
    def distance(self) -> float:
        return _distance(self.mechanism, self.sensitivity)

    def statement(self) -> dict[str, Any]:
        """The noise as a published cell states it (``contracts.statistics.NoiseV2``)."""
        name = "epsilon" if self.mechanism == "discrete_laplace" else "rho"
        return {"mechanism": self.mechanism, name: self.parameter, "margin95": round(self.margin95, 3)}


def _distance(mechanism: str, sensitivity: Sensitivity) -> float:
    """The sensitivity in the metric the mechanism is measured in."""
    return sensitivity.l1 if mechanism == "discrete_laplace" else sensitivity.l2


def _space(dp: Any, mechanism: str) -> tuple[Any, Any, Any]:
    """Input domain, input metric and privacy measure of a family's vector of counts."""
    domain = dp.vector_domain(dp.atom_domain(T=int))
    if mechanism == "discrete_laplace":
        return domain, dp.l1_distance(T=int), dp.max_divergence()
    return domain, dp.l2_distance(T=float), dp.zero_concentrated_divergence()


def _measurement(dp: Any, mechanism: str, scale: float) -> Any:
    domain, metric, _ = _space(dp, mechanism)
    if mechanism == "discrete_laplace":
        return dp.m.make_laplace(domain, metric, scale=scale)
    return dp.m.make_gaussian(domain, metric, scale=scale)


@functools.lru_cache(maxsize=64)
def noise_plan(privacy: DifferentialPrivacy, kind: PeriodType) -> dict[str, FamilyNoise]:
    """Each family's noise for a period of ``kind``: the smallest scale whose measurement OpenDP
    finds within ``per_release`` for the family's sensitivity."""
    dp = _opendp()
    plan: dict[str, FamilyNoise] = {}
    for family in FAMILIES:
        sensitivity = family_sensitivity(family, kind)
        scale = dp.binary_search_param(
            lambda s: _measurement(dp, privacy.mechanism, s),
            d_in=_distance(privacy.mechanism, sensitivity),
            d_out=privacy.per_release,
            T=float,
        )
        accuracy = (
            dp.discrete_laplacian_scale_to_accuracy
            if privacy.mechanism == "discrete_laplace"
            else dp.discrete_gaussian_scale_to_accuracy
        )
        plan[family] = FamilyNoise(
            family=family,
            mechanism=privacy.mechanism,
            parameter=privacy.per_release,
            sensitivity=sensitivity,
            scale=float(scale),
            margin95=float(accuracy(scale, ALPHA)),
        )
    return plan


def contributions(policy: StatisticsPolicy, period: str) -> int | None:
    """The bound on one person's entries counted under ``policy``: none without noise."""
    if policy.differential_privacy is None:
        return None
    return CONTRIBUTIONS_PER_PERSON[period_type(period)]


def noised(
    raw: Mapping[CellKey, int], plan: Mapping[str, FamilyNoise], *, allowance: Mapping[str, float]
) -> dict[CellKey, int]:
    """``raw`` with each family's noise added, drawn through an OpenDP privacy filter limited to
    ``allowance`` (what the ledger has left of the family's budget); whole and non-negative."""
    dp = _opendp()
    result: dict[CellKey, int] = {}
    for family, noise in plan.items():
        keys = [key for key in raw if INDICATORS_BY_CODE[key[0]].family == family]
        if not keys:
            continue
        domain, metric, measure = _space(dp, noise.mechanism)
        odometer = dp.c.make_fully_adaptive_composition(domain, metric, measure)
        guard = dp.c.make_privacy_filter(odometer, d_in=noise.distance, d_out=allowance[family])
        queryable = guard([raw[key] for key in keys])
        try:
            released = queryable(_measurement(dp, noise.mechanism, noise.scale))
        except dp.OpenDPException as exc:
            raise OverBudgetError(
                f"OpenDP's filter refused the {family} noise: {exc.message}",
                detail={"family": family, "allowance": allowance[family]},
            ) from None
        result.update({key: max(0, int(value)) for key, value in zip(keys, released, strict=True)})
    return result


# --- the ledger --------------------------------------------------------------------------------


def _totals(period: str, *states: str, leaving: Release | None = None) -> dict[str, float]:
    """Each family's amounts in ``states`` for ``period`` (one query), but for ``leaving``'s."""
    entries = PrivacySpend.objects.filter(account__period=period, state__in=states)
    if leaving is not None:
        entries = entries.exclude(release=leaving)
    totals: dict[str, float] = dict.fromkeys(FAMILIES, 0.0)
    for family, total in entries.values_list("account__family").annotate(total=Sum("amount")).order_by():
        totals[family] = float(total)
    return totals


def budget_check(period: str, privacy: DifferentialPrivacy, *, replacing: Release | None) -> dict[str, float]:
    """What each family has left of the period's budget, once ``replacing`` (a draft about to be
    replaced) has given its reservation back; ``over-budget`` when a family has less than a
    release spends."""
    held = _totals(period, SpendState.RESERVED, SpendState.SPENT, leaving=replacing)
    left = {family: max(0.0, privacy.budget - amount) for family, amount in held.items()}
    short = sorted(
        family for family, remaining in left.items() if remaining + _TOLERANCE < privacy.per_release
    )
    if short:
        remaining = left[short[0]]
        raise OverBudgetError(
            f"{period}: the {short[0]} family has {remaining:g} left of its budget {privacy.budget:g}; "
            f"a release spends {privacy.per_release:g}.",
            detail={
                "period": period,
                "families": short,
                "budget": privacy.budget,
                "per_release": privacy.per_release,
                "left": round(remaining, 9),
            },
        )
    return left


def _accounts(period: str) -> dict[str, PrivacyAccount]:
    """The period's accounts, created if need be, locked (always in the same order)."""
    PrivacyAccount.objects.bulk_create(
        [PrivacyAccount(period=period, family=family) for family in FAMILIES], ignore_conflicts=True
    )
    rows = PrivacyAccount.objects.select_for_update().filter(period=period).order_by("family")
    return {row.family: row for row in rows}


def reservation_return(draft: Release) -> None:
    """A draft about to be replaced (re-protected) gives back what it had reserved: its noise
    never left the node."""
    _accounts(draft.period)
    PrivacySpend.objects.filter(release=draft, state=SpendState.RESERVED).update(state=SpendState.RETURNED)


def budget_reserve(release: Release, privacy: DifferentialPrivacy) -> None:
    """Reserve each family's spend for the draft ``release``, under the accounts' row locks,
    inside the transaction that stores the draft."""
    accounts = _accounts(release.period)
    budget_check(release.period, privacy, replacing=None)
    PrivacySpend.objects.bulk_create(
        PrivacySpend(
            account=accounts[family],
            release=release,
            amount=privacy.per_release,
            mechanism=privacy.mechanism,
            budget=privacy.budget,
        )
        for family in FAMILIES
    )


def budget_spend(release: Release) -> None:
    """On approval: the release's reservations become spending, checked once more under lock."""
    policy = StatisticsPolicy.model_validate(release.policy)
    privacy = policy.differential_privacy
    if privacy is None:
        return
    _accounts(release.period)
    reserved = PrivacySpend.objects.filter(release=release, state=SpendState.RESERVED)
    if sorted(reserved.values_list("account__family", flat=True)) != sorted(FAMILIES):
        raise OverBudgetError(
            f"{release}: its noise has no reservation in the ledger.", detail={"period": release.period}
        )
    spent = _totals(release.period, SpendState.SPENT)
    over = sorted(
        f for f, amount in spent.items() if amount + privacy.per_release > privacy.budget + _TOLERANCE
    )
    if over:
        raise OverBudgetError(
            f"{release.period}: the {over[0]} family has spent {spent[over[0]]:g} of {privacy.budget:g}.",
            detail={"period": release.period, "families": over, "budget": privacy.budget},
        )
    reserved.update(state=SpendState.SPENT)


@dataclasses.dataclass(frozen=True)
class FamilyBudget:
    family: str
    spent: float
    reserved: float
    budget: float | None


def ledger(period: str, policy: StatisticsPolicy) -> list[FamilyBudget]:
    """Each family's spending and reservations for ``period``, beside the budget in force."""
    spent = _totals(period, SpendState.SPENT)
    reserved = _totals(period, SpendState.RESERVED)
    budget = policy.differential_privacy.budget if policy.differential_privacy else None
    return [FamilyBudget(family, spent[family], reserved[family], budget) for family in FAMILIES]
