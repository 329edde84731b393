"""The signed directory 2.0 with signing and encryption keys, their bindings, and key rotation.

``control.directory`` 2.0 lists each member's keys with a purpose (``signing``: Ed25519, for
messages and requests; ``encryption``: X25519, for what is sealed to the member with HPKE,
RFC 9180), a status and a validity. 1.0 lists signing keys only; a hub serves 1.0 to a node
that does not ask for 2.0 (``GET /api/v1/directory?version=2.0``), so nodes of the previous
release keep working. ``read_directory`` reads either and returns one ``VerifiedDirectory``.

``control.key_rotation`` 2.0 is a statement a member signs with its current signing key and
presents to the hub itself (``POST /api/v1/keys/rotations``), which applies it at once: it is
not an exchanged event (1.0, kept readable, is one), since the hub must know the new key
before the member signs anything with it.

Invariants:
- a key id is the algorithm's prefix and the base64url SHA-256 of the raw public key
  (``contracts.keys``); a listed key whose id is not its public key's fingerprint is not trusted;
- an encryption key is trusted only with a *binding*: the signature of a signing key of the
  same member, not revoked, over the key statement (member, key id, purpose, algorithm, public
  key, validity), so a hub that lists a key of its own for a member is caught by every reader;
- a key of a purpose or algorithm the reader does not know, or one that fails a check, is left
  out and reported in ``VerifiedDirectory.problems`` with its error code; the rest of the
  directory still applies, so one bad key never stops a node learning the others;
- a status is the hub's word (``retired`` after a rotation, ``revoked`` by its operator); it can
  withhold a key but, outside the binding, never put a key in a member's name;
- a rotation of a signing key carries the new key's own signature over its statement (it holds
  the key) and names the key that signs it as the one it replaces.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Annotated, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from contracts.bounds import BASE64URL_PATTERN, KeyId, NodeCode, PublicKeyText, SignatureText
from contracts.control import DIRECTORY_TYPE, Directory, Name, signed_model
from contracts.control import Member as MemberV1
from contracts.envelope import (
    Envelope,
    KeyResolver,
    open_envelope,
    pae,
    parse_envelope,
    payload_type_for,
    seal_envelope,
)
from contracts.errors import (
    BadProofError,
    ContractError,
    InvalidKeyRotationError,
    KeyBindingInvalidError,
    KeyIdMismatchError,
    SourceMismatchError,
    UnknownKeyAlgorithmError,
    UnknownKeyPurposeError,
    UnsupportedVersionError,
)
from contracts.keys import (
    b64u_decode,
    b64u_encode,
    cached_key_id,
    fingerprint,
    key_id,
    load_public_key,
    public_key_text,
)
from contracts.vocabulary import CountryCode

DIRECTORY_VERSIONS = ("1.0", "2.0")
"""The directory versions a hub serves and ``read_directory`` reads, oldest first."""
KEY_ROTATION_TYPE = "control.key_rotation"
KEY_ROTATION_VERSION = "2.0"
KEY_STATEMENT_TYPE = "control.key_statement"
KEY_STATEMENT_VERSION = "1.0"

KeyPurpose = Literal["signing", "encryption"]
KeyAlgorithm = Literal["Ed25519", "X25519"]
KeyStatus = Literal["active", "retired", "revoked"]
RevocationReason = Literal["key-compromise", "superseded", "cessation-of-operation", "unspecified"]
"""Why a hub operator revoked a key, named as RFC 5280's revocation reasons."""
ALGORITHMS: dict[str, str] = {"signing": "Ed25519", "encryption": "X25519"}
"""The one algorithm of each purpose."""

Word = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9._-]*$", max_length=40)]
"""A purpose or an algorithm as a directory lists it: any word, so that a later release can
list keys of a kind this one does not know, and a reader leaves them out instead of failing."""
KeyMaterial = Annotated[str, StringConstraints(pattern=BASE64URL_PATTERN, min_length=40, max_length=2000)]
"""A public key in base64url; room for the longer keys of an algorithm added later."""


class KeyBinding(BaseModel):
    """A signing key's signature over a key statement: the member vouches for the key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    keyid: KeyId = Field(description="The member's signing key that signed.")
    sig: SignatureText = Field(description="Ed25519 over the DSSE PAE of the key statement (base64url).")


class KeyStatement(BaseModel):
    """What a binding (and a signing key's proof of possession) signs: one key of one member.

    The bytes are JSON with sorted keys and no spaces, instants in UTC to the microsecond with
    a ``Z``, signed under DSSE's pre-authentication encoding with the payload type of
    ``control.key_statement`` 1.0, so that they can never pass for any other signed thing.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    member: NodeCode
    keyid: KeyId
    purpose: KeyPurpose
    algorithm: KeyAlgorithm
    public_key: PublicKeyText
    valid_from: AwareDatetime
    valid_until: AwareDatetime | None

    def to_bytes(self) -> bytes:
        fields = self.model_dump() | {
            "valid_from": _instant(self.valid_from),
            "valid_until": _instant(self.valid_until) if self.valid_until else None,
        }
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()

    def signed_bytes(self) -> bytes:
        return pae(payload_type_for(KEY_STATEMENT_TYPE, KEY_STATEMENT_VERSION), self.to_bytes())


def _instant(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def key_statement_bind(statement: KeyStatement, *, key: Ed25519PrivateKey) -> KeyBinding:
    """Sign ``statement`` with ``key``: a binding when ``key`` is the member's signing key."""
    return KeyBinding(keyid=cached_key_id(key), sig=b64u_encode(key.sign(statement.signed_bytes())))


def verify_key_binding(statement: KeyStatement, binding: KeyBinding, *, public_key: Ed25519PublicKey) -> None:
    """Raise ``KeyBindingInvalidError`` unless ``binding`` is ``public_key``'s signature over it."""
    try:
        public_key.verify(b64u_decode(binding.sig), statement.signed_bytes())
    except (ValueError, InvalidSignature) as exc:
        raise KeyBindingInvalidError(
            f"The binding of {statement.keyid} by {binding.keyid} does not verify."
        ) from exc


# --- the directory 2.0 on the wire ---------------------------------------------------------


class DirectoryKeyV2(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    keyid: KeyId
    purpose: Word = Field(description="signing or encryption; a reader leaves out (and reports) any other.")
    algorithm: Word = Field(description="Ed25519 for signing, X25519 for encryption.")
    public_key: KeyMaterial
    status: KeyStatus = Field(
        description="active; retired (replaced by a rotation: a signing key verifies what the hub "
        "logged before valid_until, nothing is sealed to an encryption key any more); revoked."
    )
    valid_from: AwareDatetime
    valid_until: AwareDatetime | None = Field(
        description="For a signing key, the hub logs nothing signed with it from then on; none: open."
    )
    revoked_at: AwareDatetime | None = None
    revocation_reason: RevocationReason | None = None
    binding: KeyBinding | None = Field(
        default=None, description="For an encryption key: its member's signing key vouches for it."
    )


class MemberV2(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: NodeCode
    name: Name
    country: CountryCode
    keys: tuple[DirectoryKeyV2, ...]


class DirectoryV2(BaseModel):
    """``control.directory`` 2.0: the members with their signing and encryption keys, signed by the hub."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hub_keyid: KeyId
    issued_at: dt.datetime
    members: tuple[MemberV2, ...]


def directory_version_for(requested: str | None) -> str:
    """The directory version a hub serves to a reader asking for ``requested`` (none: 1.0, what
    readers of the previous release expect): the newest of the same major; raise
    ``UnsupportedVersionError`` for a major it does not have."""
    if not requested:
        return DIRECTORY_VERSIONS[0]
    major = requested.split(".", 1)[0]
    served = [v for v in DIRECTORY_VERSIONS if v.split(".")[0] == major]
    if not served or not all(part.isdigit() for part in requested.split(".", 1)):
        raise UnsupportedVersionError(
            f"The directory has no version {requested[:20]!r}; it has {', '.join(DIRECTORY_VERSIONS)}."
        )
    return served[-1]


# --- the directory as read -------------------------------------------------------------------

_VERIFIED = object()


@dataclass(frozen=True, slots=True)
class ListedKey:
    """A key that passed every check of ``read_directory``."""

    keyid: str
    purpose: KeyPurpose
    algorithm: KeyAlgorithm
    public_key: str
    status: KeyStatus
    valid_from: dt.datetime
    valid_until: dt.datetime | None
    binding: KeyBinding | None = None


@dataclass(frozen=True, slots=True)
class ListedMember:
    code: str
    name: str
    country: str
    keys: tuple[ListedKey, ...]


@dataclass(frozen=True, slots=True)
class DirectoryProblem:
    """A listed key that is not trusted, and why, by error code (``contracts.errors``)."""

    member: str
    keyid: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class VerifiedDirectory:
    """A directory signed by the pinned hub key, of either version, with only the keys that
    passed their checks. Only ``read_directory`` makes one."""

    version: str
    hub_keyid: str
    issued_at: dt.datetime
    members: tuple[ListedMember, ...]
    problems: tuple[DirectoryProblem, ...]
    _made_by: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._made_by is not _VERIFIED:
            raise TypeError("A VerifiedDirectory is made by read_directory only.")


def read_directory(raw: bytes | str | dict[str, object], *, resolve_key: KeyResolver) -> VerifiedDirectory:
    """Verify a ``control.directory`` (1.0 or 2.0) against the hub key, then parse and check
    each key. ``resolve_key`` must resolve only the hub's pinned key. Raises a ``ContractError``
    when the directory as a whole is not the hub's or not readable; a key that fails its own
    checks is reported in ``problems`` instead."""
    # 1. The hub's signature, over a directory.
    verified = open_envelope(
        parse_envelope(raw), resolve_key=resolve_key, accept_types=frozenset({DIRECTORY_TYPE})
    )
    # 2. A version this reader speaks.
    if verified.version not in DIRECTORY_VERSIONS:
        raise UnsupportedVersionError(
            f"{DIRECTORY_TYPE} version {verified.version} is not one of {', '.join(DIRECTORY_VERSIONS)}."
        )
    # 3. The signed bytes, strictly, as that version's model.
    model: type[Directory | DirectoryV2] = Directory if verified.version == "1.0" else DirectoryV2
    directory = signed_model(verified.payload, model, what=DIRECTORY_TYPE)
    # 4. Each key on its own: a key that fails is left out and reported.
    members, problems = [], []
    for member in directory.members:
        keys, found = _member_keys(member)
        members.append(ListedMember(code=member.code, name=member.name, country=member.country, keys=keys))
        problems += found
    return VerifiedDirectory(
        version=verified.version,
        hub_keyid=directory.hub_keyid,
        issued_at=directory.issued_at,
        members=tuple(members),
        problems=tuple(problems),
        _made_by=_VERIFIED,
    )


def _member_keys(member: MemberV1 | MemberV2) -> tuple[tuple[ListedKey, ...], list[DirectoryProblem]]:
    problems: list[DirectoryProblem] = []
    candidates: list[ListedKey] = []
    raw: list[tuple[str, str, str, str, KeyStatus, dt.datetime, dt.datetime | None, KeyBinding | None]]
    if isinstance(member, MemberV1):
        # 1.0 lists signing keys only, valid from when the hub added them.
        raw = [
            (k.keyid, "signing", "Ed25519", k.public_key, k.status, k.added_at, None, None)
            for k in member.keys
        ]
    else:
        raw = [
            (k.keyid, k.purpose, k.algorithm, k.public_key, k.status, k.valid_from, k.valid_until, k.binding)
            for k in member.keys
        ]
    code = member.code
    for keyid, purpose, algorithm, public_key, status, valid_from, valid_until, binding in raw:
        try:
            known_purpose, known_algorithm = _known_kind(purpose, algorithm)
            _check_fingerprint(keyid, algorithm=known_algorithm, public_key=public_key)
        except ContractError as exc:
            problems.append(DirectoryProblem(member=code, keyid=keyid, code=exc.code, message=exc.message))
            continue
        candidates.append(
            ListedKey(
                keyid=keyid,
                purpose=known_purpose,
                algorithm=known_algorithm,
                public_key=public_key,
                status=status,
                valid_from=valid_from,
                valid_until=valid_until,
                binding=binding if known_purpose == "encryption" else None,
            )
        )
    signing = {k.keyid: k for k in candidates if k.purpose == "signing"}
    trusted = []
    for key in candidates:
        if key.purpose == "encryption":
            try:
                _check_binding(code, key, signing)
            except KeyBindingInvalidError as exc:
                problems.append(
                    DirectoryProblem(member=code, keyid=key.keyid, code=exc.code, message=exc.message)
                )
                continue
        trusted.append(key)
    return tuple(trusted), problems


def _known_kind(purpose: str, algorithm: str) -> tuple[KeyPurpose, KeyAlgorithm]:
    if purpose not in ALGORITHMS:
        raise UnknownKeyPurposeError(f"The key's purpose {purpose!r} is not signing or encryption.")
    if algorithm != ALGORITHMS[purpose]:
        raise UnknownKeyAlgorithmError(f"A {purpose} key must be {ALGORITHMS[purpose]}, not {algorithm!r}.")
    return purpose, algorithm  # type: ignore[return-value]  # both checked against ALGORITHMS


def _check_fingerprint(keyid: str, *, algorithm: str, public_key: str) -> None:
    try:
        raw = b64u_decode(public_key)
    except ValueError:
        raw = b""
    if len(raw) != 32 or fingerprint(algorithm, raw) != keyid:
        raise KeyIdMismatchError(f"{keyid[:80]} is not the fingerprint of its {algorithm} public key.")


def _check_binding(member: str, key: ListedKey, signing: dict[str, ListedKey]) -> None:
    if key.binding is None:
        raise KeyBindingInvalidError(f"Encryption key {key.keyid} of {member} has no binding.")
    signer = signing.get(key.binding.keyid)
    if signer is None:
        raise KeyBindingInvalidError(
            f"Encryption key {key.keyid} is bound by {key.binding.keyid[:80]}, not a signing key of {member}."
        )
    if signer.status == "revoked":
        raise KeyBindingInvalidError(
            f"Encryption key {key.keyid} is bound by {signer.keyid}, which the hub revoked."
        )
    statement = KeyStatement(
        member=member,
        keyid=key.keyid,
        purpose=key.purpose,
        algorithm=key.algorithm,
        public_key=key.public_key,
        valid_from=key.valid_from,
        valid_until=key.valid_until,
    )
    verify_key_binding(statement, key.binding, public_key=load_public_key(signer.public_key))


# --- key rotation 2.0 ------------------------------------------------------------------------


class KeyRotationV2(BaseModel):
    """``control.key_rotation`` 2.0: a member publishes its next signing or encryption key,
    signed with its current signing key (the envelope and the binding); for a signing key, the
    new key signs the same statement too (``proof``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    member: NodeCode
    purpose: KeyPurpose
    algorithm: KeyAlgorithm
    keyid: KeyId
    public_key: PublicKeyText
    valid_from: AwareDatetime
    valid_until: AwareDatetime | None = None
    binding: KeyBinding = Field(
        description="The signing key that signs this rotation, over the key statement."
    )
    proof: SignatureText | None = Field(
        default=None, description="A signing key only: the new key's own signature over the key statement."
    )
    replaces: KeyId | None = Field(
        default=None,
        description="The key of the same purpose this one takes over from: for signing, the key that "
        "signs this rotation; none when a member first publishes an encryption key.",
    )
    replaced_valid_until: AwareDatetime | None = Field(
        default=None,
        description="A signing key only: until when the hub still accepts the replaced key, for what "
        "was signed with it before the switch.",
    )
    issued_at: AwareDatetime

    def statement(self) -> KeyStatement:
        return KeyStatement(
            member=self.member,
            keyid=self.keyid,
            purpose=self.purpose,
            algorithm=self.algorithm,
            public_key=self.public_key,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
        )


class KeyRotationResponse(BaseModel):
    """The hub's answer to a key rotation: the key is listed in the directory it sends along."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    keyid: KeyId
    status: Literal["applied", "already-applied"]
    directory: Envelope = Field(description="The control.directory 2.0 envelope that lists the key.")


def key_rotation_write(
    *,
    member: str,
    signing_key: Ed25519PrivateKey,
    new_key: Ed25519PrivateKey | X25519PublicKey,
    valid_from: dt.datetime,
    issued_at: dt.datetime,
    replaces: str | None = None,
    replaced_valid_until: dt.datetime | None = None,
    valid_until: dt.datetime | None = None,
) -> Envelope:
    """The signed rotation to ``new_key``: an Ed25519 private key (it signs its own proof) or
    an X25519 public key. ``signing_key`` is the member's current signing key."""
    public = new_key.public_key() if isinstance(new_key, Ed25519PrivateKey) else new_key
    purpose: KeyPurpose = "signing" if isinstance(new_key, Ed25519PrivateKey) else "encryption"
    statement = KeyStatement(
        member=member,
        keyid=key_id(public),
        purpose=purpose,
        algorithm="Ed25519" if purpose == "signing" else "X25519",
        public_key=public_key_text(public),
        valid_from=valid_from,
        valid_until=valid_until,
    )
    proof = None
    if isinstance(new_key, Ed25519PrivateKey):
        proof = b64u_encode(new_key.sign(statement.signed_bytes()))
    rotation = KeyRotationV2(
        **statement.model_dump(),
        binding=key_statement_bind(statement, key=signing_key),
        proof=proof,
        replaces=replaces,
        replaced_valid_until=replaced_valid_until,
        issued_at=issued_at,
    )
    return seal_envelope(
        message_type=KEY_ROTATION_TYPE,
        version=KEY_ROTATION_VERSION,
        payload=rotation.model_dump_json().encode(),
        key=signing_key,
    )


def read_key_rotation(raw: bytes | str | dict[str, object], *, resolve_key: KeyResolver) -> KeyRotationV2:
    """Verify a key rotation and every signature in it; raise a ``ContractError``.

    ``resolve_key`` resolves the member's current signing key (the one that signs the rotation).
    What the rotation must fit of the keys the member holds (which key it replaces, for how
    long) is the hub's to check."""
    # 1. The member's signature, over a key rotation.
    verified = open_envelope(
        parse_envelope(raw), resolve_key=resolve_key, accept_types=frozenset({KEY_ROTATION_TYPE})
    )
    # 2. Version 2.0: 1.0 is an exchanged event, which no hub applies.
    if verified.version != KEY_ROTATION_VERSION:
        raise UnsupportedVersionError(
            f"{KEY_ROTATION_TYPE} {verified.version} is not applied here; "
            f"present version {KEY_ROTATION_VERSION}."
        )
    # 3. The signed bytes, strictly.
    rotation = signed_model(verified.payload, KeyRotationV2, what=KEY_ROTATION_TYPE)
    # 4. The member it names signed it.
    if rotation.member != verified.signer:
        raise SourceMismatchError(f"A rotation for {rotation.member} is signed by {verified.signer}.")
    # 5. A key of a known kind, named by its fingerprint.
    _known_kind(rotation.purpose, rotation.algorithm)
    _check_fingerprint(rotation.keyid, algorithm=rotation.algorithm, public_key=rotation.public_key)
    # 6. The binding is by the key that signs the rotation, over this key.
    if rotation.binding.keyid != verified.keyid:
        raise KeyBindingInvalidError(
            f"The binding is by {rotation.binding.keyid[:80]}, not by {verified.keyid}, "
            "which signs the rotation."
        )
    statement = rotation.statement()
    verify_key_binding(statement, rotation.binding, public_key=resolve_key(verified.keyid).public_key)
    # 7. A signing key proves it holds itself and takes over from the key that signs.
    if rotation.purpose == "signing":
        if rotation.replaces != verified.keyid or rotation.replaced_valid_until is None:
            raise InvalidKeyRotationError(
                "A signing key replaces the key that signs its rotation, until replaced_valid_until."
            )
        try:
            load_public_key(rotation.public_key).verify(
                b64u_decode(rotation.proof or ""), statement.signed_bytes()
            )
        except (ValueError, InvalidSignature) as exc:
            raise BadProofError("The new signing key's proof does not verify.") from exc
    elif rotation.proof is not None or rotation.replaced_valid_until is not None:
        raise InvalidKeyRotationError(
            "An encryption key cannot sign: its rotation carries no proof and no replaced_valid_until."
        )
    return rotation
