"""Differential privacy at the node: under a policy with noise, every published cell is noised by
OpenDP and states its mechanism, its ε or ρ and its 95 % margin; the threshold applies to the
noised counts; the budget of each period and indicator family is a ledger that a draft reserves
from, a replaced draft gives back to and an approval spends, and that refuses a release over the
budget, with OpenDP's privacy filter as a second guard. A node without OpenDP releases nothing
under such a policy."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from contracts.control import DifferentialPrivacy, StatisticsPolicy
from contracts.errors import ContractError
from contracts.indicators import CONTRIBUTIONS_PER_PERSON, FAMILIES
from contracts.statistics import DataValueSetV2
from node.register.models import CounsellingPlan, CounsellingSession, FieldVisit, Person, StaffRole
from node.statistics.compute import period_cells
from node.statistics.models import PrivacySpend, Release, ReleaseStatus, SpendState
from node.statistics.privacy import ledger, noise_plan, noised
from node.statistics.services import release_approve, release_draft, release_message
from tests.node.conftest import Federation
from tests.node.register_factories import PersonFactory, actor

pytestmark = pytest.mark.django_db

JUNE = "2026-06"


def _policy(
    mechanism: str = "discrete_gaussian", per_release: float = 0.5, budget: float = 1.0
) -> StatisticsPolicy:
    return StatisticsPolicy(
        version=2,
        issued_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
        differential_privacy=DifferentialPrivacy(mechanism=mechanism, per_release=per_release, budget=budget),  # type: ignore[arg-type]
    )


def _visit(person: Person, day: dt.date = dt.date(2026, 6, 5)) -> None:
    FieldVisit.objects.create(
        person=person, date=day, team=person.team, settlement=person.settlement, consent_to_record=True
    )


def _register(people: int) -> None:
    for n in range(people):
        _visit(PersonFactory(sex="female" if n % 3 else "male", risk_types=["poverty"]))


def _code(call: Any) -> str:
    with pytest.raises(ContractError) as refused:
        call()
    return refused.value.code


def _spends(state: SpendState) -> dict[str, float]:
    totals: dict[str, float] = {}
    for family, amount in PrivacySpend.objects.filter(state=state).values_list("account__family", "amount"):
        totals[family] = totals.get(family, 0.0) + amount
    return totals


@pytest.mark.parametrize(
    ("mechanism", "parameter"), [("discrete_gaussian", "rho"), ("discrete_laplace", "epsilon")]
)
def test_every_published_cell_states_its_noise_and_the_threshold_applies_to_the_noised_counts(
    federation: Federation, mechanism: str, parameter: str
) -> None:
    _register(300)
    policy = _policy(mechanism, per_release=0.5, budget=2.0)
    draft = release_draft(period=JUNE, policy=policy)
    plan = noise_plan(policy.differential_privacy, "month")  # type: ignore[arg-type]
    raw = period_cells(JUNE, contributions=CONTRIBUTIONS_PER_PERSON["month"])
    free = [cell for cell in draft.cells if cell["conf_status"] == "F"]
    assert free, "a register of 300 people publishes cells"
    moved = 0
    for cell in draft.cells:
        if cell["conf_status"] != "F":
            assert (cell["value"], cell["obs_status"], "noise" in cell) == (None, "Q", False)
            continue
        family = plan[_family(cell["indicator"])]
        assert cell["noise"] == {
            "mechanism": mechanism,
            parameter: 0.5,
            "margin95": round(family.margin95, 3),
        }
        assert isinstance(cell["value"], int)
        assert cell["value"] == 0 or cell["value"] >= policy.threshold  # zeros are not disclosive here
        moved += cell["value"] != raw[(cell["indicator"], tuple(cell["categories"].items()))]
    assert moved > 0, "the noise moves the counts"
    # The 300 people's total is noised, not hidden: it stays near the count, within a few margins.
    total = next(c for c in draft.cells if c["indicator"] == "field_visits" and not c["categories"])
    assert abs(total["value"] - 300) <= 4 * plan["people"].margin95
    # The set is one the contract takes: noised, whole, non-negative, its flags agreeing.
    message = release_message(draft, approved_at=dt.datetime(2026, 12, 2, tzinfo=dt.UTC))
    assert isinstance(message, DataValueSetV2)
    assert {cell.noise.mechanism for cell in message.cells if cell.noise} == {mechanism}


def _family(indicator: str) -> str:
    from contracts.indicators import INDICATORS_BY_CODE

    return INDICATORS_BY_CODE[indicator].family


def test_a_draft_reserves_its_spend_a_replaced_draft_gives_it_back_and_approval_spends_it(
    federation: Federation,
) -> None:
    _register(40)
    policy = _policy(per_release=0.5, budget=1.0)
    first = release_draft(period=JUNE, policy=policy)
    assert _spends(SpendState.RESERVED) == dict.fromkeys(FAMILIES, 0.5)
    _visit(PersonFactory(sex="male", risk_types=["poverty"]))
    again = release_draft(period=JUNE, policy=policy)
    assert again.pk == first.pk
    assert _spends(SpendState.RESERVED) == dict.fromkeys(FAMILIES, 0.5)
    assert _spends(SpendState.RETURNED) == dict.fromkeys(FAMILIES, 0.5)
    release_approve(actor=actor(StaffRole.SUPERVISOR), release_id=again.pk)
    assert _spends(SpendState.SPENT) == dict.fromkeys(FAMILIES, 0.5)
    assert _spends(SpendState.RESERVED) == {}
    assert [(row.family, row.spent, row.reserved, row.budget) for row in ledger(JUNE, policy)] == [
        (family, 0.5, 0.0, 1.0) for family in FAMILIES
    ]


def test_a_release_over_the_budget_is_refused_and_nothing_changes(federation: Federation) -> None:
    _register(40)
    policy = _policy(per_release=0.5, budget=1.0)
    supervisor = actor(StaffRole.SUPERVISOR)
    for _revision in (1, 2):
        release_approve(actor=supervisor, release_id=release_draft(period=JUNE, policy=policy).pk)
        _visit(PersonFactory(sex="male", risk_types=["poverty"]))
    assert _code(lambda: release_draft(period=JUNE, policy=policy)) == "over-budget"
    assert list(Release.objects.values_list("revision", "status")) == [
        (2, ReleaseStatus.RELEASED),
        (1, ReleaseStatus.RELEASED),
    ]
    assert _spends(SpendState.SPENT) == dict.fromkeys(FAMILIES, 1.0)
    assert _spends(SpendState.RESERVED) == {}
    # Another period keeps a budget of its own.
    _visit(PersonFactory(sex="female", risk_types=["poverty"]), day=dt.date(2026, 7, 3))
    assert release_draft(period="2026-07", policy=policy).status == ReleaseStatus.DRAFT


def test_opendp_s_filter_refuses_noise_the_ledger_did_not_allow_for(federation: Federation) -> None:
    _register(10)
    policy = _policy(per_release=0.5, budget=1.0)
    plan = noise_plan(policy.differential_privacy, "month")  # type: ignore[arg-type]
    raw = period_cells(JUNE, contributions=CONTRIBUTIONS_PER_PERSON["month"])
    assert set(noised(raw, plan, allowance=dict.fromkeys(FAMILIES, 0.5))) == set(raw)
    assert _code(lambda: noised(raw, plan, allowance=dict.fromkeys(FAMILIES, 0.49))) == "over-budget"


def test_one_person_adds_at_most_the_bound_to_an_indicator_counting_entries(federation: Federation) -> None:
    person = PersonFactory(sex="female", risk_types=["poverty"])
    plan = CounsellingPlan.objects.create(
        person=person, title="Employment", sessions_planned=40, started=dt.date(2026, 6, 1)
    )
    for day in range(1, 21):
        CounsellingSession.objects.create(
            plan=plan, person=person, number=day, date=dt.date(2026, 6, day), status="held"
        )
    total = ("counselling_sessions", ())
    assert period_cells(JUNE)[total] == 20
    assert period_cells(JUNE, contributions=CONTRIBUTIONS_PER_PERSON["month"])[total] == 8


def test_a_node_without_opendp_releases_nothing_under_a_noise_policy(
    federation: Federation, monkeypatch: pytest.MonkeyPatch
) -> None:
    _register(10)
    noise_plan.cache_clear()
    for name in [name for name in sys.modules if name == "opendp" or name.startswith("opendp.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "opendp", None)  # what `import opendp` meets when it is not installed
    assert _code(lambda: release_draft(period=JUNE, policy=_policy())) == "privacy-unavailable"
    assert Release.objects.count() == 0
    assert PrivacySpend.objects.count() == 0
    noise_plan.cache_clear()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    per_release=st.sampled_from([0.1, 0.25, 0.3, 0.5, 1.0]),
    releases=st.integers(min_value=1, max_value=4),
    slack=st.floats(min_value=0.0, max_value=0.99),
    steps=st.lists(st.sampled_from(["change", "draft", "approve"]), min_size=1, max_size=14),
)
@example(per_release=0.5, releases=1, slack=0.5, steps=["draft", "approve", "change", "draft", "approve"])
@example(
    per_release=0.1,
    releases=3,
    slack=0.0,
    steps=["draft", "change", "draft", "approve"] + ["change", "draft", "approve"] * 3,
)
def test_dp_releases_stop_at_the_budget(
    federation: Federation, per_release: float, releases: int, slack: float, steps: list[str]
) -> None:
    """A model of the ledger, step by step: whatever the order of register changes, drafts and
    approvals, a draft is refused exactly when it would take the period past its budget, and
    what was spent never exceeds it."""
    budget = per_release * (releases + slack)
    policy = _policy(per_release=per_release, budget=budget)
    supervisor = actor(StaffRole.SUPERVISOR)
    with transaction.atomic():
        _register(6)
        approved, dirty, draft = 0, True, None
        for step in steps:
            if step == "change":
                _visit(PersonFactory(sex="male", risk_types=["poverty"]))
                dirty = True
            elif step == "draft":
                if not dirty:
                    release_draft(period=JUNE, policy=policy)  # unchanged: nothing new drawn or spent
                elif (approved + 1) * per_release > budget + 1e-9:
                    assert _code(lambda: release_draft(period=JUNE, policy=policy)) == "over-budget"
                else:
                    draft, dirty = release_draft(period=JUNE, policy=policy), False
            elif draft is not None:
                if dirty:
                    assert (
                        _code(functools.partial(release_approve, actor=supervisor, release_id=draft.pk))
                        == "release-stale"
                    )
                else:
                    release_approve(actor=supervisor, release_id=draft.pk)
                    approved, draft = approved + 1, None
            spent = _spends(SpendState.SPENT)
            assert spent == (
                {family: pytest.approx(approved * per_release) for family in FAMILIES} if approved else {}
            )
            assert all(total <= budget + 1e-9 for total in spent.values())
            reserved = _spends(SpendState.RESERVED)
            assert reserved == (dict.fromkeys(FAMILIES, per_release) if draft is not None else {})
        assert approved <= releases
        transaction.set_rollback(True)


def test_the_supervisor_sees_each_noised_figure_with_its_margin_and_the_period_s_budget(
    federation: Federation,
) -> None:
    _register(60)
    draft = release_draft(period=JUNE, policy=_policy(per_release=0.5, budget=1.0))
    client = Client()
    client.force_login(actor(StaffRole.SUPERVISOR).user)
    page = client.get(f"/register/statistics/{draft.pk}/").content.decode()
    noised_cells = [cell for cell in draft.cells if cell.get("noise")]
    # Each noised figure with its ±margin, besides the legend's mark.
    assert page.count('class="cell-noise"') - 1 == len(noised_cells)
    total = next(c for c in draft.cells if c["indicator"] == "field_visits" and not c["categories"])
    margin = f"±{round(total['noise']['margin95'])}"
    assert f'<td class="num">{total["value"]} <span class="cell-noise">{margin}</span></td>' in page
    assert "each release spends ρ = 0.5 of each family's budget of 1.0" in page
    reserved = '<td class="num">0</td><td class="num">0.5</td><td class="num">1</td>'
    assert page.count(reserved) == len(FAMILIES)
