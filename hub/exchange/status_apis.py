"""Sync status: what the hub sees of every member and what each node reports of itself."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.http import HttpRequest, HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from pydantic import BaseModel, Field
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.http import json_model
from common.openapi import JSON_BODY, error_responses
from contracts.api import SyncReport
from contracts.errors import BodyTooLargeError, SchemaViolationError
from hub.exchange.selectors import (
    log_size,
    projection_dead_letter_counts,
    projection_dead_letters,
    projection_overview,
    sync_overview,
    tree_head_latest,
)
from hub.exchange.services import member_report
from hub.federation.authentication import SIGNED, IsMemberNode, NodeIdentity, NodeSignatureAuthentication


class MemberSync(BaseModel):
    """What the hub sees of one member's sync, and what the member last reported of itself
    (``null`` until it has reported)."""

    code: str
    name: str
    country: str
    enrolled_at: dt.datetime | None
    last_seen_at: dt.datetime | None
    pulled_at: dt.datetime | None
    cursor: int = Field(ge=0)
    inbox_lag: int = Field(ge=0, description="Log entries the member has not pulled yet.")
    pushed_at: dt.datetime | None
    accepted_total: int = Field(ge=0)
    duplicate_total: int = Field(ge=0)
    refused_total: int = Field(ge=0)
    last_refusal: str
    outbox_pending: int | None
    outbox_dead: int | None
    inbox_dead: int | None
    log_alarms: int | None
    last_error: str
    reported_at: dt.datetime | None


class HubDeadLetter(BaseModel):
    """A log entry one of the hub's projections (the catalogue, …) could not apply."""

    consumer: str
    log_index: int = Field(ge=1)
    code: str
    reason: str


class ProjectionState(BaseModel):
    """How far one of the hub's projections of its log has read."""

    name: str
    position: int = Field(ge=0, description="The last log index read.")
    behind: int = Field(ge=0, description="Log entries after it.")
    applied_total: int = Field(ge=0)
    refused_total: int = Field(ge=0, description="Entries its own rules refused (not dead letters).")
    last_refusal: str


class SyncStatus(BaseModel):
    """``GET /api/v1/sync-status``: the log's size, every member's sync, the hub's projections and
    their dead letters."""

    log_size: int = Field(ge=0)
    members: list[MemberSync]
    projections: list[ProjectionState]
    hub_dead_letters: list[HubDeadLetter] = Field(description="The oldest 100 open ones.")


class SyncStatusApi(APIView):
    """Every member: last seen, last pull and push, inbox lag, refusals, and what it reports."""

    authentication_classes = ()
    permission_classes = ()

    @extend_schema(
        operation_id="sync_status",
        responses={200: OpenApiResponse(SyncStatus, description="The log's size and every member's sync.")},
    )
    def get(self, request: Request) -> Response:
        members = [dataclasses.asdict(view) for view in sync_overview()]
        dead = [
            {"consumer": row.consumer, "log_index": row.log_index, "code": row.code, "reason": row.reason}
            for row in projection_dead_letters()[:100]
        ]
        size = log_size()
        projections = [dataclasses.asdict(view) for view in projection_overview(size=size)]
        return Response(
            {"log_size": size, "members": members, "projections": projections, "hub_dead_letters": dead}
        )


class SyncReportApi(APIView):
    """A node reports its own backlog, dead letters, alarms and last error."""

    authentication_classes = (NodeSignatureAuthentication,)
    permission_classes = (IsMemberNode,)

    @extend_schema(
        operation_id="sync_report",
        request=SyncReport,
        responses={
            204: OpenApiResponse(description="Recorded."),
            **error_responses(*SIGNED, *JSON_BODY, BodyTooLargeError, SchemaViolationError),
        },
    )
    def post(self, request: Request) -> Response:
        node = request.user
        assert isinstance(node, NodeIdentity)
        report = json_model(SyncReport, request._request.body, what="sync report")
        member_report(code=node.code, report=report)
        return Response(status=204)


MEMBER_GAUGES = {
    "inbox_lag": "Log entries a member has not pulled yet.",
    "accepted_total": "Messages accepted from a member.",
    "duplicate_total": "Messages a member sent again, answered as duplicates.",
    "refused_total": "Messages refused from a member.",
    "outbox_pending": "Backlog a member reported.",
    "outbox_dead": "Outgoing dead letters a member reported.",
    "inbox_dead": "Incoming dead letters a member reported.",
    "log_alarms": "Open log alarms a member reported.",
}
"""Per-member gauges: ``MemberSyncView`` attribute -> help text (metric socialhub_member_<name>)."""


class HubCollector:
    """Prometheus metrics read from the database at scrape time (so every process agrees)."""

    def collect(self):  # type: ignore[no-untyped-def]
        yield GaugeMetricFamily("socialhub_log_entries", "Entries in the hub's log.", value=log_size())
        head = tree_head_latest()
        yield GaugeMetricFamily(
            "socialhub_log_tree_head_size",
            "Entries covered by the latest signed tree head.",
            value=head.tree_size if head else 0,
        )
        gauges = {
            name: GaugeMetricFamily(f"socialhub_member_{name}", help_text, labels=["member"])
            for name, help_text in MEMBER_GAUGES.items()
        }
        seen = GaugeMetricFamily(
            "socialhub_member_last_seen_timestamp_seconds", "When a member was last seen.", labels=["member"]
        )
        for view in sync_overview():
            for name, gauge in gauges.items():
                value = getattr(view, name)
                if value is not None:
                    gauge.add_metric([view.code], value)
            if view.last_seen_at is not None:
                seen.add_metric([view.code], view.last_seen_at.timestamp())
        yield from gauges.values()
        yield seen
        dead = GaugeMetricFamily(
            "socialhub_hub_dead_letters",
            "Log entries a consumer of the hub's log could not apply (set aside, open).",
            labels=["consumer"],
        )
        for consumer, count in projection_dead_letter_counts().items():
            dead.add_metric([consumer], count)
        yield dead
        behind = GaugeMetricFamily(
            "socialhub_hub_projection_behind",
            "Log entries a projection has not read yet.",
            labels=["projection"],
        )
        for projection in projection_overview():
            behind.add_metric([projection.name], projection.behind)
        yield behind


def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus text exposition of the hub's sync metrics."""
    registry = CollectorRegistry()
    registry.register(HubCollector())
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
