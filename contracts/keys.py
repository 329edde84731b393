"""Ed25519 keys: generation, storage, fingerprints.

Invariants:
- a private key file is created with mode 0600 and is never read by anything but its owner;
- a key id is ``ed25519:`` followed by the unpadded base64url SHA-256 of the raw public key,
  so anyone holding the public key can recompute it;
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

from contracts.errors import MalformedEnvelopeError


def b64u_encode(data: bytes) -> str:
    """Unpadded base64url (key ids, public keys, proofs)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_decode(text: str) -> bytes:
    """Decode unpadded (or padded) base64url; raise ``ValueError`` on anything else."""
    padded = text + "=" * (-len(text) % 4)
    return base64.b64decode(padded, altchars=b"-_", validate=True)


def raw_public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_text(key: Ed25519PublicKey) -> str:
    return b64u_encode(raw_public_bytes(key))


def key_id(key: Ed25519PublicKey) -> str:
    return "ed25519:" + b64u_encode(hashlib.sha256(raw_public_bytes(key)).digest())


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


def generate_private_key(path: Path) -> Ed25519PrivateKey:
    """Create a new key at ``path`` (0600) and return it; raise ``FileExistsError`` if one is there.

    The key is written to a private temporary file and then hard-linked into place, so the key
    file appears complete or not at all, and two processes racing to create it cannot both win.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
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
    return key


def load_private_key(path: Path) -> Ed25519PrivateKey:
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise PermissionError(f"{path} is readable by others (mode {mode:o}); chmod 600 it.")
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key.")
    return key


def load_or_create_private_key(path: Path) -> Ed25519PrivateKey:
    """The key at ``path``, created first if there is none (safe when processes race)."""
    if not path.exists():
        try:
            return generate_private_key(path)
        except FileExistsError:
            pass  # another process created it first: use that one
    return load_private_key(path)
