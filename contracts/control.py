"""Statements the hub signs and messages that set a node up: receipts, the directory, enrolment.

Invariants:
- a receipt binds a message id to the SHA-256 of its signed payload and its log index, so a
  node can prove what the hub accepted from it;
- the directory lists every member with every key and its status; a node trusts a key only
  if the directory signed by the pinned hub key lists it as ``active``;
- the proof of possession at enrolment signs the token together with the public key, so a
  token intercepted in transit cannot enrol another key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from contracts.envelope import KeyResolver, open_envelope, parse_envelope
from contracts.errors import SchemaViolationError, UnsupportedVersionError, validation_detail
from contracts.vocabulary import CountryCode

RECEIPT_TYPE = "control.receipt"
DIRECTORY_TYPE = "control.directory"
TREE_HEAD_TYPE = "control.tree_head"
PAGE_SEAL_TYPE = "control.page_seal"
PROOF_TYPE = "control.enrolment_proof"
CONTROL_VERSION = "1.0"
HUB_SOURCE = "hub"


class Receipt(BaseModel):
    """``control.receipt`` 1.0: the hub accepted and logged a message."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    message_id: uuid.UUID
    source: str
    sequence: int
    payload_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    log_index: int = Field(ge=1)
    received_at: dt.datetime


class TreeHead(BaseModel):
    """``control.tree_head`` 1.0: the hub's log had ``tree_size`` entries with this Merkle root.

    The root is the RFC 9162 (and RFC 6962) Merkle tree hash, SHA-256 with 0x00 leaf and 0x01
    node prefixes, over the log's entries in order; the entry at log index ``i`` (from 1) is the
    signed payload of the receipt for the message at that index, and RFC 9162's leaf ``i - 1``.
    The hub serves RFC 9162 inclusion and consistency proofs against it (``contracts.log``).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    tree_size: int = Field(ge=0)
    root_hash: str = Field(pattern=r"^[0-9a-f]{64}$", description="The Merkle tree hash, in lowercase hex.")
    timestamp: dt.datetime


class PageSeal(BaseModel):
    """``control.page_seal`` 1.0: one signature by which the hub vouches for every receipt on a
    page of the log it hands a member.

    ``receipts_sha256`` is the SHA-256 of the Merkle leaf hashes of the page's entries (each
    receipt's signed payload), concatenated in page order (``page_digest``). A receiver that
    verifies this one signature and recomputes the digest holds every receipt on the page as
    the hub's without verifying each one; the receipts keep their own signatures for anyone
    who checks them later (a dead letter retried, an auditor).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    member: str
    after: int = Field(ge=0, description="The cursor the page follows.")
    count: int = Field(ge=1, description="Messages on the page.")
    receipts_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


def page_digest(leaf_hashes: list[bytes]) -> str:
    """The digest a page seal signs: SHA-256 over the entries' leaf hashes, in page order."""
    return hashlib.sha256(b"".join(leaf_hashes)).hexdigest()


class MemberKey(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    keyid: str
    public_key: str
    status: Literal["active", "revoked"]
    added_at: dt.datetime


class Member(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    country: CountryCode
    keys: tuple[MemberKey, ...]


class Directory(BaseModel):
    """``control.directory`` 1.0: the federation's members and their keys, signed by the hub."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hub_keyid: str
    issued_at: dt.datetime
    members: tuple[Member, ...]


class EnrolmentProof(BaseModel):
    """What a node signs at enrolment to prove it holds the key it presents."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    token: str
    public_key: str

    def to_bytes(self) -> bytes:
        # Sorted keys and no spaces: both sides must produce the very same bytes.
        return json.dumps(self.model_dump(), sort_keys=True, separators=(",", ":")).encode()


class EnrolmentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    token: str = Field(min_length=10, max_length=200)
    public_key: str = Field(min_length=40, max_length=60)
    proof: str = Field(min_length=40, max_length=200)


class EnrolmentResponse(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    node_code: str
    node_name: str
    hub_public_key: str
    hub_keyid: str
    directory: dict[str, object]


class KeyRotationV1(BaseModel):
    """``control.key_rotation`` 1.0: a node announces its next key, signed with its current one.

    ``proof`` is the new key's signature over ``EnrolmentProof(token=old keyid, public_key=new)``,
    so both keys vouch for the change.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    old_keyid: str
    new_public_key: str = Field(min_length=40, max_length=60)
    new_keyid: str
    proof: str = Field(min_length=40, max_length=200)
    effective_at: dt.datetime


ControlT = TypeVar("ControlT", Receipt, Directory, TreeHead, PageSeal)
_CONTROL_TYPES: dict[type[BaseModel], str] = {
    Receipt: RECEIPT_TYPE,
    Directory: DIRECTORY_TYPE,
    TreeHead: TREE_HEAD_TYPE,
    PageSeal: PAGE_SEAL_TYPE,
}


def read_control(
    raw: bytes | str | dict[str, object], *, model: type[ControlT], resolve_key: KeyResolver
) -> ControlT:
    """Verify a statement the hub signed (receipt, directory, tree head, page seal), then parse
    it strictly.

    ``resolve_key`` must resolve only the hub's pinned key. Raises a ``ContractError``.
    """
    message_type = _CONTROL_TYPES[model]
    # 1. The hub's signature, over a statement of exactly this type.
    verified = open_envelope(
        parse_envelope(raw), resolve_key=resolve_key, accept_types=frozenset({message_type})
    )
    # 2. A version this reader speaks.
    if verified.version != CONTROL_VERSION:
        raise UnsupportedVersionError(f"{message_type} version {verified.version} is not {CONTROL_VERSION}.")
    # 3. The signed bytes, strictly, as the model.
    try:
        return model.model_validate_json(verified.payload, strict=True)
    except ValidationError as exc:
        raise SchemaViolationError(
            f"The {message_type} does not match its schema.", detail=validation_detail(exc)
        ) from exc
