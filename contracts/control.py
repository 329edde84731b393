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
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from contracts.bounds import (
    Count,
    KeyId,
    LogIndex,
    LogSize,
    NodeCode,
    PublicKeyText,
    SequenceNumber,
    Sha256Hex,
    SignatureText,
    StorableText,
)
from contracts.envelope import KeyResolver, open_envelope, parse_envelope
from contracts.errors import SchemaViolationError, UnsupportedVersionError, validation_detail
from contracts.limits import check_json_depth
from contracts.statistics import PolicyReference
from contracts.vocabulary import CountryCode

RECEIPT_TYPE = "control.receipt"
DIRECTORY_TYPE = "control.directory"
TREE_HEAD_TYPE = "control.tree_head"
PAGE_SEAL_TYPE = "control.page_seal"
PROOF_TYPE = "control.enrolment_proof"
STATISTICS_POLICY_TYPE = "control.statistics_policy"
CONTROL_VERSION = "1.0"
HUB_SOURCE = "hub"

Name = Annotated[str, StorableText(max_length=200)]
"""A member's name; the hub and the nodes keep it in a column of 200 characters."""
Token = Annotated[str, StorableText(max_length=200)]
"""What an enrolment proof signs as its token: an enrolment token, or a key id at rotation."""


class Receipt(BaseModel):
    """``control.receipt`` 1.0: the hub accepted and logged a message."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    message_id: uuid.UUID
    source: NodeCode
    sequence: SequenceNumber
    payload_sha256: Sha256Hex
    log_index: LogIndex
    received_at: dt.datetime


class TreeHead(BaseModel):
    """``control.tree_head`` 1.0: the hub's log had ``tree_size`` entries with this Merkle root.

    The root is the RFC 9162 (and RFC 6962) Merkle tree hash, SHA-256 with 0x00 leaf and 0x01
    node prefixes, over the log's entries in order; the entry at log index ``i`` (from 1) is the
    signed payload of the receipt for the message at that index, and RFC 9162's leaf ``i - 1``.
    The hub serves RFC 9162 inclusion and consistency proofs against it (``contracts.log``).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    tree_size: LogSize
    root_hash: Sha256Hex = Field(description="The Merkle tree hash, in lowercase hex.")
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

    member: NodeCode
    after: LogSize = Field(description="The cursor the page follows.")
    count: Count = Field(ge=1, description="Messages on the page.")
    receipts_sha256: Sha256Hex


def page_digest(leaf_hashes: list[bytes]) -> str:
    """The digest a page seal signs: SHA-256 over the entries' leaf hashes, in page order."""
    return hashlib.sha256(b"".join(leaf_hashes)).hexdigest()


class MemberKey(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    keyid: KeyId
    public_key: PublicKeyText
    status: Literal["active", "revoked"]
    added_at: dt.datetime


class Member(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: NodeCode
    name: Name
    country: CountryCode
    keys: tuple[MemberKey, ...]


class Directory(BaseModel):
    """``control.directory`` 1.0: the federation's members and their keys, signed by the hub."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hub_keyid: KeyId
    issued_at: dt.datetime
    members: tuple[Member, ...]


class EnrolmentProof(BaseModel):
    """What a node signs at enrolment to prove it holds the key it presents."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    token: Token
    public_key: PublicKeyText

    def to_bytes(self) -> bytes:
        # Sorted keys and no spaces: both sides must produce the very same bytes.
        return json.dumps(self.model_dump(), sort_keys=True, separators=(",", ":")).encode()


class EnrolmentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    token: Annotated[str, StorableText(min_length=10, max_length=200)]
    public_key: PublicKeyText
    proof: SignatureText


class EnrolmentResponse(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    node_code: NodeCode
    node_name: Name
    hub_public_key: PublicKeyText
    hub_keyid: KeyId
    directory: dict[str, object] = Field(description="The control.directory envelope, as on the wire.")


class KeyRotationV1(BaseModel):
    """``control.key_rotation`` 1.0: a node announces its next key, signed with its current one.

    ``proof`` is the new key's signature over ``EnrolmentProof(token=old keyid, public_key=new)``,
    so both keys vouch for the change.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    old_keyid: KeyId
    new_public_key: PublicKeyText
    new_keyid: KeyId
    proof: SignatureText
    effective_at: dt.datetime


class DifferentialPrivacy(BaseModel):
    """Noise on every cell of a release, and the budget a node may spend per indicator family and
    period (a revision spends it too)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    mechanism: Literal["discrete_laplace", "discrete_gaussian"]
    per_release: float = Field(gt=0, le=10, allow_inf_nan=False)
    """ε (discrete Laplace) or ρ (discrete Gaussian, zero-concentrated DP) one release of a family spends."""
    budget: float = Field(gt=0, le=100, allow_inf_nan=False)
    """What a node may spend on one family's releases of one period, in the same unit."""


class StatisticsPolicy(BaseModel):
    """``control.statistics_policy`` 1.0: the federation's disclosure control, set and signed by the
    hub, applied by every node before its statistics leave it.

    - ``threshold``: a cell counting fewer than this many is suppressed (primary, CONF_STATUS A);
      a zero too when ``zeros_disclosive``;
    - ``rounding_base``: free cells rounded to this base (5 for the ONS practice), or none;
    - ``protection_width``: the narrowest interval an attacker may be left with for a suppressed
      cell, from everything published of the period (secondary suppression, CONF_STATUS D, makes
      it so; a release that fails the check is not released);
    - ``differential_privacy``: optional noise, with its budget.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Annotated[int, Field(ge=1, le=2**31 - 1)]
    issued_at: dt.datetime
    threshold: int = Field(default=5, ge=1, le=1000)
    zeros_disclosive: bool = False
    rounding_base: int | None = Field(default=None, ge=2, le=100)
    protection_width: int = Field(default=5, ge=1, le=1000)
    differential_privacy: DifferentialPrivacy | None = None

    def digest(self) -> str:
        """SHA-256 of the policy's canonical JSON: what a release names it by."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def reference(self) -> PolicyReference:
        """How a release of statistics names this policy and the rules a reader can check."""
        return PolicyReference(
            version=self.version,
            digest=self.digest(),
            threshold=self.threshold,
            zeros_disclosive=self.zeros_disclosive,
            rounding_base=self.rounding_base,
        )


ControlT = TypeVar("ControlT", Receipt, Directory, TreeHead, PageSeal, StatisticsPolicy)
_CONTROL_TYPES: dict[type[BaseModel], str] = {
    Receipt: RECEIPT_TYPE,
    Directory: DIRECTORY_TYPE,
    TreeHead: TREE_HEAD_TYPE,
    PageSeal: PAGE_SEAL_TYPE,
    StatisticsPolicy: STATISTICS_POLICY_TYPE,
}


def read_control(
    raw: bytes | str | dict[str, object], *, model: type[ControlT], resolve_key: KeyResolver
) -> ControlT:
    """Verify a statement the hub signed (receipt, directory, tree head, page seal, statistics
    policy), then parse it strictly.

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
    return signed_model(verified.payload, model, what=message_type)


SignedT = TypeVar("SignedT", bound=BaseModel)


def signed_model(payload: bytes, model: type[SignedT], *, what: str) -> SignedT:
    """A verified statement's signed bytes read strictly as ``model``: ``json-too-deep`` for bytes
    nested deeper than any contract, ``schema-violation`` (with the failing fields) otherwise."""
    check_json_depth(payload, what=f"The {what}")
    try:
        return model.model_validate_json(payload, strict=True)
    except ValidationError as exc:
        raise SchemaViolationError(
            f"The {what} does not match its schema.", detail=validation_detail(exc)
        ) from exc
