from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    """This node's membership: who it is, which hub it talks to and the hub's pinned key.

    There is at most one row; enrolment creates it.
    """

    node_code = models.CharField(verbose_name=_("node code"), max_length=24)
    node_name = models.CharField(verbose_name=_("node name"), max_length=200)
    hub_url = models.URLField(verbose_name=_("hub URL"))
    hub_public_key = models.CharField(verbose_name=_("hub public key"), max_length=60)
    hub_keyid = models.CharField(verbose_name=_("hub key id"), max_length=80)
    enrolled_at = models.DateTimeField(verbose_name=_("enrolled at"), default=timezone.now)
    directory_issued_at = models.DateTimeField(verbose_name=_("directory issued at"), null=True, blank=True)
    directory_fetched_at = models.DateTimeField(verbose_name=_("directory fetched at"), null=True, blank=True)
    directory_version = models.CharField(verbose_name=_("directory version"), max_length=9, blank=True)
    # The keys of the last directory that were not trusted, and why (code, member, key id,
    # message): the node's status shows them until a directory without them arrives.
    directory_problems = models.JSONField(verbose_name=_("directory problems"), default=list, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.node_code} at {self.hub_url}"


class Peer(models.Model):
    """A member of the federation, as the hub's signed directory lists it."""

    code = models.CharField(verbose_name=_("code"), max_length=24, unique=True)
    name = models.CharField(verbose_name=_("name"), max_length=200)
    country = models.CharField(verbose_name=_("country"), max_length=2)

    class Meta:
        verbose_name = _("peer")
        verbose_name_plural = _("peers")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PeerKey(models.Model):
    """A member's key as the signed directory lists it, once it passed its checks
    (``contracts.directory.read_directory``): signing keys verify messages, encryption keys are
    what a case transfer is sealed to."""

    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="keys")
    keyid = models.CharField(max_length=80, unique=True)
    purpose = models.CharField(max_length=10, default="signing")
    algorithm = models.CharField(max_length=10, default="Ed25519")
    public_key = models.CharField(max_length=60)
    status = models.CharField(max_length=10)
    valid_from = models.DateTimeField(null=True, blank=True)
    # For a signing key replaced by a rotation: the hub logged nothing signed with it after.
    valid_until = models.DateTimeField(null=True, blank=True)
    # For an encryption key: the member's signing key and its signature over the key statement.
    binding_keyid = models.CharField(max_length=80, blank=True)
    binding_sig = models.CharField(max_length=200, blank=True)
    # For a revoked key: when the hub's directory first said so (the hub's clock, as its
    # receipts). Messages the hub logged before then remain valid.
    revoked_as_of = models.DateTimeField(null=True, blank=True)


class NodeKey(models.Model):
    """One of this node's own keys. The private key is in a 0600 file: the signing key at
    ``NODE_SIGNING_KEY_PATH``, each encryption key in ``NODE_ENCRYPTION_KEY_DIR``. A retired
    encryption key is kept ``NODE_ENCRYPTION_KEY_RETENTION_DAYS``, for what was sealed to it
    before senders learnt its successor; ``prune_keys`` destroys it after."""

    class Purpose(models.TextChoices):
        SIGNING = "signing", _("Signing")
        ENCRYPTION = "encryption", _("Encryption")

    class Status(models.TextChoices):
        PENDING = "pending", _("made here, not yet accepted by the hub")
        ACTIVE = "active", _("Active")
        RETIRED = "retired", _("replaced by a rotation")
        DESTROYED = "destroyed", _("private key deleted")

    purpose = models.CharField(verbose_name=_("purpose"), max_length=10, choices=Purpose.choices)
    algorithm = models.CharField(verbose_name=_("algorithm"), max_length=10)
    keyid = models.CharField(verbose_name=_("key id"), max_length=80, unique=True)
    public_key = models.CharField(verbose_name=_("public key"), max_length=60)
    status = models.CharField(
        verbose_name=_("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    path = models.CharField(
        verbose_name=_("path"),
        max_length=500,
        blank=True,
        help_text=_("The private key file; blank once gone."),
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    valid_from = models.DateTimeField(verbose_name=_("valid from"), default=timezone.now)
    valid_until = models.DateTimeField(verbose_name=_("valid until"), null=True, blank=True)
    published_at = models.DateTimeField(verbose_name=_("published at"), null=True, blank=True)
    retired_at = models.DateTimeField(verbose_name=_("retired at"), null=True, blank=True)
    destroyed_at = models.DateTimeField(verbose_name=_("destroyed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("node key")
        verbose_name_plural = _("node keys")
        ordering = ["purpose", "-created_at"]

    def __str__(self) -> str:
        return f"{self.purpose} {self.keyid} ({self.status})"
