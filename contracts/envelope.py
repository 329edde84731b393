"""The signed envelope every message and every hub statement travels in.

The format follows DSSE: ``{"payloadType", "payload", "signatures": [{"keyid", "sig"}]}``,
where ``payload`` is the base64 of the exact bytes the signer produced and each ``sig`` is an
Ed25519 signature over the pre-authentication encoding (PAE) of payload type and payload.

Invariants:
- the signature covers the payload *bytes*, never a re-serialisation; the outer JSON can be
  re-encoded freely (by the hub, a proxy, a database) without breaking a signature;
- the payload type names the message type *and* its version
  (``application/vnd.socialhub.<type>+json; version=<major>.<minor>``), so a signature for one
  type or version can never be replayed as another;
- ``open_envelope`` verifies before anything parses the payload; its result is named
  ``VerifiedEnvelope`` and is the only thing the rest of the code trusts;
- verification raises a specific ``ContractError`` and never returns a boolean.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from contracts.errors import (
    BadSignatureError,
    MalformedEnvelopeError,
    UnknownKeyError,
    WrongTypeError,
    validation_detail,
)
from contracts.keys import b64u_decode, b64u_encode, key_id

MEDIA_TYPE_PREFIX = "application/vnd.socialhub."
_PAYLOAD_TYPE = re.compile(
    r"^application/vnd\.socialhub\.(?P<type>[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)\+json;"
    r" version=(?P<version>[0-9]+\.[0-9]+)$"
)
MAX_PAYLOAD_TYPE_LENGTH = 200


class Signature(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    keyid: str = Field(min_length=1, max_length=200)
    sig: str = Field(min_length=1, max_length=200)


class Envelope(BaseModel):
    """The wire form of a signed payload. Nothing in it is trusted until verified."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    payload_type: str = Field(alias="payloadType", max_length=MAX_PAYLOAD_TYPE_LENGTH)
    payload: str
    signatures: tuple[Signature, ...] = Field(min_length=1, max_length=4)

    def to_wire(self) -> dict[str, object]:
        return self.model_dump(by_alias=True, mode="json")

    def to_bytes(self) -> bytes:
        return self.model_dump_json(by_alias=True).encode()


@dataclass(frozen=True, slots=True)
class VerifiedEnvelope:
    """An envelope whose signature has been checked; ``payload`` is the signed bytes."""

    type: str
    version: str
    payload: bytes
    keyid: str
    signer: str


@dataclass(frozen=True, slots=True)
class TrustedKey:
    """A public key and the federation member (or the hub) that holds it."""

    owner: str
    public_key: Ed25519PublicKey


KeyResolver = Callable[[str], TrustedKey]
"""Returns the trusted key for a key id, or raises ``UnknownKeyError``/``RevokedKeyError``."""


def payload_type_for(message_type: str, version: str) -> str:
    return f"{MEDIA_TYPE_PREFIX}{message_type}+json; version={version}"


def parse_payload_type(payload_type: str) -> tuple[str, str]:
    """Split a payload type into message type and version, or raise ``MalformedEnvelopeError``."""
    match = _PAYLOAD_TYPE.match(payload_type)
    if match is None:
        raise MalformedEnvelopeError(
            f"payloadType {payload_type[:80]!r} is not of the form "
            f"'{MEDIA_TYPE_PREFIX}<type>+json; version=<major>.<minor>'."
        )
    return match["type"], match["version"]


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE pre-authentication encoding: ``DSSEv1 SP len(type) SP type SP len(body) SP body``."""
    type_bytes = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(type_bytes), type_bytes, len(payload), payload)


def seal_envelope(*, message_type: str, version: str, payload: bytes, key: Ed25519PrivateKey) -> Envelope:
    """Sign ``payload`` as a message of ``message_type`` at ``version``."""
    payload_type = payload_type_for(message_type, version)
    signature = key.sign(pae(payload_type, payload))
    return Envelope(
        payload_type=payload_type,
        payload=b64u_encode(payload),
        signatures=(Signature(keyid=key_id(key.public_key()), sig=b64u_encode(signature)),),
    )


def parse_envelope(raw: bytes | str | dict[str, object]) -> Envelope:
    """Read the outer envelope (not the payload); raise ``MalformedEnvelopeError``."""
    try:
        if isinstance(raw, dict):
            # Already-decoded JSON: lax mode only to accept a JSON array for the tuple field;
            # pydantic still refuses a number or null where a string is due.
            return Envelope.model_validate(raw)
        return Envelope.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        raise MalformedEnvelopeError(
            "The envelope does not have the fields payloadType, payload and signatures.",
            detail=validation_detail(exc),
        ) from exc


def open_envelope(
    envelope: Envelope,
    *,
    resolve_key: KeyResolver,
    accept_types: frozenset[str] | None = None,
) -> VerifiedEnvelope:
    """Verify an envelope and return its signed payload bytes.

    Raises ``MalformedEnvelopeError``, ``UnknownKeyError``, ``RevokedKeyError``,
    ``BadSignatureError`` or ``WrongTypeError``; returns only when the signature verifies.
    """
    # 1. The payload type must name a message type and a version.
    message_type, version = parse_payload_type(envelope.payload_type)
    if accept_types is not None and message_type not in accept_types:
        raise WrongTypeError(f"A {message_type} message is not accepted here.")
    # 2. Exactly one signature: a message has one author.
    if len(envelope.signatures) != 1:
        raise MalformedEnvelopeError("A message carries exactly one signature.")
    signature = envelope.signatures[0]
    # 3. The key must be one the federation trusts now.
    trusted = resolve_key(signature.keyid)
    # 4. Decode payload and signature.
    try:
        payload = b64u_decode(envelope.payload)
        sig = b64u_decode(signature.sig)
    except (ValueError, binascii.Error) as exc:
        raise MalformedEnvelopeError("payload or sig is not base64url.") from exc
    # 5. The signature must cover PAE(payloadType, payload) under that key.
    try:
        trusted.public_key.verify(sig, pae(envelope.payload_type, payload))
    except InvalidSignature as exc:
        raise BadSignatureError(
            f"The signature by {signature.keyid} does not verify over this payload."
        ) from exc
    return VerifiedEnvelope(
        type=message_type, version=version, payload=payload, keyid=signature.keyid, signer=trusted.owner
    )


def claimed_keyids(raw: object) -> set[str]:
    """The key ids an unverified envelope names, to look keys up in bulk before verifying.

    Tolerates any shape: a malformed envelope simply names no key and is refused later.
    """
    signatures = raw.get("signatures") if isinstance(raw, dict) else None
    if not isinstance(signatures, list):
        return set()
    return {sig["keyid"] for sig in signatures if isinstance(sig, dict) and isinstance(sig.get("keyid"), str)}


def mapping_resolver(keys: dict[str, TrustedKey]) -> KeyResolver:
    """A resolver over a fixed mapping of key id to trusted key."""

    def resolve(keyid: str) -> TrustedKey:
        try:
            return keys[keyid]
        except KeyError:
            raise UnknownKeyError(f"Key {keyid[:80]} is not known.") from None

    return resolve
