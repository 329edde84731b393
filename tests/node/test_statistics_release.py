"""A period's release: a draft computed and protected from the register, kept while nothing
changes, replaced while it is a draft; approved by a supervisor alone, exactly as shown, into
the outbox as statistics.data_value_set 2.0; once approved, locked, and a change of the register
makes the next revision, which keeps hidden what the first hid."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest

from contracts.control import StatisticsPolicy
from contracts.errors import ContractError
from contracts.statistics import DataValueSetV2
from node.exchange.models import OutboxMessage
from node.register.models import FieldVisit, Person, StaffRole
from node.statistics.models import Release, ReleaseStatus
from node.statistics.services import release_approve, release_draft
from tests.node.conftest import Federation
from tests.node.register_factories import PersonFactory, actor

pytestmark = pytest.mark.django_db

POLICY = StatisticsPolicy(version=1, issued_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
JUNE = "2026-06"


def _visit(person: Person, day: dt.date = dt.date(2026, 6, 5)) -> None:
    FieldVisit.objects.create(
        person=person, date=day, team=person.team, settlement=person.settlement, consent_to_record=True
    )


def _register(people: int = 30) -> None:
    for n in range(people):
        _visit(PersonFactory(sex="female" if n % 3 else "male", risk_types=["poverty"]))


def _code(call: Any) -> str:
    with pytest.raises(ContractError) as refused:
        call()
    return refused.value.code


def _sent() -> list[dict[str, Any]]:
    sent = []
    for row in OutboxMessage.objects.filter(type="statistics.data_value_set"):
        payload = json.loads(bytes(row.envelope))["payload"]
        sent.append(json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4))))
    return sent


def test_a_draft_stands_while_nothing_changes_and_is_replaced_while_it_is_a_draft(
    federation: Federation,
) -> None:
    _register()
    first = release_draft(period=JUNE, policy=POLICY)
    assert (first.revision, first.status) == (1, ReleaseStatus.DRAFT)
    assert release_draft(period=JUNE, policy=POLICY).computed_at == first.computed_at
    _visit(PersonFactory(sex="male", risk_types=["poverty"]))
    again = release_draft(period=JUNE, policy=POLICY)
    assert (again.pk, again.revision) == (first.pk, 1)
    assert again.raw_digest != first.raw_digest
    assert Release.objects.count() == 1
    assert _sent() == []


def test_a_supervisor_approves_and_the_set_leaves_exactly_as_shown(federation: Federation) -> None:
    _register()
    draft = release_draft(period=JUNE, policy=POLICY)
    supervisor = actor(StaffRole.SUPERVISOR)
    released = release_approve(actor=supervisor, release_id=draft.pk)
    assert released.status == ReleaseStatus.RELEASED
    assert released.approved_by == supervisor.user
    [message] = _sent()
    data = DataValueSetV2.model_validate(message["data"])
    assert (data.period, data.org_unit, data.revision) == (JUNE, "MK-BUTEL", 1)
    assert data.policy is not None
    assert data.policy.digest == POLICY.digest()
    assert [cell.model_dump(mode="json", exclude_none=True) for cell in data.cells] == [
        {k: v for k, v in cell.items() if v is not None} | {"categories": cell["categories"]}
        for cell in draft.cells
    ]
    assert _code(lambda: release_approve(actor=supervisor, release_id=draft.pk)) == "release-not-draft"
    assert len(_sent()) == 1


def test_only_a_supervisor_approves(federation: Federation) -> None:
    _register()
    draft = release_draft(period=JUNE, policy=POLICY)
    assert (
        _code(lambda: release_approve(actor=actor(StaffRole.CASEWORKER), release_id=draft.pk))
        == "role-not-allowed"
    )
    assert (
        _code(lambda: release_approve(actor=actor(StaffRole.AUDITOR), release_id=draft.pk))
        == "role-not-allowed"
    )
    assert Release.objects.get().status == ReleaseStatus.DRAFT
    assert _sent() == []


def test_a_draft_the_register_changed_under_is_not_approved(federation: Federation) -> None:
    _register()
    draft = release_draft(period=JUNE, policy=POLICY)
    _visit(PersonFactory(sex="male"))
    assert (
        _code(lambda: release_approve(actor=actor(StaffRole.SUPERVISOR), release_id=draft.pk))
        == "release-stale"
    )
    assert Release.objects.get().status == ReleaseStatus.DRAFT
    assert _sent() == []


def test_a_change_after_approval_makes_the_next_revision_which_keeps_hidden_what_the_first_hid(
    federation: Federation,
) -> None:
    _register()
    _visit(PersonFactory(sex="other", risk_types=["poverty"]))  # one person: a small cell
    supervisor = actor(StaffRole.SUPERVISOR)
    first = release_approve(actor=supervisor, release_id=release_draft(period=JUNE, policy=POLICY).pk)
    hidden = {
        (c["indicator"], json.dumps(c["categories"], sort_keys=True))
        for c in first.cells
        if c["value"] is None
    }
    assert hidden
    for _ in range(6):
        _visit(PersonFactory(sex="other", risk_types=["poverty"]))
    second = release_draft(period=JUNE, policy=POLICY)
    assert (second.revision, second.status) == (2, ReleaseStatus.DRAFT)
    still = {
        (c["indicator"], json.dumps(c["categories"], sort_keys=True))
        for c in second.cells
        if c["value"] is None
    }
    assert hidden <= still
    release_approve(actor=supervisor, release_id=second.pk)
    assert [m["data"]["revision"] for m in _sent()] == [1, 2]


def test_a_period_that_is_not_one_or_has_not_begun_is_refused(federation: Federation) -> None:
    assert _code(lambda: release_draft(period="2026-13", policy=POLICY)) == "invalid-period"
    assert (
        _code(lambda: release_draft(period="2026-12", policy=POLICY, today=dt.date(2026, 11, 30)))
        == "invalid-period"
    )
    assert (
        _code(
            lambda: release_approve(
                actor=actor(StaffRole.SUPERVISOR), release_id="00000000-0000-0000-0000-000000000000"
            )
        )
        == "not-found"
    )
    assert Release.objects.count() == 0
