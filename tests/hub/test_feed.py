from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid
from typing import Any

import pytest

from contracts.cases import TransferAcceptV1
from contracts.control import Directory, PageSeal, page_digest, read_control
from contracts.envelope import b64_decode
from contracts.log import leaf_hash
from hub.federation.selectors import hub_signing_key
from tests.factories import resolver_for, signed_message, signed_service_message
from tests.hub.conftest import NodeClient, enrolled_node, operator_client

pytestmark = pytest.mark.django_db


def _publish(node: NodeClient, sequence: int, recipients: tuple[str, ...] = ()) -> int:
    if recipients:
        accept = TransferAcceptV1(transfer_id=uuid.uuid4(), accepted_at=dt.datetime.now(dt.UTC))
        envelope = signed_message(
            key=node.key,
            source=node.code,
            message_type="case.transfer_accept",
            data=accept,
            sequence=sequence,
            recipients=recipients,
        )
    else:
        envelope = signed_service_message(key=node.key, source=node.code, sequence=sequence)
    response = node.post("/api/v1/messages", json.dumps({"messages": [envelope.to_wire()]}).encode())
    assert response.status_code == 200, response.content
    return int(response.json()["results"][0]["log_index"])


def test_a_node_pulls_the_messages_of_others_in_log_order_but_never_its_own(
    butel: NodeClient, cair: NodeClient
) -> None:
    first = _publish(butel, 1)
    _publish(cair, 1)
    second = _publish(butel, 2)
    page = cair.get("/api/v1/messages?after=0").json()
    assert [m["log_index"] for m in page["messages"]] == [first, second]
    assert page["next_cursor"] == str(second)
    assert page["has_more"] is False
    assert cair.get(f"/api/v1/messages?after={second}").json()["messages"] == []


def test_a_page_comes_with_the_hubs_one_seal_over_exactly_its_receipts(
    butel: NodeClient, cair: NodeClient
) -> None:
    for sequence in (1, 2, 3):
        _publish(butel, sequence)
    page = cair.get("/api/v1/messages?after=1&limit=5").json()
    seal = read_control(page["seal"], model=PageSeal, resolve_key=resolver_for(hub_signing_key(), "hub"))
    entries = [b64_decode(m["receipt"]["payload"]) for m in page["messages"]]
    assert (seal.member, seal.after, seal.count) == ("MK-CAIR", 1, 2)
    assert seal.receipts_sha256 == page_digest([leaf_hash(entry) for entry in entries])
    assert cair.get("/api/v1/messages?after=3").json()["seal"] is None  # nothing to vouch for


def test_pulling_pages_with_a_cursor_reaches_every_message_once(butel: NodeClient, cair: NodeClient) -> None:
    published = [_publish(butel, i) for i in range(1, 8)]
    seen: list[int] = []
    cursor = "0"
    while True:
        page = cair.get(f"/api/v1/messages?after={cursor}&limit=3").json()
        seen += [m["log_index"] for m in page["messages"]]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == published


def test_a_message_for_named_recipients_reaches_only_them(butel: NodeClient, cair: NodeClient) -> None:
    cucer = enrolled_node("MK-CUCER")
    _publish(butel, 1, recipients=("MK-CAIR",))
    assert len(cair.get("/api/v1/messages?after=0").json()["messages"]) == 1
    assert cucer.get("/api/v1/messages?after=0").json()["messages"] == []


@pytest.mark.parametrize("cursor", ["abc", "-1", "1.5", "9" * 30, ""])
def test_it_refuses_a_malformed_cursor(cair: NodeClient, cursor: str) -> None:
    response = cair.get(f"/api/v1/messages?after={cursor}")
    assert (response.status_code, response.json()["code"]) == (400, "invalid-cursor")


def test_the_directory_is_signed_by_the_hub_and_lists_every_enrolled_member(
    butel: NodeClient, cair: NodeClient
) -> None:
    response = butel.get("/api/v1/directory")
    assert response.status_code == 200
    directory = read_control(
        response.content, model=Directory, resolve_key=resolver_for(hub_signing_key(), "hub")
    )
    assert {m.code: m.keys[0].keyid for m in directory.members} == {
        "MK-BUTEL": butel.keyid,
        "MK-CAIR": cair.keyid,
    }


def test_the_dashboard_lists_members_and_what_they_published(butel: NodeClient, cair: NodeClient) -> None:
    _publish(butel, 1)
    page = operator_client().get("/").content.decode()
    assert "MK-BUTEL" in page
    assert "Бутел" in page
    assert "/static/hub/site.css" in page


def test_statistics_go_to_the_hub_alone(butel: NodeClient, cair: NodeClient) -> None:
    from contracts.control import StatisticsPolicy
    from contracts.statistics import DataValueSetV2
    from hub.statistics.services import policy_in_force

    data = DataValueSetV2(
        period="2026-06",
        org_unit="MK-BUTEL",
        revision=1,
        approved_at=dt.datetime.now(dt.UTC),
        policy=StatisticsPolicy.model_validate(policy_in_force().policy).reference(),
        cells=(),
    )
    envelope = signed_message(
        key=butel.key, source="MK-BUTEL", message_type="statistics.data_value_set", data=data
    )
    response = butel.post("/api/v1/messages", json.dumps({"messages": [envelope.to_wire()]}).encode())
    assert response.json()["results"][0]["status"] == "accepted"
    assert cair.get("/api/v1/messages?after=0").json()["messages"] == []


def test_a_case_message_must_name_exactly_one_recipient(butel: NodeClient, cair: NodeClient) -> None:
    accept = TransferAcceptV1(transfer_id=uuid.uuid4(), accepted_at=dt.datetime.now(dt.UTC))
    envelope = signed_message(
        key=butel.key, source="MK-BUTEL", message_type="case.transfer_accept", data=accept
    )
    response = butel.post("/api/v1/messages", json.dumps({"messages": [envelope.to_wire()]}).encode())
    assert (response.status_code, response.json()["code"]) == (422, "invalid-recipients")


def test_the_cursor_moves_past_a_members_own_messages_at_the_end_of_the_log(
    butel: NodeClient, cair: NodeClient
) -> None:
    from hub.exchange.selectors import sync_overview

    theirs = _publish(cair, 1)
    own = [_publish(butel, i) for i in (1, 2)]
    page = butel.get("/api/v1/messages?after=0").json()
    assert [m["log_index"] for m in page["messages"]] == [theirs]
    assert page["next_cursor"] == str(own[-1])
    butel.get(f"/api/v1/messages?after={page['next_cursor']}")
    lag = {view.code: view.inbox_lag for view in sync_overview()}
    assert lag["MK-BUTEL"] == 0


def test_the_cursor_moves_past_messages_addressed_to_others(butel: NodeClient, cair: NodeClient) -> None:
    cucer = enrolled_node("MK-CUCER")
    last = _publish(butel, 1, recipients=("MK-CAIR",))
    page = cucer.get("/api/v1/messages?after=0").json()
    assert (page["messages"], page["next_cursor"]) == ([], str(last))


def test_a_pull_that_finds_every_waiting_place_taken_answers_at_once(
    butel: NodeClient, cair: NodeClient, settings: Any
) -> None:
    from hub.exchange.waiting import WATCHER

    settings.HUB_LONG_POLL_SLOTS = 1
    holder = threading.Thread(target=WATCHER.wait_beyond, args=(10**9, 4.0), daemon=True)
    holder.start()
    while WATCHER.waiting() == 0:
        time.sleep(0.01)
    page = cair.get("/api/v1/messages?after=0&wait=20").json()
    # The only waiting place is held for four seconds; the pull did not wait for it.
    assert holder.is_alive()
    assert page["messages"] == []
    holder.join()
