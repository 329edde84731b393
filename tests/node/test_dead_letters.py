"""Outbox backoff, dead letters in both directions, and what an operator does with them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from contracts.client import PushResult
from contracts.errors import HubUnavailableError
from contracts.keys import key_id, public_key_text
from node.exchange.dead_letters import dead_letter_retry_inbox
from node.exchange.inbox import PullReport, inbox_accept
from node.exchange.models import InboxMessage, OutboxMessage
from node.exchange.outbox import backoff_delay, outbox_enqueue, outbox_push
from node.exchange.selectors import sync_status
from node.federation.models import Peer, PeerKey
from tests.factories import service_data, signed_service_message
from tests.node.conftest import Federation
from tests.node.fakes import FakeHub


@pytest.fixture
def hub(federation: Federation, settings: Any) -> FakeHub:
    settings.NODE_PUSH_BACKOFF_BASE, settings.NODE_PUSH_BACKOFF_MAX = 1.0, 300.0
    return FakeHub(federation.hub_key)


def _enqueue(count: int) -> list[OutboxMessage]:
    return [outbox_enqueue(message_type="catalogue.service", data=service_data()) for _ in range(count)]


def _refuse(code: str) -> Any:
    def answer(envelopes: list[Any]) -> list[PushResult]:
        rows = OutboxMessage.objects.order_by("sequence")
        return [
            PushResult(
                message_id=str(row.message_id),
                status="refused",
                code=code,
                message=f"refused: {code}",
                receipt=None,
                log_index=None,
            )
            for row in rows[: len(envelopes)]
        ]

    return answer


@given(attempts=st.integers(min_value=0, max_value=200))
def test_backoff_is_jittered_below_an_exponential_ceiling_and_a_cap(attempts: int) -> None:
    delay = backoff_delay(attempts).total_seconds()
    assert 0 <= delay <= min(300.0, 2.0**attempts)


def test_a_failed_push_backs_the_batch_off_and_loses_nothing(hub: FakeHub) -> None:
    _enqueue(3)
    hub.push_answers.append(HubUnavailableError("connection refused"))
    with pytest.raises(HubUnavailableError):
        outbox_push(client=hub)
    rows = list(OutboxMessage.objects.order_by("sequence"))
    assert [r.attempts for r in rows] == [1, 1, 1]
    assert all(
        r.next_attempt_at is not None and r.next_attempt_at <= timezone.now() + dt.timedelta(seconds=2)
        for r in rows
    )
    assert all("hub-unavailable" in r.last_error for r in rows)
    # Not due yet: a push right away sends nothing (and asks the hub nothing).
    OutboxMessage.objects.update(next_attempt_at=timezone.now() + dt.timedelta(minutes=1))
    assert outbox_push(client=hub).batches == 0
    assert len(hub.pushed) == 1
    assert sync_status().outbox_pending == 3


def test_a_message_refused_for_good_becomes_a_dead_letter_and_an_operator_can_send_it_again(
    hub: FakeHub,
) -> None:
    [row] = _enqueue(1)
    hub.push_answers.append(_refuse("unknown-recipient"))
    report = outbox_push(client=hub)
    assert (report.dead, report.sent) == (1, 0)
    row.refresh_from_db()
    assert (row.dead_code, row.sent_at) == ("unknown-recipient", None)
    status = sync_status()
    assert (status.outbox_dead, status.outbox_pending) == (1, 0)
    with pytest.raises(CommandError, match="1 outgoing and 0 incoming dead letter"):
        call_command("dead_letters")
    call_command("dead_letters", "--retry-outbox", str(row.message_id))
    row.refresh_from_db()
    fresh = OutboxMessage.objects.exclude(pk=row.pk).get()
    assert row.resolution == f"retried as {fresh.message_id}"
    assert (fresh.sequence, fresh.dead_at) == (row.sequence + 1, None)
    assert sync_status().outbox_dead == 0


def test_a_key_the_hub_does_not_list_yet_is_retried_later_not_dead(hub: FakeHub) -> None:
    _enqueue(1)
    hub.push_answers.append(_refuse("unknown-key"))
    assert outbox_push(client=hub).refused == 1
    row = OutboxMessage.objects.get()
    assert row.dead_at is None
    assert row.next_attempt_at is not None


def test_discarding_a_dead_letter_needs_a_reason_and_keeps_the_record(hub: FakeHub) -> None:
    [row] = _enqueue(1)
    hub.push_answers.append(_refuse("schema-violation"))
    outbox_push(client=hub)
    with pytest.raises(CommandError, match="--note"):
        call_command("dead_letters", "--discard-outbox", str(row.message_id))
    call_command(
        "dead_letters", "--discard-outbox", str(row.message_id), "--note", "entry deleted by mistake"
    )
    row.refresh_from_db()
    assert row.resolution == "discarded: entry deleted by mistake"
    with pytest.raises(CommandError, match="not-a-dead-letter"):
        call_command("dead_letters", "--retry-outbox", str(row.message_id))


def test_a_message_from_a_peer_not_yet_in_the_directory_is_a_dead_letter_until_retried(
    federation: Federation,
) -> None:
    newcomer = Ed25519PrivateKey.generate()
    pulled = federation.pulled(signed_service_message(key=newcomer, source="MK-BUTEL"))
    inbox_accept(pulled, PullReport())
    assert InboxMessage.objects.get().status == "rejected"
    assert sync_status().inbox_dead == 1
    # The directory now lists the key (as after a refresh): the retry verifies and applies it.
    PeerKey.objects.create(
        peer=Peer.objects.get(code="MK-BUTEL"),
        keyid=key_id(newcomer.public_key()),
        public_key=public_key_text(newcomer.public_key()),
        status="active",
    )
    row = dead_letter_retry_inbox(log_index=pulled.log_index)
    assert (row.status, sync_status().inbox_dead) == ("applied", 0)


def test_a_message_backing_off_holds_back_every_later_one_so_order_is_kept(hub: FakeHub) -> None:
    rows = _enqueue(3)
    OutboxMessage.objects.filter(pk=rows[1].pk).update(
        next_attempt_at=timezone.now() + dt.timedelta(minutes=1)
    )
    sent: list[int] = []

    def accept_none(envelopes: list[Any]) -> list[PushResult]:
        sent.append(len(envelopes))
        return []

    hub.push_answers.append(accept_none)
    outbox_push(client=hub)
    assert sent == [1]  # only #1: #3 must not overtake #2


def test_the_admin_front_page_shows_the_sync_status_with_dead_letters(
    hub: FakeHub, admin_client: Any
) -> None:
    _enqueue(2)
    hub.push_answers.append(_refuse("schema-violation"))
    outbox_push(client=hub)
    page = admin_client.get("/admin/").content.decode()
    assert "Sync with the hub" in page
    assert "<strong>2 / 0</strong>" in page
