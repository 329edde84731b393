from __future__ import annotations

import math
import time

from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.http import json_body
from common.openapi import JSON_BODY, error_responses
from contracts.api import HealthResponse, PullResponse, PushRequest, PushResponse
from contracts.errors import (
    BadSignatureError,
    BatchRefusedError,
    BatchTooLargeError,
    BodyTooLargeError,
    ContractError,
    DuplicateSequenceError,
    InvalidCursorError,
    MalformedEnvelopeError,
    PayloadTooLargeError,
    PayloadTypeMismatchError,
    RecipientsError,
    SchemaViolationError,
    SequenceRegressionError,
    SourceMismatchError,
    UnknownMessageTypeError,
    UnknownRecipientError,
    UnsupportedVersionError,
)
from contracts.schema_export import speaks
from hub.exchange.selectors import CURSOR_PATTERN, cursor_parse, log_size, message_feed
from hub.exchange.services import member_pulled, messages_ingest, page_seal, results_json
from hub.exchange.waiting import WATCHER
from hub.federation.authentication import SIGNED, IsMemberNode, NodeIdentity, NodeSignatureAuthentication

MESSAGE_REFUSALS: tuple[type[ContractError], ...] = (
    MalformedEnvelopeError,
    PayloadTooLargeError,
    BadSignatureError,
    UnknownMessageTypeError,
    UnsupportedVersionError,
    PayloadTypeMismatchError,
    SchemaViolationError,
    SourceMismatchError,
    RecipientsError,
    UnknownRecipientError,
    DuplicateSequenceError,
    SequenceRegressionError,
    BatchRefusedError,
)
"""Why the hub refuses a pushed message (each also a result's ``code`` in a batch)."""


class MessagesApi(APIView):
    """Push a batch of signed messages (POST) or pull the messages for this node (GET)."""

    authentication_classes = (NodeSignatureAuthentication,)
    permission_classes = (IsMemberNode,)

    @extend_schema(
        operation_id="messages_push",
        request=PushRequest,
        responses={
            200: OpenApiResponse(PushResponse, description="One result per message, in order."),
            # A batch of one refused message is answered with that message's own error.
            **error_responses(*SIGNED, *JSON_BODY, BodyTooLargeError, BatchTooLargeError, *MESSAGE_REFUSALS),
        },
    )
    def post(self, request: Request) -> HttpResponse:
        node = request.user
        assert isinstance(node, NodeIdentity)
        body = json_body(request._request.body)
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            raise MalformedEnvelopeError('The body must be {"messages": [<envelope>, ...]}.')
        messages = body["messages"]
        if len(messages) > settings.HUB_MAX_BATCH:
            raise BatchTooLargeError(f"{len(messages)} messages; at most {settings.HUB_MAX_BATCH} per batch.")
        results = messages_ingest(member_code=node.code, raw_messages=messages)
        return HttpResponse(results_json(results), content_type="application/json")

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "after",
                {"type": "string", "pattern": CURSOR_PATTERN, "default": "0"},
                description="The cursor returned by the previous pull; '0' first.",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": settings.HUB_MAX_PULL, "default": 500},
                description="At most this many messages; a value out of range is read as the nearest bound.",
            ),
            OpenApiParameter(
                "wait",
                {"type": "number", "minimum": 0, "maximum": settings.HUB_MAX_WAIT, "default": 0},
                description="Long-poll: when nothing is new, wait up to this many seconds for a message "
                "before answering; a value out of range is read as the nearest bound.",
            ),
        ],
        operation_id="messages_pull",
        responses={
            200: OpenApiResponse(PullResponse, description="A page of the log."),
            **error_responses(*SIGNED, InvalidCursorError),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        node = request.user
        assert isinstance(node, NodeIdentity)
        after = cursor_parse(request.query_params.get("after", "0"))
        limit = _bounded_int(request.query_params.get("limit"), default=500, high=settings.HUB_MAX_PULL)
        wait = _bounded_float(request.query_params.get("wait"), high=settings.HUB_MAX_WAIT)
        deadline = time.monotonic() + wait
        size = log_size()
        page = message_feed(member_code=node.code, after=after, limit=limit, log_size=size)
        while not page.rows and (remaining := deadline - time.monotonic()) > 0:
            # Nothing for this member yet: wait until the log grows, then look again. A pull
            # that finds every waiting place taken answers now (empty) instead, so that waiting
            # pulls never hold the threads that health, pushes and the pages need.
            if not WATCHER.wait_beyond(size, remaining):
                break
            size = log_size()
            page = message_feed(member_code=node.code, after=after, limit=limit, log_size=size)
        member_pulled(code=node.code, cursor=after)
        # The stored envelopes and receipts are spliced in as they are: no re-serialisation.
        items = b",".join(
            b'{"log_index":%d,"envelope":%s,"receipt":%s}' % (index, envelope, receipt)
            for index, envelope, receipt in page.rows
        )
        seal = page_seal(member_code=node.code, after=after, leaf_hashes=page.leaf_hashes)
        body = b'{"messages":[%s],"seal":%s,"next_cursor":"%d","has_more":%s,"log_size":%d}' % (
            items,
            seal or b"null",
            page.next_cursor,
            b"true" if page.has_more else b"false",
            max(size, page.next_cursor),
        )
        return HttpResponse(body, content_type="application/json")


def _bounded_int(raw: str | None, *, default: int, high: int) -> int:
    try:
        return max(1, min(int(raw or default), high))
    except ValueError:
        return default


def _bounded_float(raw: str | None, *, high: float) -> float:
    """A wait in seconds from 0 to ``high``; anything else (text, NaN, infinity) waits not at all."""
    try:
        value = float(raw or 0)
    except ValueError:
        return 0.0
    return max(0.0, min(value, high)) if math.isfinite(value) else 0.0


class HealthApi(APIView):
    authentication_classes = ()
    permission_classes = ()

    @extend_schema(operation_id="health", responses={200: HealthResponse})
    def get(self, request: Request) -> Response:
        return Response({"status": "ok", "log_head": log_size(), "speaks": speaks()})
