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
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="keys")
    keyid = models.CharField(max_length=80, unique=True)
    public_key = models.CharField(max_length=60)
    status = models.CharField(max_length=10)
    # For a revoked key: when the hub's directory first said so (the hub's clock, as its
    # receipts). Messages the hub logged before then remain valid.
    revoked_as_of = models.DateTimeField(null=True, blank=True)
