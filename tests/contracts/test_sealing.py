"""contracts.sealing against RFC 9180's own test vectors, and every way a sealed case can be
tampered with.

The pinned ``cryptography`` seals with a fresh ephemeral key and no associated data, so the
vectors (a fixed ephemeral key, associated data "Count-n") cannot be fed to it. A small key
schedule written here from the RFC's pseudocode is first held to every value of Appendix A.2.1;
then it opens what ``seal`` wrote, and writes what ``unseal`` must open: the suite in use is
RFC 9180's, byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from hypothesis import given, settings
from hypothesis import strategies as st

from contracts.errors import SealedPayloadUnreadableError
from contracts.sealing import LABEL, SUITE_NAME, Sealed, SealingContext, seal, unseal

VECTOR: dict[str, Any] = json.loads(
    (Path(__file__).parent / "rfc9180" / "base_x25519_sha256_chacha20poly1305.json").read_text()
)

# --- RFC 9180's key schedule for this suite, from its pseudocode (§4, §4.1, §5.1, §5.2) ---------

KEM_SUITE_ID = b"KEM" + (0x0020).to_bytes(2, "big")
HPKE_SUITE_ID = (
    b"HPKE" + (0x0020).to_bytes(2, "big") + (0x0001).to_bytes(2, "big") + (0x0003).to_bytes(2, "big")
)


def _extract(salt: bytes, ikm: bytes) -> bytes:
    mac = hmac.HMAC(salt or bytes(32), hashes.SHA256())
    mac.update(ikm)
    return mac.finalize()


def _labeled_extract(suite_id: bytes, salt: bytes, label: bytes, ikm: bytes) -> bytes:
    return _extract(salt, b"HPKE-v1" + suite_id + label + ikm)


def _labeled_expand(suite_id: bytes, prk: bytes, label: bytes, info: bytes, length: int) -> bytes:
    labeled = length.to_bytes(2, "big") + b"HPKE-v1" + suite_id + label + info
    return HKDFExpand(hashes.SHA256(), length, labeled).derive(prk)


def _raw(key: X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclasses.dataclass
class Schedule:
    shared_secret: bytes
    key_schedule_context: bytes
    secret: bytes
    key: bytes
    base_nonce: bytes
    exporter_secret: bytes

    def nonce(self, sequence: int) -> bytes:
        return bytes(a ^ b for a, b in zip(self.base_nonce, sequence.to_bytes(12, "big"), strict=True))

    def seal(self, sequence: int, aad: bytes, plaintext: bytes) -> bytes:
        return ChaCha20Poly1305(self.key).encrypt(self.nonce(sequence), plaintext, aad)

    def open(self, sequence: int, aad: bytes, ciphertext: bytes) -> bytes:
        return ChaCha20Poly1305(self.key).decrypt(self.nonce(sequence), ciphertext, aad)


def schedule(dh: bytes, enc: bytes, pk_r: bytes, info: bytes) -> Schedule:
    """DHKEM's ExtractAndExpand, then KeySchedule in mode_base (no PSK)."""
    eae_prk = _labeled_extract(KEM_SUITE_ID, b"", b"eae_prk", dh)
    shared_secret = _labeled_expand(KEM_SUITE_ID, eae_prk, b"shared_secret", enc + pk_r, 32)
    psk_id_hash = _labeled_extract(HPKE_SUITE_ID, b"", b"psk_id_hash", b"")
    info_hash = _labeled_extract(HPKE_SUITE_ID, b"", b"info_hash", info)
    context = b"\x00" + psk_id_hash + info_hash
    secret = _labeled_extract(HPKE_SUITE_ID, shared_secret, b"secret", b"")
    return Schedule(
        shared_secret=shared_secret,
        key_schedule_context=context,
        secret=secret,
        key=_labeled_expand(HPKE_SUITE_ID, secret, b"key", context, 32),
        base_nonce=_labeled_expand(HPKE_SUITE_ID, secret, b"base_nonce", context, 12),
        exporter_secret=_labeled_expand(HPKE_SUITE_ID, secret, b"exp", context, 32),
    )


def sender_schedule(sk_e: X25519PrivateKey, pk_r: X25519PublicKey, info: bytes) -> tuple[bytes, Schedule]:
    enc = _raw(sk_e.public_key())
    return enc, schedule(sk_e.exchange(pk_r), enc, _raw(pk_r), info)


def receiver_schedule(enc: bytes, sk_r: X25519PrivateKey, info: bytes) -> Schedule:
    return schedule(sk_r.exchange(X25519PublicKey.from_public_bytes(enc)), enc, _raw(sk_r.public_key()), info)


def h(name: str) -> bytes:
    return bytes.fromhex(VECTOR[name])


def _context(**changes: Any) -> SealingContext:
    fields: dict[str, Any] = {
        "sender": "MK-BUTEL",
        "recipient": "MK-CAIR",
        "transfer_id": uuid.UUID("6f1c2b9e-2f43-4c4e-9d67-0c6f6a3b8d11"),
        "consent_id": uuid.UUID("0b7e4f4a-8f0e-4b1e-a1b5-3d2f9c7e6a55"),
        "expires_at": dt.datetime(2027, 6, 30, 12, 0, tzinfo=dt.UTC),
        "recipient_keyid": "x25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    }
    return SealingContext(**(fields | changes))


# --- the key schedule is RFC 9180's ----------------------------------------------------------


def test_the_key_schedule_here_reproduces_every_value_of_rfc_9180_a_2_1() -> None:
    sk_e = X25519PrivateKey.from_private_bytes(h("skEm"))
    sk_r = X25519PrivateKey.from_private_bytes(h("skRm"))
    assert _raw(sk_e.public_key()) == h("pkEm")
    assert _raw(sk_r.public_key()) == h("pkRm")
    enc, sent = sender_schedule(sk_e, sk_r.public_key(), h("info"))
    received = receiver_schedule(enc, sk_r, h("info"))
    assert enc == h("enc")
    for name in ("shared_secret", "key_schedule_context", "secret", "key", "base_nonce", "exporter_secret"):
        assert (name, getattr(sent, name)) == (name, h(name))
        assert (name, getattr(received, name)) == (name, h(name))
    for encryption in VECTOR["encryptions"]:
        sequence, aad = encryption["sequence_number"], bytes.fromhex(encryption["aad"])
        pt, ct = bytes.fromhex(encryption["pt"]), bytes.fromhex(encryption["ct"])
        assert sent.seal(sequence, aad, pt) == ct
        assert received.open(sequence, aad, ct) == pt


# --- contracts.sealing is that suite ----------------------------------------------------------


def test_what_seal_writes_opens_with_rfc_9180_s_schedule_under_the_context_s_info() -> None:
    sk_r = X25519PrivateKey.from_private_bytes(h("skRm"))
    context = _context()
    sealed = seal(b"a case file", recipient_key=sk_r.public_key(), context=context)
    # Single shot: the first message of the context (sequence 0), with empty associated data.
    opened = receiver_schedule(sealed.enc, sk_r, context.info()).open(0, b"", sealed.ciphertext)
    assert opened == b"a case file"
    assert (len(sealed.enc), len(sealed.ciphertext)) == (32, len(b"a case file") + 16)


def test_unseal_opens_what_rfc_9180_s_schedule_sealed_with_the_vector_s_ephemeral_key() -> None:
    sk_e = X25519PrivateKey.from_private_bytes(h("skEm"))
    sk_r = X25519PrivateKey.from_private_bytes(h("skRm"))
    context = _context()
    enc, sent = sender_schedule(sk_e, sk_r.public_key(), context.info())
    sealed = Sealed(enc=enc, ciphertext=sent.seal(0, b"", b"Beauty is truth, truth beauty"))
    assert unseal(sealed, private_key=sk_r, context=context) == b"Beauty is truth, truth beauty"


def test_the_info_is_the_label_and_the_canonical_json_of_the_metadata() -> None:
    info = _context(
        expires_at=dt.datetime(2027, 6, 30, 14, 0, 0, 999, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    ).info()
    assert info.startswith(LABEL)
    assert json.loads(info[len(LABEL) :]) == {
        "consent_id": "0b7e4f4a-8f0e-4b1e-a1b5-3d2f9c7e6a55",
        "expires_at": "2027-06-30T12:00:00Z",
        "recipient": "MK-CAIR",
        "recipient_keyid": "x25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "sender": "MK-BUTEL",
        "suite": SUITE_NAME,
        "transfer_id": "6f1c2b9e-2f43-4c4e-9d67-0c6f6a3b8d11",
    }
    # The exact bytes, which another implementation must write too: keys sorted, no spaces
    # between tokens, the time in UTC to the second.
    assert info == (
        b"socialhub case transfer v1\x00"
        b'{"consent_id":"0b7e4f4a-8f0e-4b1e-a1b5-3d2f9c7e6a55","expires_at":"2027-06-30T12:00:00Z",'
        b'"recipient":"MK-CAIR","recipient_keyid":"x25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",'
        b'"sender":"MK-BUTEL","suite":"DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305",'
        b'"transfer_id":"6f1c2b9e-2f43-4c4e-9d67-0c6f6a3b8d11"}'
    )


# --- tampering ------------------------------------------------------------------------------

RECIPIENT = X25519PrivateKey.generate()


def _sealed() -> Sealed:
    return seal(b'{"case": "synthetic"}', recipient_key=RECIPIENT.public_key(), context=_context())


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda s: Sealed(_flip(s.enc, 0), s.ciphertext), id="a bit of enc"),
        pytest.param(lambda s: Sealed(s.enc, _flip(s.ciphertext, 0)), id="a bit of the ciphertext"),
        pytest.param(
            lambda s: Sealed(s.enc, _flip(s.ciphertext, len(s.ciphertext) - 1)), id="a bit of the tag"
        ),
        pytest.param(lambda s: Sealed(s.enc, s.ciphertext[:-1]), id="the ciphertext cut"),
        pytest.param(lambda s: Sealed(s.enc, s.ciphertext + b"\x00"), id="the ciphertext grown"),
        pytest.param(lambda s: Sealed(s.enc[:31], s.ciphertext), id="enc cut"),
        pytest.param(lambda s: Sealed(b"", s.ciphertext), id="no enc"),
        pytest.param(lambda s: Sealed(s.enc, b""), id="no ciphertext"),
        pytest.param(lambda s: Sealed(_sealed().enc, s.ciphertext), id="enc swapped with another sealing's"),
        pytest.param(lambda s: Sealed(bytes(32), s.ciphertext), id="enc a low-order point"),
    ],
)
def test_a_tampered_sealed_payload_is_unreadable(tamper: Any) -> None:
    with pytest.raises(SealedPayloadUnreadableError) as refused:
        unseal(tamper(_sealed()), private_key=RECIPIENT, context=_context())
    assert refused.value.code == "sealed-payload-unreadable"


@pytest.mark.parametrize(
    "changes",
    [
        {"sender": "MK-CUCER"},
        {"recipient": "RS-ADA"},
        {"transfer_id": uuid.UUID("6f1c2b9e-2f43-4c4e-9d67-0c6f6a3b8d12")},
        {"consent_id": uuid.UUID("0b7e4f4a-8f0e-4b1e-a1b5-3d2f9c7e6a56")},
        {"expires_at": dt.datetime(2027, 6, 30, 12, 0, 1, tzinfo=dt.UTC)},
        {"recipient_keyid": "x25519:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"},
        {"suite": "DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM"},
    ],
    ids=lambda changes: f"another {next(iter(changes))}",
)
def test_changed_metadata_makes_the_sealed_payload_unreadable(changes: dict[str, Any]) -> None:
    with pytest.raises(SealedPayloadUnreadableError):
        unseal(_sealed(), private_key=RECIPIENT, context=_context(**changes))
    assert unseal(_sealed(), private_key=RECIPIENT, context=_context()) == b'{"case": "synthetic"}'


def test_another_recipient_s_key_cannot_open_it() -> None:
    with pytest.raises(SealedPayloadUnreadableError):
        unseal(_sealed(), private_key=X25519PrivateKey.generate(), context=_context())


def test_a_time_without_its_zone_cannot_be_bound() -> None:
    with pytest.raises(ValueError, match="time zone"):
        _context(expires_at=dt.datetime(2027, 6, 30, 12, 0)).info()


@settings(max_examples=25, deadline=None)
@given(plaintext=st.binary(max_size=4096))
def test_any_plaintext_comes_back_as_it_was_sealed(plaintext: bytes) -> None:
    sealed = seal(plaintext, recipient_key=RECIPIENT.public_key(), context=_context())
    assert unseal(sealed, private_key=RECIPIENT, context=_context()) == plaintext
