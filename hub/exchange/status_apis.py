"""Sync status: what the hub sees of every member and what each node reports of itself."""

from __future__ import annotations

import dataclasses

from django.http import HttpRequest, HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from pydantic import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.api import SyncReport
from contracts.errors import SchemaViolationError, validation_detail
from contracts.limits import check_json_depth
from hub.exchange.selectors import (
    log_size,
    projection_dead_letter_counts,
    projection_dead_letters,
    sync_overview,
    tree_head_latest,
)
from hub.exchange.services import member_report
from hub.federation.authentication import REFUSALS, IsMemberNode, NodeIdentity, NodeSignatureAuthentication


class SyncStatusApi(APIView):
    """Every member: last seen, last pull and push, inbox lag, refusals, and what it reports."""

    authentication_classes = ()
    permission_classes = ()

    @extend_schema(
        operation_id="sync_status",
        responses={200: OpenApiResponse(description="{log_size, members, hub_dead_letters}")},
    )
    def get(self, request: Request) -> Response:
        members = [dataclasses.asdict(view) for view in sync_overview()]
        dead = [
            {"consumer": row.consumer, "log_index": row.log_index, "code": row.code, "reason": row.reason}
            for row in projection_dead_letters()[:100]
        ]
        return Response({"log_size": log_size(), "members": members, "hub_dead_letters": dead})


class SyncReportApi(APIView):
    """A node reports its own backlog, dead letters, alarms and last error."""

    authentication_classes = (NodeSignatureAuthentication,)
    permission_classes = (IsMemberNode,)

    @extend_schema(operation_id="sync_report", request=SyncReport, responses={204: None, **REFUSALS})
    def post(self, request: Request) -> Response:
        node = request.user
        assert isinstance(node, NodeIdentity)
        body = request._request.body
        check_json_depth(body, what="The sync report")
        try:
            report = SyncReport.model_validate_json(body, strict=True)
        except ValidationError as exc:
            raise SchemaViolationError(
                "The sync report is not valid.", detail=validation_detail(exc)
            ) from exc
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


def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus text exposition of the hub's sync metrics."""
    registry = CollectorRegistry()
    registry.register(HubCollector())
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
