"""The node checks the hub's log against a hub faked here, one that can rewrite its history."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from contracts.log import (
    ConsistencyProof,
    InclusionProof,
)
from node.exchange.log_services import log_check
from node.exchange.models import LogAlarm, OutboxMessage, TreeHeadSeen
from node.exchange.selectors import sync_status
from tests.node.conftest import Federation
from tests.node.fakes import FakeHub


@pytest.fixture
def hub(federation: Federation) -> FakeHub:
    return FakeHub(federation.hub_key)


def _sent(hub: FakeHub, count: int) -> None:
    start = OutboxMessage.objects.count()
    for sequence in range(start + 1, start + count + 1):
        message_id = uuid.uuid4()
        index, receipt = hub.log(message_id, sequence)
        OutboxMessage.objects.create(
            message_id=message_id,
            stream="catalogue",
            sequence=sequence,
            type="catalogue.service",
            version="1.2",
            envelope=b"{}",
            sent_at=dt.datetime.now(dt.UTC),
            log_index=index,
            receipt=receipt.to_bytes(),
        )


def test_the_node_proves_each_message_it_sent_is_in_the_log_and_keeps_each_head(hub: FakeHub) -> None:
    _sent(hub, 5)
    report = log_check(client=hub)
    assert (report.tree_size, report.proven, report.alarm) == (5, 5, "")
    _sent(hub, 3)
    report = log_check(client=hub)
    assert (report.tree_size, report.proven, report.alarm) == (8, 3, "")
    assert list(TreeHeadSeen.objects.values_list("tree_size", flat=True).order_by("tree_size")) == [5, 8]
    assert not OutboxMessage.objects.filter(included_at__isnull=True).exists()


def test_a_hub_that_rewrote_an_already_published_entry_raises_the_alarm(hub: FakeHub) -> None:
    _sent(hub, 6)
    assert log_check(client=hub).alarm == ""
    # The hub rewrites entry 3, already covered by a head this node accepted, and grows on.
    hub.entries[2] = hub.entries[2].replace(b'"sequence":3', b'"sequence":33')
    _sent(hub, 2)
    report = log_check(client=hub)
    assert report.alarm == "log-inconsistent"
    alarm = LogAlarm.objects.get()
    assert "does not extend" in alarm.message
    assert set(alarm.evidence) == {"accepted_head", "new_head"}
    assert TreeHeadSeen.objects.order_by("-tree_size").first().tree_size == 6  # type: ignore[union-attr]
    assert sync_status().log_alarms[0]["code"] == "log-inconsistent"
    # Checking stops until an operator acknowledges; the command lists the alarm and fails.
    assert log_check(client=hub).alarm.startswith("an alarm is open")
    with pytest.raises(CommandError, match="1 open alarm"):
        call_command("log_alarms")
    call_command("log_alarms", "--acknowledge")
    assert sync_status().log_alarms == []


def test_a_hub_that_shrank_its_log_or_changed_a_root_raises_the_alarm(hub: FakeHub) -> None:
    _sent(hub, 4)
    log_check(client=hub)
    hub.entries.pop()
    assert log_check(client=hub).alarm == "log-inconsistent"
    assert "shrank from 4 to 3" in LogAlarm.objects.get().message


def test_a_receipt_the_log_does_not_hold_raises_the_alarm(hub: FakeHub) -> None:
    _sent(hub, 3)
    # The hub receipted message 2, then logged something else at its index before any head.
    hub.entries[1] = b'{"forged": true}'
    report = log_check(client=hub)
    assert report.alarm == "bad-log-proof"
    assert "Entry 2 is not in the tree of size 3" in LogAlarm.objects.get().message


def _flip_first(path: tuple[str, ...]) -> tuple[str, ...]:
    return (f"{int(path[0][0], 16) ^ 1:x}{path[0][1:]}", *path[1:])


@pytest.mark.parametrize(
    ("alteration", "reason"),
    [
        (
            lambda p: p.model_copy(update={"consistency_path": _flip_first(p.consistency_path)}),
            "does not extend",
        ),
        (lambda p: p.model_copy(update={"consistency_path": p.consistency_path[:-1]}), "does not extend"),
        (lambda p: p.model_copy(update={"consistency_path": ()}), "is empty"),
        (lambda p: p.model_copy(update={"first": p.first - 1}), "not from 3 to 7"),
    ],
)
def test_a_consistency_proof_tampered_with_raises_the_alarm_and_the_head_is_not_accepted(
    hub: FakeHub, alteration: Callable[[ConsistencyProof], ConsistencyProof], reason: str
) -> None:
    _sent(hub, 3)
    log_check(client=hub)
    _sent(hub, 4)
    hub.alter_consistency = alteration
    assert log_check(client=hub).alarm == "log-inconsistent"
    assert reason in LogAlarm.objects.get().message
    assert list(TreeHeadSeen.objects.values_list("tree_size", flat=True)) == [3]


@pytest.mark.parametrize(
    ("alteration", "reason"),
    [
        (
            lambda p: p.model_copy(update={"inclusion_path": _flip_first(p.inclusion_path)}),
            "does not lead to the root",
        ),
        (
            lambda p: p.model_copy(update={"inclusion_path": (*p.inclusion_path, "00" * 32)}),
            "longer than the tree",
        ),
        (lambda p: p.model_copy(update={"leaf_index": p.leaf_index + 1}), "for entry 3 of 5, not 2 of 5"),
    ],
)
def test_an_inclusion_proof_tampered_with_raises_the_alarm_and_the_message_stays_unproven(
    hub: FakeHub, alteration: Callable[[InclusionProof], InclusionProof], reason: str
) -> None:
    _sent(hub, 5)
    hub.alter_inclusion = lambda p: alteration(p) if p.leaf_index == 1 else p
    report = log_check(client=hub)
    assert (report.alarm, report.proven) == ("bad-log-proof", 1)
    assert reason in LogAlarm.objects.get().message
    assert OutboxMessage.objects.filter(included_at__isnull=True).count() == 4
