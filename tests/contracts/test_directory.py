"""The directory 2.0, its key bindings, one reader for 1.0 and 2.0, and key rotation 2.0."""

from __future__ import annotations

import datetime as dt
import functools
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from contracts.control import CONTROL_VERSION, DIRECTORY_TYPE, Directory, read_control
from contracts.directory import (
    DirectoryV2,
    KeyRotationV2,
    KeyStatement,
    VerifiedDirectory,
    directory_version_for,
    key_rotation_write,
    key_statement_bind,
    read_directory,
    read_key_rotation,
)
from contracts.envelope import b64_decode, seal_envelope
from contracts.errors import (
    BadProofError,
    InvalidKeyRotationError,
    KeyBindingInvalidError,
    SourceMismatchError,
    UnsupportedVersionError,
)
from contracts.keys import (
    generate_encryption_key,
    generate_private_key,
    key_id,
    load_encryption_key,
    load_encryption_public_key,
    public_key_text,
)
from tests.factories import directory_encryption_entry, directory_signing_entry, resolver_for

HUB = Ed25519PrivateKey.generate()
BUTEL = Ed25519PrivateKey.generate()
CAIR = Ed25519PrivateKey.generate()
SINCE = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)


_signing = functools.partial(directory_signing_entry, since=SINCE)
_encryption = functools.partial(directory_encryption_entry, since=SINCE)


def _signed(members: list[dict[str, Any]], *, version: str = "2.0", key: Ed25519PrivateKey = HUB) -> bytes:
    model = DirectoryV2 if version == "2.0" else Directory
    directory = model.model_validate(
        {"hub_keyid": key_id(HUB.public_key()), "issued_at": SINCE, "members": members}
    )
    return seal_envelope(
        message_type=DIRECTORY_TYPE, version=version, payload=directory.model_dump_json().encode(), key=key
    ).to_bytes()


def _member(code: str, *keys: dict[str, Any]) -> dict[str, Any]:
    return {"code": code, "name": code, "country": "MK", "keys": list(keys)}


def _read(raw: bytes) -> VerifiedDirectory:
    return read_directory(raw, resolve_key=resolver_for(HUB, "hub"))


def _listed(directory: VerifiedDirectory) -> dict[str, list[tuple[str, str]]]:
    return {m.code: [(k.keyid, k.purpose) for k in m.keys] for m in directory.members}


def test_a_2_0_directory_round_trips_with_signing_and_encryption_keys() -> None:
    encryption = X25519PrivateKey.generate()
    raw = _signed([_member("MK-BUTEL", _signing(BUTEL), _encryption("MK-BUTEL", encryption, bound_by=BUTEL))])
    directory = _read(raw)
    assert directory.version == "2.0"
    assert directory.problems == ()
    [member] = directory.members
    signing, sealed_to = member.keys
    assert (signing.keyid, signing.purpose, signing.algorithm) == (
        key_id(BUTEL.public_key()),
        "signing",
        "Ed25519",
    )
    assert (sealed_to.keyid, sealed_to.algorithm) == (key_id(encryption.public_key()), "X25519")
    assert sealed_to.keyid.startswith("x25519:")
    assert load_encryption_public_key(sealed_to.public_key).public_bytes_raw() == (
        encryption.public_key().public_bytes_raw()
    )


def test_a_1_0_directory_reads_as_signing_keys_valid_from_when_they_were_added() -> None:
    raw = _signed(
        [
            {
                "code": "MK-CAIR",
                "name": "Чаир",
                "country": "MK",
                "keys": [
                    {
                        "keyid": key_id(CAIR.public_key()),
                        "public_key": public_key_text(CAIR.public_key()),
                        "status": "revoked",
                        "added_at": SINCE,
                    }
                ],
            }
        ],
        version=CONTROL_VERSION,
    )
    directory = _read(raw)
    [key] = directory.members[0].keys
    assert (directory.version, key.purpose, key.algorithm, key.status) == (
        "1.0",
        "signing",
        "Ed25519",
        "revoked",
    )
    assert (key.valid_from, key.valid_until, key.binding) == (SINCE, None, None)


def test_the_1_0_reader_refuses_2_0_with_unsupported_version() -> None:
    with pytest.raises(UnsupportedVersionError, match="version 2.0 is not 1.0"):
        read_control(
            _signed([_member("MK-BUTEL", _signing(BUTEL))]),
            model=Directory,
            resolve_key=resolver_for(HUB, "hub"),
        )


def test_a_key_of_an_unknown_purpose_is_left_out_and_reported_and_the_rest_applies() -> None:
    other = Ed25519PrivateKey.generate()
    raw = _signed(
        [
            _member("MK-BUTEL", _signing(BUTEL), _signing(other, purpose="attestation")),
            _member("MK-CAIR", _signing(CAIR)),
        ]
    )
    directory = _read(raw)
    assert _listed(directory) == {
        "MK-BUTEL": [(key_id(BUTEL.public_key()), "signing")],
        "MK-CAIR": [(key_id(CAIR.public_key()), "signing")],
    }
    [problem] = directory.problems
    assert (problem.member, problem.keyid, problem.code) == (
        "MK-BUTEL",
        key_id(other.public_key()),
        "unknown-key-purpose",
    )
    assert "'attestation'" in problem.message


def test_a_key_of_an_unknown_algorithm_is_left_out_and_reported() -> None:
    raw = _signed([_member("MK-BUTEL", _signing(BUTEL), _signing(CAIR, algorithm="ML-DSA-65"))])
    directory = _read(raw)
    assert _listed(directory) == {"MK-BUTEL": [(key_id(BUTEL.public_key()), "signing")]}
    assert [p.code for p in directory.problems] == ["unknown-key-algorithm"]


def test_a_key_whose_id_is_not_its_fingerprint_is_left_out() -> None:
    raw = _signed([_member("MK-BUTEL", _signing(BUTEL, public_key=public_key_text(CAIR.public_key())))])
    directory = _read(raw)
    assert _listed(directory) == {"MK-BUTEL": []}
    assert [p.code for p in directory.problems] == ["key-id-mismatch"]


def test_a_hub_that_lists_an_encryption_key_of_its_own_for_a_member_is_caught() -> None:
    # The hub swaps the member's key for its own and binds it with its own key: the binding
    # must be by a signing key of that member, so it does not verify.
    genuine = _encryption("MK-BUTEL", X25519PrivateKey.generate(), bound_by=BUTEL)
    substitute = _encryption("MK-BUTEL", X25519PrivateKey.generate(), bound_by=HUB)
    directory = _read(
        _signed([_member("MK-BUTEL", _signing(BUTEL), substitute), _member("MK-CAIR", _signing(CAIR))])
    )
    assert _listed(directory)["MK-BUTEL"] == [(key_id(BUTEL.public_key()), "signing")]
    assert _listed(directory)["MK-CAIR"] == [(key_id(CAIR.public_key()), "signing")]
    [problem] = directory.problems
    assert (problem.keyid, problem.code) == (substitute["keyid"], "key-binding-invalid")
    assert genuine["keyid"] != substitute["keyid"]


def test_a_binding_copied_onto_another_public_key_does_not_verify() -> None:
    genuine = _encryption("MK-BUTEL", X25519PrivateKey.generate(), bound_by=BUTEL)
    swapped = _encryption("MK-BUTEL", X25519PrivateKey.generate(), bound_by=BUTEL, binding=genuine["binding"])
    directory = _read(_signed([_member("MK-BUTEL", _signing(BUTEL), swapped)]))
    assert [(p.code, p.keyid) for p in directory.problems] == [("key-binding-invalid", swapped["keyid"])]
    assert "does not verify" in directory.problems[0].message


def test_a_binding_with_a_changed_validity_does_not_verify() -> None:
    listed = _encryption(
        "MK-BUTEL", X25519PrivateKey.generate(), bound_by=BUTEL, valid_until=SINCE + dt.timedelta(days=1)
    )
    directory = _read(_signed([_member("MK-BUTEL", _signing(BUTEL), listed)]))
    assert [p.code for p in directory.problems] == ["key-binding-invalid"]


@pytest.mark.parametrize(
    ("binder_status", "reason"),
    [("revoked", "which the hub revoked"), (None, "not a signing key of MK-BUTEL")],
)
def test_a_binding_by_a_revoked_key_or_by_another_members_key_is_not_trusted(
    binder_status: str | None, reason: str
) -> None:
    binder = BUTEL if binder_status else CAIR
    signing = _signing(BUTEL, status=binder_status or "active")
    listed = _encryption("MK-BUTEL", X25519PrivateKey.generate(), bound_by=binder)
    directory = _read(_signed([_member("MK-BUTEL", signing, listed), _member("MK-CAIR", _signing(CAIR))]))
    [problem] = directory.problems
    assert problem.code == "key-binding-invalid"
    assert reason in problem.message


def test_an_encryption_key_without_a_binding_is_not_trusted() -> None:
    listed = _encryption("MK-BUTEL", X25519PrivateKey.generate(), bound_by=BUTEL, binding=None)
    directory = _read(_signed([_member("MK-BUTEL", _signing(BUTEL), listed)]))
    assert [(p.code, p.message) for p in directory.problems] == [
        ("key-binding-invalid", f"Encryption key {listed['keyid']} of MK-BUTEL has no binding.")
    ]


def test_a_binding_by_a_key_retired_by_a_rotation_still_verifies() -> None:
    listed = _encryption("MK-BUTEL", X25519PrivateKey.generate(), bound_by=BUTEL)
    retired = _signing(BUTEL, status="retired", valid_until=SINCE + dt.timedelta(hours=1))
    directory = _read(_signed([_member("MK-BUTEL", retired, _signing(CAIR), listed)]))
    assert directory.problems == ()


def test_the_key_statement_has_exactly_these_bytes() -> None:
    statement = KeyStatement(
        member="MK-BUTEL",
        keyid="x25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        purpose="encryption",
        algorithm="X25519",
        public_key="BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
        valid_from=dt.datetime(2026, 12, 1, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        valid_until=None,
    )
    assert statement.to_bytes() == (
        b'{"algorithm":"X25519","keyid":"x25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",'
        b'"member":"MK-BUTEL","public_key":"BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",'
        b'"purpose":"encryption","valid_from":"2026-12-01T09:30:00.000000Z","valid_until":null}'
    )
    assert statement.signed_bytes().startswith(
        b"DSSEv1 65 application/vnd.socialhub.control.key_statement+json; version=1.0 247 {"
    )


def test_only_read_directory_makes_a_verified_directory() -> None:
    with pytest.raises(TypeError, match="made by read_directory only"):
        VerifiedDirectory(version="2.0", hub_keyid="x", issued_at=SINCE, members=(), problems=())


@pytest.mark.parametrize(
    ("asked", "served"), [(None, "1.0"), ("", "1.0"), ("1.0", "1.0"), ("2.0", "2.0"), ("2.3", "2.0")]
)
def test_a_reader_gets_the_newest_directory_of_the_major_it_asks_for(asked: str | None, served: str) -> None:
    assert directory_version_for(asked) == served


@pytest.mark.parametrize("asked", ["3.0", "two", "2.x", "0.1"])
def test_a_directory_version_the_hub_has_no_major_of_is_refused(asked: str) -> None:
    with pytest.raises(UnsupportedVersionError):
        directory_version_for(asked)


# --- key rotation 2.0 ------------------------------------------------------------------------


def _rotation_to(
    new: Ed25519PrivateKey | Any,
    *,
    signer: Ed25519PrivateKey = BUTEL,
    member: str = "MK-BUTEL",
    **fields: Any,
) -> bytes:
    is_signing = isinstance(new, Ed25519PrivateKey)
    return key_rotation_write(
        member=member,
        signing_key=signer,
        new_key=new,
        valid_from=SINCE,
        issued_at=SINCE,
        replaces=key_id(signer.public_key()) if is_signing else None,
        replaced_valid_until=SINCE + dt.timedelta(hours=24) if is_signing else None,
        **fields,
    ).to_bytes()


def _read_rotation(raw: bytes, signer: Ed25519PrivateKey = BUTEL) -> KeyRotationV2:
    return read_key_rotation(raw, resolve_key=resolver_for(signer, "MK-BUTEL"))


def _payload(raw: bytes) -> KeyRotationV2:
    return KeyRotationV2.model_validate_json(b64_decode(json.loads(raw)["payload"]))


def _resigned(raw: bytes, **changes: Any) -> bytes:
    rotation = _payload(raw).model_copy(update=changes)
    return seal_envelope(
        message_type="control.key_rotation",
        version="2.0",
        payload=rotation.model_dump_json().encode(),
        key=BUTEL,
    ).to_bytes()


def test_a_signing_rotation_carries_the_binding_of_the_old_key_and_the_proof_of_the_new() -> None:
    new = Ed25519PrivateKey.generate()
    rotation = _read_rotation(_rotation_to(new))
    assert (rotation.purpose, rotation.keyid) == ("signing", key_id(new.public_key()))
    assert rotation.binding.keyid == key_id(BUTEL.public_key())
    assert rotation.replaces == key_id(BUTEL.public_key())
    assert rotation.proof is not None


def test_an_encryption_rotation_carries_a_binding_and_no_proof() -> None:
    new = X25519PrivateKey.generate().public_key()
    rotation = _read_rotation(_rotation_to(new))
    assert (rotation.purpose, rotation.algorithm, rotation.keyid) == ("encryption", "X25519", key_id(new))
    assert rotation.proof is None


def test_a_signing_rotation_with_the_proof_of_another_key_is_refused() -> None:
    raw = _rotation_to(Ed25519PrivateKey.generate())
    other = _payload(_rotation_to(Ed25519PrivateKey.generate()))
    with pytest.raises(BadProofError, match="proof does not verify"):
        _read_rotation(_resigned(raw, proof=other.proof))


def test_a_signing_rotation_without_a_proof_is_refused() -> None:
    with pytest.raises(BadProofError):
        _read_rotation(_resigned(_rotation_to(Ed25519PrivateKey.generate()), proof=None))


def test_a_rotation_for_another_member_is_refused() -> None:
    raw = _rotation_to(X25519PrivateKey.generate().public_key(), member="MK-CAIR")
    with pytest.raises(SourceMismatchError, match="A rotation for MK-CAIR is signed by MK-BUTEL"):
        _read_rotation(raw)


def test_a_rotation_whose_binding_is_by_another_key_is_refused() -> None:
    raw = _rotation_to(X25519PrivateKey.generate().public_key())
    foreign = key_statement_bind(_payload(raw).statement(), key=CAIR)
    with pytest.raises(KeyBindingInvalidError, match="not by ed25519:"):
        _read_rotation(_resigned(raw, binding=foreign))


def test_an_encryption_rotation_that_claims_an_overlap_is_refused() -> None:
    raw = _resigned(_rotation_to(X25519PrivateKey.generate().public_key()), replaced_valid_until=SINCE)
    with pytest.raises(InvalidKeyRotationError, match="An encryption key cannot sign"):
        _read_rotation(raw)


def test_a_signing_rotation_that_replaces_a_key_other_than_its_signer_is_refused() -> None:
    raw = _resigned(_rotation_to(Ed25519PrivateKey.generate()), replaces=key_id(CAIR.public_key()))
    with pytest.raises(InvalidKeyRotationError, match="replaces the key that signs"):
        _read_rotation(raw)


def test_a_key_rotation_1_0_is_not_read_as_a_statement() -> None:
    raw = seal_envelope(
        message_type="control.key_rotation", version="1.0", payload=b"{}", key=BUTEL
    ).to_bytes()
    with pytest.raises(UnsupportedVersionError, match="present version 2.0"):
        _read_rotation(raw)


# --- X25519 key files ----------------------------------------------------------------------


def test_an_encryption_key_file_is_readable_by_its_owner_only_and_loads_back(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "encryption.key"
    key = generate_encryption_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert key_id(load_encryption_key(path).public_key()) == key_id(key.public_key())
    with pytest.raises(FileExistsError):
        generate_encryption_key(path)


def test_a_signing_key_file_is_not_taken_for_an_encryption_key(tmp_path: Path) -> None:
    generate_private_key(tmp_path / "signing.key")
    with pytest.raises(ValueError, match="does not hold an X25519 private key"):
        load_encryption_key(tmp_path / "signing.key")
