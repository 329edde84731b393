"""Received JSON is measured before any parser sees it: too deep or too large is a coded
refusal, never a RecursionError."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from contracts.client import HubClient
from contracts.control import Receipt, read_control
from contracts.envelope import b64_encode, claimed_keyids, open_envelope, parse_envelope, seal_envelope
from contracts.errors import (
    JSONTooDeepError,
    MalformedEnvelopeError,
    MalformedJSONError,
    PayloadTooLargeError,
)
from contracts.limits import MAX_JSON_DEPTH, MAX_PAYLOAD_BYTES, check_json_depth, json_depth, loads_bounded
from contracts.messages import read_message
from contracts.schema_export import payload_models
from tests.factories import resolver_for

KEY = Ed25519PrivateKey.generate()
RESOLVE = resolver_for(KEY, "MK-BUTEL")


def _nested(depth: int, inner: str = "1") -> str:
    return "[" * depth + inner + "]" * depth


@pytest.mark.parametrize(
    ("raw", "depth"),
    [
        (b"1", 0),
        (b"[]", 1),
        (b'{"a": [1, {"b": []}]}', 4),
        (b'["[[[[", "]]]]", "\\"[[[["]', 1),
        (b'{"a": "\\\\"}', 1),
        (b'["unterminated [[[[[[', 1),
        ('["Бутел", ["😀"]]', 2),
    ],
    ids=["scalar", "empty", "mixed", "brackets in strings", "escaped backslash", "unterminated", "text"],
)
def test_depth_counts_brackets_outside_strings(raw: bytes | str, depth: int) -> None:
    assert json_depth(raw) == depth


# Text full of what a scan could mistake for structure: brackets, quotes, backslashes.
_tricky = st.text(max_size=8) | st.text('[]{}"\\/nu\n', max_size=8)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | _tricky,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_tricky, children, max_size=3),
    max_leaves=20,
)


def _depth_of(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth_of, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth_of, value.values()), default=0)
    return 0


@settings(max_examples=500, deadline=None)
@given(value=_json, ascii_only=st.booleans())
def test_depth_of_any_json_is_the_depth_of_its_value(value: Any, ascii_only: bool) -> None:
    raw = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    assert json_depth(raw) == _depth_of(value)


def test_json_at_the_limit_passes_and_one_level_more_is_refused_with_its_depth() -> None:
    check_json_depth(_nested(MAX_JSON_DEPTH).encode())
    with pytest.raises(JSONTooDeepError, match=f"nests {MAX_JSON_DEPTH + 1} levels") as refused:
        check_json_depth(_nested(MAX_JSON_DEPTH + 1).encode())
    assert refused.value.code == "json-too-deep"
    assert refused.value.detail == {"depth": MAX_JSON_DEPTH + 1, "limit": MAX_JSON_DEPTH}


def test_json_nested_ten_thousand_deep_is_refused_before_the_parser_can_recurse() -> None:
    with pytest.raises(JSONTooDeepError):
        loads_bounded(_nested(10_000).encode() + b"\n" + _nested(100_000).encode())


def test_a_body_that_is_not_json_is_refused_as_malformed() -> None:
    with pytest.raises(MalformedJSONError):
        loads_bounded(b"{nope")
    with pytest.raises(MalformedJSONError):
        loads_bounded(b"\xff\xfe[")


def test_no_payload_any_schema_allows_comes_near_the_depth_limit() -> None:
    def deepest(schema: dict[str, Any], root: dict[str, Any]) -> int:
        if "$ref" in schema:
            return deepest(root["$defs"][schema["$ref"].removeprefix("#/$defs/")], root)
        parts = [deepest(p, root) for key in ("anyOf", "oneOf", "allOf") for p in schema.get(key, ())]
        children = [*schema.get("properties", {}).values(), *schema.get("patternProperties", {}).values()]
        for key in ("items", "additionalProperties"):
            if isinstance(schema.get(key), dict):
                children.append(schema[key])
        nests = schema.get("type") in ("object", "array")
        return max([*parts, nests + max((deepest(c, root) for c in children), default=0)])

    depths = {name: deepest(s := model.model_json_schema(), s) for name, model in payload_models().items()}
    assert max(depths.values()) <= 8 < MAX_JSON_DEPTH, depths


def test_an_envelope_nested_too_deep_is_refused_before_it_is_parsed() -> None:
    raw = b'{"payloadType": "x", "payload": "", "signatures": ' + _nested(40).encode() + b"}"
    with pytest.raises(JSONTooDeepError):
        parse_envelope(raw)


def test_a_signed_payload_nested_too_deep_is_refused_with_json_too_deep() -> None:
    payload = b'{"data": ' + _nested(MAX_JSON_DEPTH + 5).encode() + b"}"
    verified = open_envelope(
        seal_envelope(message_type="catalogue.service", version="1.2", payload=payload, key=KEY),
        resolve_key=RESOLVE,
    )
    with pytest.raises(JSONTooDeepError, match="The payload nests"):
        read_message(verified)


def test_a_hub_statement_nested_too_deep_is_refused_with_json_too_deep() -> None:
    payload = b'{"source": ' + _nested(MAX_JSON_DEPTH + 5).encode() + b"}"
    envelope = seal_envelope(message_type="control.receipt", version="1.0", payload=payload, key=KEY)
    with pytest.raises(JSONTooDeepError, match="control.receipt nests"):
        read_control(envelope.to_bytes(), model=Receipt, resolve_key=RESOLVE)


def test_a_payload_larger_than_the_limit_is_refused_as_too_large_before_decoding() -> None:
    envelope = seal_envelope(message_type="catalogue.service", version="1.2", payload=b"{}", key=KEY)
    wire = envelope.to_wire() | {"payload": b64_encode(b" " * (MAX_PAYLOAD_BYTES + 3))}
    with pytest.raises(PayloadTooLargeError) as refused:
        parse_envelope(json.dumps(wire).encode())
    assert (refused.value.code, refused.value.http_status) == ("payload-too-large", 413)
    with pytest.raises(PayloadTooLargeError):
        parse_envelope(wire)


def test_a_payload_at_the_limit_is_accepted() -> None:
    envelope = seal_envelope(
        message_type="catalogue.service", version="1.2", payload=b" " * MAX_PAYLOAD_BYTES, key=KEY
    )
    assert len(open_envelope(envelope, resolve_key=RESOLVE).payload) == MAX_PAYLOAD_BYTES


@pytest.mark.parametrize(
    "keyid",
    ["ed25519:\x00", "ed25519:\ud800", "key with spaces", "x" * 201, ""],
    ids=["NUL", "lone surrogate", "spaces", "too long", "empty"],
)
def test_a_key_id_that_cannot_be_one_is_never_looked_up(keyid: str) -> None:
    raw = {
        "payloadType": "x",
        "payload": "",
        "signatures": [{"keyid": keyid, "sig": "eA"}, {"keyid": "ed25519:k"}],
    }
    assert claimed_keyids(raw) == {"ed25519:k"}
    with pytest.raises(MalformedEnvelopeError):
        parse_envelope(raw)


class _Answers:
    """A requests session that answers every request with the same bytes."""

    def __init__(self, status: int, body: bytes) -> None:
        self.status, self.body = status, body

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        response = requests.Response()
        response.status_code, response._content = self.status, self.body
        return response


def test_the_client_refuses_an_answer_nested_too_deep_with_json_too_deep() -> None:
    session: Any = _Answers(200, b'{"results": ' + _nested(10_000).encode() + b"}")
    client = HubClient("http://127.0.0.1:1", key=KEY, session=session)
    with pytest.raises(JSONTooDeepError, match="The hub's answer nests"):
        client.push([])


def test_the_client_still_reads_an_error_answer_as_the_hub_raised_it() -> None:
    session: Any = _Answers(
        422, json.dumps({"code": "json-too-deep", "message": "deep", "detail": None}).encode()
    )
    client = HubClient("http://127.0.0.1:1", key=KEY, session=session)
    with pytest.raises(JSONTooDeepError, match="deep"):
        client.tree_head()
