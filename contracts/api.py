"""The bodies of the hub's HTTP API, as models: what the OpenAPI document describes.

Requests and answers travel as JSON; every envelope inside is a DSSE envelope (see
``contracts.envelope``) whose trust comes from its signature, never from these models.

Invariants: an error answer is always ``ErrorBody``; its ``code`` is one of the stable codes in
``contracts.errors`` and never changes meaning.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from contracts.envelope import Envelope
from contracts.errors import ErrorBody

__all__ = ["ErrorBody", "HealthResponse", "PullResponse", "PushRequest", "PushResponse", "SyncReport"]


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
