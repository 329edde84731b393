"""A hub in memory for the node's tests: it implements ``contracts.client.HubAPI``, answers
pushes as a test scripts them, serves pulls in pages, keeps a log with RFC 9162 proofs (and can
rewrite its history), and records every call. Services take it as their ``client``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contracts.api import SyncReport
from contracts.client import PulledMessage, PullPage, PushResult
from contracts.control import (
    CONTROL_VERSION,
    RECEIPT_TYPE,
    STATISTICS_POLICY_TYPE,
    TREE_HEAD_TYPE,
    Receipt,
    StatisticsPolicy,
    TreeHead,
)
from contracts.envelope import Envelope, b64_decode, parse_envelope, seal_envelope
from contracts.errors import HubUnavailableError
from contracts.log import (
    ConsistencyProof,
    InclusionProof,
    SubtreeHash,
    consistency_path,
    inclusion_path,
    leaf_hash,
    root_of,
    subtrees_of,
)

PushAnswer = Exception | Callable[[list[bytes]], list[PushResult]]


class FakeHub:
    def __init__(self, hub_key: Ed25519PrivateKey, *, page_size: int = 2) -> None:
        self.hub_key = hub_key
        self.calls: list[str] = []
        # push: each batch is answered by the next scripted answer (raised, or called).
        self.push_answers: list[PushAnswer] = []
        self.pushed: list[int] = []
        # pull: ``messages`` in pages of ``page_size``, the cursor being the offset.
        self.messages: list[PulledMessage] = []
        self.page_size = page_size
        self.pulls: list[tuple[str, str]] = []
        """(after, name of the thread that asked), for each pull."""
        self.asked_for_more = threading.Event()
        self.sync_reports: list[SyncReport] = []
        # The log: receipts as entries, signed tree heads, RFC 9162 proofs.
        self.entries: list[bytes] = []
        # What a hub that lies (or a link that corrupts) does to a proof before serving it.
        self.alter_inclusion: Callable[[InclusionProof], InclusionProof] = lambda proof: proof
        self.alter_consistency: Callable[[ConsistencyProof], ConsistencyProof] = lambda proof: proof
        # The statistics policy it serves, signed by ``policy_key`` (the hub's own unless a test
        # has someone else sign it).
        self.policy = StatisticsPolicy(version=1, issued_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
        self.policy_key: Ed25519PrivateKey | None = None

    # --- HubAPI ------------------------------------------------------------------------------

    def directory(self, *, version: str | None = None) -> Envelope:
        self.calls.append("directory")
        raise HubUnavailableError("this fake hub publishes no directory")

    def push(self, envelopes: Sequence[Envelope | bytes]) -> list[PushResult]:
        self.calls.append("push")
        self.pushed.append(len(envelopes))
        answer = self.push_answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer([e if isinstance(e, bytes) else e.to_bytes() for e in envelopes])

    def pull(self, *, after: str, limit: int = 500, wait: float = 0) -> PullPage:
        self.calls.append("pull")
        self.pulls.append((after, threading.current_thread().name))
        if after != "0":
            self.asked_for_more.set()
        start = int(after)
        page = self.messages[start : start + self.page_size]
        return PullPage(
            messages=page,
            next_cursor=str(start + len(page)),
            has_more=start + self.page_size < len(self.messages),
            log_size=len(self.messages),
        )

    def sync_report(self, report: SyncReport) -> None:
        self.calls.append("sync_report")
        self.sync_reports.append(report)

    def statistics_policy(self) -> dict[str, Any]:
        self.calls.append("statistics_policy")
        return seal_envelope(
            message_type=STATISTICS_POLICY_TYPE,
            version=CONTROL_VERSION,
            payload=self.policy.model_dump_json().encode(),
            key=self.policy_key or self.hub_key,
        ).to_wire()

    def tree_head(self) -> dict[str, Any]:
        self.calls.append("tree_head")
        head = TreeHead(
            tree_size=len(self.entries), root_hash=root_of(self.entries), timestamp=dt.datetime.now(dt.UTC)
        )
        return seal_envelope(
            message_type=TREE_HEAD_TYPE,
            version=CONTROL_VERSION,
            payload=head.model_dump_json().encode(),
            key=self.hub_key,
        ).to_wire()

    def inclusion_proof(self, *, log_index: int, tree_size: int) -> InclusionProof:
        self.calls.append("inclusion_proof")
        path = inclusion_path(leaf_index=log_index - 1, tree_size=tree_size, subtree=self._tree())
        return self.alter_inclusion(
            InclusionProof(
                leaf_index=log_index - 1, tree_size=tree_size, inclusion_path=tuple(h.hex() for h in path)
            )
        )

    def consistency_proof(self, *, first: int, second: int) -> ConsistencyProof:
        self.calls.append("consistency_proof")
        path = consistency_path(first=first, second=second, subtree=self._tree())
        return self.alter_consistency(
            ConsistencyProof(first=first, second=second, consistency_path=tuple(h.hex() for h in path))
        )

    # --- the test's side ---------------------------------------------------------------------

    def log(
        self,
        message_id: uuid.UUID | str,
        sequence: int,
        *,
        source: str = "MK-BUTEL",
        payload: bytes | None = None,
    ) -> tuple[int, Envelope]:
        """Log a receipt for a message (for ``payload``, its signed bytes; by default a stand-in);
        its log index and the hub's signed receipt."""
        entry = Receipt(
            message_id=message_id,  # type: ignore[arg-type]
            source=source,
            sequence=sequence,
            payload_sha256=hashlib.sha256(payload or str(message_id).encode()).hexdigest(),
            log_index=len(self.entries) + 1,
            received_at=dt.datetime.now(dt.UTC),
        )
        self.entries.append(entry.model_dump_json().encode())
        receipt = seal_envelope(
            message_type=RECEIPT_TYPE, version=CONTROL_VERSION, payload=self.entries[-1], key=self.hub_key
        )
        return len(self.entries), receipt

    def accepting(self, *, refuse: Callable[[dict[str, Any]], str | None] | None = None) -> PushAnswer:
        """An answer to one push that logs and receipts every message as the hub would (its
        receipt signed, for its very payload), except those ``refuse`` names a code for."""

        def answer(envelopes: list[bytes]) -> list[PushResult]:
            results = []
            for raw in envelopes:
                payload = b64_decode(parse_envelope(raw).payload)
                event = json.loads(payload)
                code = refuse(event) if refuse is not None else None
                if code is not None:
                    results.append(PushResult(event["id"], "refused", code, f"refused: {code}", None, None))
                    continue
                index, receipt = self.log(
                    event["id"], event["sequence"], source=event["source"], payload=payload
                )
                results.append(PushResult(event["id"], "accepted", None, None, receipt.to_wire(), index))
            return results

        return answer

    def _tree(self) -> SubtreeHash:
        return subtrees_of([leaf_hash(entry) for entry in self.entries])
