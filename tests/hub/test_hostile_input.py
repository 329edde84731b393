"""Hostile input to the hub: each class is answered with its coded JSON error, never a 5xx, and
stores nothing. The node's side is tests/node/test_hostile_input.py."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from django.test import Client

from contracts.envelope import b64_decode, seal_envelope
from hub.exchange.models import Message
from hub.federation.models import RequestNonce
from tests.factories import signed_headers, signed_service_message
from tests.hub.conftest import NodeClient

pytestmark = pytest.mark.django_db
PUSH = "/api/v1/messages"
PULL = "/api/v1/messages?after=0"


def _answer(response: Any) -> tuple[int, str]:
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"code", "message", "detail"}, body
    return response.status_code, body["code"]


def _with_params(butel: NodeClient, params: str) -> dict[str, str]:
    """Signed headers whose Signature-Input carries ``params`` instead of the real ones."""
    headers = signed_headers(method="GET", path=PULL, body=b"", key=butel.key)
    components = headers["Signature-Input"].split(";", 1)[0]
    return headers | {"Signature-Input": f"{components};{params}"}


def _batch(*envelopes: Any) -> bytes:
    return json.dumps({"messages": [e.to_wire() if hasattr(e, "to_wire") else e for e in envelopes]}).encode()


# --- an absurd timestamp in the request-signature parameters, before authentication ---------


@pytest.mark.parametrize(
    ("created", "expected"),
    [
        ("99999999999999999999", (401, "bad-request-signature")),  # more digits than RFC 8941 allows
        ("999999999999999", (401, "stale-request")),  # beyond any date a datetime holds
        ("-999999999999999", (401, "stale-request")),
        ("-1", (401, "stale-request")),
        ("1.5", (401, "bad-request-signature")),
        ('"1700000000"', (401, "bad-request-signature")),
        ("?1", (401, "bad-request-signature")),
    ],
)
def test_it_refuses_an_absurd_created_time_in_the_request_signature(
    butel: NodeClient, created: str, expected: tuple[int, str]
) -> None:
    headers = _with_params(
        butel, f'created={created};nonce="abcdefghijkl";keyid="{butel.keyid}";tag="socialhub"'
    )
    assert _answer(Client().get(PULL, headers=headers)) == expected
    assert not RequestNonce.objects.exists()


# --- very deeply nested JSON in a signed body -------------------------------------------------


def test_it_refuses_very_deeply_nested_json_in_a_signed_body(butel: NodeClient) -> None:
    body = b'{"messages":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert _answer(butel.post(PUSH, body)) == (400, "json-too-deep")
    assert not Message.objects.exists()


def test_it_refuses_deeply_nested_json_in_an_enrolment() -> None:
    body = b'{"token":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = Client().post("/api/v1/enrol", body, content_type="application/json")
    assert _answer(response) == (400, "json-too-deep")


# --- odd characters in a key id ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("keyid", "expected"),
    [
        ("ed25519:\\u0000", (401, "bad-request-signature")),  # not an RFC 8941 string: refused unparsed
        ("ed25519:\u0000", (401, "bad-request-signature")),
        ("ed25519:é", (401, "bad-request-signature")),
        ("ed25519:" + "A" * 10_000, (401, "bad-request-signature")),
        ("ed25519:" + "A" * 43, (401, "unknown-key")),
    ],
    ids=["escaped-nul", "nul", "non-ascii", "10-kB", "well-formed-but-unknown"],
)
def test_it_refuses_odd_characters_in_the_request_signature_key_id(
    butel: NodeClient, keyid: str, expected: tuple[int, str]
) -> None:
    headers = _with_params(butel, f'created={_now()};nonce="abcdefghijkl";keyid="{keyid}";tag="socialhub"')
    assert _answer(Client().get(PULL, headers=headers)) == expected
    assert not RequestNonce.objects.exists()


@pytest.mark.parametrize(
    ("keyid", "expected"),
    [
        ("ed25519:\u0000", (400, "malformed-envelope")),  # a key id is ed25519:<base64url>
        ("ed25519:ключ", (400, "malformed-envelope")),
        ("ed25519:" + "A" * 10_000, (400, "malformed-envelope")),
    ],
    ids=["nul", "non-ascii", "10-kB"],
)
def test_it_refuses_odd_characters_in_a_message_key_id(
    butel: NodeClient, keyid: str, expected: tuple[int, str]
) -> None:
    wire = signed_service_message(key=butel.key, source="MK-BUTEL").to_wire()
    wire["signatures"] = [{"keyid": keyid, "sig": wire["signatures"][0]["sig"]}]  # type: ignore[index]
    assert _answer(butel.post(PUSH, _batch(wire))) == expected
    assert not Message.objects.exists()


# --- sequence numbers beyond 64 bits ----------------------------------------------------------


@pytest.mark.parametrize("after", ["99999999999999999999", "-1", "1e3", "0x10", ""])
def test_it_refuses_a_pull_cursor_that_is_not_a_cursor(butel: NodeClient, after: str) -> None:
    assert _answer(butel.get(f"/api/v1/messages?after={after}")) == (400, "invalid-cursor")


@pytest.mark.parametrize("name", ["index", "size"])
def test_it_refuses_a_log_index_beyond_64_bits(butel: NodeClient, name: str) -> None:
    query = {"index": "1", "size": "1"} | {name: "99999999999999999999"}
    path = f"/api/v1/log/inclusion-proof?index={query['index']}&size={query['size']}"
    assert _answer(butel.get(path)) == (400, "invalid-log-query")


def test_it_refuses_a_message_sequence_beyond_64_bits(butel: NodeClient) -> None:
    # Signed as a sender that does not check its own sequence would sign it.
    event = json.loads(b64_decode(signed_service_message(key=butel.key, source="MK-BUTEL").payload))
    payload = json.dumps(event | {"sequence": 2**64}).encode()
    version = event["dataversion"]
    envelope = seal_envelope(
        message_type="catalogue.service", version=version, payload=payload, key=butel.key
    )
    assert _answer(butel.post(PUSH, _batch(envelope))) == (422, "schema-violation")
    assert not Message.objects.exists()


# --- list requests with absurd paging, unauthenticated ------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "limit=99999999999999999999",
        "limit=-1",
        "limit=0",
        "limit=ten",
        "offset=99999999999999999999",
        "offset=-5",
    ],
)
def test_it_refuses_absurd_paging_of_the_catalogue(db: None, query: str) -> None:
    assert _answer(Client().get(f"/api/v1/catalogue?{query}")) == (400, "invalid-input")


@pytest.mark.parametrize(
    "query", ["page=99999999999999999999", "page=0", "page=-1", "page=x", "per_page=-1", "per_page=1.5"]
)
def test_it_refuses_absurd_paging_of_the_hsds_lists(db: None, query: str) -> None:
    for path in ("/api/hsds/services", "/api/hsds/organizations", "/api/hsds/taxonomy_terms"):
        assert _answer(Client().get(f"{path}?{query}")) == (400, "invalid-search"), path


def test_it_reads_an_absurd_pull_limit_as_the_most_it_serves(butel: NodeClient) -> None:
    # A member's pull is forgiving: a limit out of range is read as the nearest bound.
    for limit in ("99999999999999999999", "-1", "x"):
        response = butel.get(f"/api/v1/messages?after=0&limit={limit}")
        assert response.status_code == 200, response.content


# --- bodies that are not application/json in UTF-8 ----------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "application/json; charset=latin-1",
        "application/json; charset=utf-16",
        "",
    ],
)
def test_it_refuses_a_signed_push_that_is_not_json_in_utf_8(butel: NodeClient, content_type: str) -> None:
    body = _batch(signed_service_message(key=butel.key, source="MK-BUTEL"))
    headers = signed_headers(method="POST", path=PUSH, body=body, key=butel.key)
    response = Client().generic("POST", PUSH, body, content_type=content_type, headers=headers)
    assert _answer(response) == (415, "unsupported-media-type")
    assert not Message.objects.exists()
    assert not RequestNonce.objects.exists()


@pytest.mark.parametrize(
    "body",
    [b'{"messages": ["\xff\xfe"]}', '{"messages": []}'.encode("utf-16"), b"\xef\xbb\xbf{}"],
    ids=["invalid-utf-8", "utf-16", "byte-order-mark"],
)
def test_it_refuses_a_signed_push_whose_bytes_are_not_utf_8_json(butel: NodeClient, body: bytes) -> None:
    assert _answer(butel.post(PUSH, body)) == (400, "malformed-json")
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("text/plain", b"{}", (415, "unsupported-media-type")),
        ("application/x-www-form-urlencoded", b"token=x", (415, "unsupported-media-type")),
        ("application/json; charset=latin-1", b'{"token": "\xe9"}', (415, "unsupported-media-type")),
        ("application/json", b'{"token": "\xe9"}', (400, "malformed-json")),
    ],
)
def test_it_refuses_an_enrolment_that_is_not_json_in_utf_8(
    db: None, content_type: str, body: bytes, expected: tuple[int, str]
) -> None:
    assert _answer(Client().generic("POST", "/api/v1/enrol", body, content_type=content_type)) == expected


# --- addresses that are not routes ----------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing-here",
        "/api/hsds/services/not-a-uuid",
        "/api/hsds/organizations/123",
        "/api/v2/messages",
    ],
)
def test_an_unknown_api_address_answers_a_coded_json_404(db: None, path: str) -> None:
    assert _answer(Client().get(path)) == (404, "not-found")


def test_a_method_an_address_does_not_answer_is_a_coded_405(db: None) -> None:
    assert _answer(Client().delete("/api/v1/health")) == (405, "method-not-allowed")


def test_an_unknown_page_for_people_stays_an_html_page(db: None) -> None:
    response = Client().get("/no-such-page")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def _now() -> int:
    return int(time.time())


# --- text a database cannot hold ------------------------------------------------------------------


def test_it_refuses_a_sync_report_with_text_no_database_can_hold(butel: NodeClient) -> None:
    report = {"outbox_pending": 0, "outbox_dead": 0, "inbox_dead": 0, "log_alarms": 0}
    body = json.dumps(report | {"last_error": "broken\u0000pipe"}).encode()
    assert _answer(butel.post("/api/v1/sync-report", body)) == (422, "schema-violation")
    [member] = Client().get("/api/v1/sync-status").json()["members"]
    assert member["reported_at"] is None


def test_a_refusal_that_quotes_text_no_database_can_hold_is_kept_escaped(butel: NodeClient) -> None:
    wire = signed_service_message(key=butel.key, source="MK-BUTEL").to_wire()
    wire["payloadType"] = "application/vnd.socialhub.\u0000"
    assert _answer(butel.post(PUSH, _batch(wire)))[0] == 400
    [member] = Client().get("/api/v1/sync-status").json()["members"]
    assert "\x00" not in member["last_refusal"]
    assert member["refused_total"] == 1


# --- requests Django itself finds suspicious ------------------------------------------------------


def test_it_refuses_a_query_with_more_fields_than_it_reads(db: None) -> None:
    query = "&".join(f"origin=MK-{i}" for i in range(2000))
    assert _answer(Client().get(f"/api/v1/catalogue?{query}")) == (400, "bad-request")


def test_it_refuses_a_host_it_does_not_serve_with_a_coded_error(db: None) -> None:
    assert _answer(Client().get("/api/v1/health", HTTP_HOST="evil.example")) == (400, "bad-request")
