from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.factories import signed_service_message
from tests.hub.conftest import NodeClient, operator_client

pytestmark = pytest.mark.django_db


def _push(node: NodeClient, *sequences: int) -> None:
    envelopes = [signed_service_message(key=node.key, source=node.code, sequence=s) for s in sequences]
    node.post("/api/v1/messages", json.dumps({"messages": [e.to_wire() for e in envelopes]}).encode())


def _member(code: str) -> dict[str, object]:
    [member] = [m for m in Client().get("/api/v1/sync-status").json()["members"] if m["code"] == code]
    return member


def test_the_status_shows_what_each_member_published_was_refused_and_has_not_pulled(
    butel: NodeClient, cair: NodeClient
) -> None:
    _push(butel, 1, 2, 3)
    _push(butel, 2)  # going backwards: refused
    cair.get("/api/v1/messages?after=1")
    butel_status, cair_status = _member("MK-BUTEL"), _member("MK-CAIR")
    assert (butel_status["accepted_total"], butel_status["refused_total"]) == (3, 1)
    assert str(butel_status["last_refusal"]).startswith("duplicate-sequence")
    assert (cair_status["cursor"], cair_status["inbox_lag"]) == (1, 2)
    assert cair_status["outbox_pending"] is None  # nothing reported yet


def test_a_node_reports_its_backlog_dead_letters_and_alarms(butel: NodeClient) -> None:
    report = {
        "outbox_pending": 4,
        "outbox_dead": 1,
        "inbox_dead": 0,
        "log_alarms": 0,
        "last_error": "push: timeout",
    }
    assert butel.post("/api/v1/sync-report", json.dumps(report).encode()).status_code == 204
    status = _member("MK-BUTEL")
    assert (status["outbox_pending"], status["outbox_dead"], status["last_error"]) == (4, 1, "push: timeout")
    response = butel.post("/api/v1/sync-report", json.dumps(report | {"outbox_pending": -1}).encode())
    assert (response.status_code, response.json()["code"]) == (422, "schema-violation")
    assert _member("MK-BUTEL")["outbox_pending"] == 4


def test_prometheus_metrics_expose_the_log_and_every_member(butel: NodeClient, cair: NodeClient) -> None:
    _push(butel, 1, 2)
    cair.get("/api/v1/messages?after=0")
    response = Client().get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "socialhub_log_entries 2.0" in text
    assert 'socialhub_member_accepted_total{member="MK-BUTEL"} 2.0' in text
    assert 'socialhub_member_inbox_lag{member="MK-CAIR"} 2.0' in text


def test_the_dashboard_shows_members_with_their_lag(butel: NodeClient, cair: NodeClient) -> None:
    _push(butel, 1)
    page = operator_client().get("/").content.decode()
    assert "MK-CAIR" in page
    assert "Inbox lag" in page


def test_the_operator_dashboard_is_for_staff_and_the_ministry_is_refused_it(butel: NodeClient) -> None:
    from django.contrib.auth.models import User

    from tests.hub.conftest import ministry_user

    anonymous = Client().get("/")
    assert (anonymous.status_code, anonymous["Location"]) == (302, "/admin/login/?next=/")
    ministry = Client()
    ministry.force_login(ministry_user())
    refused = ministry.get("/")
    assert refused.status_code == 403
    assert "MK-BUTEL" not in refused.content.decode()
    clerk = Client()
    clerk.force_login(User.objects.create_user("clerk", password="pw-clerk"))
    assert clerk.get("/").status_code == 403
    page = operator_client().get("/")
    assert page.status_code == 200
    assert 'href="/ministry/"' in page.content.decode()
