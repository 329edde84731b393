from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contracts.envelope import (
    Envelope,
    Signature,
    b64_decode,
    b64_encode,
    open_envelope,
    pae,
    parse_envelope,
    seal_envelope,
)
from contracts.errors import BadSignatureError, MalformedEnvelopeError, UnknownKeyError, WrongTypeError
from tests.factories import resolver_for

KEY = Ed25519PrivateKey.generate()
RESOLVE = resolver_for(KEY, "MK-CAIR")


def _sealed(payload: bytes = b'{"hello":"world"}') -> Envelope:
    return seal_envelope(message_type="catalogue.service", version="1.0", payload=payload, key=KEY)


def test_pae_binds_type_and_length_as_dsse_specifies() -> None:
    assert pae("t", b"ab") == b"DSSEv1 1 t 2 ab"


def test_a_sealed_envelope_opens_to_the_exact_signed_bytes() -> None:
    verified = open_envelope(_sealed(b'{"a": 1}'), resolve_key=RESOLVE)
    assert verified.payload == b'{"a": 1}'
    assert (verified.type, verified.version, verified.signer) == ("catalogue.service", "1.0", "MK-CAIR")


def test_it_survives_re_encoding_of_the_outer_json() -> None:
    envelope = _sealed()
    reparsed = parse_envelope(json.dumps(json.loads(envelope.to_bytes()), indent=2))
    assert open_envelope(reparsed, resolve_key=RESOLVE).payload == b'{"hello":"world"}'


def test_it_rejects_a_tampered_payload() -> None:
    envelope = _sealed()
    forged = envelope.model_copy(update={"payload": b64_encode(b'{"hello":"WORLD"}')})
    with pytest.raises(BadSignatureError, match="does not verify"):
        open_envelope(forged, resolve_key=RESOLVE)


def test_it_rejects_a_signature_moved_to_another_type_or_version() -> None:
    envelope = _sealed()
    for payload_type in (
        "application/vnd.socialhub.catalogue.organization+json; version=1.0",
        "application/vnd.socialhub.catalogue.service+json; version=1.1",
    ):
        moved = envelope.model_copy(update={"payload_type": payload_type})
        with pytest.raises(BadSignatureError):
            open_envelope(moved, resolve_key=RESOLVE)


def test_it_rejects_an_unknown_key() -> None:
    other = Ed25519PrivateKey.generate()
    envelope = seal_envelope(message_type="catalogue.service", version="1.0", payload=b"{}", key=other)
    with pytest.raises(UnknownKeyError, match="not known"):
        open_envelope(envelope, resolve_key=RESOLVE)


def test_it_rejects_a_type_not_accepted_here() -> None:
    with pytest.raises(WrongTypeError, match="catalogue.service"):
        open_envelope(_sealed(), resolve_key=RESOLVE, accept_types=frozenset({"control.receipt"}))


def test_it_rejects_a_malformed_payload_type() -> None:
    envelope = _sealed().model_copy(update={"payload_type": "text/plain"})
    with pytest.raises(MalformedEnvelopeError, match="payloadType"):
        open_envelope(envelope, resolve_key=RESOLVE)


def test_it_rejects_a_payload_that_is_not_base64() -> None:
    envelope = _sealed().model_copy(update={"payload": "!!not base64!!"})
    with pytest.raises(MalformedEnvelopeError, match="not base64"):
        open_envelope(envelope, resolve_key=RESOLVE)


def test_it_rejects_two_signatures() -> None:
    envelope = _sealed()
    doubled = envelope.model_copy(update={"signatures": envelope.signatures * 2})
    with pytest.raises(MalformedEnvelopeError, match="exactly one signature"):
        open_envelope(doubled, resolve_key=RESOLVE)


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"[]",
        b'{"payloadType": "x", "payload": "eA"}',
        b'{"payloadType": "x", "payload": "eA", "signatures": [], "extra": 1}',
        b'{"payloadType": 5, "payload": "eA", "signatures": [{"keyid": "k", "sig": "s"}]}',
    ],
)
def test_parsing_refuses_anything_but_the_three_envelope_fields(raw: bytes) -> None:
    with pytest.raises(MalformedEnvelopeError):
        parse_envelope(raw)


def test_the_signature_is_ed25519_over_pae() -> None:
    envelope = _sealed(b"xyz")
    signature: Signature = envelope.signatures[0]
    KEY.public_key().verify(b64_decode(signature.sig), pae(envelope.payload_type, b"xyz"))
