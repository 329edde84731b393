from __future__ import annotations

from django.db import models
from django.utils import timezone


class Enrolment(models.Model):
    """This node's membership: who it is, which hub it talks to and the hub's pinned key.

    There is at most one row; enrolment creates it.
    """

    node_code = models.CharField(max_length=24)
    node_name = models.CharField(max_length=200)
    hub_url = models.URLField()
    hub_public_key = models.CharField(max_length=60)
    hub_keyid = models.CharField(max_length=80)
    enrolled_at = models.DateTimeField(default=timezone.now)
    directory_issued_at = models.DateTimeField(null=True, blank=True)
    directory_fetched_at = models.DateTimeField(null=True, blank=True)
    directory_version = models.CharField(max_length=9, blank=True)
    # The keys of the last directory that were not trusted, and why (code, member, key id,
    # message): the node's status shows them until a directory without them arrives.
    directory_problems = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.node_code} at {self.hub_url}"


class Peer(models.Model):
    """A member of the federation, as the hub's signed directory lists it."""

    code = models.CharField(max_length=24, unique=True)
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=2)

    class Meta:
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
        SIGNING = "signing"
        ENCRYPTION = "encryption"

    class Status(models.TextChoices):
        PENDING = "pending", "made here, not yet accepted by the hub"
        ACTIVE = "active"
        RETIRED = "retired", "replaced by a rotation"
        DESTROYED = "destroyed", "private key deleted"

    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    algorithm = models.CharField(max_length=10)
    keyid = models.CharField(max_length=80, unique=True)
    public_key = models.CharField(max_length=60)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    path = models.CharField(max_length=500, blank=True, help_text="The private key file; blank once gone.")
    created_at = models.DateTimeField(default=timezone.now)
    valid_from = models.DateTimeField(default=timezone.now)
    valid_until = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["purpose", "-created_at"]

    def __str__(self) -> str:
        return f"{self.purpose} {self.keyid} ({self.status})"
