from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from contracts.control import Receipt, read_control
from contracts.envelope import (
    Envelope,
    b64_decode,
    parse_envelope,
    seal_envelope,
)
from hub.exchange.models import Message
from hub.federation.models import RequestNonce
from hub.federation.selectors import hub_signing_key
from hub.federation.services import key_revoke
from tests.factories import resolver_for, signed_service_message
from tests.hub.conftest import NodeClient

pytestmark = pytest.mark.django_db
PATH = "/api/v1/messages"


def _batch(*envelopes: Envelope | dict[str, Any]) -> bytes:
    return json.dumps(
        {"messages": [e.to_wire() if isinstance(e, Envelope) else e for e in envelopes]}
    ).encode()


def _refusal(response: Any) -> tuple[int, str]:
    return response.status_code, response.json()["code"]


def test_an_accepted_message_is_logged_and_receipted_by_the_hub(butel: NodeClient) -> None:
    envelope = signed_service_message(key=butel.key, source="MK-BUTEL", sequence=1)
    response = butel.post(PATH, _batch(envelope))
    assert response.status_code == 200, response.content
    [result] = response.json()["results"]
    assert result["status"] == "accepted"
    receipt = read_control(
        result["receipt"], model=Receipt, resolve_key=resolver_for(hub_signing_key(), "hub")
    )
    stored = Message.objects.get()
    assert (receipt.log_index, str(receipt.message_id), receipt.source) == (
        stored.log_index,
        result["message_id"],
        "MK-BUTEL",
    )
    assert parse_envelope(bytes(stored.envelope)).payload == envelope.payload


def test_a_message_sent_twice_is_logged_once_and_answered_as_duplicate(butel: NodeClient) -> None:
    envelope = signed_service_message(key=butel.key, source="MK-BUTEL", sequence=1)
    first = butel.post(PATH, _batch(envelope)).json()["results"][0]
    again = butel.post(PATH, _batch(envelope)).json()["results"][0]
    assert again["status"] == "duplicate"
    assert again["log_index"] == first["log_index"]
    assert Message.objects.count() == 1


def test_it_refuses_a_message_with_a_bad_signature(butel: NodeClient) -> None:
    envelope = signed_service_message(key=butel.key, source="MK-BUTEL")
    other = signed_service_message(key=butel.key, source="MK-BUTEL", sequence=2)
    forged = envelope.model_copy(update={"payload": other.payload})
    assert _refusal(butel.post(PATH, _batch(forged))) == (401, "bad-signature")
    assert Message.objects.count() == 0


def test_it_refuses_a_message_claiming_another_node_as_its_source(
    butel: NodeClient, cair: NodeClient
) -> None:
    # Signed by Butel's key, but the event says it comes from Čair.
    payload = json.loads(signed_service_message(key=butel.key, source="MK-BUTEL").model_dump_json())
    event = json.loads(b64_decode(payload["payload"]))
    event["source"] = "MK-CAIR"
    envelope = seal_envelope(
        message_type="catalogue.service", version="1.2", payload=json.dumps(event).encode(), key=butel.key
    )
    assert _refusal(butel.post(PATH, _batch(envelope))) == (403, "source-mismatch")
    assert Message.objects.count() == 0


def test_it_refuses_to_relay_a_message_signed_by_another_member(butel: NodeClient, cair: NodeClient) -> None:
    envelope = signed_service_message(key=cair.key, source="MK-CAIR")
    assert _refusal(butel.post(PATH, _batch(envelope))) == (403, "source-mismatch")
    assert Message.objects.count() == 0


@pytest.mark.parametrize(
    ("message_type", "version", "code"),
    [
        ("catalogue.recipe", "1.0", "unknown-message-type"),
        ("catalogue.service", "7.0", "unsupported-version"),
    ],
)
def test_it_refuses_an_unknown_type_or_version(
    butel: NodeClient, message_type: str, version: str, code: str
) -> None:
    envelope = seal_envelope(message_type=message_type, version=version, payload=b"{}", key=butel.key)
    assert _refusal(butel.post(PATH, _batch(envelope))) == (422, code)
    assert Message.objects.count() == 0


def test_it_refuses_a_payload_that_violates_its_schema_and_names_the_field(butel: NodeClient) -> None:
    envelope = seal_envelope(
        message_type="catalogue.service", version="1.0", payload=b'{"id": 1}', key=butel.key
    )
    response = butel.post(PATH, _batch(envelope))
    assert _refusal(response) == (422, "schema-violation")
    fields = {d["field"] for d in response.json()["detail"]["results"][0]["detail"]}
    assert {"source", "sequence", "data"} <= fields


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "malformed-json"),
        (b'{"messages": "many"}', 400, "malformed-envelope"),
        (b'{"messages": [{"payloadType": 1}]}', 400, "malformed-envelope"),
    ],
)
def test_it_refuses_a_malformed_body(butel: NodeClient, body: bytes, status: int, code: str) -> None:
    assert _refusal(butel.post(PATH, body)) == (status, code)
    assert Message.objects.count() == 0


def test_it_refuses_a_body_over_the_size_limit(butel: NodeClient, settings: Any) -> None:
    settings.HUB_MAX_BODY_BYTES = 1000
    body = _batch(
        *[signed_service_message(key=butel.key, source="MK-BUTEL", sequence=i) for i in range(1, 6)]
    )
    assert _refusal(butel.post(PATH, body)) == (413, "body-too-large")
    assert Message.objects.count() == 0


def test_it_refuses_a_batch_larger_than_allowed(butel: NodeClient, settings: Any) -> None:
    settings.HUB_MAX_BATCH = 2
    body = _batch(
        *[signed_service_message(key=butel.key, source="MK-BUTEL", sequence=i) for i in range(1, 4)]
    )
    assert _refusal(butel.post(PATH, body)) == (413, "batch-too-large")


def test_a_mixed_batch_accepts_the_valid_messages_and_refuses_each_invalid_one(butel: NodeClient) -> None:
    good = signed_service_message(key=butel.key, source="MK-BUTEL", sequence=1)
    bad = seal_envelope(message_type="catalogue.recipe", version="1.0", payload=b"{}", key=butel.key)
    also_good = signed_service_message(key=butel.key, source="MK-BUTEL", sequence=2)
    response = butel.post(PATH, _batch(good, bad, {"junk": True}, also_good))
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["accepted", "refused", "refused", "accepted"]
    assert [r.get("code") for r in results] == [None, "unknown-message-type", "malformed-envelope", None]
    assert Message.objects.count() == 2


def test_it_refuses_a_second_message_with_the_same_sequence_number(butel: NodeClient) -> None:
    butel.post(PATH, _batch(signed_service_message(key=butel.key, source="MK-BUTEL", sequence=1)))
    clash = signed_service_message(key=butel.key, source="MK-BUTEL", sequence=1)
    assert _refusal(butel.post(PATH, _batch(clash))) == (409, "duplicate-sequence")
    assert Message.objects.count() == 1


def test_it_refuses_a_replayed_request(butel: NodeClient) -> None:
    body = _batch(signed_service_message(key=butel.key, source="MK-BUTEL"))
    assert butel.post(PATH, body, nonce="fixed-nonce-123").status_code == 200
    assert _refusal(butel.post(PATH, body, nonce="fixed-nonce-123")) == (401, "replayed-request")
    assert RequestNonce.objects.count() == 1


def test_it_refuses_a_stale_request(butel: NodeClient) -> None:
    body = _batch(signed_service_message(key=butel.key, source="MK-BUTEL"))
    old = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)
    assert _refusal(butel.post(PATH, body, now=old)) == (401, "stale-request")
    assert Message.objects.count() == 0


def test_it_refuses_an_unsigned_request(butel: NodeClient) -> None:
    body = _batch(signed_service_message(key=butel.key, source="MK-BUTEL"))
    response = butel.client.post(PATH, body, content_type="application/json")
    assert _refusal(response) == (401, "missing-request-signature")


def test_it_refuses_a_node_that_is_not_enrolled(db: None) -> None:
    stranger = NodeClient(Client(), "MK-NOWHERE", Ed25519PrivateKey.generate())
    body = _batch(signed_service_message(key=stranger.key, source="MK-NOWHERE"))
    assert _refusal(stranger.post(PATH, body)) == (401, "unknown-key")
    assert Message.objects.count() == 0


def test_it_refuses_requests_and_messages_signed_with_a_revoked_key(butel: NodeClient) -> None:
    key_revoke(keyid=butel.keyid)
    body = _batch(signed_service_message(key=butel.key, source="MK-BUTEL"))
    assert _refusal(butel.post(PATH, body)) == (401, "revoked-key")
    assert Message.objects.count() == 0


def test_bad_input_never_gets_a_server_error(butel: NodeClient) -> None:
    bodies = [b"", b"null", b"[]", b'{"messages": [null, 1, "x", []]}', b"\xff\xfe", b'{"messages": [{}]}']
    for body in bodies:
        assert 400 <= butel.post(PATH, body).status_code < 500, body


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.one_of(
        st.binary(max_size=200),
        _json_values.map(lambda v: json.dumps(v).encode()),
        st.lists(
            st.fixed_dictionaries(
                {
                    "payloadType": st.text(max_size=80),
                    "payload": st.text(max_size=80),
                    "signatures": _json_values,
                }
            ),
            max_size=3,
        ).map(lambda messages: json.dumps({"messages": messages}).encode()),
    )
)
# Found by this test: a non-list "signatures" once crashed the bulk key look-up.
@example(body=b'{"messages": [{"payloadType": "", "payload": "", "signatures": true}]}')
def test_no_body_a_member_can_send_makes_the_hub_fail_or_store_anything(
    butel: NodeClient, body: bytes
) -> None:
    response = butel.post(PATH, body)
    if response.status_code == 200:  # an empty batch is answered with no results
        assert response.json() == {"results": []}, body
    else:
        assert 400 <= response.status_code < 500, (body, response.content)
        assert set(response.json()) == {"code", "message", "detail"}
    assert Message.objects.count() == 0


def test_the_same_message_twice_in_one_batch_is_logged_once(butel: NodeClient) -> None:
    envelope = signed_service_message(key=butel.key, source="MK-BUTEL", sequence=1)
    results = butel.post(PATH, _batch(envelope, envelope)).json()["results"]
    assert [r["status"] for r in results] == ["accepted", "duplicate"]
    assert results[0]["log_index"] == results[1]["log_index"]
    assert Message.objects.count() == 1


def test_two_messages_with_one_sequence_number_in_a_batch_keep_only_the_first(butel: NodeClient) -> None:
    first = signed_service_message(key=butel.key, source="MK-BUTEL", sequence=4)
    second = signed_service_message(key=butel.key, source="MK-BUTEL", sequence=4)
    results = butel.post(PATH, _batch(first, second)).json()["results"]
    assert [(r["status"], r.get("code")) for r in results] == [
        ("accepted", None),
        ("refused", "duplicate-sequence"),
    ]


def test_the_hub_accepts_a_message_from_a_node_one_minor_version_behind(butel: NodeClient) -> None:
    envelope = signed_service_message(key=butel.key, source="MK-BUTEL", version="1.0")
    response = butel.post(PATH, _batch(envelope))
    assert response.json()["results"][0]["status"] == "accepted"
    assert Message.objects.get().version == "1.0"
