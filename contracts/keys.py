"""Keys: Ed25519 for signing, X25519 for encryption (HPKE); generation, storage, fingerprints.

Invariants:
- a private key file is created with mode 0600 and is never read by anything but its owner;
- a key id is the algorithm's prefix (``ed25519:`` or ``x25519:``) followed by the unpadded
  base64url SHA-256 of the raw public key, so anyone holding the public key can recompute it,
  and a signing key's id can never name an encryption key or the reverse;
- public keys travel as unpadded base64url of their 32 raw bytes.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from contracts.errors import MalformedEnvelopeError

KEY_ID_PREFIXES = {"Ed25519": "ed25519:", "X25519": "x25519:"}
"""The key id prefix of each algorithm a member's key may use."""


def b64u_encode(data: bytes) -> str:
    """Unpadded base64url (key ids, public keys, proofs)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_decode(text: str) -> bytes:
    """Decode unpadded (or padded) base64url; raise ``ValueError`` on anything else."""
    padded = text + "=" * (-len(text) % 4)
    return base64.b64decode(padded, altchars=b"-_", validate=True)


def raw_public_bytes(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_text(key: Ed25519PublicKey | X25519PublicKey) -> str:
    return b64u_encode(raw_public_bytes(key))


def key_id(key: Ed25519PublicKey | X25519PublicKey) -> str:
    """``ed25519:`` or ``x25519:`` and the base64url SHA-256 of the raw public key."""
    algorithm = "X25519" if isinstance(key, X25519PublicKey) else "Ed25519"
    return fingerprint(algorithm, raw_public_bytes(key))


def fingerprint(algorithm: str, raw: bytes) -> str:
    """The key id of the raw public key ``raw`` of ``algorithm`` (a key of ``KEY_ID_PREFIXES``)."""
    return KEY_ID_PREFIXES[algorithm] + b64u_encode(hashlib.sha256(raw).digest())


@functools.lru_cache(maxsize=64)
def cached_key_id(key: Ed25519PrivateKey) -> str:
    """The key id of a private key, cached by key object: hashing the public key costs as much
    as a tenth of a signature, on every message a sender writes."""
    return key_id(key.public_key())


def load_public_key(text: str) -> Ed25519PublicKey:
    """Parse a public key sent as base64url raw bytes; raise ``MalformedEnvelopeError``."""
    try:
        raw = b64u_decode(text)
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise MalformedEnvelopeError("The public key is not 32 bytes of base64url.") from exc


def load_encryption_public_key(text: str) -> X25519PublicKey:
    """Parse an X25519 public key sent as base64url raw bytes; raise ``MalformedEnvelopeError``."""
    try:
        return X25519PublicKey.from_public_bytes(b64u_decode(text))
    except ValueError as exc:
        raise MalformedEnvelopeError("The public key is not 32 bytes of base64url.") from exc


def generate_private_key(path: Path) -> Ed25519PrivateKey:
    """Create a new key at ``path`` (0600) and return it; raise ``FileExistsError`` if one is there.

    The key is written to a private temporary file and then hard-linked into place, so the key
    file appears complete or not at all, and two processes racing to create it cannot both win.
    """
    key = Ed25519PrivateKey.generate()
    _write_new(path, key)
    return key


def generate_encryption_key(path: Path) -> X25519PrivateKey:
    """Create a new X25519 key at ``path`` (0600), as ``generate_private_key`` does for Ed25519."""
    key = X25519PrivateKey.generate()
    _write_new(path, key)
    return key


def load_encryption_key(path: Path) -> X25519PrivateKey:
    key = _load_pem(path)
    if not isinstance(key, X25519PrivateKey):
        raise ValueError(f"{path} does not hold an X25519 private key.")
    return key


def _write_new(path: Path, key: Ed25519PrivateKey | X25519PrivateKey) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        # link() never replaces: a second enrolment must never silently change the key the hub knows.
        os.link(temporary, path)
    finally:
        os.unlink(temporary)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    key = _load_pem(path)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key.")
    return key


def _load_pem(path: Path) -> object:
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise PermissionError(f"{path} is readable by others (mode {mode:o}); chmod 600 it.")
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def load_or_create_private_key(path: Path) -> Ed25519PrivateKey:
    """The key at ``path``, created first if there is none (safe when processes race)."""
    if not path.exists():
        try:
            return generate_private_key(path)
        except FileExistsError:
            pass  # another process created it first: use that one
    return load_private_key(path)
