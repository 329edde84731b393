from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from pydantic import BaseModel, Field
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.schema_export import speaks
from node.exchange.selectors import sync_status


class NodeStatus(BaseModel):
    """A node's ``GET /api/v1/status``: its enrolment and its side of the sync."""

    enrolled: bool
    node_code: str | None
    node_name: str | None
    hub_url: str | None
    peers: int = Field(ge=0)
    outbox_pending: int = Field(ge=0)
    outbox_sent: int = Field(ge=0)
    outbox_dead: int = Field(ge=0)
    inbox_applied: int = Field(ge=0)
    inbox_rejected: int = Field(ge=0)
    inbox_dead: int = Field(ge=0)
    inbox_unhandled: int = Field(
        ge=0, description="Received messages of types this node has no applier for yet, kept for later."
    )
    unhandled_types: list[str] = Field(description="The types of those messages.")
    inbox_lag: int = Field(ge=0)
    cursor: str
    last_push_at: str | None
    last_pull_at: str | None
    last_error: str
    log_tree_size: int = Field(ge=0)
    log_unproven_sent: int = Field(ge=0)
    log_alarms: list[dict[str, str]]
    activities: list[dict[str, Any]] = Field(
        description="Each recurring job: last worked, and if failing, since when, attempts, error."
    )
    processes: list[dict[str, Any]] = Field(description="The worker and the beat: when last heard from.")
    problems: list[str] = Field(description="Everything that is wrong now, in words; empty when healthy.")
    healthy: bool
    speaks: dict[str, list[str]] = Field(description="Each message type and the versions the node reads.")


class StatusApi(APIView):
    """Enrolment and sync state: outbox backlog, inbox counts, cursor, last error."""

    permission_classes = (AllowAny,)

    @extend_schema(
        operation_id="v1_status_retrieve",
        responses={200: OpenApiResponse(NodeStatus, description="The node's sync status.")},
    )
    def get(self, request: Request) -> Response:
        return Response(dataclasses.asdict(sync_status()) | {"speaks": speaks()})


class NodeCollector:
    """Prometheus metrics of this node's sync, read from the database at scrape time."""

    def collect(self):  # type: ignore[no-untyped-def]
        status = sync_status()
        gauges = {
            "outbox_pending": "Messages waiting to be sent to the hub.",
            "outbox_dead": "Messages the hub refused for good, waiting for an operator.",
            "inbox_dead": "Received messages that could not be verified or applied.",
            "inbox_unhandled": "Received messages kept until this node has an applier for their type.",
            "inbox_lag": "Entries in the hub's log after this node's cursor.",
            "log_tree_size": "Entries covered by the latest hub tree head this node accepted.",
            "log_unproven_sent": "Sent messages not yet proven to be in the hub's log.",
        }
        for name, help_text in gauges.items():
            yield GaugeMetricFamily(f"socialhub_node_{name}", help_text, value=getattr(status, name))
        yield GaugeMetricFamily(
            "socialhub_node_log_alarms", "Open alarms about the hub's log.", value=len(status.log_alarms)
        )
        yield GaugeMetricFamily(
            "socialhub_node_healthy",
            "1 when nothing is failing, stale or alarming; else 0.",
            value=status.healthy,
        )
        failing = GaugeMetricFamily(
            "socialhub_node_activity_failures",
            "Failures in a row of a recurring job (0 when it last worked).",
            labels=["activity"],
        )
        for item in status.activities:
            failing.add_metric([item["name"]], item["attempts"])
        yield failing
        seen = GaugeMetricFamily(
            "socialhub_node_process_last_seen_timestamp_seconds",
            "When the worker or the beat was last heard from.",
            labels=["process"],
        )
        for process in status.processes:
            if process["seen_at"]:
                seen.add_metric([process["kind"]], dt.datetime.fromisoformat(process["seen_at"]).timestamp())
        yield seen
        for name in ("last_push_at", "last_pull_at"):
            value = getattr(status, name)
            if value:
                yield GaugeMetricFamily(
                    f"socialhub_node_{name.removesuffix('_at')}_timestamp_seconds",
                    f"When the node last {name.split('_')[1]}ed successfully.",
                    value=dt.datetime.fromisoformat(value).timestamp(),
                )


def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus text exposition of this node's sync metrics."""
    registry = CollectorRegistry()
    registry.register(NodeCollector())
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
