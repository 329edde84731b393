"""A message that passes every check but cannot be applied never blocks the ones behind it."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Group

from contracts.cases import TransferAcceptV1
from contracts.errors import ContractError
from contracts.messages import Event
from node.exchange.dead_letters import dead_letter_retry_inbox
from node.exchange.inbox import PullReport, applier_register, inbox_accept_page
from node.exchange.models import InboxMessage
from tests.factories import signed_message
from tests.node.conftest import Federation

POISON = uuid.UUID("00000000-0000-4000-8000-00000000dead")


def _record_each(events: list[Event[Any]]) -> dict[int, ContractError]:
    """An applier that writes one row per event, and fails on the poison as a database would
    on a value it cannot store."""
    for event in events:
        if event.data.transfer_id == POISON:
            Group.objects.create(name=f"half-written {event.id}")
            raise ValueError("integer out of range")
        Group.objects.create(name=str(event.id))
    return {}


@pytest.fixture
def recording_applier() -> Iterator[None]:
    previous = applier_register("case.transfer_accept", _record_each)
    yield
    applier_register("case.transfer_accept", previous)


def _accepts(federation: Federation, transfer_ids: list[uuid.UUID]) -> list[Any]:
    return [
        federation.pulled(
            signed_message(
                key=federation.peer_key,
                source="MK-CAIR",
                message_type="case.transfer_accept",
                data=TransferAcceptV1(transfer_id=transfer_id, accepted_at=dt.datetime.now(dt.UTC)),
                sequence=number,
                recipients=("MK-BUTEL",),
            )
        )
        for number, transfer_id in enumerate(transfer_ids, start=1)
    ]


def test_a_message_that_cannot_be_applied_becomes_a_dead_letter_and_the_rest_of_its_page_is_applied(
    federation: Federation, recording_applier: None
) -> None:
    ids = [uuid.uuid4(), uuid.uuid4(), POISON, uuid.uuid4(), uuid.uuid4()]
    page = _accepts(federation, ids)
    report = PullReport()
    inbox_accept_page(page, report)
    assert (report.applied, report.rejected) == (4, 1)
    rows = {row.log_index: row for row in InboxMessage.objects.all()}
    poison = rows[page[2].log_index]
    assert poison.status == InboxMessage.Status.REJECTED
    assert poison.reason.startswith("apply-failed: Could not be applied: ValueError: integer out of range")
    # The evidence, to check it again later.
    assert json.loads(bytes(poison.envelope)) == page[2].envelope
    assert json.loads(bytes(poison.receipt)) == page[2].receipt
    applied = {str(row.message_id) for row in rows.values() if row.status == InboxMessage.Status.APPLIED}
    # Every other message was applied, and nothing of the poison's half-done work remains.
    assert set(Group.objects.values_list("name", flat=True)) == applied
    assert len(applied) == 4


def test_a_dead_letter_from_a_failed_apply_is_applied_when_retried_after_a_fix(
    federation: Federation, recording_applier: None
) -> None:
    page = _accepts(federation, [POISON])
    inbox_accept_page(page, PullReport())
    assert InboxMessage.objects.get().status == InboxMessage.Status.REJECTED
    applier_register("case.transfer_accept", lambda events: {})  # the fixed applier
    row = dead_letter_retry_inbox(log_index=page[0].log_index)
    assert (row.status, row.reason) == (InboxMessage.Status.APPLIED, "")
