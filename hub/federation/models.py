from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Member(models.Model):
    """A municipality whose node belongs to the federation."""

    class Country(models.TextChoices):
        MK = "MK", _("North Macedonia")
        BG = "BG", _("Bulgaria")
        RS = "RS", _("Serbia")

    code = models.CharField(
        verbose_name=_("code"),
        max_length=24,
        unique=True,
        help_text=_("Country prefix and name, e.g. MK-CAIR."),
    )
    name = models.CharField(verbose_name=_("name"), max_length=200)
    country = models.CharField(verbose_name=_("country"), max_length=2, choices=Country.choices)
    region = models.CharField(
        verbose_name=_("region"),
        max_length=100,
        blank=True,
        default="",
        help_text=_("The statistical region the ministry adds municipalities up by, e.g. Сремски округ."),
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    enrolled_at = models.DateTimeField(verbose_name=_("enrolled at"), null=True, blank=True)
    last_seen_at = models.DateTimeField(verbose_name=_("last seen at"), null=True, blank=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class MemberKey(models.Model):
    """A member's key: signing (Ed25519: its messages and requests) or encryption (X25519: what
    is sealed to it). Kept for good, whatever its status: the log holds what it signed."""

    class Purpose(models.TextChoices):
        SIGNING = "signing", _("Signing")
        ENCRYPTION = "encryption", _("Encryption")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        # Replaced by a rotation: a signing key is accepted until valid_until, for what was
        # signed before the switch; nothing is sealed to an encryption key any more.
        RETIRED = "retired", _("Retired")
        REVOKED = "revoked", _("Revoked")

    class RevocationReason(models.TextChoices):
        KEY_COMPROMISE = "key-compromise", _("Key Compromise")
        SUPERSEDED = "superseded", _("Superseded")
        CESSATION = "cessation-of-operation", _("Cessation")
        UNSPECIFIED = "unspecified", _("Unspecified")

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="keys"
    )
    keyid = models.CharField(verbose_name=_("key id"), max_length=80, unique=True)
    purpose = models.CharField(
        verbose_name=_("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.SIGNING
    )
    algorithm = models.CharField(verbose_name=_("algorithm"), max_length=10, default="Ed25519")
    public_key = models.CharField(verbose_name=_("public key"), max_length=60)
    status = models.CharField(
        verbose_name=_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    added_at = models.DateTimeField(verbose_name=_("added at"), default=timezone.now)
    valid_from = models.DateTimeField(verbose_name=_("valid from"), default=timezone.now)
    valid_until = models.DateTimeField(verbose_name=_("valid until"), null=True, blank=True)
    # For an encryption key: the member's signing key and its signature over the key statement
    # (contracts.directory.KeyStatement), published with the key so that readers can check it.
    binding_keyid = models.CharField(verbose_name=_("binding key id"), max_length=80, blank=True)
    binding_sig = models.CharField(verbose_name=_("binding signature"), max_length=200, blank=True)
    retired_at = models.DateTimeField(verbose_name=_("retired at"), null=True, blank=True)
    revoked_at = models.DateTimeField(verbose_name=_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(
        verbose_name=_("revocation reason"), max_length=30, choices=RevocationReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("member key")
        verbose_name_plural = _("member keys")
        indexes = [models.Index(fields=["member", "purpose", "status"])]

    def __str__(self) -> str:
        return self.keyid


class EnrolmentToken(models.Model):
    """A one-time token; only its SHA-256 is stored."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="enrolment_tokens"
    )
    token_sha256 = models.CharField(verbose_name=_("token SHA-256"), max_length=64, unique=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    used_at = models.DateTimeField(verbose_name=_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment token")
        verbose_name_plural = _("enrolment tokens")


class RequestNonce(models.Model):
    """Nonces of signed requests still inside the time window, to refuse replays."""

    keyid = models.CharField(max_length=80)
    nonce = models.CharField(max_length=64)
    signed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["keyid", "nonce"], name="unique_request_nonce")]
        indexes = [models.Index(fields=["signed_at"])]
