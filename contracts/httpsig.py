"""RFC 9421 HTTP Message Signatures for node-to-hub requests.

A node signs every request with its Ed25519 key over ``@method``, ``@path``, ``@query`` and a
``Content-Digest`` (RFC 9530) of the body, with ``created``, ``nonce``, ``keyid`` and the tag
``socialhub``. The work is done by the ``http-message-signatures`` library; this module fixes
the profile and maps failures to the federation's error codes.

Invariants:
- the hub checks the time window before any cryptography and the nonce only after the
  signature verifies, so nobody can spend another node's nonces;
- a request whose body does not match its signed digest is refused;
- ``verify_request`` returns only for a verified request and raises otherwise, only
  ``ContractError`` subclasses, whatever the headers and body hold (a property test holds it).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import http_sf
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from http_message_signatures import (
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    InvalidSignature,
    algorithms,
)

from contracts.envelope import KeyResolver, TrustedKey
from contracts.errors import (
    BadRequestSignatureError,
    ContractError,
    MissingRequestSignatureError,
    StaleRequestError,
)

COVERED_COMPONENTS = ("@method", "@path", "@query")
SIGNATURE_LABEL = "node"
SIGNATURE_TAG = "socialhub"
DEFAULT_MAX_SKEW = dt.timedelta(minutes=5)
MAX_KEYID_LENGTH = 200
"""As long as an envelope's ``keyid`` may be (``contracts.envelope.Signature``)."""


class _Message:
    """The minimal request shape the library reads: method, absolute URL, headers."""

    def __init__(self, method: str, url: str, headers: Any) -> None:
        self.method = method
        self.url = url
        self.headers = headers


class _PrivateKeyResolver(HTTPSignatureKeyResolver):
    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key

    def resolve_private_key(self, key_id: str) -> Ed25519PrivateKey:
        return self._key


class _PublicKeyResolver(HTTPSignatureKeyResolver):
    def __init__(self, resolve_key: KeyResolver) -> None:
        self._resolve_key = resolve_key
        self.trusted: TrustedKey | None = None

    def resolve_public_key(self, key_id: str) -> Ed25519PublicKey:
        self.trusted = self._resolve_key(key_id)
        return self.trusted.public_key


def sign_request(
    *,
    method: str,
    url: str,
    headers: Any,
    body: bytes,
    key: Ed25519PrivateKey,
    keyid: str,
    now: dt.datetime | None = None,
    nonce: str | None = None,
) -> None:
    """Add ``Content-Digest``, ``Signature-Input`` and ``Signature`` to ``headers`` in place."""
    signer = HTTPMessageSigner(signature_algorithm=algorithms.ED25519, key_resolver=_PrivateKeyResolver(key))
    signer.sign(
        _Message(method.upper(), url, headers),
        key_id=keyid,
        created=now or dt.datetime.now(dt.UTC),
        nonce=nonce or secrets.token_urlsafe(18),
        label=SIGNATURE_LABEL,
        tag=SIGNATURE_TAG,
        covered_component_ids=COVERED_COMPONENTS,
        body=body,
    )


@dataclass(frozen=True, slots=True)
class RequestAuth:
    """A verified request: who signed it, with which key, when, and its nonce."""

    keyid: str
    signer: str
    created: dt.datetime
    nonce: str


NonceCheck = Callable[[str, str, dt.datetime], None]
"""Records ``(keyid, nonce, created)``; raises ``ReplayedRequestError`` if seen before."""


def verify_request(
    *,
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    resolve_key: KeyResolver,
    check_nonce: NonceCheck,
    max_skew: dt.timedelta = DEFAULT_MAX_SKEW,
    now: dt.datetime | None = None,
) -> RequestAuth:
    """Verify a node's signed request. Raises a ``ContractError`` on any failure."""
    now = now or dt.datetime.now(dt.UTC)
    # 1. There must be a signature with our tag, with created, nonce and keyid.
    params = _signature_params(headers)
    created_ts, nonce, keyid = params.get("created"), params.get("nonce"), params.get("keyid")
    if type(created_ts) is not int or not isinstance(nonce, str) or not isinstance(keyid, str):
        raise BadRequestSignatureError("The signature must carry created, nonce and keyid.")
    if not 8 <= len(nonce) <= 64:
        raise BadRequestSignatureError("The nonce must be 8 to 64 characters long.")
    if not 1 <= len(keyid) <= MAX_KEYID_LENGTH:
        raise BadRequestSignatureError(f"The keyid must be 1 to {MAX_KEYID_LENGTH} characters long.")
    # 2. It must have been created within the accepted window, before any cryptography. The
    # window is checked on the integer: a datetime cannot hold every integer a header can carry.
    if abs(now.timestamp() - created_ts) > max_skew.total_seconds():
        raise StaleRequestError(
            f"The request was signed at {created_ts} (Unix time), more than "
            f"{int(max_skew.total_seconds())} s from the hub's clock ({now.isoformat()})."
        )
    created = dt.datetime.fromtimestamp(created_ts, dt.UTC)
    # 3. The signature must verify under a trusted key, covering method, path, query, digest.
    resolver = _PublicKeyResolver(resolve_key)
    verifier = HTTPMessageVerifier(signature_algorithm=algorithms.ED25519, key_resolver=resolver)
    verifier.max_clock_skew = max_skew
    try:
        verifier.verify(
            _Message(method.upper(), url, headers),
            max_age=None,
            expect_tag=SIGNATURE_TAG,
            require_components=(*COVERED_COMPONENTS, "content-digest"),
            body=body,
        )
    except InvalidSignature as exc:
        cause = _contract_cause(exc)
        if cause is not None:
            raise cause from exc
        raise BadRequestSignatureError(f"The request signature does not verify: {exc}") from exc
    assert resolver.trusted is not None
    # 4. Only now spend the nonce: an unverified request must not burn a node's nonces.
    check_nonce(keyid, nonce, created)
    return RequestAuth(keyid=keyid, signer=resolver.trusted.owner, created=created, nonce=nonce)


def _signature_params(headers: Mapping[str, str]) -> dict[str, object]:
    value = headers.get("Signature-Input")
    if not value or not headers.get("Signature"):
        raise MissingRequestSignatureError()
    try:
        parsed: Any = http_sf.parse(value.encode(), tltype="dictionary")
    except Exception as exc:  # the parser raises several types on malformed input
        raise BadRequestSignatureError("Signature-Input is not a structured field dictionary.") from exc
    # A dictionary member is (inner list, parameters); we need the parameters.
    for member in parsed.values():
        params = member[1] if isinstance(member, tuple) and len(member) == 2 else None
        if isinstance(params, dict) and params.get("tag") == SIGNATURE_TAG:
            return dict(params)
    raise BadRequestSignatureError(f"No signature tagged {SIGNATURE_TAG!r}.")


def _contract_cause(exc: BaseException) -> ContractError | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ContractError):
            return seen
        seen = seen.__cause__
    return None
