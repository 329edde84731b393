"""The hub's tamper-evident log: RFC 9162 Merkle tree hashes, proofs, and their checks.

The hub logs every accepted message; entry ``i`` (log index ``i``, from 1) is the exact signed
payload of the hub's receipt for that message, which names the message id, the SHA-256 of the
message's signed payload, its source, sequence and log index. Sender and receivers hold that
receipt, so each can recompute its leaf.

The tree is RFC 9162's (§2.1.1, the same as RFC 6962's): SHA-256, ``HASH(0x00 || entry)`` for a
leaf and ``HASH(0x01 || left || right)`` for a node. RFC 9162 counts leaves from 0, so the
entry at log index ``i`` is its leaf ``i - 1``.

Proofs travel as RFC 9162 defines them, so that any verifier of that RFC can check them:

- an inclusion proof is the audit path ``PATH(m, D_n)`` of §2.1.3.1 (``leaf_index`` m, counting
  from 0; ``tree_size`` n; ``inclusion_path``, from the leaf's sibling up);
- a consistency proof is ``PROOF(m, D_n)`` of §2.1.4.1 (``first`` m, ``second`` n,
  ``consistency_path``);
- every hash is 32 bytes written as 64 lowercase hex digits, like a tree head's ``root_hash``.

They are checked here with the algorithms of §2.1.3.2 and §2.1.4.2, step by step; the suite holds
generation and checks to published test vectors (C2SP, transparency-dev, RFC 9162's example).

Invariants:
- every check raises (``BadLogProofError`` for inclusion, ``LogInconsistentError`` for
  consistency), never returns ``False``;
- a node accepts a new tree head only if it is consistent with every head it saw before: a
  smaller tree, a different root at the same size or a failed consistency proof means the hub
  rewrote its history, and the node raises the alarm.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from contracts.bounds import INT64_MAX, Sha256Hex
from contracts.control import RECEIPT_TYPE, Receipt, TreeHead, read_control
from contracts.envelope import KeyResolver, open_envelope, parse_envelope
from contracts.errors import BadLogProofError, ContractError, LogInconsistentError

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").hexdigest()
MAX_TREE_SIZE = INT64_MAX
"""The largest tree a proof may name: log indexes are 64-bit signed integers in the databases."""
MAX_PATH = 64
"""No path is longer: an inclusion path has at most ceil(log2(n)) nodes, a consistency path at
most ceil(log2(n)) + 1 (RFC 9162 §2.1.4.1), and n < 2**63."""

HashHex = Sha256Hex

SubtreeHash = Callable[[int, int], bytes]
"""``subtree(start, end)`` is ``MTH(D[start:end])``, the Merkle tree hash of leaves ``start`` to
``end - 1`` (counting from 0), for ``0 <= start < end``. Generation asks for nothing else."""


class InclusionProof(BaseModel):
    """RFC 9162 §2.1.3: the entry at leaf ``leaf_index`` is in the tree of ``tree_size`` entries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    leaf_index: int = Field(
        ge=0, le=MAX_TREE_SIZE - 1, description="RFC 9162's leaf index, from 0: the log index minus 1."
    )
    tree_size: int = Field(ge=1, le=MAX_TREE_SIZE)
    inclusion_path: tuple[HashHex, ...] = Field(
        max_length=MAX_PATH,
        description="PATH(leaf_index, D[tree_size]) of RFC 9162 §2.1.3.1, from the leaf's sibling "
        "up to the root's child; each node hash in lowercase hex.",
    )


class ConsistencyProof(BaseModel):
    """RFC 9162 §2.1.4: the tree of ``first`` entries is a prefix of the tree of ``second``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    first: int = Field(ge=1, le=MAX_TREE_SIZE)
    second: int = Field(ge=1, le=MAX_TREE_SIZE)
    consistency_path: tuple[HashHex, ...] = Field(
        max_length=MAX_PATH,
        description="PROOF(first, D[second]) of RFC 9162 §2.1.4.1 (empty when first equals "
        "second); each node hash in lowercase hex.",
    )


# --- hashing -------------------------------------------------------------------------------


def leaf_hash(entry: bytes) -> bytes:
    """The Merkle leaf hash of one log entry (the signed payload of a receipt)."""
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """The hash of an interior node over its two children."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """RFC 9162's k for n > 1: the largest power of two smaller than n."""
    return 1 << ((n - 1).bit_length() - 1)


class RootBuilder:
    """The root of a growing list of leaves, one leaf at a time (RFC 9162 §2.1.2's stack).

    The stack holds the roots of the perfect subtrees the leaves so far make up, largest first,
    so appending costs O(1) amortised and a root at any size O(log n).
    """

    def __init__(self) -> None:
        self._stack: list[bytes] = []
        self.size = 0

    def append(self, leaf: bytes) -> None:
        # 2.1. Push the leaf hash.
        self._stack.append(leaf)
        # 2.2. merge_count: the consecutive 1 bits of i (the leaf's index) from the least significant.
        i = self.size
        self.size += 1
        # 2.3. Merge that many times: pop right, pop left, push HASH(0x01 || left || right).
        while i & 1:
            right = self._stack.pop()
            self._stack[-1] = node_hash(self._stack[-1], right)
            i >>= 1

    def root(self) -> bytes:
        """MTH of the leaves so far (of none: the hash of the empty string)."""
        if not self._stack:
            return hashlib.sha256(b"").digest()
        # 3. Merge what is left, from the right, until one element remains; 4. that is the root.
        root = self._stack[-1]
        for left in reversed(self._stack[:-1]):
            root = node_hash(left, root)
        return root


def tree_hash(leaf_hashes: Iterable[bytes]) -> bytes:
    """MTH (RFC 9162 §2.1.1) over leaves given by their leaf hashes."""
    builder = RootBuilder()
    for leaf in leaf_hashes:
        builder.append(leaf)
    return builder.root()


def root_of(entries: Iterable[bytes]) -> str:
    """The root hash (hex) of a whole log, from its entries in order (for auditors)."""
    return tree_hash(leaf_hash(entry) for entry in entries).hex()


def subtrees_of(leaf_hashes: Sequence[bytes]) -> SubtreeHash:
    """A ``SubtreeHash`` over leaf hashes held in memory (a small log, a test, an auditor)."""
    return lambda start, end: tree_hash(leaf_hashes[start:end])


# --- generating proofs ---------------------------------------------------------------------


def inclusion_path(*, leaf_index: int, tree_size: int, subtree: SubtreeHash) -> list[bytes]:
    """``PATH(m, D_n)`` of RFC 9162 §2.1.3.1 for ``0 <= m < n``.

    The recursion, unrolled: in ``D[start:end]`` with k its split, the path of a leaf left of
    the split ends with ``MTH(D[start+k:end])`` and one right of it with ``MTH(D[start:start+k])``.
    Collected from the root down, then reversed, so the leaf's sibling comes first.
    """
    if not 0 <= leaf_index < tree_size:
        raise ValueError(f"leaf {leaf_index} is not in a tree of {tree_size} leaves")
    path: list[bytes] = []
    start, end = 0, tree_size
    while end - start > 1:
        k = _split(end - start)
        if leaf_index < start + k:
            path.append(subtree(start + k, end))
            end = start + k
        else:
            path.append(subtree(start, start + k))
            start += k
    path.reverse()
    return path


def consistency_path(*, first: int, second: int, subtree: SubtreeHash) -> list[bytes]:
    """``PROOF(m, D_n) = SUBPROOF(m, D_n, true)`` of RFC 9162 §2.1.4.1 for ``0 < m <= n``.

    The recursion, unrolled over ``SUBPROOF(m, D[start:end], b)``: when m reaches the size of the
    subtree, the subtree's own hash is added unless b (it is then the old root, which the
    verifier holds); for ``m <= k`` the proof continues left and adds ``MTH(D[start+k:end])``,
    otherwise right with ``m - k`` and b false, adding ``MTH(D[start:start+k])``.
    Empty for ``m == n``, where there is nothing to prove.
    """
    if not 0 < first <= second:
        raise ValueError(f"no consistency proof from {first} to {second} leaves")
    path: list[bytes] = []
    start, end, m, known = 0, second, first, True
    while m < end - start:
        k = _split(end - start)
        if m <= k:
            path.append(subtree(start + k, end))
            end = start + k
        else:
            path.append(subtree(start, start + k))
            start, m, known = start + k, m - k, False
    if not known:
        path.append(subtree(start, end))
    path.reverse()
    return path


# --- checking proofs -----------------------------------------------------------------------


def _not_included(leaf_index: int, tree_size: int, reason: str) -> BadLogProofError:
    return BadLogProofError(
        f"Leaf {leaf_index} is not in the tree of {tree_size} leaves: {reason}.",
        detail={"leaf_index": leaf_index, "tree_size": tree_size, "reason": reason},
    )


def verify_inclusion_path(
    *, leaf: bytes, leaf_index: int, tree_size: int, root_hash: bytes, path: Sequence[bytes]
) -> None:
    """RFC 9162 §2.1.3.2: ``leaf`` (a leaf hash) is leaf ``leaf_index`` of the tree of
    ``tree_size`` leaves whose root is ``root_hash``. Raises ``BadLogProofError``."""
    # 0. Every hash is HASH_SIZE bytes (else a short "hash" could stand for a root by itself).
    if any(len(h) != HASH_SIZE for h in (leaf, root_hash, *path)):
        raise _not_included(leaf_index, tree_size, f"a hash in the proof is not {HASH_SIZE} bytes")
    # 1. leaf_index must be below tree_size.
    if not 0 <= leaf_index < tree_size:
        raise _not_included(leaf_index, tree_size, "the leaf index is not below the tree size")
    # 2. fn is the leaf's index, sn the last leaf's.
    fn, sn = leaf_index, tree_size - 1
    # 3. r starts as the leaf hash.
    r = leaf
    # 4. Climb one level per node of the path.
    for p in path:
        # 4a. At the root already: the path is too long.
        if sn == 0:
            raise _not_included(leaf_index, tree_size, "the path is longer than the tree is high")
        # 4b. A right child (or the last node of its level, which has no right sibling) …
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            # … and levels where the last node has no sibling are passed without a hash.
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        # 4c. One level up.
        fn, sn = fn >> 1, sn >> 1
    # 5. The path must end exactly at the root, with the root's hash.
    if sn != 0 or r != root_hash:
        raise _not_included(
            leaf_index, tree_size, f"the path does not lead to the root {root_hash.hex()[:16]}…"
        )


def verify_consistency_path(
    *, first: int, second: int, first_hash: bytes, second_hash: bytes, path: Sequence[bytes]
) -> None:
    """RFC 9162 §2.1.4.2: the tree of ``first`` leaves with root ``first_hash`` is a prefix of
    the tree of ``second`` leaves with root ``second_hash``. Raises ``LogInconsistentError``.

    RFC 9162 defines the check for ``0 < first < second``; the edges are those of C2SP's test
    vectors: equal sizes need equal roots and an empty path, and the empty tree (whose root is the
    hash of the empty string) is a prefix of every tree, with an empty path.
    """
    if any(len(h) != HASH_SIZE for h in (first_hash, second_hash, *path)):
        raise LogInconsistentError(f"A hash in the consistency proof is not {HASH_SIZE} bytes.")
    if not 0 <= first <= second:
        raise LogInconsistentError(f"The log shrank from {first} to {second} entries.")
    if first == second or first == 0:
        if path:
            raise LogInconsistentError(f"No proof is needed from {first} to {second} entries, yet one came.")
        if first == second and first_hash != second_hash:
            raise LogInconsistentError(
                f"Two different roots for the same {first} entries: the log was rewritten."
            )
        if first == 0 and first_hash.hex() != EMPTY_ROOT:
            raise LogInconsistentError("A tree of 0 entries whose root is not the empty tree's.")
        return
    # 1. An empty path proves nothing.
    if not path:
        raise LogInconsistentError(f"The consistency proof from {first} to {second} entries is empty.")
    # 2. When the old tree is a perfect subtree of the new one, its root is the proof's first node.
    nodes = list(path)
    if first & (first - 1) == 0:
        nodes.insert(0, first_hash)
    # 3. fn is the old tree's last leaf, sn the new tree's.
    fn, sn = first - 1, second - 1
    # 4. Skip the levels where the old tree's last node is a right child within its perfect subtree.
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    # 5. fr rebuilds the old root, sr the new one, both from the first node.
    fr = sr = nodes[0]
    # 6. Climb with each following node.
    for c in nodes[1:]:
        # 6a. At the new root already: the path is too long.
        if sn == 0:
            raise LogInconsistentError(f"The consistency path is longer than a tree of {second} entries has.")
        # 6b. A node to the left belongs to both trees …
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn, sn = fn >> 1, sn >> 1
        # … a node to the right only to the new one.
        else:
            sr = node_hash(sr, c)
        # 6c. One level up.
        fn, sn = fn >> 1, sn >> 1
    # 7. Both roots rebuilt, and the path ended at the new root.
    if sn != 0 or fr != first_hash or sr != second_hash:
        raise LogInconsistentError(
            f"The tree of {second} entries does not extend the tree of {first}: the proof does not verify."
        )


def verify_inclusion(*, entry: bytes, log_index: int, head: TreeHead, proof: InclusionProof) -> None:
    """Check that ``entry`` sits at ``log_index`` (from 1) in the tree ``head`` describes."""
    if proof.leaf_index != log_index - 1 or proof.tree_size != head.tree_size:
        raise BadLogProofError(
            f"The proof is for entry {proof.leaf_index + 1} of {proof.tree_size}, "
            f"not {log_index} of {head.tree_size}."
        )
    try:
        verify_inclusion_path(
            leaf=leaf_hash(entry),
            leaf_index=proof.leaf_index,
            tree_size=proof.tree_size,
            root_hash=bytes.fromhex(head.root_hash),
            path=[bytes.fromhex(node) for node in proof.inclusion_path],
        )
    except BadLogProofError as exc:
        raise BadLogProofError(
            f"Entry {log_index} is not in the tree of size {head.tree_size}: {exc.detail['reason']}.",
            detail=exc.detail,
        ) from exc


def verify_consistency(*, old: TreeHead, new: TreeHead, proof: ConsistencyProof | None) -> None:
    """Check that ``new`` extends ``old``: same entries first, only appended after.

    ``proof`` may be ``None`` only when no proof is needed (the old tree was empty, or both
    heads have the same size, which then must have the same root).
    """
    if proof is not None and (proof.first, proof.second) != (old.tree_size, new.tree_size):
        raise LogInconsistentError(
            f"The proof is from {proof.first} to {proof.second} entries, "
            f"not from {old.tree_size} to {new.tree_size}."
        )
    if proof is None and 0 < old.tree_size < new.tree_size:
        raise LogInconsistentError(f"No consistency proof from {old.tree_size} to {new.tree_size}.")
    verify_consistency_path(
        first=old.tree_size,
        second=new.tree_size,
        first_hash=bytes.fromhex(old.root_hash),
        second_hash=bytes.fromhex(new.root_hash),
        path=[bytes.fromhex(node) for node in proof.consistency_path] if proof is not None else [],
    )


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
    root of exactly the entries before it (RFC 9162 §2.1.2, one pass over the entries).
    Collects every problem instead of stopping.

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
    tree = RootBuilder()
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
            tree.append(leaf_hash(verified.payload))
        except (ContractError, ValueError) as exc:
            report.problems.append(f"entry {position}: not a receipt signed by the hub: {exc}")
            tree.append(leaf_hash(b""))  # keep positions; every later root will then disagree
        report.entries = position
        if position in heads and tree.root().hex() != heads[position].root_hash:
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
