from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from contracts.messages import new_message_id


def _new_id() -> uuid.UUID:
    return new_message_id()


class Status(models.TextChoices):
    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"


class Entry(models.Model):
    """What every entry this node publishes has: a federation-wide id that never changes, and
    a revision that grows with every change. Text people read is a map of language tag (mk, bg,
    sr-Cyrl, sr-Latn, sq, en) to text."""

    id = models.UUIDField(primary_key=True, default=_new_id, editable=False)
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        names: dict[str, str] = getattr(self, "name", None) or {}
        return names.get("en") or next(iter(names.values()), str(self.id))


class Addressed(models.Model):
    """A postal address (HSDS ``address``), optional."""

    address_1 = models.CharField(max_length=300, blank=True, default="")
    city = models.CharField(max_length=300, blank=True, default="")
    postal_code = models.CharField(max_length=20, blank=True, default="")
    country = models.CharField(max_length=2, blank=True, default="")

    class Meta:
        abstract = True


def _active_or_defunct() -> models.CharField[str, str]:
    return models.CharField(
        max_length=10, choices=[(Status.ACTIVE, "active"), (Status.DEFUNCT, "defunct")], default=Status.ACTIVE
    )


class Organization(Entry, Addressed):
    """A body whose services this node lists: the municipality, its Centre for Social Work, the
    Employment Agency branch, NGOs (HSDS ``organization``)."""

    status = _active_or_defunct()
    organization_type = models.CharField(max_length=30)
    name = models.JSONField(default=dict)
    alternate_name = models.JSONField(default=dict, blank=True)
    description = models.JSONField(default=dict, blank=True)
    email = models.CharField(max_length=200, blank=True, default="")
    website = models.CharField(max_length=500, blank=True, default="")
    phone = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        ordering = ["-updated_at"]


class Location(Entry, Addressed):
    """Where services are given (HSDS ``location``)."""

    status = _active_or_defunct()
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="locations")
    location_type = models.CharField(max_length=10, default="physical")
    name = models.JSONField(default=dict)
    description = models.JSONField(default=dict, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    url = models.CharField(max_length=500, blank=True, default="")
    accessibility = models.JSONField(default=dict, blank=True)
    languages = models.JSONField(default=list, blank=True)
    schedules = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-updated_at"]


class Service(Entry, Addressed):
    """A service this municipality (or a partner organisation) offers; published to the federation."""

    Status = Status

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="services", null=True, blank=True
    )
    name = models.JSONField(default=dict)
    description = models.JSONField(default=dict, blank=True)
    organization_name = models.JSONField(default=dict, blank=True)
    target_groups = models.JSONField(default=list, blank=True)
    taxonomy_terms = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    application_process = models.JSONField(default=dict, blank=True)
    fees_description = models.JSONField(default=dict, blank=True)
    eligibility_description = models.JSONField(default=dict, blank=True)
    schedules = models.JSONField(default=list, blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    phone = models.CharField(max_length=40, blank=True, default="")
    email = models.CharField(max_length=200, blank=True, default="")
    url = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        ordering = ["-updated_at"]


class ServiceAtLocation(Entry):
    """A service given at a location, with the hours and contact that hold there."""

    status = _active_or_defunct()
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="places")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="services_here")
    description = models.JSONField(default=dict, blank=True)
    phone = models.CharField(max_length=40, blank=True, default="")
    email = models.CharField(max_length=200, blank=True, default="")
    url = models.CharField(max_length=500, blank=True, default="")
    schedules = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "service at location"
        verbose_name_plural = "services at locations"

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"
