"""A node whose jobs are failing, or whose worker or beat is silent, says so itself."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from node.exchange.activity_services import activity, process_seen
from node.exchange.tasks import pull_inbox
from tests.node.conftest import Federation


def test_a_pull_that_cannot_reach_the_hub_shows_as_failing_with_its_error_and_attempts(
    federation: Federation, settings: Any
) -> None:
    settings.NODE_PULL_WAIT = 0
    pull_inbox()  # the hub of this test's enrolment is nowhere (a closed loopback port)
    pull_inbox()
    status = Client().get("/api/v1/status").json()
    [pull] = [a for a in status["activities"] if a["name"] == "pull"]
    assert pull["attempts"] == 2
    assert pull["failing_since"] is not None
    assert pull["last_error"].startswith("hub-unavailable: ")
    assert status["healthy"] is False
    assert any(problem.startswith("pull failing since ") for problem in status["problems"])
    metrics = Client().get("/metrics").content.decode()
    assert 'socialhub_node_activity_failures{activity="pull"} 2.0' in metrics
    assert "socialhub_node_healthy 0.0" in metrics


def test_a_job_that_works_again_clears_its_failure(federation: Federation) -> None:
    with pytest.raises(RuntimeError), activity("push"):
        raise RuntimeError("disk full")
    with activity("push"):
        pass
    status = Client().get("/api/v1/status").json()
    [push] = [a for a in status["activities"] if a["name"] == "push"]
    assert (push["failing_since"], push["attempts"], push["last_error"]) == (None, 0, "")
    assert push["last_ok_at"] is not None


def test_a_worker_or_beat_not_heard_from_is_shown_as_stale(federation: Federation) -> None:
    status = Client().get("/api/v1/status").json()
    assert {p["kind"]: p["stale"] for p in status["processes"]} == {"worker": True, "beat": True}
    assert "beat not heard from yet" in status["problems"]
    process_seen(kind="worker")
    process_seen(kind="beat")
    status = Client().get("/api/v1/status").json()
    assert {p["kind"]: p["stale"] for p in status["processes"]} == {"worker": False, "beat": False}
    assert status["healthy"] is True
    assert status["problems"] == []
