"""The hub's log, for members and auditors: signed tree heads, proofs, entries."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from pydantic import BaseModel, Field
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.openapi import error_responses
from contracts.envelope import Envelope
from contracts.errors import InvalidLogQueryError, UnknownLogIndexError
from contracts.log import MAX_TREE_SIZE, ConsistencyProof, InclusionProof
from hub.exchange.selectors import consistency_proof, inclusion_proof, log_entries, tree_head_latest
from hub.exchange.services import tree_head_publish
from hub.federation.authentication import SIGNED, IsMemberNode, NodeSignatureAuthentication

MAX_ENTRIES = 1000
TREE_SIZE = {"type": "integer", "minimum": 1, "maximum": MAX_TREE_SIZE}
"""A log index or tree size in a query (a proof for a size the log has not reached is a 404)."""


def _int(request: Request, name: str) -> int:
    raw = request.query_params.get(name, "")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19 or int(raw) > MAX_TREE_SIZE:
        raise InvalidLogQueryError(
            f"?{name}= must be a positive integer up to {MAX_TREE_SIZE}, not {raw[:20]!r}."
        )
    return int(raw)


class LogEntry(BaseModel):
    log_index: int = Field(ge=1)
    receipt: Envelope = Field(description="The hub's signed receipt; its payload is the entry.")


class LogEntries(BaseModel):
    """``GET /api/v1/log/entries``: entries ``start``..``end`` of the log, in order."""

    entries: list[LogEntry]


class LogApi(APIView):
    authentication_classes = (NodeSignatureAuthentication,)
    permission_classes = (IsMemberNode,)


class TreeHeadApi(LogApi):
    """The latest tree head, signed by the hub (a ``control.tree_head`` envelope)."""

    @extend_schema(
        operation_id="log_tree_head",
        responses={
            200: OpenApiResponse(Envelope, description="A control.tree_head envelope."),
            **error_responses(*SIGNED),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        # Heads are signed by beat every HUB_TREE_HEAD_SECONDS; a request only ever signs the
        # first one, so a thousand nodes asking do not each sign (and store) a head.
        head = tree_head_latest() or tree_head_publish()
        return HttpResponse(bytes(head.envelope), content_type="application/json")


class InclusionProofApi(LogApi):
    """RFC 9162 inclusion proof (§2.1.3) that entry ``index`` is in the tree of ``size`` entries.

    ``leaf_index`` is RFC 9162's (from 0), so ``index - 1``; ``inclusion_path`` is the audit path
    from the leaf's sibling up, each hash in lowercase hex. The leaf is SHA-256(0x00 || the signed
    payload of the receipt for entry ``index``); check it with RFC 9162 §2.1.3.2 against the root
    of a tree head of ``size`` entries."""

    @extend_schema(
        operation_id="log_inclusion_proof",
        parameters=[
            OpenApiParameter(
                "index", TREE_SIZE, required=True, description="The log index (from 1) a receipt names."
            ),
            OpenApiParameter(
                "size", TREE_SIZE, required=True, description="The size of a tree head (index <= size)."
            ),
        ],
        responses={
            200: InclusionProof,
            **error_responses(*SIGNED, InvalidLogQueryError, UnknownLogIndexError),
        },
    )
    def get(self, request: Request) -> Response:
        proof = inclusion_proof(log_index=_int(request, "index"), tree_size=_int(request, "size"))
        return Response(proof.model_dump(mode="json"))


class ConsistencyProofApi(LogApi):
    """RFC 9162 consistency proof (§2.1.4) that the tree of ``first`` entries is a prefix of the
    tree of ``second``: ``consistency_path`` is PROOF(first, D[second]), each hash in lowercase
    hex, empty when the sizes are equal. Check it with RFC 9162 §2.1.4.2 against the roots of the
    two tree heads."""

    @extend_schema(
        operation_id="log_consistency_proof",
        parameters=[
            OpenApiParameter(
                "first", TREE_SIZE, required=True, description="The size of the older tree head."
            ),
            OpenApiParameter(
                "second", TREE_SIZE, required=True, description="The size of the newer one (first <= second)."
            ),
        ],
        responses={
            200: ConsistencyProof,
            **error_responses(*SIGNED, InvalidLogQueryError, UnknownLogIndexError),
        },
    )
    def get(self, request: Request) -> Response:
        proof = consistency_proof(first=_int(request, "first"), second=_int(request, "second"))
        return Response(proof.model_dump(mode="json"))


class LogEntriesApi(LogApi):
    """Entries ``start``..``end`` of the log: each the hub's signed receipt, whose payload is the
    entry. An auditor recomputes every root from them."""

    @extend_schema(
        operation_id="log_entries",
        parameters=[
            OpenApiParameter("start", TREE_SIZE, required=True),
            OpenApiParameter("end", TREE_SIZE, required=True),
        ],
        responses={
            200: OpenApiResponse(LogEntries, description="Each entry with the hub's signed receipt."),
            **error_responses(*SIGNED, InvalidLogQueryError),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        start, end = _int(request, "start"), _int(request, "end")
        if not 1 <= start <= end or end - start >= MAX_ENTRIES:
            raise InvalidLogQueryError(f"Ask for 1 <= start <= end, at most {MAX_ENTRIES} entries at a time.")
        items = b",".join(
            b'{"log_index":%d,"receipt":%s}' % (i, receipt)
            for i, receipt in log_entries(start=start, end=end)
        )
        return HttpResponse(b'{"entries":[%s]}' % items, content_type="application/json")
