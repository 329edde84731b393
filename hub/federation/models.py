from __future__ import annotations

from django.db import models
from django.utils import timezone


class Member(models.Model):
    """A municipality whose node belongs to the federation."""

    class Country(models.TextChoices):
        MK = "MK", "North Macedonia"
        BG = "BG", "Bulgaria"
        RS = "RS", "Serbia"

    code = models.CharField(max_length=24, unique=True, help_text="Country prefix and name, e.g. MK-CAIR.")
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=2, choices=Country.choices)
    created_at = models.DateTimeField(default=timezone.now)
    enrolled_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class MemberKey(models.Model):
    """A member's key: signing (Ed25519: its messages and requests) or encryption (X25519: what
    is sealed to it). Kept for good, whatever its status: the log holds what it signed."""

    class Purpose(models.TextChoices):
        SIGNING = "signing"
        ENCRYPTION = "encryption"

    class Status(models.TextChoices):
        ACTIVE = "active"
        # Replaced by a rotation: a signing key is accepted until valid_until, for what was
        # signed before the switch; nothing is sealed to an encryption key any more.
        RETIRED = "retired"
        REVOKED = "revoked"

    class RevocationReason(models.TextChoices):
        KEY_COMPROMISE = "key-compromise"
        SUPERSEDED = "superseded"
        CESSATION = "cessation-of-operation"
        UNSPECIFIED = "unspecified"

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="keys")
    keyid = models.CharField(max_length=80, unique=True)
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.SIGNING)
    algorithm = models.CharField(max_length=10, default="Ed25519")
    public_key = models.CharField(max_length=60)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    added_at = models.DateTimeField(default=timezone.now)
    valid_from = models.DateTimeField(default=timezone.now)
    valid_until = models.DateTimeField(null=True, blank=True)
    # For an encryption key: the member's signing key and its signature over the key statement
    # (contracts.directory.KeyStatement), published with the key so that readers can check it.
    binding_keyid = models.CharField(max_length=80, blank=True)
    binding_sig = models.CharField(max_length=200, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=30, choices=RevocationReason.choices, blank=True)

    class Meta:
        indexes = [models.Index(fields=["member", "purpose", "status"])]

    def __str__(self) -> str:
        return self.keyid


class EnrolmentToken(models.Model):
    """A one-time token; only its SHA-256 is stored."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="enrolment_tokens")
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)


class RequestNonce(models.Model):
    """Nonces of signed requests still inside the time window, to refuse replays."""

    keyid = models.CharField(max_length=80)
    nonce = models.CharField(max_length=64)
    signed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["keyid", "nonce"], name="unique_request_nonce")]
        indexes = [models.Index(fields=["signed_at"])]
