"""The outbox by stream and by bytes, and messages kept until this node applies their type."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

from contracts.errors import BodyTooLargeError, PayloadTooLargeError
from contracts.messages import family_register, family_unregister
from node.exchange.inbox import PullReport, applier_register, inbox_accept_page, inbox_unhandled_replay
from node.exchange.models import InboxMessage, OutboxMessage
from node.exchange.outbox import outbox_enqueue, outbox_push
from node.exchange.selectors import sync_status
from tests.factories import service_data, signed_message, transfer_request_data
from tests.node.conftest import Federation
from tests.node.fakes import FakeHub
from tests.plugins.probe.family import PROBE, ProbeNoteV1


@pytest.fixture
def hub(federation: Federation) -> FakeHub:
    return FakeHub(federation.hub_key)


def _service() -> OutboxMessage:
    return outbox_enqueue(message_type="catalogue.service", data=service_data())


def _case(**data: Any) -> OutboxMessage:
    return outbox_enqueue(
        message_type="case.transfer_request", data=transfer_request_data(**data), recipients=("MK-CAIR",)
    )


def test_each_stream_numbers_its_messages_on_its_own(federation: Federation) -> None:
    rows = [_service(), _case(), _service(), _case()]
    assert [(r.stream, r.sequence) for r in rows] == [
        ("catalogue", 1),
        ("case", 1),
        ("catalogue", 2),
        ("case", 2),
    ]


def test_a_message_larger_than_its_type_allows_is_refused_at_enqueue_and_nothing_is_kept(
    federation: Federation,
) -> None:
    with pytest.raises(PayloadTooLargeError, match="case.transfer_request payload is at most"):
        _case(enc="A" * 1_000_000, sealed="A" * 1_000_000)
    assert OutboxMessage.objects.count() == 0


def test_a_push_is_cut_by_bytes_and_every_message_still_goes_in_order(
    federation: Federation, hub: FakeHub
) -> None:
    rows = [_service() for _ in range(5)]
    hub.push_answers.extend(hub.accepting() for _ in range(5))
    report = outbox_push(client=hub, max_bytes=len(rows[0].envelope) * 2)
    assert (report.sent, hub.pushed) == (5, [2, 2, 1])
    assert all(row.sent_at is not None for row in OutboxMessage.objects.all())


def test_a_stream_waiting_for_the_hub_does_not_hold_back_another(
    federation: Federation, hub: FakeHub, settings: Any
) -> None:
    # A back-off long enough that the case is not due again by the second push, however slow
    # the machine (the default's first wait is about a second).
    settings.NODE_PUSH_BACKOFF_BASE = 600.0
    settings.NODE_PUSH_BACKOFF_MAX = 3600.0
    case = _case()
    services = [_service(), _service()]
    # The hub does not know the case's recipient's key yet (a retryable refusal): only it waits.
    hub.push_answers.append(
        hub.accepting(refuse=lambda e: "unknown-key" if e["type"].startswith("case.") else None)
    )
    hub.push_answers.append(hub.accepting())
    report = outbox_push(client=hub)
    assert report.sent == 2
    waiting = OutboxMessage.objects.get(pk=case.pk)
    assert (waiting.sent_at, waiting.next_attempt_at is not None) == (None, True)
    assert all(OutboxMessage.objects.get(pk=s.pk).sent_at is not None for s in services)
    # A later catalogue message goes out at once, while the case still backs off.
    later = _service()
    hub.push_answers.append(hub.accepting())
    assert outbox_push(client=hub).sent == 1
    assert OutboxMessage.objects.get(pk=later.pk).sent_at is not None
    assert OutboxMessage.objects.get(pk=case.pk).sent_at is None


def test_a_batch_refused_for_its_size_is_sent_again_in_halves(federation: Federation, hub: FakeHub) -> None:
    for _ in range(4):
        _service()
    hub.push_answers.append(BodyTooLargeError("413"))
    hub.push_answers.extend(hub.accepting() for _ in range(3))
    report = outbox_push(client=hub)
    assert (report.sent, report.dead, hub.pushed) == (4, 0, [4, 2, 2])


def test_a_message_refused_alone_for_its_size_is_a_dead_letter_and_the_rest_goes_on(
    federation: Federation, hub: FakeHub
) -> None:
    big, small = _service(), _service()

    hub.push_answers.extend([BodyTooLargeError("413"), BodyTooLargeError("413"), hub.accepting()])
    report = outbox_push(client=hub)
    assert (report.sent, report.dead, hub.pushed) == (1, 1, [2, 1, 1])
    dead = OutboxMessage.objects.get(pk=big.pk)
    assert (dead.dead_code, dead.sent_at) == ("body-too-large", None)
    assert OutboxMessage.objects.get(pk=small.pk).sent_at is not None


# --- messages kept until this node applies their type -------------------------------------------


@pytest.fixture
def probe() -> Iterator[None]:
    family_register(PROBE)
    yield
    applier_register("probe.note", None)
    family_unregister("probe")


def _note(federation: Federation, text: str, sequence: int) -> Any:
    return signed_message(
        key=federation.peer_key,
        source="MK-CAIR",
        message_type="probe.note",
        data=ProbeNoteV1(note_id=uuid.uuid4(), text=text),
        sequence=sequence,
    )


def _accept_page(federation: Federation, *envelopes: Any) -> PullReport:
    report = PullReport()
    inbox_accept_page([federation.pulled(e) for e in envelopes], report)
    return report


def test_a_message_of_a_type_with_no_applier_is_kept_and_applied_once_one_arrives(
    federation: Federation, probe: None
) -> None:
    first, second = _note(federation, "first", 1), _note(federation, "second", 2)
    report = _accept_page(federation, first, second)
    assert (report.applied, report.unhandled, report.rejected) == (0, 2, 0)
    kept = list(InboxMessage.objects.order_by("log_index").values_list("status", "type", "reason"))
    assert [k[:2] for k in kept] == [("unhandled", "probe.note")] * 2
    assert kept[0][2].startswith("no-applier: ")
    status = sync_status()
    assert (status.inbox_unhandled, status.unhandled_types, status.inbox_dead) == (2, ["probe.note"], 0)

    applied: list[str] = []
    applier_register("probe.note", lambda events: applied.extend(e.data.text for e in events) or {})
    replay = inbox_unhandled_replay()
    assert (replay.applied, replay.unhandled, applied) == (2, 0, ["first", "second"])
    assert set(InboxMessage.objects.values_list("status", flat=True)) == {"applied"}
    assert inbox_unhandled_replay().applied == 0  # nothing is applied twice
    assert applied == ["first", "second"]


def test_a_message_of_a_type_this_node_does_not_know_is_kept_until_it_does(federation: Federation) -> None:
    family_register(PROBE)
    try:
        envelope = _note(federation, "from a newer release", 1)
    finally:
        family_unregister("probe")
    # This node's release knows no probe family: the message is kept, named by its envelope.
    report = _accept_page(federation, envelope)
    assert (report.unhandled, report.rejected) == (1, 0)
    row = InboxMessage.objects.get()
    assert (row.status, row.type, row.version) == ("unhandled", "probe.note", "1.0")
    assert row.reason.startswith("unknown-message-type: ")
    assert inbox_unhandled_replay().applied == 0  # still unknown: it stays
    # The upgrade (or the plug-in) arrives.
    family_register(PROBE)
    seen: list[str] = []
    applier_register("probe.note", lambda events: seen.extend(e.data.text for e in events) or {})
    try:
        out = io.StringIO()
        call_command("inbox_unhandled", "--replay", stdout=out)
        assert "applied 1, rejected 0, still unhandled 0" in out.getvalue()
        assert seen == ["from a newer release"]
        assert InboxMessage.objects.get().status == "applied"
    finally:
        applier_register("probe.note", None)
        family_unregister("probe")


def test_a_kept_message_does_not_hold_back_the_messages_after_it(federation: Federation, probe: None) -> None:
    from common.catalogue.models import FederatedService

    data = service_data()
    service = signed_message(
        key=federation.peer_key, source="MK-CAIR", message_type="catalogue.service", data=data
    )
    report = _accept_page(federation, _note(federation, "waits", 1), service)
    assert (report.unhandled, report.applied) == (1, 1)
    assert FederatedService.objects.filter(service_id=data.id).exists()


def test_the_admin_front_page_says_what_waits_for_an_applier(
    federation: Federation, probe: None, admin_client: Any
) -> None:
    _accept_page(federation, _note(federation, "waits", 1))
    page = admin_client.get("/admin/").content.decode()
    assert "<strong>1</strong> (probe.note)" in page


def test_a_change_queues_its_immediate_push_by_name_in_a_process_that_never_imported_the_tasks(
    federation: Federation, django_capture_on_commit_callbacks: Any, caplog: Any
) -> None:
    from celery.signals import before_task_publish

    published: list[str] = []

    def seen(sender: str | None = None, **_: Any) -> None:
        published.append(str(sender))

    before_task_publish.connect(seen, weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            _service()
    finally:
        before_task_publish.disconnect(seen)
    assert published == ["node.exchange.tasks.push_outbox"]
    assert "could not queue an immediate push" not in caplog.text
