"""A period's statistics at the node: each revision as it will be (or was) released, its
approval, and the message that carried it to the hub.

Only protected cells are kept here (the raw counts are recomputed from the register when
needed, and only their digest is stored, to tell when past data has changed). A revision is
immutable once approved: the register changing under an approved period makes a new draft
revision, which a supervisor approves in turn.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReleaseStatus(models.TextChoices):
    DRAFT = "draft", _("Waiting for approval")
    RELEASED = "released", _("Approved and released")


class Release(models.Model):
    id = models.UUIDField(verbose_name=_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    period = models.CharField(verbose_name=_("period"), max_length=7)
    revision = models.PositiveIntegerField(verbose_name=_("revision"))
    status = models.CharField(
        verbose_name=_("status"), max_length=12, choices=ReleaseStatus.choices, default=ReleaseStatus.DRAFT
    )
    computed_at = models.DateTimeField(verbose_name=_("computed at"), default=timezone.now)
    raw_digest = models.CharField(verbose_name=_("digest of the counts"), max_length=64)
    """SHA-256 of the raw counts it was protected from: the register changed when it differs."""
    policy = models.JSONField(verbose_name=_("policy"))
    cells = models.JSONField(verbose_name=_("protected cells"))
    """The cells exactly as ``statistics.data_value_set`` 2.0 carries them."""
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(verbose_name=_("approved at"), null=True, blank=True)
    message_id = models.UUIDField(verbose_name=_("message"), null=True, blank=True)

    class Meta:
        verbose_name = _("statistics release")
        verbose_name_plural = _("statistics releases")
        ordering = ["-period", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["period", "revision"], name="statistics_release_once"),
        ]

    def __str__(self) -> str:
        return f"{self.period} r{self.revision}"

    @property
    def hidden_cells(self) -> int:
        """Cells suppressed (CONF_STATUS A) or hidden to protect them (D)."""
        return sum(1 for cell in self.cells if cell["conf_status"] != "F")


class HeldPolicy(models.Model):
    """A version of the federation's statistics policy as the hub signed it, verified against the
    pinned hub key when fetched; the newest is the one releases are protected under."""

    version = models.PositiveIntegerField(verbose_name=_("version"), unique=True)
    digest = models.CharField(verbose_name=_("digest"), max_length=64)
    policy = models.JSONField(verbose_name=_("policy"))
    envelope = models.BinaryField(verbose_name=_("signed envelope"))
    fetched_at = models.DateTimeField(verbose_name=_("fetched at"), default=timezone.now)

    class Meta:
        verbose_name = _("statistics policy")
        verbose_name_plural = _("statistics policies")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version} {self.digest[:12]}"


class PrivacyAccount(models.Model):
    """The privacy budget of one period and indicator family at this node: the row a release's
    spending is reserved under (``node.statistics.privacy``)."""

    period = models.CharField(verbose_name=_("period"), max_length=7)
    family = models.CharField(verbose_name=_("indicator family"), max_length=12)

    class Meta:
        verbose_name = _("privacy budget")
        verbose_name_plural = _("privacy budgets")
        ordering = ["-period", "family"]
        constraints = [
            models.UniqueConstraint(fields=["period", "family"], name="statistics_privacy_account_once"),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.family}"


class SpendState(models.TextChoices):
    RESERVED = "reserved", _("Reserved by a draft")
    SPENT = "spent", _("Spent by a release")
    RETURNED = "returned", _("Given back (the draft was replaced)")


class PrivacySpend(models.Model):
    """What one release of a period spends of one family's budget: reserved when its draft is
    stored, spent when it is approved, given back when a new draft replaces it unreleased. Kept
    for good: the ledger's history."""

    account = models.ForeignKey(
        PrivacyAccount, verbose_name=_("budget"), on_delete=models.PROTECT, related_name="entries"
    )
    release = models.ForeignKey(
        Release, verbose_name=_("release"), on_delete=models.PROTECT, related_name="privacy_spends"
    )
    amount = models.FloatField(verbose_name=_("amount"))
    """ε (discrete Laplace) or ρ (discrete Gaussian)."""
    mechanism = models.CharField(verbose_name=_("mechanism"), max_length=20)
    budget = models.FloatField(verbose_name=_("budget"))
    """The policy's budget for the period when the spend was reserved."""
    state = models.CharField(
        verbose_name=_("state"), max_length=10, choices=SpendState.choices, default=SpendState.RESERVED
    )
    created_at = models.DateTimeField(verbose_name=_("reserved at"), default=timezone.now)

    class Meta:
        verbose_name = _("privacy spend")
        verbose_name_plural = _("privacy spends")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.account} {self.amount:g} {self.state}"
