"""The node's statistics on their own: the hub's policy fetched and verified (one signed by
anyone else is refused and the policy held stays), the periods that have ended drafted on
schedule, approved on their own only where the node is told to (the demo), and the supervisor's
pages: the tables exactly as they will leave, approval by a supervisor alone."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client

from contracts.control import StatisticsPolicy
from contracts.errors import ContractError
from node.exchange.models import OutboxMessage
from node.register.models import FieldVisit, StaffRole
from node.statistics.models import HeldPolicy, Release, ReleaseStatus
from node.statistics.services import periods_due, policy_held, policy_refresh, statistics_round
from tests.node.conftest import Federation
from tests.node.fakes import FakeHub
from tests.node.register_factories import PersonFactory, actor

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 8, 3)


def _register(people: int = 30) -> None:
    for n in range(people):
        person = PersonFactory(sex="female" if n % 3 else "male", risk_types=["poverty"])
        FieldVisit.objects.create(
            person=person, date=dt.date(2026, 7, 5), team=person.team, settlement=person.settlement,
            consent_to_record=True,
        )  # fmt: skip


def test_the_policy_is_fetched_verified_against_the_hub_key_and_kept(federation: Federation) -> None:
    hub = FakeHub(federation.hub_key)
    hub.policy = StatisticsPolicy(version=3, issued_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC), threshold=10)
    assert policy_refresh(client=hub).threshold == 10
    assert (policy_held().version, policy_held().threshold) == (3, 10)


def test_a_policy_signed_by_anyone_but_the_hub_is_refused_and_the_held_one_stays(
    federation: Federation,
) -> None:
    hub = FakeHub(federation.hub_key)
    policy_refresh(client=hub)
    hub.policy = StatisticsPolicy(version=2, issued_at=dt.datetime(2026, 11, 2, tzinfo=dt.UTC), threshold=1)
    hub.policy_key = Ed25519PrivateKey.generate()
    with pytest.raises(ContractError) as refused:
        policy_refresh(client=hub)
    assert refused.value.code == "unknown-key"
    assert list(HeldPolicy.objects.values_list("version", flat=True)) == [1]
    assert policy_held().threshold == 5


def test_nothing_is_drafted_before_the_node_holds_a_policy(federation: Federation) -> None:
    with pytest.raises(ContractError) as refused:
        statistics_round(today=TODAY)
    assert refused.value.code == "no-policy"
    assert Release.objects.count() == 0


def test_the_periods_due_are_those_that_have_ended() -> None:
    assert periods_due(dt.date(2026, 8, 3), months_back=2) == ["2026-06", "2026-Q2", "2026-07"]
    assert periods_due(dt.date(2027, 1, 1), months_back=1) == ["2026-12", "2026-Q4", "2026"]


def test_a_round_drafts_the_periods_due_and_leaves_them_for_a_supervisor(federation: Federation) -> None:
    _register()
    policy_refresh(client=FakeHub(federation.hub_key))
    report = statistics_round(today=TODAY, months_back=1)
    assert (report.drafted, report.approved, report.failed) == (["2026-07"], [], {})
    assert Release.objects.get().status == ReleaseStatus.DRAFT
    assert OutboxMessage.objects.filter(type="statistics.data_value_set").count() == 0
    # Nothing changed: the next round keeps the draft as it is.
    again = statistics_round(today=TODAY, months_back=1)
    assert again.drafted == ["2026-07"]
    assert Release.objects.count() == 1


def test_a_node_told_to_approves_its_drafts_on_its_own(federation: Federation) -> None:
    _register()
    supervisor = actor(StaffRole.SUPERVISOR)
    policy_refresh(client=FakeHub(federation.hub_key))
    report = statistics_round(today=TODAY, months_back=1, approve_as=supervisor.user.username)
    assert report.approved == ["2026-07"]
    assert Release.objects.get().status == ReleaseStatus.RELEASED
    assert OutboxMessage.objects.filter(type="statistics.data_value_set").count() == 1


def test_the_supervisor_sees_the_tables_as_they_will_leave_and_approves_them(federation: Federation) -> None:
    _register()
    policy_refresh(client=FakeHub(federation.hub_key))
    statistics_round(today=TODAY, months_back=1)
    release = Release.objects.get()
    caseworker, supervisor = actor(StaffRole.CASEWORKER), actor(StaffRole.SUPERVISOR)
    client = Client()
    client.force_login(caseworker.user)
    page = client.get(f"/register/statistics/{release.pk}/").content.decode()
    assert "Approve and release" not in page
    refused = client.post(f"/register/statistics/{release.pk}/approve/")
    assert refused.status_code == 403
    assert Release.objects.get().status == ReleaseStatus.DRAFT
    client.force_login(supervisor.user)
    page = client.get(f"/register/statistics/{release.pk}/").content.decode()
    assert "Approve and release" in page
    # Field visits of July: 30, by sex 20 women and 10 men, as computed.
    assert '<td class="num">30</td>' in page
    hidden = sum(1 for c in release.cells if c["conf_status"] != "F")
    assert page.count('class="cell-hidden"') - 2 == hidden  # the legend's two marks besides
    listed = client.get("/register/statistics/").content.decode()
    assert f"<td>{hidden} / {len(release.cells)}</td>" in listed
    response = client.post(f"/register/statistics/{release.pk}/approve/")
    assert response.status_code == 302
    assert Release.objects.get().status == ReleaseStatus.RELEASED
    assert OutboxMessage.objects.filter(type="statistics.data_value_set").count() == 1
    assert "Approve and release" not in client.get(f"/register/statistics/{release.pk}/").content.decode()


def test_only_a_supervisor_computes_a_period_on_demand(federation: Federation) -> None:
    client = Client()
    client.force_login(actor(StaffRole.CASEWORKER).user)
    assert client.post("/register/statistics/compute/", {"period": "2026-07"}).status_code == 403
