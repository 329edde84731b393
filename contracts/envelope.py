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
  ``VerifiedEnvelope``, only it can make one, and it is the only thing the rest of the code
  trusts; what the hub re-reads from its own log is a ``LoggedEnvelope``, which says so;
- verification raises a specific ``ContractError`` and never returns a boolean.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from contracts.bounds import BASE64_PATTERN, KEY_ID_PATTERN, KeyId
from contracts.errors import (
    BadSignatureError,
    MalformedEnvelopeError,
    PayloadTooLargeError,
    UnknownKeyError,
    WrongTypeError,
    validation_detail,
)
from contracts.keys import b64u_decode, cached_key_id
from contracts.limits import MAX_PAYLOAD_BASE64, MAX_PAYLOAD_BYTES, check_json_depth

MEDIA_TYPE_PREFIX = "application/vnd.socialhub."
_PAYLOAD_TYPE = re.compile(
    r"application/vnd\.socialhub\.(?P<type>[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)\+json;"
    r" version=(?P<version>[0-9]+\.[0-9]+)\Z"
)
_PAYLOAD_TYPE_FORM = (
    r"^application/vnd\.socialhub\.[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+\+json; version=[0-9]+\.[0-9]+$"
)
MAX_PAYLOAD_TYPE_LENGTH = 200
_KEY_ID = re.compile(KEY_ID_PATTERN.removesuffix("$") + r"\Z")


class Signature(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    keyid: KeyId
    sig: str = Field(min_length=1, max_length=200, pattern=BASE64_PATTERN)


class Envelope(BaseModel):
    """The wire form of a signed payload. Nothing in it is trusted until verified."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    payload_type: str = Field(
        alias="payloadType", max_length=MAX_PAYLOAD_TYPE_LENGTH, pattern=_PAYLOAD_TYPE_FORM
    )
    payload: str = Field(
        max_length=MAX_PAYLOAD_BASE64,
        pattern=BASE64_PATTERN,
        description=f"The signed payload bytes in base64; at most {MAX_PAYLOAD_BYTES} bytes.",
    )
    signatures: tuple[Signature, ...] = Field(min_length=1, max_length=4)

    def to_wire(self) -> dict[str, object]:
        return self.model_dump(by_alias=True, mode="json")

    def to_bytes(self) -> bytes:
        return self.__pydantic_serializer__.to_json(self, by_alias=True)


_OPENED = object()


@dataclass(frozen=True, slots=True)
class VerifiedEnvelope:
    """An envelope whose signature has been checked; ``payload`` is the signed bytes.

    Only ``open_envelope`` makes one: constructing it anywhere else raises ``TypeError``, so a
    value of this type always went through every step of the verification.
    """

    type: str
    version: str
    payload: bytes
    keyid: str
    signer: str
    valid_until: dt.datetime | None = None
    """Set when the key has been revoked since: see ``TrustedKey.valid_until``."""
    _made_by: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._made_by is not _OPENED:
            raise TypeError("A VerifiedEnvelope is made only by open_envelope.")


@dataclass(frozen=True, slots=True)
class LoggedEnvelope:
    """An envelope the hub re-reads from its own log. It was verified when it was logged (the
    log only holds what ``open_envelope`` accepted) and is not verified again: the type says
    where it came from, not that a signature was checked now. Made by ``logged_envelope``."""

    type: str
    version: str
    payload: bytes
    signer: str


def logged_envelope(raw: bytes, *, signer: str) -> LoggedEnvelope:
    """Read an envelope back from the hub's own log, where ``signer`` was recorded at ingest."""
    envelope = parse_envelope(raw)
    message_type, version = parse_payload_type(envelope.payload_type)
    try:
        payload = b64_decode(envelope.payload)
    except (ValueError, binascii.Error) as exc:
        raise MalformedEnvelopeError("The logged payload is not base64.") from exc
    return LoggedEnvelope(type=message_type, version=version, payload=payload, signer=signer)


@dataclass(frozen=True, slots=True)
class TrustedKey:
    """A public key and the federation member (or the hub) that holds it.

    ``valid_until`` is set for a revoked key: what the hub logged before that instant (by its
    own receipt's ``received_at``) stays valid; ``open_envelope`` verifies the signature and
    the caller, who holds the receipt, checks the time.
    """

    owner: str
    public_key: Ed25519PublicKey
    valid_until: dt.datetime | None = None


KeyResolver = Callable[[str], TrustedKey]
"""Returns the trusted key for a key id, or raises ``UnknownKeyError``/``RevokedKeyError``."""


def b64_encode(data: bytes) -> str:
    """Standard, padded base64: what an envelope's ``payload`` and ``sig`` are written in."""
    return binascii.b2a_base64(data, newline=False).decode("ascii")


def b64_decode(text: str) -> bytes:
    """An envelope's ``payload`` or ``sig``: standard or URL-safe base64, padded or not, as DSSE
    allows either; raise ``ValueError`` on anything else (a mix of both alphabets included)."""
    if "-" in text or "_" in text:
        if "+" in text or "/" in text:
            raise ValueError("base64 mixing the standard and URL-safe alphabets")
        return b64u_decode(text)
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


@functools.lru_cache(maxsize=256)
def payload_type_for(message_type: str, version: str) -> str:
    """The payload type of a message type at a version; raise ``ValueError`` if they make none."""
    payload_type = f"{MEDIA_TYPE_PREFIX}{message_type}+json; version={version}"
    if _PAYLOAD_TYPE.match(payload_type) is None:
        raise ValueError(f"{message_type!r} at {version!r} does not make a valid payload type.")
    return payload_type


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
    return parse_envelope(seal_envelope_bytes(message_type, version, payload, key))


def seal_envelope_bytes(message_type: str, version: str, payload: bytes, key: Ed25519PrivateKey) -> bytes:
    """The signed envelope's wire bytes, built without models for the hot path of a sender:
    every part is valid by construction and needs no JSON escaping (the payload type matched
    its pattern, the key id is base64url and the rest standard base64). ``seal_envelope``
    parses these very bytes, and a test holds them to the model's own serialisation."""
    payload_type = payload_type_for(message_type, version)
    signature = key.sign(pae(payload_type, payload))
    return b"".join(
        (
            b'{"payloadType":"',
            payload_type.encode(),
            b'","payload":"',
            binascii.b2a_base64(payload, newline=False),
            b'","signatures":[{"keyid":"',
            cached_key_id(key).encode(),
            b'","sig":"',
            binascii.b2a_base64(signature, newline=False),
            b'"}]}',
        )
    )


def parse_envelope(raw: bytes | str | dict[str, object]) -> Envelope:
    """Read the outer envelope (not the payload); raise ``MalformedEnvelopeError``,
    ``PayloadTooLargeError`` or ``JSONTooDeepError``."""
    try:
        if isinstance(raw, dict):
            # Already-decoded JSON: lax mode only to accept a JSON array for the tuple field;
            # pydantic still refuses a number or null where a string is due.
            return Envelope.model_validate(raw)
        check_json_depth(raw, what="The envelope")
        return Envelope.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        if any(e["loc"] == ("payload",) and e["type"] == "string_too_long" for e in exc.errors()):
            raise PayloadTooLargeError(
                f"The payload is more than {MAX_PAYLOAD_BYTES} bytes.", detail=validation_detail(exc)
            ) from exc
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
        payload = b64_decode(envelope.payload)
        sig = b64_decode(signature.sig)
    except (ValueError, binascii.Error) as exc:
        raise MalformedEnvelopeError("payload or sig is not base64.") from exc
    # 5. The signature must cover PAE(payloadType, payload) under that key.
    try:
        trusted.public_key.verify(sig, pae(envelope.payload_type, payload))
    except InvalidSignature as exc:
        raise BadSignatureError(
            f"The signature by {signature.keyid} does not verify over this payload."
        ) from exc
    return VerifiedEnvelope(
        type=message_type,
        version=version,
        payload=payload,
        keyid=signature.keyid,
        signer=trusted.owner,
        valid_until=trusted.valid_until,
        _made_by=_OPENED,
    )


def claimed_keyids(raw: object) -> set[str]:
    """The key ids an unverified envelope names, to look keys up in bulk before verifying.

    Tolerates any shape: a malformed envelope simply names no key and is refused later.
    """
    signatures = raw.get("signatures") if isinstance(raw, dict) else None
    if not isinstance(signatures, list):
        return set()
    # Only what could be a key id goes on to a database query: a NUL or a lone surrogate there
    # would fail the query, not just find nothing.
    return {
        keyid
        for sig in signatures
        if isinstance(sig, dict)
        and isinstance(keyid := sig.get("keyid"), str)
        and len(keyid) <= 200
        and _KEY_ID.match(keyid)
    }


def mapping_resolver(keys: dict[str, TrustedKey]) -> KeyResolver:
    """A resolver over a fixed mapping of key id to trusted key."""

    def resolve(keyid: str) -> TrustedKey:
        try:
            return keys[keyid]
        except KeyError:
            raise UnknownKeyError(f"Key {keyid[:80]} is not known.") from None

    return resolve
