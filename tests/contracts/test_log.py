"""The log's hashes and proofs are RFC 9162's: held to published test vectors, not to our own code.

The vectors are in ``tests/contracts/rfc9162/`` with their sources and licences.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from contracts.control import TreeHead
from contracts.errors import BadLogProofError, LogInconsistentError
from contracts.log import (
    EMPTY_ROOT,
    MAX_PATH,
    ConsistencyProof,
    InclusionProof,
    SubtreeHash,
    consistency_path,
    inclusion_path,
    leaf_hash,
    root_of,
    subtrees_of,
    tree_hash,
    verify_consistency,
    verify_consistency_path,
    verify_inclusion,
    verify_inclusion_path,
)

VECTORS = Path(__file__).resolve().parent / "rfc9162"
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def _json(name: str) -> Any:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def _b64(text: str) -> bytes:
    return base64.b64decode(text)


TD = _json("transparency_dev.json")
TD_LEAVES = [leaf_hash(bytes.fromhex(data)) for data in TD["leaf_inputs_hex"]]
C2SP_HEADS = _json("c2sp/merkle_tree.json")
C2SP_LEAVES = [leaf_hash(head["leaf_data"].encode()) for head in C2SP_HEADS]


# --- generation: exactly the published roots and paths --------------------------------------


def test_roots_are_the_published_roots_of_every_prefix() -> None:
    assert [tree_hash(TD_LEAVES[:n]).hex() for n in range(9)] == TD["root_hashes_hex"]
    assert [tree_hash(C2SP_LEAVES[:n]) for n in range(1, 17)] == [_b64(h["root_hash"]) for h in C2SP_HEADS]
    assert [leaf.hex() for leaf in C2SP_LEAVES] == [_b64(h["leaf_hash"]).hex() for h in C2SP_HEADS]
    assert root_of([]) == EMPTY_ROOT == TD["root_hashes_hex"][0]


def test_inclusion_paths_are_exactly_the_published_ones_and_verify() -> None:
    cases = [
        (TD_LEAVES, v["leaf_index"], v["tree_size"], [bytes.fromhex(h) for h in v["inclusion_path"]])
        for v in TD["inclusion_proofs"]
    ]
    cases += [
        (C2SP_LEAVES, v["leaf_index"], v["tree_size"], [_b64(h) for h in v["inclusion_path"]])
        for v in _json("c2sp/inclusion-valid.json")
    ]
    assert len(cases) == 9
    for leaves, index, size, published in cases:
        ours = inclusion_path(leaf_index=index, tree_size=size, subtree=subtrees_of(leaves[:size]))
        assert ours == published, (index, size)
        verify_inclusion_path(
            leaf=leaves[index],
            leaf_index=index,
            tree_size=size,
            root_hash=tree_hash(leaves[:size]),
            path=ours,
        )


def test_consistency_paths_are_exactly_the_published_ones_and_verify() -> None:
    cases = [
        (TD_LEAVES, v["first"], v["second"], [bytes.fromhex(h) for h in v["consistency_path"]])
        for v in TD["consistency_proofs"]
    ]
    cases += [
        (C2SP_LEAVES, v["old_size"], v["new_size"], [_b64(h) for h in v["consistency_path"]])
        for v in _json("c2sp/consistency-valid.json")
        if v["old_size"] > 0
    ]
    assert len(cases) == 7
    for leaves, first, second, published in cases:
        ours = consistency_path(first=first, second=second, subtree=subtrees_of(leaves[:second]))
        assert ours == published, (first, second)
        verify_consistency_path(
            first=first,
            second=second,
            first_hash=tree_hash(leaves[:first]),
            second_hash=tree_hash(leaves[:second]),
            path=ours,
        )


def test_the_example_tree_of_rfc_9162_has_exactly_the_proofs_the_rfc_prints() -> None:
    example = _json("rfc9162_example.json")
    leaves = [leaf_hash(f"d{i}".encode()) for i in range(example["tree_size"])]
    node = {name: tree_hash(leaves[start:end]) for name, (start, end) in example["nodes"].items()}
    subtree = subtrees_of(leaves)
    for proof in example["inclusion_proofs"]:
        ours = inclusion_path(leaf_index=proof["leaf_index"], tree_size=7, subtree=subtree)
        assert ours == [node[name] for name in proof["path"]], proof
    for proof in example["consistency_proofs"]:
        ours = consistency_path(first=proof["first"], second=7, subtree=subtree)
        assert ours == [node[name] for name in proof["path"]], proof


def _valid_subtree(start: int, end: int) -> bool:
    """Appendix C's valid subtree: a node of some tree (start a multiple of its width, rounded up)."""
    return start < end and (start == 0 or start % (1 << (end - start - 1).bit_length()) == 0)


def _subtree_consistency_reference(start: int, end: int, size: int, subtree: SubtreeHash) -> list[bytes]:
    """The draft's subtree consistency proof for ``start > 0``, which RFC 9162 has no use for:
    SUBPROOF's recursion with the old tree [start, end) in place of [0, m). Only the accumulated
    vector needs it; every line with ``start == 0`` comes from ``consistency_path``."""

    def sub(low: int, high: int, first: int, last: int, known: bool) -> list[bytes]:
        # The old tree is [first, last) within the tree [low, high).
        if (low, high) == (first, last):
            return [] if known else [subtree(low, high)]
        mid = low + (1 << ((high - low - 1).bit_length() - 1))
        if last <= mid:
            return [*sub(low, mid, first, last, known), subtree(mid, high)]
        if first >= mid:
            return [*sub(mid, high, first, last, known), subtree(low, mid)]
        return [*sub(mid, high, mid, last, False), subtree(low, mid)]

    return sub(0, size, start, end, True)


def test_every_subtree_hash_and_proof_of_every_tree_up_to_130_leaves_is_the_published_one() -> None:
    """draft-ietf-plants-merkle-tree-certs Appendix C: one SHA-256 over every output."""
    appendix = _json("mtc_appendix_c.json")
    leaves = [leaf_hash(bytes([i])) for i in range(appendix["max_size"])]
    subtree: Callable[[int, int], bytes] = functools.cache(lambda a, b: tree_hash(leaves[a:b]))
    subtrees = [(s, e) for e in range(1, len(leaves) + 1) for s in range(e) if _valid_subtree(s, e)]

    def line(prefix: str, proof: list[bytes]) -> bytes:
        return (prefix + "".join(f" {node.hex()}" for node in proof) + "\n").encode()

    hashes = hashlib.sha256()
    inclusions = hashlib.sha256()
    for start, end in subtrees:
        hashes.update(f"[{start}, {end}) {subtree(start, end).hex()}\n".encode())
        within = functools.partial(lambda s, a, b: subtree(s + a, s + b), start)
        for index in range(start, end):
            proof = inclusion_path(leaf_index=index - start, tree_size=end - start, subtree=within)
            inclusions.update(line(f"{index} [{start}, {end})", proof))
    consistencies = hashlib.sha256()
    for size in range(len(leaves) + 1):
        for start, end in subtrees:
            if end > size:
                continue
            if start == 0:
                proof = consistency_path(first=end, second=size, subtree=subtree)
            else:
                proof = _subtree_consistency_reference(start, end, size, subtree)
            consistencies.update(line(f"[{start}, {end}) {size}", proof))
    assert hashes.hexdigest() == appendix["subtree_hashes"]["sha256"]
    assert inclusions.hexdigest() == appendix["inclusion_proofs"]["sha256"]
    assert consistencies.hexdigest() == appendix["consistency_proofs"]["sha256"]


# --- verification: every published invalid proof refused, with its code --------------------


def test_every_invalid_inclusion_proof_of_c2sp_is_refused_as_a_bad_log_proof() -> None:
    for case in _json("c2sp/inclusion-invalid.json"):
        with pytest.raises(BadLogProofError) as caught:
            verify_inclusion_path(
                leaf=_b64(case["leaf_hash"]),
                leaf_index=case["leaf_index"],
                tree_size=case["tree_size"],
                root_hash=_b64(case["root_hash"]),
                path=[_b64(h) for h in case["inclusion_path"]],
            )
        assert caught.value.code == "bad-log-proof"


def test_every_invalid_consistency_proof_of_c2sp_is_refused_as_an_inconsistent_log() -> None:
    cases = _json("c2sp/consistency-invalid.json")
    assert len(cases) == 16
    for case in cases:
        with pytest.raises(LogInconsistentError) as caught:
            verify_consistency_path(
                first=case["old_size"],
                second=case["new_size"],
                first_hash=_b64(case["old_root"]),
                second_hash=_b64(case["new_root"]),
                path=[_b64(h) for h in case["consistency_path"]],
            )
        assert caught.value.code == "log-inconsistent"


def test_the_valid_consistency_edges_of_c2sp_from_the_empty_tree_and_to_the_same_size_are_accepted() -> None:
    for case in _json("c2sp/consistency-valid.json"):
        verify_consistency_path(
            first=case["old_size"],
            second=case["new_size"],
            first_hash=_b64(case["old_root"]),
            second_hash=_b64(case["new_root"]),
            path=[_b64(h) for h in case["consistency_path"]],
        )


SOME_HASH = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")

# transparency-dev's proofgen: each published proof, broken one way (invalidInclusionProof).
INCLUSION_MUTATIONS: dict[str, Callable[[int, int, bytes, bytes, list[bytes]], tuple[Any, ...]]] = {
    "leaf index - 1": lambda i, n, leaf, root, p: (i - 1, n, leaf, root, p),
    "leaf index + 1": lambda i, n, leaf, root, p: (i + 1, n, leaf, root, p),
    "leaf index ^ 2": lambda i, n, leaf, root, p: (i ^ 2, n, leaf, root, p),
    "tree size * 2": lambda i, n, leaf, root, p: (i, n * 2, leaf, root, p),
    "tree size / 2": lambda i, n, leaf, root, p: (i, n // 2, leaf, root, p),
    "wrong leaf": lambda i, n, leaf, root, p: (i, n, b"WrongLeaf", root, p),
    "empty root": lambda i, n, leaf, root, p: (i, n, leaf, bytes.fromhex(EMPTY_ROOT), p),
    "random root": lambda i, n, leaf, root, p: (i, n, leaf, SOME_HASH, p),
    "trailing garbage": lambda i, n, leaf, root, p: (i, n, leaf, root, [*p, b""]),
    "trailing root": lambda i, n, leaf, root, p: (i, n, leaf, root, [*p, root]),
    "preceding garbage": lambda i, n, leaf, root, p: (i, n, leaf, root, [b"", *p]),
    "preceding root": lambda i, n, leaf, root, p: (i, n, leaf, root, [root, *p]),
    "a bit flipped in the first node": lambda i, n, leaf, root, p: (i, n, leaf, root, _flip(p, 0, 8)),
    "a bit flipped in the last node": lambda i, n, leaf, root, p: (i, n, leaf, root, _flip(p, -1, 8)),
    "last node removed": lambda i, n, leaf, root, p: (i, n, leaf, root, p[:-1]),
    "a node inserted": lambda i, n, leaf, root, p: (i, n, leaf, root, [*p[:1], SOME_HASH, *p[1:]]),
}

# … and invalidConsistencyProof: wrong sizes, wrong or swapped roots, a tampered path.
CONSISTENCY_MUTATIONS: dict[str, Callable[[int, int, bytes, bytes, list[bytes]], tuple[Any, ...]]] = {
    "first - 1": lambda m, n, r1, r2, p: (m - 1, n, r1, r2, p),
    "first + 1": lambda m, n, r1, r2, p: (m + 1, n, r1, r2, p),
    "first ^ 2": lambda m, n, r1, r2, p: (m ^ 2, n, r1, r2, p),
    "second * 2": lambda m, n, r1, r2, p: (m, n * 2, r1, r2, p),
    "second / 2": lambda m, n, r1, r2, p: (m, n // 2, r1, r2, p),
    "wrong first root": lambda m, n, r1, r2, p: (m, n, b"WrongRoot", r2, p),
    "wrong second root": lambda m, n, r1, r2, p: (m, n, r1, b"WrongRoot", p),
    "swapped roots": lambda m, n, r1, r2, p: (m, n, r2, r1, p),
    "empty proof": lambda m, n, r1, r2, p: (m, n, r1, r2, []),
    "trailing garbage": lambda m, n, r1, r2, p: (m, n, r1, r2, [*p, b""]),
    "trailing first root": lambda m, n, r1, r2, p: (m, n, r1, r2, [*p, r1]),
    "trailing second root": lambda m, n, r1, r2, p: (m, n, r1, r2, [*p, r2]),
    "preceding garbage": lambda m, n, r1, r2, p: (m, n, r1, r2, [b"", *p]),
    "preceding first root": lambda m, n, r1, r2, p: (m, n, r1, r2, [r1, *p]),
    "preceding second root": lambda m, n, r1, r2, p: (m, n, r1, r2, [r2, *p]),
    "first node repeated": lambda m, n, r1, r2, p: (m, n, r1, r2, [p[0], *p]),
    "truncated": lambda m, n, r1, r2, p: (m, n, r1, r2, p[:-1]),
    "a bit flipped in the first node": lambda m, n, r1, r2, p: (m, n, r1, r2, _flip(p, 0, 16)),
    "a bit flipped in the last node": lambda m, n, r1, r2, p: (m, n, r1, r2, _flip(p, -1, 16)),
}


def _flip(path: list[bytes], position: int, bit: int) -> list[bytes]:
    if not path:
        return [SOME_HASH]  # nothing to flip in an empty path: any node at all is wrong
    changed = list(path)
    changed[position] = bytes([changed[position][0] ^ bit]) + changed[position][1:]
    return changed


@pytest.mark.parametrize("mutation", INCLUSION_MUTATIONS)
def test_a_published_inclusion_proof_tampered_with_is_refused_as_a_bad_log_proof(mutation: str) -> None:
    for vector in TD["inclusion_proofs"]:
        index, size = vector["leaf_index"], vector["tree_size"]
        path = [bytes.fromhex(h) for h in vector["inclusion_path"]]
        given = (index, size, TD_LEAVES[index], tree_hash(TD_LEAVES[:size]), path)
        i, n, leaf, root, broken = INCLUSION_MUTATIONS[mutation](*given)
        if (i, n, leaf, root, broken) == given:
            continue  # proofgen too removes no node from an empty path
        with pytest.raises(BadLogProofError) as caught:
            verify_inclusion_path(leaf=leaf, leaf_index=i, tree_size=n, root_hash=root, path=broken)
        assert caught.value.code == "bad-log-proof"


@pytest.mark.parametrize("mutation", CONSISTENCY_MUTATIONS)
def test_a_published_consistency_proof_tampered_with_is_refused_as_an_inconsistent_log(mutation: str) -> None:
    for vector in TD["consistency_proofs"]:
        if not vector["consistency_path"]:
            continue  # proofgen breaks only the proofs that have a path
        first, second = vector["first"], vector["second"]
        path = [bytes.fromhex(h) for h in vector["consistency_path"]]
        m, n, r1, r2, broken = CONSISTENCY_MUTATIONS[mutation](
            first, second, tree_hash(TD_LEAVES[:first]), tree_hash(TD_LEAVES[:second]), path
        )
        with pytest.raises(LogInconsistentError) as caught:
            verify_consistency_path(first=m, second=n, first_hash=r1, second_hash=r2, path=broken)
        assert caught.value.code == "log-inconsistent"


# --- the proofs as they travel, against tree heads ------------------------------------------


def _head(entries: list[bytes]) -> TreeHead:
    return TreeHead(tree_size=len(entries), root_hash=root_of(entries), timestamp=NOW)


def _inclusion(entries: list[bytes], log_index: int) -> InclusionProof:
    path = inclusion_path(
        leaf_index=log_index - 1,
        tree_size=len(entries),
        subtree=subtrees_of([leaf_hash(e) for e in entries]),
    )
    return InclusionProof(
        leaf_index=log_index - 1, tree_size=len(entries), inclusion_path=tuple(h.hex() for h in path)
    )


def _consistency(entries: list[bytes], first: int) -> ConsistencyProof:
    path = consistency_path(
        first=first, second=len(entries), subtree=subtrees_of([leaf_hash(e) for e in entries])
    )
    return ConsistencyProof(first=first, second=len(entries), consistency_path=tuple(h.hex() for h in path))


def test_a_proof_travels_as_rfc_9162_names_it_a_leaf_index_from_0_and_a_list_of_hex_hashes() -> None:
    entries = [f"receipt {i}".encode() for i in range(1, 6)]
    assert json.loads(_inclusion(entries, 3).model_dump_json()) == {
        "leaf_index": 2,
        "tree_size": 5,
        "inclusion_path": [
            h.hex()
            for h in inclusion_path(
                leaf_index=2, tree_size=5, subtree=subtrees_of([leaf_hash(e) for e in entries])
            )
        ],
    }
    assert set(json.loads(_consistency(entries, 2).model_dump_json())) == {
        "first",
        "second",
        "consistency_path",
    }


@settings(max_examples=60, deadline=None)
@given(entries=st.lists(st.binary(max_size=40), min_size=1, max_size=70), data=st.data())
def test_every_entry_proves_its_inclusion_and_every_prefix_its_consistency(
    entries: list[bytes], data: st.DataObject
) -> None:
    index = data.draw(st.integers(min_value=1, max_value=len(entries)))
    verify_inclusion(
        entry=entries[index - 1], log_index=index, head=_head(entries), proof=_inclusion(entries, index)
    )
    verify_consistency(old=_head(entries[:index]), new=_head(entries), proof=_consistency(entries, index))


def test_an_entry_changed_after_the_fact_fails_its_inclusion_proof() -> None:
    entries = [f"receipt {i}".encode() for i in range(1, 11)]
    with pytest.raises(
        BadLogProofError, match="Entry 4 is not in the tree of size 10: the path does not lead"
    ):
        verify_inclusion(entry=b"receipt X", log_index=4, head=_head(entries), proof=_inclusion(entries, 4))
    with pytest.raises(BadLogProofError, match="for entry 4 of 10, not 5 of 10"):
        verify_inclusion(entry=entries[4], log_index=5, head=_head(entries), proof=_inclusion(entries, 4))
    with pytest.raises(BadLogProofError, match="not 4 of 11"):
        verify_inclusion(
            entry=entries[3], log_index=4, head=_head([*entries, b"more"]), proof=_inclusion(entries, 4)
        )


def test_a_path_with_a_node_too_many_is_refused_before_it_is_hashed_to_the_end() -> None:
    leaves = TD_LEAVES[:5]
    path = inclusion_path(leaf_index=1, tree_size=5, subtree=subtrees_of(leaves))
    with pytest.raises(BadLogProofError, match="longer than the tree is high") as caught:
        verify_inclusion_path(
            leaf=leaves[1], leaf_index=1, tree_size=5, root_hash=tree_hash(leaves), path=[*path, SOME_HASH]
        )
    assert caught.value.detail == {
        "leaf_index": 1,
        "tree_size": 5,
        "reason": "the path is longer than the tree is high",
    }
    with pytest.raises(LogInconsistentError, match="longer than a tree of 5 entries has"):
        verify_consistency_path(
            first=2,
            second=5,
            first_hash=tree_hash(leaves[:2]),
            second_hash=tree_hash(leaves),
            path=[*consistency_path(first=2, second=5, subtree=subtrees_of(leaves)), SOME_HASH],
        )


def test_a_rewritten_history_is_caught_by_the_consistency_check() -> None:
    seen = [f"receipt {i}".encode() for i in range(1, 8)]
    rewritten = [*seen[:3], b"receipt 4, rewritten", *seen[4:], b"receipt 8"]
    with pytest.raises(LogInconsistentError, match="does not extend"):
        verify_consistency(old=_head(seen), new=_head(rewritten), proof=_consistency(rewritten, len(seen)))


def test_a_shrunk_log_two_roots_for_one_size_or_a_missing_proof_are_caught() -> None:
    entries = [f"receipt {i}".encode() for i in range(1, 6)]
    with pytest.raises(LogInconsistentError, match="shrank from 5 to 4"):
        verify_consistency(old=_head(entries), new=_head(entries[:4]), proof=None)
    with pytest.raises(LogInconsistentError, match="Two different roots"):
        verify_consistency(old=_head(entries), new=_head([*entries[:4], b"other"]), proof=None)
    with pytest.raises(LogInconsistentError, match="No consistency proof from 2 to 5"):
        verify_consistency(old=_head(entries[:2]), new=_head(entries), proof=None)
    with pytest.raises(LogInconsistentError, match="from 3 to 5 entries, not from 2 to 5"):
        verify_consistency(old=_head(entries[:2]), new=_head(entries), proof=_consistency(entries, 3))
    empty = TreeHead(tree_size=0, root_hash=EMPTY_ROOT, timestamp=NOW)
    verify_consistency(old=empty, new=_head(entries), proof=None)  # the empty log is every log's prefix


def test_a_proof_that_is_not_a_list_of_hex_hashes_or_too_long_is_refused_when_read() -> None:
    good = {"leaf_index": 0, "tree_size": 2, "inclusion_path": ["ab" * 32]}
    assert InclusionProof.model_validate(good).inclusion_path == ("ab" * 32,)
    for bad in (
        good | {"inclusion_path": ["AB" * 32]},  # hex is lowercase, as in a tree head's root
        good | {"inclusion_path": ["ab" * 31]},
        good | {"inclusion_path": ["ab" * 32] * (MAX_PATH + 1)},
        good | {"leaf_index": -1},
        good | {"tree_size": 2**63},
        good | {"proof": {"type": "inclusion"}},  # the former library-specific form
    ):
        with pytest.raises(ValidationError):
            InclusionProof.model_validate(bad)
    with pytest.raises(ValidationError):
        ConsistencyProof.model_validate({"first": 0, "second": 2, "consistency_path": []})
