from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from contracts.messages import new_message_id


def _new_id() -> uuid.UUID:
    return new_message_id()


class Service(models.Model):
    """A service this municipality (or a partner organisation) offers; published to the federation.

    Multilingual text is a map of language tag (mk, bg, sr-Cyrl, sr-Latn, sq, en) to text.
    """

    class Status(models.TextChoices):
        ACTIVE = "active"
        INACTIVE = "inactive"
        DEFUNCT = "defunct"

    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    revision = models.PositiveIntegerField(default=1, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    name = models.JSONField(default=dict)
    description = models.JSONField(default=dict, blank=True)
    organization_name = models.JSONField(default=dict)
    target_groups = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    address_1 = models.CharField(max_length=300, blank=True, default="")
    city = models.CharField(max_length=300, blank=True, default="")
    postal_code = models.CharField(max_length=20, blank=True, default="")
    country = models.CharField(max_length=2, blank=True, default="")
    phone = models.CharField(max_length=40, blank=True, default="")
    email = models.CharField(max_length=200, blank=True, default="")
    url = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        names: dict[str, str] = self.name or {}
        return names.get("en") or next(iter(names.values()), str(self.id))


class FederatedService(models.Model):
    """A service as published by any node of the federation (this one included)."""

    service_id = models.UUIDField(unique=True)
    origin = models.CharField(max_length=24, db_index=True)
    revision = models.PositiveIntegerField()
    status = models.CharField(max_length=10)
    data = models.JSONField()
    search_text = models.TextField(default="", blank=True)
    message_id = models.UUIDField(null=True, blank=True)
    published_at = models.DateTimeField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["origin", "-published_at"]

    def __str__(self) -> str:
        return f"{self.origin}: {self.service_id} r{self.revision}"

    @property
    def display_name(self) -> str:
        names: dict[str, str] = self.data.get("name", {})
        return names.get("en") or next(iter(names.values()), str(self.service_id))
