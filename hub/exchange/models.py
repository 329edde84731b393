from __future__ import annotations

from django.db import models
from django.utils import timezone

from hub.federation.models import Member


class Message(models.Model):
    """One accepted message in the hub's log; ``log_index`` is its position and the pull cursor.

    ``envelope`` holds the signed envelope as received; receivers verify the origin signature
    over its payload themselves. ``receipt`` is the hub's signed statement of acceptance.
    """

    log_index = models.BigAutoField(primary_key=True)
    message_id = models.UUIDField(unique=True)
    source = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="messages")
    type = models.CharField(max_length=80)
    version = models.CharField(max_length=10)
    sequence = models.BigIntegerField()
    broadcast = models.BooleanField(default=True)
    envelope = models.BinaryField()
    payload_sha256 = models.CharField(max_length=64)
    receipt = models.BinaryField(default=b"")
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "sequence"], name="unique_source_sequence"),
        ]

    def __str__(self) -> str:
        return f"#{self.log_index} {self.type} from {self.source_id} seq {self.sequence}"


class MessageRecipient(models.Model):
    """Who may pull a message that is not for everyone."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="recipient_rows")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "message"], name="unique_message_recipient")]
