"""Sealing a case for one recipient: HPKE (RFC 9180), base mode, single shot.

The suite is DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305 (KEM 0x0020, KDF 0x0001,
AEAD 0x0003), from the pinned ``cryptography``'s own HPKE. Its single shot takes ``info`` but no
associated data, so the routing metadata the hub sees (sender, recipient, transfer id, consent
id, expiry, the recipient's key id, the suite) is bound in ``info`` as canonical bytes: a
ciphertext opens only under the very metadata it was sealed with, so metadata changed on the way
(another recipient, a later expiry, another consent) makes it unreadable, as does a swapped
``enc`` or a flipped bit. Base mode does not authenticate the sender: the outer envelope, signed
as every message is, does.

Invariants:
- ``info`` is ``LABEL`` then the canonical JSON of :class:`SealingContext` (sorted keys, no
  spaces, UTC times to the second), so sender and recipient compute the same bytes;
- a sealed payload is ``enc`` (32 bytes, the encapsulated key) and the ciphertext (plaintext
  and a 16-byte tag), kept apart as the transfer's two fields;
- :func:`unseal` raises :class:`SealedPayloadUnreadableError` for every failure to open, never
  saying which part was wrong, and returns the plaintext only when the AEAD tag verified.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite

from contracts.errors import SealedPayloadUnreadableError

SUITE_NAME = "DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305"
"""The suite as ``TransferRequestV1.suite`` names it (RFC 9180 §7: KEM 0x0020, KDF 0x0001, AEAD
0x0003)."""

LABEL = b"socialhub case transfer v1\x00"
"""Where ``info`` starts: these bytes are for this purpose only (RFC 9180 §8.1, domain
separation)."""

ENC_LENGTH = 32
"""The encapsulated key's length for DHKEM(X25519) (RFC 9180 §7.1: Nenc)."""

TAG_LENGTH = 16
"""ChaCha20Poly1305's tag (RFC 9180 §7.3: Nt)."""

_SUITE = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.CHACHA20_POLY1305)


@dataclasses.dataclass(frozen=True)
class SealingContext:
    """The metadata a sealed case is bound to: all of it travels in clear beside the ciphertext,
    none of it is personal data."""

    sender: str
    recipient: str
    transfer_id: uuid.UUID
    consent_id: uuid.UUID
    expires_at: dt.datetime
    recipient_keyid: str
    suite: str = SUITE_NAME

    def info(self) -> bytes:
        """``LABEL`` and the canonical JSON of the fields."""
        fields = {
            "sender": self.sender,
            "recipient": self.recipient,
            "transfer_id": str(self.transfer_id),
            "consent_id": str(self.consent_id),
            "expires_at": _utc(self.expires_at),
            "recipient_keyid": self.recipient_keyid,
            "suite": self.suite,
        }
        return LABEL + json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


@dataclasses.dataclass(frozen=True)
class Sealed:
    enc: bytes
    ciphertext: bytes


def seal(plaintext: bytes, *, recipient_key: X25519PublicKey, context: SealingContext) -> Sealed:
    """``plaintext`` sealed to ``recipient_key``, bound to ``context``."""
    out = _SUITE.encrypt(plaintext, recipient_key, info=context.info())
    return Sealed(enc=out[:ENC_LENGTH], ciphertext=out[ENC_LENGTH:])


def unseal(sealed: Sealed, *, private_key: X25519PrivateKey, context: SealingContext) -> bytes:
    """The plaintext of ``sealed``, opened with ``private_key`` under ``context``; raises
    :class:`SealedPayloadUnreadableError` when it does not open (another recipient's key, a
    changed byte of ``enc``, the ciphertext or the metadata)."""
    if len(sealed.enc) != ENC_LENGTH or len(sealed.ciphertext) < TAG_LENGTH:
        raise SealedPayloadUnreadableError("The sealed payload is not of the suite's shape.")
    try:
        return _SUITE.decrypt(sealed.enc + sealed.ciphertext, private_key, info=context.info())
    except (InvalidTag, ValueError) as exc:
        raise SealedPayloadUnreadableError() from exc


def _utc(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("a sealing context's time must carry its time zone")
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
