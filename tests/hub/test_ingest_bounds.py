"""Attacks on storage: a member signs values no receiver could store, or JSON no parser should
recurse into. The hub refuses each at ingest with its code, and stores nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from contracts.bounds import INT32_MAX, INT64_MAX
from contracts.envelope import b64_decode, b64_encode, seal_envelope
from contracts.limits import MAX_JSON_DEPTH, MAX_PAYLOAD_BYTES
from hub.exchange.models import LogState, MemberSync, Message, MessageRecipient
from tests.factories import service_data, signed_service_message
from tests.hub.conftest import NodeClient

pytestmark = pytest.mark.django_db
PATH = "/api/v1/messages"


def _event(node: NodeClient, **changes: Any) -> dict[str, Any]:
    """A valid catalogue.service 1.2 event from ``node``, as JSON values, with ``changes``."""
    envelope = signed_service_message(key=node.key, source=node.code)
    return json.loads(b64_decode(envelope.payload)) | changes


def _signed(node: NodeClient, payload: bytes, message_type: str = "catalogue.service") -> dict[str, Any]:
    return seal_envelope(
        message_type=message_type,
        version="1.2" if message_type == "catalogue.service" else "1.0",
        payload=payload,
        key=node.key,
    ).to_wire()


def _payload(event: dict[str, Any]) -> bytes:
    # ASCII escapes for everything beyond ASCII: a lone surrogate can only travel as one.
    return json.dumps(event, ensure_ascii=True).encode()


def _push(node: NodeClient, body: bytes) -> tuple[int, str, Any]:
    response = node.post(PATH, body)
    answer = response.json()
    return response.status_code, answer["code"], answer["detail"]


def _batch(*envelopes: dict[str, Any]) -> bytes:
    return json.dumps({"messages": list(envelopes)}).encode()


def _nothing_stored() -> bool:
    return (
        not Message.objects.exists()
        and not MessageRecipient.objects.exists()
        and not LogState.objects.filter(size__gt=0).exists()
    )


def _fields(detail: Any) -> set[str]:
    return {item["field"] for item in detail["results"][0]["detail"]}


def test_it_refuses_a_sequence_beyond_64_bits(butel: NodeClient) -> None:
    envelope = _signed(butel, _payload(_event(butel, sequence=2**64)))
    status, code, detail = _push(butel, _batch(envelope))
    assert (status, code) == (422, "schema-violation")
    assert _fields(detail) == {"sequence"}
    assert _nothing_stored()


def test_it_accepts_and_stores_the_largest_sequence_a_receiver_can_hold(butel: NodeClient) -> None:
    envelope = _signed(butel, _payload(_event(butel, sequence=INT64_MAX)))
    response = butel.post(PATH, _batch(envelope))
    assert response.status_code == 200, response.content
    assert Message.objects.get().sequence == INT64_MAX


def test_it_refuses_a_revision_beyond_what_a_receiver_can_hold(butel: NodeClient) -> None:
    event = _event(butel)
    envelope = _signed(butel, _payload(event | {"data": event["data"] | {"revision": 2**70}}))
    status, code, detail = _push(butel, _batch(envelope))
    assert (status, code) == (422, "schema-violation")
    assert _fields(detail) == {"data.revision"}
    assert _nothing_stored()


def test_it_refuses_a_revision_one_beyond_the_receivers_integer_column(butel: NodeClient) -> None:
    event = _event(butel)
    envelope = _signed(butel, _payload(event | {"data": event["data"] | {"revision": INT32_MAX + 1}}))
    assert _push(butel, _batch(envelope))[:2] == (422, "schema-violation")
    assert _nothing_stored()


def test_it_refuses_a_nul_character_in_a_service_name(butel: NodeClient) -> None:
    event = _event(butel)
    envelope = _signed(butel, _payload(event | {"data": event["data"] | {"name": {"en": "Counsel\x00ling"}}}))
    status, code, detail = _push(butel, _batch(envelope))
    assert (status, code) == (422, "schema-violation")
    assert _fields(detail) == {"data.name.en"}
    assert _nothing_stored()


def test_it_refuses_a_lone_surrogate_in_a_service_name(butel: NodeClient) -> None:
    event = _event(butel)
    envelope = _signed(
        butel, _payload(event | {"data": event["data"] | {"name": {"en": "Counsel\ud800ling"}}})
    )
    status, code, detail = _push(butel, _batch(envelope))
    assert (status, code) == (422, "schema-violation")
    assert [item["rule"] for item in detail["results"][0]["detail"]] == ["json_invalid"]
    assert _nothing_stored()


def test_it_refuses_a_nul_character_in_a_case_recipient(butel: NodeClient, cair: NodeClient) -> None:
    envelope = signed_service_message(key=butel.key, source=butel.code)
    event = json.loads(b64_decode(envelope.payload)) | {
        "type": "case.transfer_accept",
        "dataversion": "1.0",
        "recipients": ["MK-CAIR\x00"],
        "data": {
            "transfer_id": "5f0c4d3e-1c2b-4a59-9e3f-0a1b2c3d4e5f",
            "accepted_at": "2026-11-23T09:00:00Z",
        },
    }
    envelope_wire = _signed(butel, _payload(event), message_type="case.transfer_accept")
    status, code, detail = _push(butel, _batch(envelope_wire))
    assert (status, code) == (422, "schema-violation")
    assert _fields(detail) == {"recipients.0"}
    assert _nothing_stored()


def test_it_refuses_a_body_nested_ten_thousand_deep(butel: NodeClient) -> None:
    body = b'{"messages": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"
    status, code, detail = _push(butel, body)
    assert (status, code) == (400, "json-too-deep")
    assert detail == {"depth": 10_001, "limit": MAX_JSON_DEPTH}
    assert _nothing_stored()


def test_it_refuses_a_signed_payload_nested_ten_thousand_deep(butel: NodeClient) -> None:
    event = _payload(_event(butel)).replace(
        b'"description": {', b'"description": ' + b"[" * 10_000 + b"]" * 10_000 + b', "x": {', 1
    )
    status, code, _ = _push(butel, _batch(_signed(butel, event)))
    assert (status, code) == (400, "json-too-deep")
    assert _nothing_stored()


def test_it_refuses_a_signed_payload_larger_than_the_limit(butel: NodeClient) -> None:
    envelope = _signed(butel, _payload(_event(butel)))
    oversized = envelope | {"payload": b64_encode(b" " * (MAX_PAYLOAD_BYTES + 1))}
    status, code, _ = _push(butel, _batch(oversized))
    assert (status, code) == (413, "payload-too-large")
    assert _nothing_stored()


@pytest.mark.parametrize(
    "keyid",
    ["ed25519:\x00", "ed25519:\ud800", "ed25519:" + "k" * 300],
    ids=["NUL", "lone surrogate", "too long"],
)
def test_it_refuses_a_key_id_that_cannot_be_one_without_looking_it_up(butel: NodeClient, keyid: str) -> None:
    envelope = signed_service_message(key=butel.key, source=butel.code).to_wire()
    envelope["signatures"] = [{"keyid": keyid, "sig": envelope["signatures"][0]["sig"]}]
    body = json.dumps({"messages": [envelope]}, ensure_ascii=True).encode()
    assert _push(butel, body)[:2] == (400, "malformed-envelope")
    assert _nothing_stored()


def test_it_refuses_a_nul_in_a_key_and_names_the_key_in_an_answer_a_node_can_store(butel: NodeClient) -> None:
    event = _event(butel)
    envelope = _signed(butel, _payload(event | {"data": event["data"] | {"name": {"\x00": "Counselling"}}}))
    status, code, detail = _push(butel, _batch(envelope))
    assert (status, code) == (422, "schema-violation")
    assert _fields(detail) == {"data.name.\ufffd.[key]"}
    assert _nothing_stored()


def test_a_good_message_beside_the_hostile_ones_is_still_logged(butel: NodeClient) -> None:
    good = signed_service_message(key=butel.key, source=butel.code, sequence=5).to_wire()
    hostile = _signed(butel, _payload(_event(butel, sequence=2**64)))
    response = butel.post(PATH, _batch(hostile, good))
    assert response.status_code == 200
    assert [(r["status"], r.get("code")) for r in response.json()["results"]] == [
        ("refused", "schema-violation"),
        ("accepted", None),
    ]
    assert list(Message.objects.values_list("sequence", flat=True)) == [5]


@pytest.mark.parametrize(
    ("report", "field"),
    [
        ({"last_error": "pull failed: \x00"}, "last_error"),
        ({"outbox_pending": INT32_MAX + 1}, "outbox_pending"),
        ({"inbox_dead": -1}, "inbox_dead"),
    ],
    ids=["NUL in the last error", "a count beyond 32 bits", "a negative count"],
)
def test_it_refuses_a_sync_report_it_could_not_store(
    butel: NodeClient, report: dict[str, Any], field: str
) -> None:
    body = {"outbox_pending": 0, "outbox_dead": 0, "inbox_dead": 0, "log_alarms": 0} | report
    response = butel.post("/api/v1/sync-report", json.dumps(body).encode())
    assert (response.status_code, response.json()["code"]) == (422, "schema-violation")
    assert [item["field"] for item in response.json()["detail"]] == [field]
    assert not MemberSync.objects.filter(reported_at__isnull=False).exists()


def test_it_refuses_a_sync_report_nested_too_deep(butel: NodeClient) -> None:
    response = butel.post("/api/v1/sync-report", b"[" * 5000 + b"]" * 5000)
    assert (response.status_code, response.json()["code"]) == (400, "json-too-deep")


def test_it_refuses_an_enrolment_nested_too_deep(butel: NodeClient) -> None:
    response = butel.client.post(
        "/api/v1/enrol", b'{"token": ' + b"[" * 5000 + b"]" * 5000 + b"}", content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "json-too-deep")


def test_a_name_at_the_limits_of_storable_text_is_stored(butel: NodeClient) -> None:
    name = {"en": 'Tab\there, 😀, \u2028, \\ " \x7f', "mk": "ѓ" * 300}
    envelope = signed_service_message(key=butel.key, source=butel.code, data=service_data(name=name))
    assert butel.post(PATH, _batch(envelope.to_wire())).status_code == 200
    assert Message.objects.get().envelope == envelope.to_bytes()
