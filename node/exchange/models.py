from __future__ import annotations

from django.db import models
from django.utils import timezone


class OutboxMessage(models.Model):
    """A signed message written in the same transaction as the change it announces.

    It stays here until the hub's signed receipt for it has been checked.
    """

    message_id = models.UUIDField(unique=True)
    stream = models.CharField(max_length=40, help_text="The type's family; sequences count within it.")
    sequence = models.BigIntegerField()
    type = models.CharField(max_length=80)
    version = models.CharField(max_length=10)
    envelope = models.BinaryField()
    wire_bytes = models.IntegerField(default=0, help_text="Bytes of the signed envelope.")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    log_index = models.BigIntegerField(null=True, blank=True)
    receipt = models.BinaryField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    # When an inclusion proof showed the hub's log holds this message's receipt.
    included_at = models.DateTimeField(null=True, blank=True)
    # Not before this time: the backoff after a failed push (exponential, with full jitter).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # Dead letter: the hub refused it for good; it waits for an operator (retry or discard).
    dead_at = models.DateTimeField(null=True, blank=True)
    dead_code = models.CharField(max_length=60, blank=True, default="")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stream", "sequence"], name="unique_outbox_stream_sequence")
        ]
        indexes = [models.Index(fields=["sent_at", "stream", "sequence"], name="outbox_pending_index")]

    def __str__(self) -> str:
        return f"{self.type} {self.stream} #{self.sequence}"


class InboxMessage(models.Model):
    """A message pulled from the hub; its id makes applying it idempotent.

    ``unhandled``: verified as far as this node can, but of a type it has no applier for yet (a
    family a newer release or a plug-in brings); kept with its receipt and applied, in log
    order, once an applier is there (``inbox_unhandled_replay``). The cursor moves on past it,
    and nothing waits for it.
    """

    class Status(models.TextChoices):
        APPLIED = "applied"
        REJECTED = "rejected"
        UNHANDLED = "unhandled"

    message_id = models.UUIDField(unique=True, null=True, blank=True)
    log_index = models.BigIntegerField(unique=True)
    source = models.CharField(max_length=24, blank=True, default="")
    sequence = models.BigIntegerField(null=True, blank=True)
    type = models.CharField(max_length=80, blank=True, default="")
    version = models.CharField(max_length=10, blank=True, default="")
    status = models.CharField(max_length=10, choices=Status.choices)
    reason = models.TextField(blank=True, default="")
    envelope = models.BinaryField()
    # The hub's signed receipt, kept so that a rejected message can be checked again later.
    receipt = models.BinaryField(default=b"")
    received_at = models.DateTimeField(default=timezone.now)
    # A rejected message is a dead letter until an operator retries or discards it.
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=200, blank=True, default="")


class SyncState(models.Model):
    """The pull cursor and the latest sync outcome; at most one row."""

    cursor = models.CharField(max_length=40, default="0")
    last_push_at = models.DateTimeField(null=True, blank=True)
    last_pull_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    last_error_at = models.DateTimeField(null=True, blank=True)
    hub_log_size = models.BigIntegerField(default=0)


class TreeHeadSeen(models.Model):
    """A tree head of the hub's log this node checked and accepted: each is consistent with
    every one before it. ``envelope`` is the hub's signed statement, kept as evidence."""

    tree_size = models.BigIntegerField(unique=True)
    root_hash = models.CharField(max_length=64)
    envelope = models.BinaryField()
    seen_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"tree head {self.tree_size} {self.root_hash[:12]}…"


class LogAlarm(models.Model):
    """Evidence that the hub's log misbehaved: a rewritten history, a failed inclusion proof.

    An alarm stays until an operator acknowledges it; the offending signed statements are kept.
    """

    code = models.CharField(max_length=40)
    message = models.TextField()
    evidence = models.JSONField(default=dict)
    raised_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.code} at {self.raised_at:%Y-%m-%d %H:%M}"


class Activity(models.Model):
    """How one of the node's recurring jobs (pull, push, log check, report) stands: when it last
    worked, and if it is failing, since when, how many times in a row, and why."""

    name = models.CharField(max_length=20, unique=True)
    last_ok_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    failing_since = models.DateTimeField(null=True, blank=True)
    attempts = models.IntegerField(default=0, help_text="Failures in a row.")
    last_error = models.TextField(blank=True, default="")

    def __str__(self) -> str:
        return f"{self.name}: {'failing' if self.failing_since else 'ok'}"


class ProcessSeen(models.Model):
    """When the node's worker and beat were last heard from (one row each)."""

    kind = models.CharField(max_length=10, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.kind} seen {self.seen_at:%Y-%m-%d %H:%M:%S}"
