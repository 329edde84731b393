"""The node checks the hub's log against a hub faked here, one that can rewrite its history."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError

from contracts.control import CONTROL_VERSION, RECEIPT_TYPE, TREE_HEAD_TYPE, Receipt, TreeHead
from contracts.envelope import seal_envelope
from contracts.log import (
    ConsistencyProof,
    InclusionProof,
    SubtreeHash,
    consistency_path,
    inclusion_path,
    leaf_hash,
    root_of,
    subtrees_of,
)
from node.exchange.log_services import log_check
from node.exchange.models import LogAlarm, OutboxMessage, TreeHeadSeen
from node.exchange.selectors import sync_status
from tests.node.conftest import Federation


class FakeHub:
    """The hub's log: receipts as entries, signed tree heads, RFC 9162 proofs."""

    def __init__(self, hub_key: Ed25519PrivateKey) -> None:
        self.hub_key = hub_key
        self.entries: list[bytes] = []
        # What a hub that lies (or a link that corrupts) does to a proof before serving it.
        self.alter_inclusion: Callable[[InclusionProof], InclusionProof] = lambda proof: proof
        self.alter_consistency: Callable[[ConsistencyProof], ConsistencyProof] = lambda proof: proof

    def log(self, message_id: uuid.UUID, sequence: int) -> tuple[int, bytes]:
        entry = (
            Receipt(
                message_id=message_id,
                source="MK-BUTEL",
                sequence=sequence,
                payload_sha256=hashlib.sha256(str(message_id).encode()).hexdigest(),
                log_index=len(self.entries) + 1,
                received_at=dt.datetime.now(dt.UTC),
            )
            .model_dump_json()
            .encode()
        )
        self.entries.append(entry)
        receipt = seal_envelope(
            message_type=RECEIPT_TYPE, version=CONTROL_VERSION, payload=entry, key=self.hub_key
        )
        return len(self.entries), receipt.to_bytes()

    def _tree(self) -> SubtreeHash:
        return subtrees_of([leaf_hash(entry) for entry in self.entries])

    def tree_head(self) -> dict[str, Any]:
        head = TreeHead(
            tree_size=len(self.entries), root_hash=root_of(self.entries), timestamp=dt.datetime.now(dt.UTC)
        )
        return seal_envelope(
            message_type=TREE_HEAD_TYPE,
            version=CONTROL_VERSION,
            payload=head.model_dump_json().encode(),
            key=self.hub_key,
        ).to_wire()

    def inclusion_proof(self, *, log_index: int, tree_size: int) -> InclusionProof:
        path = inclusion_path(leaf_index=log_index - 1, tree_size=tree_size, subtree=self._tree())
        return self.alter_inclusion(
            InclusionProof(
                leaf_index=log_index - 1, tree_size=tree_size, inclusion_path=tuple(h.hex() for h in path)
            )
        )

    def consistency_proof(self, *, first: int, second: int) -> ConsistencyProof:
        path = consistency_path(first=first, second=second, subtree=self._tree())
        return self.alter_consistency(
            ConsistencyProof(first=first, second=second, consistency_path=tuple(h.hex() for h in path))
        )


@pytest.fixture
def hub(federation: Federation, monkeypatch: pytest.MonkeyPatch) -> FakeHub:
    fake = FakeHub(federation.hub_key)
    monkeypatch.setattr("node.exchange.log_services.hub_client", lambda: fake)
    return fake


def _sent(hub: FakeHub, count: int) -> None:
    start = OutboxMessage.objects.count()
    for sequence in range(start + 1, start + count + 1):
        message_id = uuid.uuid4()
        index, receipt = hub.log(message_id, sequence)
        OutboxMessage.objects.create(
            message_id=message_id,
            sequence=sequence,
            type="catalogue.service",
            version="1.2",
            envelope=b"{}",
            sent_at=dt.datetime.now(dt.UTC),
            log_index=index,
            receipt=receipt,
        )


def test_the_node_proves_each_message_it_sent_is_in_the_log_and_keeps_each_head(hub: FakeHub) -> None:
    _sent(hub, 5)
    report = log_check()
    assert (report.tree_size, report.proven, report.alarm) == (5, 5, "")
    _sent(hub, 3)
    report = log_check()
    assert (report.tree_size, report.proven, report.alarm) == (8, 3, "")
    assert list(TreeHeadSeen.objects.values_list("tree_size", flat=True).order_by("tree_size")) == [5, 8]
    assert not OutboxMessage.objects.filter(included_at__isnull=True).exists()


def test_a_hub_that_rewrote_an_already_published_entry_raises_the_alarm(hub: FakeHub) -> None:
    _sent(hub, 6)
    assert log_check().alarm == ""
    # The hub rewrites entry 3, already covered by a head this node accepted, and grows on.
    hub.entries[2] = hub.entries[2].replace(b'"sequence":3', b'"sequence":33')
    _sent(hub, 2)
    report = log_check()
    assert report.alarm == "log-inconsistent"
    alarm = LogAlarm.objects.get()
    assert "does not extend" in alarm.message
    assert set(alarm.evidence) == {"accepted_head", "new_head"}
    assert TreeHeadSeen.objects.order_by("-tree_size").first().tree_size == 6  # type: ignore[union-attr]
    assert sync_status().log_alarms[0]["code"] == "log-inconsistent"
    # Checking stops until an operator acknowledges; the command lists the alarm and fails.
    assert log_check().alarm.startswith("an alarm is open")
    with pytest.raises(CommandError, match="1 open alarm"):
        call_command("log_alarms")
    call_command("log_alarms", "--acknowledge")
    assert sync_status().log_alarms == []


def test_a_hub_that_shrank_its_log_or_changed_a_root_raises_the_alarm(hub: FakeHub) -> None:
    _sent(hub, 4)
    log_check()
    hub.entries.pop()
    assert log_check().alarm == "log-inconsistent"
    assert "shrank from 4 to 3" in LogAlarm.objects.get().message


def test_a_receipt_the_log_does_not_hold_raises_the_alarm(hub: FakeHub) -> None:
    _sent(hub, 3)
    # The hub receipted message 2, then logged something else at its index before any head.
    hub.entries[1] = b'{"forged": true}'
    report = log_check()
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
    log_check()
    _sent(hub, 4)
    hub.alter_consistency = alteration
    assert log_check().alarm == "log-inconsistent"
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
    report = log_check()
    assert (report.alarm, report.proven) == ("bad-log-proof", 1)
    assert reason in LogAlarm.objects.get().message
    assert OutboxMessage.objects.filter(included_at__isnull=True).count() == 4
