"""Property-based fuzz of the parsers that read untrusted bytes first: the request-signature
parser (RFC 9421 ``Signature-Input``, ``Signature``, ``Content-Digest``) and the envelope
parser. Whatever arrives, they raise only ``ContractError`` subclasses: any other exception
would be answered 500 by the hub or a node."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from contracts.envelope import open_envelope, parse_envelope
from contracts.errors import ContractError
from contracts.httpsig import verify_request
from contracts.keys import key_id
from tests.factories import resolver_for, signed_headers, signed_service_message

KEY = Ed25519PrivateKey.generate()
KEYID = key_id(KEY.public_key())
RESOLVE = resolver_for(KEY, "RS-RUMA")
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
PATH = "/api/v1/messages?after=0"
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _spend(keyid: str, nonce: str, created: dt.datetime) -> None:
    """Nonces are never replayed in these runs: each example is a new request."""


def _verify(headers: dict[str, str], body: bytes, method: str = "POST", path: str = PATH) -> None:
    with contextlib.suppress(ContractError):
        verify_request(
            method=method,
            url="http://hub.example" + path,
            headers=headers,
            body=body,
            resolve_key=RESOLVE,
            check_nonce=_spend,
            now=NOW,
        )


# --- pieces of a Signature-Input dictionary, well- and ill-formed -------------------------------

_sf_string = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters='"\\'), max_size=80
)
_bare_item = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    _sf_string.map(lambda s: f'"{s}"'),
    st.from_regex(r"[A-Za-z*][A-Za-z0-9_:.*/%-]{0,12}", fullmatch=True),
    st.binary(max_size=16).map(lambda b: ":" + base64.b64encode(b).decode() + ":"),
    st.sampled_from(["?0", "?1", "", "()", '"', ":", ";", "=", "\x00", "é"]),
)
_param_name = st.sampled_from(["created", "expires", "nonce", "keyid", "alg", "tag", "x"])
_params = st.lists(st.tuples(_param_name, _bare_item), max_size=7).map(
    lambda ps: "".join(f";{name}={value}" if value else f";{name}" for name, value in ps)
)
_components = st.lists(
    st.sampled_from(
        ['"@method"', '"@path"', '"@query"', '"content-digest"', '"@authority"', '"x"', "1", '"']
    ),
    max_size=5,
).map(lambda cs: "(" + " ".join(cs) + ")")
_signature_input = st.one_of(
    st.builds(
        lambda label, comps, params: f"{label}={comps}{params}",
        st.sampled_from(["node", "x", "a b"]),
        _components,
        _params,
    ),
    st.text(max_size=200),
)
_signature = st.one_of(
    st.binary(max_size=80).map(lambda b: "node=:" + base64.b64encode(b).decode() + ":"),
    st.text(max_size=120),
)
_digest = st.one_of(
    st.binary(max_size=48).map(lambda b: "sha-256=:" + base64.b64encode(b).decode() + ":"),
    st.text(max_size=120),
)


@FUZZ
@given(signature_input=_signature_input, signature=_signature, digest=_digest, body=st.binary(max_size=64))
@example(
    signature_input='node=("@method" "@path" "@query" "content-digest");created=99999999999999999999;'
    'nonce="abcdefghij";keyid="k";tag="socialhub"',
    signature="node=:AAAA:",
    digest="sha-256=:AAAA:",
    body=b"{}",
)
@example(
    signature_input='node=("@method");created=-99999999999999999999;nonce="abcdefghij";keyid="k";tag="socialhub"',
    signature="node=:AAAA:",
    digest="",
    body=b"",
)
@example(
    signature_input='node=("@method");created=999999999999999;nonce="abcdefghij";keyid="k";tag="socialhub"',
    signature="node=:AAAA:",
    digest="",
    body=b"",
)
@example(
    signature_input='node=("@method");created=-999999999999999;nonce="abcdefghij";keyid="k";tag="socialhub"',
    signature="node=:AAAA:",
    digest="",
    body=b"",
)
@example(
    signature_input='node=("@method");created=1.5;nonce="abcdefghij";keyid="k";tag="socialhub"',
    signature="x",
    digest="",
    body=b"",
)
def test_the_signature_parser_raises_only_contract_errors_for_any_headers(
    signature_input: str, signature: str, digest: str, body: bytes
) -> None:
    headers = {"Signature-Input": signature_input, "Signature": signature, "Content-Digest": digest}
    _verify(headers, body)


@FUZZ
@given(
    name=st.sampled_from(["Signature-Input", "Signature", "Content-Digest"]),
    position=st.integers(min_value=0, max_value=400),
    insert=st.text(max_size=6),
    cut=st.integers(min_value=0, max_value=6),
    body=st.one_of(st.just(b"{}"), st.binary(max_size=16)),
    created_offset=st.sampled_from([0, 10**6, -(10**6), 10**20]),
)
def test_a_signed_request_changed_anywhere_raises_only_contract_errors(
    name: str, position: int, insert: str, cut: int, body: bytes, created_offset: int
) -> None:
    when = NOW + dt.timedelta(seconds=created_offset) if abs(created_offset) < 10**9 else NOW
    headers = signed_headers(method="POST", path=PATH, body=b"{}", key=KEY, now=when)
    value = headers[name]
    at = position % (len(value) + 1)
    headers[name] = value[:at] + insert + value[at + cut :]
    _verify(headers, body)


# --- envelopes ------------------------------------------------------------------------------

_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
)
_json = st.recursive(
    _json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
_b64 = st.one_of(
    st.binary(max_size=120).map(lambda b: base64.b64encode(b).decode()),
    st.binary(max_size=120).map(lambda b: base64.urlsafe_b64encode(b).decode().rstrip("=")),
    st.text(max_size=60),
)
_payload_type = st.one_of(
    st.sampled_from(
        [
            "application/vnd.socialhub.catalogue.service+json; version=1.2",
            "application/vnd.socialhub.control.receipt+json; version=1.0",
            "application/vnd.socialhub.x.y+json; version=99999999999999999999.0",
        ]
    ),
    st.text(max_size=80),
)
_envelope_shaped = st.fixed_dictionaries(
    {
        "payloadType": st.one_of(_payload_type, _json_scalars),
        "payload": st.one_of(_b64, _json_scalars),
        "signatures": st.one_of(
            st.lists(
                st.fixed_dictionaries(
                    {"keyid": st.one_of(st.just(KEYID), st.text(max_size=300), _json_scalars), "sig": _b64}
                ),
                max_size=3,
            ),
            _json,
        ),
    }
)


def _open(raw: bytes | str | dict[str, Any]) -> None:
    with contextlib.suppress(ContractError):
        open_envelope(parse_envelope(raw), resolve_key=RESOLVE)


@FUZZ
@given(raw=st.one_of(_envelope_shaped, _json.filter(lambda v: isinstance(v, dict))))
def test_the_envelope_parser_raises_only_contract_errors_for_any_json_object(raw: dict[str, Any]) -> None:
    _open(raw)
    _open(json.dumps(raw).encode())


@FUZZ
@given(raw=st.one_of(st.binary(max_size=300), st.text(max_size=300)))
@example(raw=b"[" * 100_000)
@example(raw=b'{"payloadType":"' + b"\xff" * 8 + b'"}')
def test_the_envelope_parser_raises_only_contract_errors_for_any_bytes(raw: bytes | str) -> None:
    _open(raw)


@FUZZ
@given(position=st.integers(min_value=0, max_value=2000), insert=st.binary(max_size=4), cut=st.integers(0, 4))
def test_a_signed_envelope_changed_anywhere_raises_only_contract_errors(
    position: int, insert: bytes, cut: int
) -> None:
    wire = signed_service_message(key=KEY, source="RS-RUMA").to_bytes()
    at = position % (len(wire) + 1)
    _open(wire[:at] + insert + wire[at + cut :])
