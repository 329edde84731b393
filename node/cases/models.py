"""Consents and case transfers at a node.

A consent is the person's recorded permission for one recipient municipality to receive the
named categories of their case for the named purposes until it expires. The legal basis of the
transfer is the social-protection law; the consent is the safeguard on top of it.

Invariants:
- a consent is immutable once given: it is never updated, only followed by events (withdrawn,
  expired); a change withdraws it and records a successor that names it (``replaces``);
- every consent carries the node's signature over its record as given (``record``, a signed
  envelope of ``ConsentRecordV1``), so that what the person agreed to can be shown unchanged;
- an event is never changed or removed while its consent exists.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contracts.errors import ConsentImmutableError
from node.register.models import Person


class ConsentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class Consent(models.Model):
    id = models.UUIDField(verbose_name=_("consent id"), primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents"
    )
    recipient = models.CharField(verbose_name=_("recipient municipality"), max_length=24)
    purposes = models.JSONField(verbose_name=_("purposes"), default=list)
    data_categories = models.JSONField(verbose_name=_("data categories"), default=list)
    legal_basis = models.CharField(verbose_name=_("legal basis"), max_length=60)
    obtained_how = models.CharField(verbose_name=_("how it was obtained"), max_length=30)
    obtained_at = models.DateTimeField(verbose_name=_("obtained at"))
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    retention_days = models.PositiveIntegerField(verbose_name=_("kept by the recipient for (days)"))
    jurisdiction = models.CharField(verbose_name=_("jurisdiction"), max_length=2)
    withdrawal_method = models.TextField(verbose_name=_("how to withdraw"))
    signed_copy = models.CharField(verbose_name=_("signed copy"), max_length=300, blank=True, default="")
    language = models.CharField(verbose_name=_("language of the form"), max_length=10)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    recorded_by_name = models.CharField(verbose_name=_("recorded by (name)"), max_length=150)
    recorded_at = models.DateTimeField(verbose_name=_("recorded at"), default=timezone.now)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    record = models.BinaryField(verbose_name=_("signed record"))

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["person", "-recorded_at"], name="consent_person_index")]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.recipient} ({self.pk})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ConsentImmutableError(detail={"consent": str(self.pk)})
        super().save(*args, **kwargs)

    def status_at(self, moment: dt.datetime | None = None) -> str:
        """Withdrawn once a withdrawal is recorded; expired from ``expires_at`` on; else active."""
        if any(event.event == ConsentEvent.Kind.WITHDRAWN for event in self.events.all()):
            return ConsentStatus.WITHDRAWN
        if self.expires_at <= (moment or timezone.now()):
            return ConsentStatus.EXPIRED
        return ConsentStatus.ACTIVE


class ConsentEvent(models.Model):
    class Kind(models.TextChoices):
        GIVEN = "given", _("Given")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    consent = models.ForeignKey(
        Consent, verbose_name=_("consent"), on_delete=models.CASCADE, related_name="events"
    )
    event = models.CharField(verbose_name=_("event"), max_length=10, choices=Kind.choices)
    at = models.DateTimeField(verbose_name=_("at"), default=timezone.now)
    by = models.CharField(verbose_name=_("by"), max_length=150)
    note = models.TextField(verbose_name=_("note"), blank=True, default="")

    class Meta:
        verbose_name = _("consent event")
        verbose_name_plural = _("consent events")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consent", "event"], name="one_event_of_a_kind_per_consent")
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ConsentImmutableError(detail={"event": self.pk})
        super().save(*args, **kwargs)


class Transfer(models.Model):
    """A case transfer as this node sees it: one it sent (``out``) or one it received (``in``).

    Only the routing metadata is kept in clear. A received case stays sealed (``enc`` and
    ``sealed``, openable only with this node's encryption key ``recipient_keyid``) until it is
    accepted or declined."""

    class Direction(models.TextChoices):
        OUTGOING = "out", _("Sent")
        INCOMING = "in", _("Received")

    class State(models.TextChoices):
        SENT = "sent", _("Sent, waiting for the recipient")
        RECEIVED = "received", _("Received, waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled: consent withdrawn before acceptance")
        WITHDRAWN = "withdrawn", _("Consent withdrawn after acceptance")

    id = models.UUIDField(verbose_name=_("transfer id"), primary_key=True, editable=False)
    direction = models.CharField(verbose_name=_("direction"), max_length=3, choices=Direction.choices)
    counterpart = models.CharField(verbose_name=_("other municipality"), max_length=24)
    consent_ref = models.UUIDField(
        verbose_name=_("consent id"), help_text=_("The consent's id at the sending node.")
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfers",
    )
    state = models.CharField(verbose_name=_("state"), max_length=10, choices=State.choices)
    expires_at = models.DateTimeField(verbose_name=_("consent expires at"))
    recipient_keyid = models.CharField(verbose_name=_("recipient's key id"), max_length=80)
    size = models.PositiveIntegerField(verbose_name=_("size (bytes)"))
    enc = models.BinaryField(verbose_name=_("encapsulated key"), default=b"", blank=True)
    sealed = models.BinaryField(verbose_name=_("sealed case"), default=b"", blank=True)
    message_id = models.UUIDField(verbose_name=_("message id"), null=True, blank=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    decided_at = models.DateTimeField(verbose_name=_("decided at"), null=True, blank=True)
    decline_reason = models.CharField(verbose_name=_("reason"), max_length=30, blank=True, default="")
    note = models.TextField(verbose_name=_("note"), blank=True, default="")

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["direction", "state", "-created_at"], name="transfer_inbox_index")]

    def __str__(self) -> str:
        return f"{self.direction} {self.counterpart} {self.state} ({self.pk})"
