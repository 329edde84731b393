from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A signed message written in the same transaction as the change it announces.

    It stays here until the hub's signed receipt for it has been checked.
    """

    message_id = models.UUIDField(verbose_name=_("message id"), unique=True)
    stream = models.CharField(
        verbose_name=_("stream"), max_length=40, help_text=_("The type's family; sequences count within it.")
    )
    sequence = models.BigIntegerField(verbose_name=_("sequence"))
    type = models.CharField(verbose_name=_("type"), max_length=80)
    version = models.CharField(verbose_name=_("version"), max_length=10)
    envelope = models.BinaryField(verbose_name=_("envelope"))
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(verbose_name=_("sent at"), null=True, blank=True)
    log_index = models.BigIntegerField(verbose_name=_("log index"), null=True, blank=True)
    receipt = models.BinaryField(verbose_name=_("receipt"), null=True, blank=True)
    attempts = models.PositiveIntegerField(verbose_name=_("attempts"), default=0)
    last_error = models.TextField(verbose_name=_("last error"), blank=True, default="")
    # When an inclusion proof showed the hub's log holds this message's receipt.
    included_at = models.DateTimeField(verbose_name=_("included at"), null=True, blank=True)
    # Not before this time: the backoff after a failed push (exponential, with full jitter).
    next_attempt_at = models.DateTimeField(verbose_name=_("next attempt at"), null=True, blank=True)
    # Dead letter: the hub refused it for good; it waits for an operator (retry or discard).
    dead_at = models.DateTimeField(verbose_name=_("dead at"), null=True, blank=True)
    dead_code = models.CharField(verbose_name=_("dead letter code"), max_length=60, blank=True, default="")
    resolved_at = models.DateTimeField(verbose_name=_("resolved at"), null=True, blank=True)
    resolution = models.CharField(verbose_name=_("resolution"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
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
        APPLIED = "applied", _("Applied")
        REJECTED = "rejected", _("Rejected")
        UNHANDLED = "unhandled", _("Unhandled")

    message_id = models.UUIDField(verbose_name=_("message id"), unique=True, null=True, blank=True)
    log_index = models.BigIntegerField(verbose_name=_("log index"), unique=True)
    source = models.CharField(verbose_name=_("source"), max_length=24, blank=True, default="")
    sequence = models.BigIntegerField(verbose_name=_("sequence"), null=True, blank=True)
    type = models.CharField(verbose_name=_("type"), max_length=80, blank=True, default="")
    version = models.CharField(verbose_name=_("version"), max_length=10, blank=True, default="")
    status = models.CharField(verbose_name=_("status"), max_length=10, choices=Status.choices)
    reason = models.TextField(verbose_name=_("reason"), blank=True, default="")
    envelope = models.BinaryField(verbose_name=_("envelope"))
    # The hub's signed receipt, kept so that a rejected message can be checked again later.
    receipt = models.BinaryField(verbose_name=_("receipt"), default=b"")
    received_at = models.DateTimeField(verbose_name=_("received at"), default=timezone.now)
    # A rejected message is a dead letter until an operator retries or discards it.
    resolved_at = models.DateTimeField(verbose_name=_("resolved at"), null=True, blank=True)
    resolution = models.CharField(verbose_name=_("resolution"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("inbox message")
        verbose_name_plural = _("inbox messages")


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

    tree_size = models.BigIntegerField(verbose_name=_("tree size"), unique=True)
    root_hash = models.CharField(verbose_name=_("root hash"), max_length=64)
    envelope = models.BinaryField(verbose_name=_("envelope"))
    seen_at = models.DateTimeField(verbose_name=_("seen at"), default=timezone.now)

    class Meta:
        verbose_name = _("tree head seen")
        verbose_name_plural = _("tree heads seen")

    def __str__(self) -> str:
        return f"tree head {self.tree_size} {self.root_hash[:12]}…"


class LogAlarm(models.Model):
    """Evidence that the hub's log misbehaved: a rewritten history, a failed inclusion proof.

    An alarm stays until an operator acknowledges it; the offending signed statements are kept.
    """

    code = models.CharField(verbose_name=_("code"), max_length=40)
    message = models.TextField(verbose_name=_("message"))
    evidence = models.JSONField(verbose_name=_("evidence"), default=dict)
    raised_at = models.DateTimeField(verbose_name=_("raised at"), default=timezone.now)
    acknowledged_at = models.DateTimeField(verbose_name=_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("log alarm")
        verbose_name_plural = _("log alarms")

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
