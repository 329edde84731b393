from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.federation.models import Member


class Message(models.Model):
    """One accepted message in the hub's log; ``log_index`` is its position and the pull cursor.

    ``envelope`` holds the signed envelope as received; receivers verify the origin signature
    over its payload themselves. ``receipt`` is the hub's signed statement of acceptance; its
    signed payload is the log entry, and ``leaf_hash`` its Merkle leaf hash.

    ``stream`` is the family of ``type`` (``contracts.messages``): each source numbers its
    messages per stream, so one family's backlog never holds back another's.

    Invariants: log indexes are dense (1, 2, 3, … with no gap; assigned under ``LogState``'s
    row lock, never by a database sequence, which would leave gaps on rollback) and an entry
    never changes once written.
    """

    log_index = models.BigIntegerField(verbose_name=_("log index"), primary_key=True)
    message_id = models.UUIDField(verbose_name=_("message id"), unique=True)
    source = models.ForeignKey(
        Member, verbose_name=_("source"), on_delete=models.PROTECT, related_name="messages"
    )
    type = models.CharField(verbose_name=_("type"), max_length=80)
    version = models.CharField(verbose_name=_("version"), max_length=10)
    stream = models.CharField(
        verbose_name=_("stream"),
        max_length=40,
        help_text=_("The type's family: a source's sequence numbers count within it."),
    )
    sequence = models.BigIntegerField(verbose_name=_("sequence"))
    broadcast = models.BooleanField(verbose_name=_("broadcast"), default=True)
    envelope = models.BinaryField(verbose_name=_("envelope"))
    payload_sha256 = models.CharField(verbose_name=_("payload SHA-256"), max_length=64)
    receipt = models.BinaryField(verbose_name=_("receipt"), default=b"")
    leaf_hash = models.BinaryField(verbose_name=_("leaf hash"), max_length=32, default=b"")
    received_at = models.DateTimeField(verbose_name=_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "stream", "sequence"], name="unique_source_stream_sequence"
            ),
        ]
        indexes = [models.Index(fields=["type", "log_index"], name="message_type_index")]

    def __str__(self) -> str:
        return f"#{self.log_index} {self.type} from {self.source_id} seq {self.sequence}"


class MessageRecipient(models.Model):
    """Who may pull a message that is not for everyone."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="recipient_rows")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "message"], name="unique_message_recipient")]


class LogState(models.Model):
    """The size of the log (one row). Ingest locks this row to append, so indexes are dense
    and become visible in order: a cursor can never skip an entry committed late."""

    size = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"log of {self.size} entries"


class TreeHeadRecord(models.Model):
    """A tree head the hub signed: the Merkle root of the first ``tree_size`` entries."""

    tree_size = models.BigIntegerField(unique=True)
    root_hash = models.CharField(max_length=64)
    envelope = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"tree head {self.tree_size} {self.root_hash[:12]}…"


class MemberSync(models.Model):
    """How a member's sync stands, as the hub sees it and as the node last reported."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="sync")
    cursor = models.BigIntegerField(default=0, help_text="The log index the member pulled up to.")
    pulled_at = models.DateTimeField(null=True, blank=True)
    pushed_at = models.DateTimeField(null=True, blank=True)
    accepted_total = models.BigIntegerField(default=0)
    duplicate_total = models.BigIntegerField(default=0, help_text="Messages answered as duplicates.")
    refused_total = models.BigIntegerField(default=0)
    last_refusal = models.TextField(blank=True, default="")
    last_refusal_at = models.DateTimeField(null=True, blank=True)
    # Reported by the node itself (POST /api/v1/sync-report).
    outbox_pending = models.IntegerField(default=0)
    outbox_dead = models.IntegerField(default=0)
    inbox_dead = models.IntegerField(default=0)
    log_alarms = models.IntegerField(default=0)
    node_last_error = models.TextField(blank=True, default="")
    reported_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"sync of {self.member_id}"


class ProjectionDeadLetter(models.Model):
    """A logged message that one of the hub's own consumers of its log (``consumer``: the
    catalogue projection, …) could not apply. The consumer went on past it; the message itself
    stays in the log, so a retry after a fix reads it from there."""

    consumer = models.CharField(verbose_name=_("consumer"), max_length=40)
    log_index = models.BigIntegerField(verbose_name=_("log index"))
    code = models.CharField(verbose_name=_("code"), max_length=60)
    reason = models.TextField(verbose_name=_("reason"))
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    attempts = models.IntegerField(verbose_name=_("attempts"), default=1)
    resolved_at = models.DateTimeField(verbose_name=_("resolved at"), null=True, blank=True)
    resolution = models.CharField(verbose_name=_("resolution"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("projection dead letter")
        verbose_name_plural = _("projection dead letters")
        constraints = [
            models.UniqueConstraint(
                fields=["consumer", "log_index"], name="one_dead_letter_per_consumer_entry"
            )
        ]
        ordering = ["consumer", "log_index"]

    def __str__(self) -> str:
        return f"{self.consumer} #{self.log_index}: {self.code}"


class ProjectionCursor(models.Model):
    """How far one of the hub's projections of its log (``hub.exchange.projections``) has read."""

    name = models.CharField(max_length=40, unique=True)
    position = models.BigIntegerField(default=0, help_text="The last log index read.")
    applied_total = models.BigIntegerField(default=0)
    refused_total = models.BigIntegerField(default=0)
    last_refusal = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} read to log index {self.position}"
