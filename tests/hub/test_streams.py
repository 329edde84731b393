"""Sequences per stream, pages cut by bytes, and the checks of data against envelope at ingest."""

from __future__ import annotations

import json
from typing import Any

import pytest

from contracts.examples import EXAMPLES
from contracts.messages import MESSAGE_TYPES
from hub.exchange.models import Message
from tests.factories import signed_message, signed_service_message, transfer_request_data
from tests.hub.conftest import NodeClient, encryption_key

pytestmark = pytest.mark.django_db
PATH = "/api/v1/messages"


@pytest.fixture(autouse=True)
def cair_key(cair: NodeClient) -> None:
    """MK-CAIR lists the encryption key the example transfer is sealed to."""
    encryption_key(cair, EXAMPLES[("case.transfer_request", "1.0")]["recipient_keyid"])


def _push(node: NodeClient, *envelopes: Any) -> Any:
    return node.post(PATH, json.dumps({"messages": [e.to_wire() for e in envelopes]}).encode())


def _case(node: NodeClient, sequence: int, *, recipient: str = "MK-CAIR", named: str | None = None) -> Any:
    return signed_message(
        key=node.key,
        source=node.code,
        message_type="case.transfer_request",
        data=transfer_request_data(recipient=named or recipient),
        sequence=sequence,
        recipients=(recipient,),
    )


def test_a_source_numbers_each_stream_on_its_own_so_one_family_never_waits_for_another(
    butel: NodeClient, cair: NodeClient
) -> None:
    catalogue = [signed_service_message(key=butel.key, source=butel.code, sequence=n) for n in (1, 2, 3)]
    response = _push(butel, *catalogue, _case(butel, 1))
    assert response.status_code == 200, response.content
    assert [r["status"] for r in response.json()["results"]] == ["accepted"] * 4
    assert sorted(Message.objects.values_list("stream", "sequence")) == [
        ("case", 1),
        ("catalogue", 1),
        ("catalogue", 2),
        ("catalogue", 3),
    ]


def test_within_a_stream_a_sequence_still_only_grows(butel: NodeClient, cair: NodeClient) -> None:
    assert _push(butel, _case(butel, 5)).status_code == 200
    response = _push(butel, _case(butel, 3))
    assert (response.status_code, response.json()["code"]) == (409, "sequence-regression")
    assert "case stream" in response.json()["message"]
    # The catalogue stream of the same source starts where it likes.
    assert (
        _push(butel, signed_service_message(key=butel.key, source=butel.code, sequence=1)).status_code == 200
    )


def test_a_case_message_whose_data_names_another_recipient_than_its_envelope_is_refused(
    butel: NodeClient, cair: NodeClient
) -> None:
    response = _push(butel, _case(butel, 1, recipient="MK-CAIR", named="RS-RUMA"))
    assert (response.status_code, response.json()["code"]) == (422, "data-envelope-mismatch")
    assert Message.objects.count() == 0


def test_a_statistics_set_reported_for_another_municipality_is_refused(butel: NodeClient) -> None:
    data = EXAMPLES[("statistics.data_value_set", "2.0")] | {"org_unit": "MK-CAIR"}
    envelope = signed_message(
        key=butel.key,
        source=butel.code,
        message_type="statistics.data_value_set",
        data=MESSAGE_TYPES["statistics.data_value_set"].versions["2.0"].model_validate(data),
    )
    response = _push(butel, envelope)
    assert (response.status_code, response.json()["code"]) == (422, "data-envelope-mismatch")
    assert Message.objects.count() == 0


def test_a_pulled_page_stops_at_the_byte_bound_and_the_next_page_goes_on_from_there(
    butel: NodeClient, cair: NodeClient, settings: Any
) -> None:
    envelopes = [signed_service_message(key=butel.key, source=butel.code, sequence=n) for n in range(1, 6)]
    assert _push(butel, *envelopes).status_code == 200
    sizes = {m.log_index: len(bytes(m.envelope)) + len(bytes(m.receipt)) for m in Message.objects.all()}
    settings.HUB_MAX_PULL_BYTES = sizes[1] + sizes[2]
    first = cair.get(f"{PATH}?after=0&limit=100").json()
    assert ([m["log_index"] for m in first["messages"]], first["has_more"], first["next_cursor"]) == (
        [1, 2],
        True,
        "2",
    )
    seen = [m["log_index"] for m in first["messages"]]
    cursor = first["next_cursor"]
    while True:
        page = cair.get(f"{PATH}?after={cursor}&limit=100").json()
        seen += [m["log_index"] for m in page["messages"]]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == [1, 2, 3, 4, 5]


def test_an_entry_larger_than_the_byte_bound_still_comes_on_a_page_of_its_own(
    butel: NodeClient, cair: NodeClient, settings: Any
) -> None:
    assert (
        _push(butel, signed_service_message(key=butel.key, source=butel.code, sequence=1)).status_code == 200
    )
    assert (
        _push(butel, signed_service_message(key=butel.key, source=butel.code, sequence=2)).status_code == 200
    )
    settings.HUB_MAX_PULL_BYTES = 10
    page = cair.get(f"{PATH}?after=0&limit=100").json()
    assert ([m["log_index"] for m in page["messages"]], page["has_more"]) == ([1], True)
    page = cair.get(f"{PATH}?after=1&limit=100").json()
    assert ([m["log_index"] for m in page["messages"]], page["has_more"]) == ([2], False)
