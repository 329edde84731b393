"""The bodies of the hub's HTTP API, as models: what the OpenAPI document describes.

Requests and answers travel as JSON; every envelope inside is a DSSE envelope (see
``contracts.envelope``) whose trust comes from its signature, never from these models.

Invariants: an error answer is always ``ErrorBody``; its ``code`` is one of the stable codes in
``contracts.errors`` and never changes meaning.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from contracts.bounds import Count, ErrorCode, LogIndex, LogSize, MessageTypeName, StorableText, Version
from contracts.envelope import Envelope
from contracts.errors import MAX_MESSAGE_LENGTH, ErrorBody

Cursor = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,18}$", max_length=18)]
"""The last log index a member has seen, as decimal text ('0' before the first)."""

__all__ = ["ErrorBody", "HealthResponse", "PullResponse", "PushRequest", "PushResponse", "SyncReport"]


class PushRequest(BaseModel):
    """A batch of signed messages from one member."""

    model_config = ConfigDict(extra="forbid")

    messages: list[Envelope] = Field(min_length=1, description="Envelopes, each signed by its sender.")


class PushResult(BaseModel):
    """The hub's answer for one pushed message, in the order they were sent."""

    status: Literal["accepted", "duplicate", "refused"]
    message_id: uuid.UUID | None = Field(description="The message id, when the envelope could be read.")
    log_index: LogIndex | None = Field(default=None, description="Its place in the hub's log.")
    receipt: Envelope | None = Field(default=None, description="A control.receipt signed by the hub.")
    code: ErrorCode | None = Field(default=None, description="Why it was refused (refused only).")
    message: Annotated[str, StorableText(max_length=MAX_MESSAGE_LENGTH)] | None = None
    detail: Any = None


class PushResponse(BaseModel):
    results: list[PushResult]


class PulledMessage(BaseModel):
    log_index: LogIndex
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
    next_cursor: Cursor = Field(description="Send it as ?after= on the next pull.")
    has_more: bool
    log_size: LogSize = Field(description="Entries in the hub's log when it answered (for lag).")


class HealthResponse(BaseModel):
    status: Literal["ok"]
    log_head: LogSize = Field(description="The highest log index.")
    speaks: dict[MessageTypeName, list[Version]] = Field(
        description="Each message type and the versions the hub reads.",
        # The keys' pattern is written as patternProperties, which bind only the keys they match.
        json_schema_extra={"additionalProperties": False},
    )


class SyncReport(BaseModel):
    """What a node tells the hub of its own sync state (``POST /api/v1/sync-report``)."""

    model_config = ConfigDict(extra="forbid")

    outbox_pending: Count
    outbox_dead: Count
    inbox_dead: Count
    log_alarms: Count
    last_error: Annotated[str, StorableText(max_length=2000)] = ""
