"""One projector for every projection of the hub's log: a test-only family and projection
registered here travel through it without any code of the exchange knowing them."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from contracts.errors import ApplyFailedError, ContractError
from contracts.messages import family_register, family_unregister
from hub.exchange.models import ProjectionCursor
from hub.exchange.projections import (
    Logged,
    Projection,
    projection_rebuild,
    projection_register,
    projection_retry,
    projection_run,
    projection_unregister,
    projections_run,
)
from hub.exchange.selectors import projection_dead_letters
from tests.factories import signed_message, signed_service_message
from tests.hub.conftest import NodeClient
from tests.plugins.probe.family import PROBE, ProbeNoteV1

pytestmark = pytest.mark.django_db


class Recorder:
    """A projection that keeps what it applied; a note saying "poison" cannot be applied."""

    def __init__(self) -> None:
        self.applied: list[tuple[int, str]] = []
        self.resets = 0

    def apply(self, message_type: str, entries: list[Logged]) -> dict[int, ContractError]:
        errors: dict[int, ContractError] = {}
        for position, entry in enumerate(entries):
            if entry.event.data.text == "poison":
                errors[position] = ApplyFailedError("cannot apply poison")
            else:
                self.applied.append((entry.log_index, entry.event.data.text))
        return errors

    def reset(self) -> None:
        self.applied.clear()
        self.resets += 1


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    family_register(PROBE)
    recorder = Recorder()
    projection_register(
        Projection(name="probe", types=frozenset({"probe.note"}), apply=recorder.apply, reset=recorder.reset)
    )
    yield recorder
    projection_unregister("probe")
    family_unregister("probe")


def _push(node: NodeClient, *envelopes: Any) -> None:
    response = node.post(
        "/api/v1/messages", json.dumps({"messages": [e.to_wire() for e in envelopes]}).encode()
    )
    assert response.status_code == 200, response.content


def _note(node: NodeClient, text: str, sequence: int) -> Any:
    return signed_message(
        key=node.key,
        source=node.code,
        message_type="probe.note",
        data=ProbeNoteV1(note_id=uuid.uuid4(), text=text),
        sequence=sequence,
    )


def test_a_registered_projection_reads_only_its_types_in_log_order(
    butel: NodeClient, recorder: Recorder
) -> None:
    _push(
        butel,
        _note(butel, "one", 1),
        signed_service_message(key=butel.key, source=butel.code, sequence=1),
        _note(butel, "two", 2),
    )
    report = projection_run(name="probe")
    assert (report.read, report.applied, report.position) == (2, 2, 3)
    assert recorder.applied == [(1, "one"), (3, "two")]
    assert projection_run(name="probe").read == 0  # read once


def test_a_projection_moves_past_entries_of_other_types_to_the_end_of_the_log(
    butel: NodeClient, recorder: Recorder
) -> None:
    _push(butel, *(signed_service_message(key=butel.key, source=butel.code, sequence=n) for n in (1, 2, 3)))
    report = projection_run(name="probe")
    assert (report.read, report.position) == (0, 3)
    assert ProjectionCursor.objects.get(name="probe").position == 3


def test_an_entry_a_projection_cannot_apply_is_its_dead_letter_and_the_rest_is_applied(
    butel: NodeClient, recorder: Recorder
) -> None:
    _push(butel, _note(butel, "before", 1), _note(butel, "poison", 2), _note(butel, "after", 3))
    report = projection_run(name="probe")
    assert (report.applied, report.dead, recorder.applied) == (2, 1, [(1, "before"), (3, "after")])
    [dead] = projection_dead_letters()
    assert (dead.consumer, dead.log_index, dead.code) == ("probe", 2, "apply-failed")
    # The other projections are not concerned: the catalogue has no dead letter of its own.
    projection_run(name="catalogue")
    assert list(projection_dead_letters().values_list("consumer", flat=True)) == ["probe"]
    error = projection_retry(name="probe", log_index=2)
    assert error is not None
    assert error.code == "apply-failed"


def test_one_failing_projection_does_not_stop_the_others(butel: NodeClient, recorder: Recorder) -> None:
    def broken(message_type: str, entries: list[Logged]) -> dict[int, ContractError]:
        raise RuntimeError("a bug in a plug-in")

    projection_register(
        Projection(name="broken", types=frozenset({"probe.note"}), apply=broken, reset=lambda: None)
    )
    try:
        _push(butel, _note(butel, "one", 1))
        reports = projections_run()
        # The plug-in's bug makes a dead letter of its own; the other projections went on.
        assert (reports["broken"].dead, reports["probe"].applied) == (1, 1)
        assert recorder.applied == [(1, "one")]
        assert list(projection_dead_letters().values_list("consumer", "code")) == [("broken", "apply-failed")]
    finally:
        projection_unregister("broken")


def test_a_rebuild_forgets_the_projection_and_reads_the_whole_log_again(
    butel: NodeClient, recorder: Recorder
) -> None:
    _push(butel, _note(butel, "one", 1), _note(butel, "two", 2))
    projection_run(name="probe")
    out = io.StringIO()
    call_command("projections", "--rebuild", "probe", stdout=out)
    assert recorder.resets == 1
    assert recorder.applied == [(1, "one"), (2, "two")]
    assert out.getvalue().startswith(
        "probe: read 2 log entries to index 2: 2 applied, 0 refused, 0 dead letters"
    )
    assert projection_rebuild(name="probe").applied == 2


def test_the_projections_show_in_the_command_the_status_and_the_metrics(
    butel: NodeClient, recorder: Recorder
) -> None:
    _push(butel, _note(butel, "one", 1), _note(butel, "two", 2))
    projection_run(name="probe", page_size=1, max_pages=1)
    out = io.StringIO()
    call_command("projections", stdout=out)
    assert "probe          at         1 of 2  behind       1" in out.getvalue()
    status = Client().get("/api/v1/sync-status").json()
    [probe] = [p for p in status["projections"] if p["name"] == "probe"]
    assert (probe["position"], probe["behind"], probe["applied_total"]) == (1, 1, 1)
    metrics = Client().get("/metrics").content.decode()
    assert 'socialhub_hub_projection_behind{projection="probe"} 1.0' in metrics


def test_rebuilding_a_projection_nobody_registered_is_refused_with_its_code(recorder: Recorder) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not-found: No projection is called 'nowhere'"):
        call_command("projections", "--rebuild", "nowhere")


def test_a_wake_during_a_run_makes_that_run_go_round_again_instead_of_queueing_a_second_writer() -> None:
    import threading

    from hub.exchange.projections import projections_catch_up

    rounds: list[int] = []
    inside, release = threading.Event(), threading.Event()

    def run() -> dict[str, Any]:
        rounds.append(len(rounds) + 1)
        if len(rounds) == 1:
            inside.set()
            assert release.wait(10)
        return {"probe": len(rounds)}

    first: list[Any] = []
    worker = threading.Thread(target=lambda: first.append(projections_catch_up(run=run)))
    worker.start()
    assert inside.wait(10)
    assert projections_catch_up(run=run) is None  # answered at once: the run going takes it on
    release.set()
    worker.join(10)
    assert (rounds, first) == ([1, 2], [{"probe": 2}])
    assert projections_catch_up(run=run) == {"probe": 3}  # nothing going: it runs itself
