"""The bodies of the hub's and the nodes' HTTP APIs, as models: what the OpenAPI documents describe.

Requests and answers travel as JSON; every envelope inside is a DSSE envelope (see
``contracts.envelope``) whose trust comes from its signature, never from these models.

Invariants: an error answer is always ``ErrorBody``; its ``code`` is one of the stable codes in
``contracts.errors`` and never changes meaning.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from contracts.envelope import Envelope
from contracts.errors import ErrorBody

__all__ = [
    "ErrorBody",
    "HealthResponse",
    "LogEntries",
    "NodeStatus",
    "PullResponse",
    "PushRequest",
    "PushResponse",
    "SyncReport",
    "SyncStatus",
]


class PushRequest(BaseModel):
    """A batch of signed messages from one member."""

    model_config = ConfigDict(extra="forbid")

    messages: list[Envelope] = Field(min_length=1, description="Envelopes, each signed by its sender.")


class PushResult(BaseModel):
    """The hub's answer for one pushed message, in the order they were sent."""

    status: Literal["accepted", "duplicate", "refused"]
    message_id: str | None = Field(description="The message id, when the envelope could be read.")
    log_index: int | None = Field(default=None, description="Its place in the hub's log.")
    receipt: Envelope | None = Field(default=None, description="A control.receipt signed by the hub.")
    code: str | None = Field(default=None, description="Why it was refused (refused only).")
    message: str | None = None
    detail: Any = None


class PushResponse(BaseModel):
    results: list[PushResult]


class PulledMessage(BaseModel):
    log_index: int
    envelope: Envelope = Field(description="The message exactly as its sender signed it.")
    receipt: Envelope = Field(description="The hub's signed receipt for it.")


class PullResponse(BaseModel):
    """A page of the log for this member, after the cursor it sent."""

    messages: list[PulledMessage]
    seal: Envelope | None = Field(
        default=None,
        description="A control.page_seal signed by the hub over every receipt on the page "
        "(absent when the page is empty): verify it once instead of each receipt.",
    )
    next_cursor: str = Field(description="Send it as ?after= on the next pull.")
    has_more: bool
    log_size: int = Field(description="Entries in the hub's log when it answered (for lag).")


class HealthResponse(BaseModel):
    status: Literal["ok"]
    log_head: int = Field(description="The highest log index.")
    speaks: dict[str, list[str]] = Field(description="Each message type and the versions the hub reads.")


class SyncReport(BaseModel):
    """What a node tells the hub of its own sync state (``POST /api/v1/sync-report``)."""

    model_config = ConfigDict(extra="forbid")

    outbox_pending: int = Field(ge=0)
    outbox_dead: int = Field(ge=0)
    inbox_dead: int = Field(ge=0)
    log_alarms: int = Field(ge=0)
    last_error: str = Field(default="", max_length=2000)


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
    """A log entry one of the hub's own consumers (its catalogue projection) could not apply."""

    consumer: str
    log_index: int = Field(ge=1)
    code: str
    reason: str


class SyncStatus(BaseModel):
    """``GET /api/v1/sync-status``: the log's size, every member's sync, the hub's dead letters."""

    log_size: int = Field(ge=0)
    members: list[MemberSync]
    hub_dead_letters: list[HubDeadLetter] = Field(description="The oldest 100 open ones.")


class LogEntry(BaseModel):
    log_index: int = Field(ge=1)
    receipt: Envelope = Field(description="The hub's signed receipt; its payload is the entry.")


class LogEntries(BaseModel):
    """``GET /api/v1/log/entries``: entries ``start``..``end`` of the log, in order."""

    entries: list[LogEntry]


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
