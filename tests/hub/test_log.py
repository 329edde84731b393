from __future__ import annotations

import io
import json
from typing import Any

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from contracts.control import TreeHead, read_control
from contracts.envelope import Envelope, b64_decode
from contracts.log import (
    ConsistencyProof,
    InclusionProof,
    consistency_path,
    inclusion_path,
    leaf_hash,
    root_of,
    subtrees_of,
    tree_hash,
    verify_consistency,
    verify_inclusion,
)
from hub.exchange.models import Message, TreeHeadRecord
from hub.exchange.selectors import LogTree
from hub.exchange.services import tree_head_publish
from hub.federation.selectors import hub_signing_key
from tests.api_docs import openapi_document
from tests.factories import resolver_for, signed_service_message
from tests.hub.conftest import NodeClient

pytestmark = pytest.mark.django_db


def _push(node: NodeClient, *sequences: int) -> list[dict[str, Any]]:
    envelopes = [signed_service_message(key=node.key, source=node.code, sequence=s) for s in sequences]
    body = json.dumps({"messages": [e.to_wire() for e in envelopes]}).encode()
    response = node.post("/api/v1/messages", body)
    assert response.status_code == 200, response.content
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def _head(node: NodeClient, *, publish: bool = True) -> TreeHead:
    if publish:
        tree_head_publish()  # as the beat does every HUB_TREE_HEAD_SECONDS
    response = node.get("/api/v1/log/tree-head")
    assert response.status_code == 200, response.content
    return read_control(response.content, model=TreeHead, resolve_key=resolver_for(hub_signing_key(), "hub"))


def _entry(result: dict[str, Any]) -> bytes:
    return b64_decode(Envelope.model_validate(result["receipt"]).payload)


def test_log_indexes_are_dense_and_each_leaf_is_the_receipt_it_answered(
    butel: NodeClient, cair: NodeClient
) -> None:
    results = _push(butel, 1, 2, 3) + _push(cair, 1, 2)
    assert [r["log_index"] for r in results] == [1, 2, 3, 4, 5]
    head = _head(butel)
    assert head.tree_size == 5
    assert head.root_hash == root_of(_entry(r) for r in results)


def test_every_accepted_message_has_an_inclusion_proof_a_node_can_verify(butel: NodeClient) -> None:
    results = _push(butel, *range(1, 12))
    head = _head(butel)
    for result in results:
        response = butel.get(f"/api/v1/log/inclusion-proof?index={result['log_index']}&size={head.tree_size}")
        assert response.status_code == 200, response.content
        proof = InclusionProof.model_validate(response.json())
        verify_inclusion(entry=_entry(result), log_index=result["log_index"], head=head, proof=proof)


def test_a_later_tree_head_is_proven_consistent_with_an_earlier_one(
    butel: NodeClient, cair: NodeClient
) -> None:
    _push(butel, 1, 2, 3)
    old = _head(butel)
    _push(cair, 1, 2, 3, 4)
    new = _head(cair)
    response = cair.get(f"/api/v1/log/consistency-proof?first={old.tree_size}&second={new.tree_size}")
    assert response.status_code == 200, response.content
    verify_consistency(old=old, new=new, proof=ConsistencyProof.model_validate(response.json()))
    assert TreeHeadRecord.objects.count() == 2


def test_every_proof_the_hub_serves_is_the_rfc_9162_path_of_its_entries_for_every_index_and_size(
    butel: NodeClient,
) -> None:
    entries = [_entry(r) for r in _push(butel, *range(1, 14))]
    subtree = subtrees_of([leaf_hash(e) for e in entries])
    for size in range(1, len(entries) + 1):
        for index in range(1, size + 1):
            response = butel.get(f"/api/v1/log/inclusion-proof?index={index}&size={size}")
            assert response.status_code == 200, response.content
            path = inclusion_path(leaf_index=index - 1, tree_size=size, subtree=subtree)
            assert response.json() == {
                "leaf_index": index - 1,
                "tree_size": size,
                "inclusion_path": [node.hex() for node in path],
            }
            response = butel.get(f"/api/v1/log/consistency-proof?first={index}&second={size}")
            assert response.status_code == 200, response.content
            path = consistency_path(first=index, second=size, subtree=subtree)
            assert response.json() == {
                "first": index,
                "second": size,
                "consistency_path": [node.hex() for node in path],
            }


def test_the_served_proofs_are_what_the_openapi_document_says_they_are(butel: NodeClient) -> None:
    _push(butel, *range(1, 6))
    components = openapi_document()["components"]["schemas"]
    for query, name in (
        ("inclusion-proof?index=2&size=5", "InclusionProof"),
        ("consistency-proof?first=3&second=5", "ConsistencyProof"),
    ):
        response = butel.get(f"/api/v1/log/{query}")
        assert response.status_code == 200
        schema = {**components[name], "components": {"schemas": components}}
        jsonschema.Draft202012Validator(schema).validate(response.json())
        assert set(response.json()) == set(components[name]["properties"])


def test_the_log_tree_gives_the_same_hashes_from_its_cache_as_from_the_entries(butel: NodeClient) -> None:
    leaves = [leaf_hash(_entry(r)) for r in _push(butel, *range(1, 38))]
    # A cache of wide subtrees that is small and read in short runs: every branch of the code.
    tree = LogTree(capacity=6, cache_min_width=2, read_max_width=4)
    for _ in range(2):  # cold, then warm (and evicting)
        for end in range(1, len(leaves) + 1):
            assert tree.root(end) == tree_hash(leaves[:end]).hex()
            for start in range(end):
                assert tree.subtree(start, end) == tree_hash(leaves[start:end]), (start, end)
    assert tree.root(0) == tree_hash([]).hex()


def test_asking_for_the_tree_head_serves_the_latest_signed_one_and_signs_none(butel: NodeClient) -> None:
    assert _head(butel, publish=False).tree_size == 0  # the very first head is signed on demand
    _push(butel, 1, 2)
    assert _head(butel, publish=False).tree_size == 0
    assert TreeHeadRecord.objects.count() == 1
    assert _head(butel).tree_size == 2


def test_a_tree_head_is_signed_again_only_when_the_log_grew(butel: NodeClient) -> None:
    _push(butel, 1)
    first = tree_head_publish()
    assert tree_head_publish().pk == first.pk
    _push(butel, 2)
    assert tree_head_publish().tree_size == 2


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("inclusion-proof?index=9&size=2", 404, "unknown-log-index"),
        ("inclusion-proof?index=1&size=7", 404, "unknown-log-index"),
        ("inclusion-proof?index=0&size=2", 404, "unknown-log-index"),
        ("inclusion-proof?index=one&size=2", 400, "invalid-log-query"),
        ("inclusion-proof?size=2", 400, "invalid-log-query"),
        ("consistency-proof?first=3&second=2", 404, "unknown-log-index"),
        ("consistency-proof?first=0&second=2", 404, "unknown-log-index"),
        ("consistency-proof?first=1&second=3", 404, "unknown-log-index"),
        ("consistency-proof?first=1", 400, "invalid-log-query"),
        ("consistency-proof?first=1&second=9223372036854775807", 404, "unknown-log-index"),
        ("consistency-proof?first=1&second=9223372036854775808", 400, "invalid-log-query"),
        ("inclusion-proof?index=%D9%A1&size=2", 400, "invalid-log-query"),
        ("entries?start=2&end=1", 400, "invalid-log-query"),
        ("entries?start=1&end=5000", 400, "invalid-log-query"),
    ],
)
def test_a_proof_request_for_an_unknown_index_or_a_malformed_one_is_refused_with_its_code(
    butel: NodeClient, query: str, status: int, code: str
) -> None:
    _push(butel, 1, 2)
    response = butel.get(f"/api/v1/log/{query}")
    assert (response.status_code, response.json()["code"]) == (status, code)


def test_the_entries_are_the_signed_receipts_in_log_order(butel: NodeClient) -> None:
    results = _push(butel, 1, 2, 3)
    response = butel.get("/api/v1/log/entries?start=2&end=3")
    assert response.status_code == 200
    entries = response.json()["entries"]
    assert [e["log_index"] for e in entries] == [2, 3]
    assert [e["receipt"] for e in entries] == [r["receipt"] for r in results[1:]]
    assert list(Message.objects.values_list("log_index", flat=True)) == [1, 2, 3]


def test_a_sequence_going_backwards_is_refused_and_the_rest_of_the_batch_accepted(butel: NodeClient) -> None:
    _push(butel, 5)
    results = _push(butel, 3, 6)
    assert [(r["status"], r.get("code")) for r in results] == [
        ("refused", "sequence-regression"),
        ("accepted", None),
    ]
    assert "comes after 5" in results[0]["message"]


def test_the_auditor_passes_an_intact_log_and_names_each_problem_in_a_tampered_snapshot(
    butel: NodeClient, tmp_path: Any
) -> None:
    _push(butel, 1, 2, 3)
    tree_head_publish()
    _push(butel, 4, 5)
    tree_head_publish()
    out = io.StringIO()
    call_command("log_audit", stdout=out)
    assert "5 entries and 2 tree heads checked: the log is intact" in out.getvalue()
    snapshot_path = tmp_path / "snapshot.json"
    call_command("log_audit", "--export", str(snapshot_path), stdout=io.StringIO())
    snapshot = json.loads(snapshot_path.read_text())
    # Someone swaps two entries in the snapshot: both are flagged, and every head after them.
    snapshot["entries"][1]["receipt"], snapshot["entries"][2]["receipt"] = (
        snapshot["entries"][2]["receipt"],
        snapshot["entries"][1]["receipt"],
    )
    snapshot_path.write_text(json.dumps(snapshot))
    out = io.StringIO()
    with pytest.raises(CommandError, match="problem"):
        call_command("log_audit", "--snapshot", str(snapshot_path), stdout=out)
    problems = out.getvalue()
    assert "entry 2: its receipt names log index 3" in problems
    assert "tree head 3: its root is not the root of the first 3 entries" in problems
