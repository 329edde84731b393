"""The hub's tamper-evident log: Merkle tree hashes and the proofs a node checks.

The hub logs every accepted message; entry ``i`` (log index ``i``, from 1) is the exact signed
payload of the hub's receipt for that message, which names the message id, the SHA-256 of the
message's signed payload, its source, sequence and log index. Sender and receivers hold that
receipt, so each can recompute its leaf.

The tree is RFC 6962 / RFC 9162's: SHA-256, ``0x00`` before a leaf, ``0x01`` before a pair of
child hashes (the suite checks the roots against Certificate Transparency's test vectors).
Proofs are computed and checked with pymerkle and travel in its serialised form
(``{"type", "metadata", "rule", "path", ["subset"]}``); a proof whose structure does not match
the index and sizes it claims is refused.

Invariants:
- every check raises (``BadLogProofError``, ``LogInconsistentError``), never returns ``False``;
- a node accepts a new tree head only if it is consistent with every head it saw before: a
  smaller tree, a different root at the same size or a failed consistency proof means the hub
  rewrote its history, and the node raises the alarm.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pymerkle import InmemoryTree
from pymerkle.proof import ConsistencyProof as _ConsistencyProof
from pymerkle.proof import InclusionProof as _InclusionProof
from pymerkle.proof import InvalidProof

from contracts.control import TreeHead
from contracts.errors import BadLogProofError, LogInconsistentError

ALGORITHM = "sha256"
EMPTY_ROOT = hashlib.sha256(b"").hexdigest()


class InclusionProof(BaseModel):
    """Proof that the entry at ``log_index`` is in the tree of ``tree_size`` entries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    log_index: int = Field(ge=1)
    tree_size: int = Field(ge=1)
    proof: dict[str, Any] = Field(description="pymerkle's serialised inclusion proof.")


class ConsistencyProof(BaseModel):
    """Proof that the tree of ``first`` entries is a prefix of the tree of ``second``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    first: int = Field(ge=1)
    second: int = Field(ge=1)
    proof: dict[str, Any] = Field(description="pymerkle's serialised consistency proof.")


def leaf_hash(entry: bytes) -> bytes:
    """The Merkle leaf hash of one log entry (the signed payload of a receipt)."""
    return hashlib.sha256(b"\x00" + entry).digest()


def root_of(entries: Iterable[bytes]) -> str:
    """The root hash (hex) of a whole log, from its entries in order (for auditors)."""
    tree = InmemoryTree(algorithm=ALGORITHM)
    for entry in entries:
        tree.append_entry(entry)
    if tree.get_size() == 0:
        return EMPTY_ROOT
    root: bytes = tree.get_root()
    return root.hex()


def verify_inclusion(*, entry: bytes, log_index: int, head: TreeHead, proof: InclusionProof) -> None:
    """Check that ``entry`` sits at ``log_index`` in the tree ``head`` describes."""
    if proof.log_index != log_index or proof.tree_size != head.tree_size or log_index > head.tree_size:
        raise BadLogProofError(
            f"The proof is for entry {proof.log_index} of {proof.tree_size}, "
            f"not {log_index} of {head.tree_size}."
        )
    try:
        parsed = _InclusionProof.deserialize(proof.proof)
        parsed.verify(
            leaf_hash(entry),
            bytes.fromhex(head.root_hash),
            index=log_index,
            size=head.tree_size,
            algorithm=ALGORITHM,
        )
    except InvalidProof as exc:
        raise BadLogProofError(
            f"Entry {log_index} is not in the tree of size {head.tree_size}: {exc}."
        ) from exc


def verify_consistency(*, old: TreeHead, new: TreeHead, proof: ConsistencyProof | None) -> None:
    """Check that ``new`` extends ``old``: same entries first, only appended after.

    ``proof`` may be ``None`` only when no proof is needed (the old tree was empty, or both
    heads have the same size, which then must have the same root).
    """
    if new.tree_size < old.tree_size:
        raise LogInconsistentError(f"The log shrank from {old.tree_size} to {new.tree_size} entries.")
    if new.tree_size == old.tree_size:
        if new.root_hash != old.root_hash:
            raise LogInconsistentError(
                f"Two different roots for the same {new.tree_size} entries: the log was rewritten."
            )
        return
    if old.tree_size == 0:
        return
    if proof is None or (proof.first, proof.second) != (old.tree_size, new.tree_size):
        raise LogInconsistentError(f"No consistency proof from {old.tree_size} to {new.tree_size}.")
    try:
        parsed = _ConsistencyProof.deserialize(proof.proof)
        parsed.verify(
            bytes.fromhex(old.root_hash),
            bytes.fromhex(new.root_hash),
            prior_size=old.tree_size,
            later_size=new.tree_size,
            algorithm=ALGORITHM,
        )
    except InvalidProof as exc:
        raise LogInconsistentError(
            f"The tree of {new.tree_size} entries does not extend the tree of {old.tree_size}: {exc}."
        ) from exc
