from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymerkle import InmemoryTree

from contracts.control import TreeHead
from contracts.errors import BadLogProofError, LogInconsistentError
from contracts.log import (
    EMPTY_ROOT,
    ConsistencyProof,
    InclusionProof,
    root_of,
    verify_consistency,
    verify_inclusion,
)

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
# The leaves and roots of Certificate Transparency's RFC 6962 test vectors.
CT_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    bytes(range(0x50, 0x58)),
    bytes(range(0x60, 0x70)),
]
CT_ROOTS = {
    1: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    3: "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    8: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}


def _tree(entries: list[bytes]) -> InmemoryTree:
    tree = InmemoryTree(algorithm="sha256")
    for entry in entries:
        tree.append_entry(entry)
    return tree


def _head(entries: list[bytes]) -> TreeHead:
    return TreeHead(tree_size=len(entries), root_hash=root_of(entries), timestamp=NOW)


def _inclusion(entries: list[bytes], index: int) -> InclusionProof:
    proof = _tree(entries).prove_inclusion(index, len(entries)).serialize()
    return InclusionProof(log_index=index, tree_size=len(entries), proof=proof)


def _consistency(entries: list[bytes], first: int) -> ConsistencyProof:
    proof = _tree(entries).prove_consistency(first, len(entries)).serialize()
    return ConsistencyProof(first=first, second=len(entries), proof=proof)


def test_roots_are_rfc_6962_merkle_tree_hashes() -> None:
    assert {size: root_of(CT_LEAVES[:size]) for size in CT_ROOTS} == CT_ROOTS
    assert root_of([]) == EMPTY_ROOT == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@settings(max_examples=40, deadline=None)
@given(entries=st.lists(st.binary(max_size=40), min_size=1, max_size=40), data=st.data())
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
    with pytest.raises(BadLogProofError, match="Entry 4 is not in the tree"):
        verify_inclusion(entry=b"receipt X", log_index=4, head=_head(entries), proof=_inclusion(entries, 4))
    with pytest.raises(BadLogProofError, match="not 5 of 10"):
        verify_inclusion(entry=entries[4], log_index=5, head=_head(entries), proof=_inclusion(entries, 4))


def test_a_rewritten_history_is_caught_by_the_consistency_check() -> None:
    seen = [f"receipt {i}".encode() for i in range(1, 8)]
    rewritten = [*seen[:3], b"receipt 4, rewritten", *seen[4:], b"receipt 8"]
    with pytest.raises(LogInconsistentError, match="does not extend"):
        verify_consistency(old=_head(seen), new=_head(rewritten), proof=_consistency(rewritten, len(seen)))


def test_a_shrunk_log_or_two_roots_for_one_size_are_caught() -> None:
    entries = [f"receipt {i}".encode() for i in range(1, 6)]
    with pytest.raises(LogInconsistentError, match="shrank from 5 to 4"):
        verify_consistency(old=_head(entries), new=_head(entries[:4]), proof=None)
    with pytest.raises(LogInconsistentError, match="two different roots|Two different roots"):
        verify_consistency(old=_head(entries), new=_head([*entries[:4], b"other"]), proof=None)
    with pytest.raises(LogInconsistentError, match="No consistency proof"):
        verify_consistency(old=_head(entries[:2]), new=_head(entries), proof=None)


def test_a_proof_whose_structure_does_not_match_its_claims_is_refused() -> None:
    entries = [f"receipt {i}".encode() for i in range(1, 9)]
    proof = _inclusion(entries, 3)
    forged = proof.model_copy(update={"proof": proof.proof | {"rule": [1, 1, 1, 1]}})
    with pytest.raises(BadLogProofError):
        verify_inclusion(entry=entries[2], log_index=3, head=_head(entries), proof=forged)
    garbage = proof.model_copy(update={"proof": {"type": "inclusion"}})
    with pytest.raises(BadLogProofError):
        verify_inclusion(entry=entries[2], log_index=3, head=_head(entries), proof=garbage)
