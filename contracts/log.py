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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pymerkle import InmemoryTree
from pymerkle.proof import ConsistencyProof as _ConsistencyProof
from pymerkle.proof import InclusionProof as _InclusionProof
from pymerkle.proof import InvalidProof

from contracts.control import RECEIPT_TYPE, Receipt, TreeHead, read_control
from contracts.envelope import KeyResolver, open_envelope, parse_envelope
from contracts.errors import BadLogProofError, ContractError, LogInconsistentError

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


# --- auditing a whole log ----------------------------------------------------------------------


@dataclass
class AuditReport:
    entries: int = 0
    tree_heads: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def audit(
    *,
    entries: Iterable[tuple[int, object]],
    tree_heads: Iterable[object],
    resolve_key: KeyResolver,
    progress: Callable[[int], None] | None = None,
) -> AuditReport:
    """Check a whole log from a snapshot: every entry is a receipt the hub signed, at the index
    it names, with no gap; every tree head is signed by the hub and its root is the Merkle
    root of exactly the entries before it. Collects every problem instead of stopping.

    ``entries`` are (log index, receipt envelope) in order; ``tree_heads`` signed envelopes.
    """
    report = AuditReport()
    heads: dict[int, TreeHead] = {}
    for raw in tree_heads:
        try:
            head = read_control(raw, model=TreeHead, resolve_key=resolve_key)  # type: ignore[arg-type]
        except ContractError as exc:
            report.problems.append(f"tree head: {exc.code}: {exc.message}")
            continue
        heads[head.tree_size] = head
        report.tree_heads += 1
    tree = InmemoryTree(algorithm=ALGORITHM)
    for position, (log_index, receipt_envelope) in enumerate(entries, start=1):
        if log_index != position:
            report.problems.append(f"entry {position}: listed as {log_index}; the log must have no gap")
        try:
            verified = open_envelope(
                parse_envelope(receipt_envelope),  # type: ignore[arg-type]
                resolve_key=resolve_key,
                accept_types=frozenset({RECEIPT_TYPE}),
            )
            receipt = Receipt.model_validate_json(verified.payload, strict=True)
            if receipt.log_index != position:
                report.problems.append(f"entry {position}: its receipt names log index {receipt.log_index}")
            tree.append_entry(verified.payload)
        except (ContractError, ValueError) as exc:
            report.problems.append(f"entry {position}: not a receipt signed by the hub: {exc}")
            tree.append_entry(b"")  # keep positions; every later root will then disagree
        report.entries = position
        if position in heads and tree.get_root(position).hex() != heads[position].root_hash:
            report.problems.append(
                f"tree head {position}: its root is not the root of the first {position} entries"
            )
        if progress is not None and position % 10_000 == 0:
            progress(position)
    for size in sorted(heads):
        if size > report.entries:
            report.problems.append(f"tree head {size}: the snapshot holds only {report.entries} entries")
        elif size == 0 and heads[size].root_hash != EMPTY_ROOT:
            report.problems.append("tree head 0: not the root of an empty log")
    return report
