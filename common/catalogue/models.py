"""The federated catalogue: every entry every node published, as the newest revision received.

Invariants:
- one row per entry id; ``origin`` is the node that first published it and only it may change it;
- ``revision`` only grows; a withdrawn entry (``status`` ``defunct``) stays, hidden from results;
- the ``*_key`` and ``facets`` columns and the openings are derived from ``data`` and the entry's
  organisation and locations (``common.catalogue.derive``), and refreshed whenever any of them changes.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FederatedService(models.Model):
    service_id = models.UUIDField(verbose_name=_("service id"), unique=True)
    origin = models.CharField(
        verbose_name=_("origin"), max_length=24, db_index=True, help_text=_("The node that published it.")
    )
    revision = models.PositiveIntegerField(verbose_name=_("revision"))
    status = models.CharField(verbose_name=_("status"), max_length=10)
    data = models.JSONField(
        verbose_name=_("data as published"),
        help_text=_("The entry as published (catalogue.service, current version)."),
    )
    organization_id = models.UUIDField(
        verbose_name=_("organisation id"), null=True, blank=True, db_index=True
    )
    country = models.CharField(verbose_name=_("country"), max_length=2, blank=True, default="")
    name_key = models.TextField(
        verbose_name=_("search key of the names"),
        default="",
        blank=True,
        help_text=_("Search key of the names."),
    )
    search_key = models.TextField(
        verbose_name=_("search key"), default="", blank=True, help_text=_("Search key of every text.")
    )
    facets = models.TextField(
        verbose_name=_("facets"), default="", blank=True, help_text="' tg:roma tx:counselling ln:mk '"
    )
    message_id = models.UUIDField(verbose_name=_("message id"), null=True, blank=True)
    published_at = models.DateTimeField(verbose_name=_("published at"))
    received_at = models.DateTimeField(verbose_name=_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("federated service")
        verbose_name_plural = _("federated services")
        ordering = ["origin", "-published_at"]
        indexes = [models.Index(fields=["status", "origin"])]

    def __str__(self) -> str:
        return f"{self.origin}: {self.service_id} r{self.revision}"

    @property
    def display_name(self) -> str:
        names: dict[str, str] = self.data.get("name", {})
        return names.get("en") or next(iter(names.values()), str(self.service_id))


class FederatedEntry(models.Model):
    """An organisation, location or service-at-location, as published by its node."""

    class Type(models.TextChoices):
        ORGANIZATION = "organization", _("Organization")
        LOCATION = "location", _("Location")
        SERVICE_AT_LOCATION = "service_at_location", _("Service At Location")

    entry_type = models.CharField(verbose_name=_("entry type"), max_length=20, choices=Type.choices)
    entry_id = models.UUIDField(verbose_name=_("entry id"))
    origin = models.CharField(verbose_name=_("origin"), max_length=24)
    revision = models.PositiveIntegerField(verbose_name=_("revision"))
    status = models.CharField(verbose_name=_("status"), max_length=10)
    data = models.JSONField(verbose_name=_("data as published"))
    parent_id = models.UUIDField(
        verbose_name=_("parent id"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Location: its organisation; at-location: its service."),
    )
    ref_id = models.UUIDField(
        verbose_name=_("referred id"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("At-location: its location."),
    )
    search_key = models.TextField(
        verbose_name=_("search key"),
        default="",
        blank=True,
        help_text=_("Search key of its names and description."),
    )
    message_id = models.UUIDField(verbose_name=_("message id"), null=True, blank=True)
    published_at = models.DateTimeField(verbose_name=_("published at"))
    received_at = models.DateTimeField(verbose_name=_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("federated entry")
        verbose_name_plural = _("federated entries")
        constraints = [models.UniqueConstraint(fields=["entry_type", "entry_id"], name="one_row_per_entry")]
        indexes = [models.Index(fields=["entry_type", "origin"])]

    def __str__(self) -> str:
        return f"{self.origin}: {self.entry_type} {self.entry_id} r{self.revision}"


class ServiceOpening(models.Model):
    """One weekly opening of a service, in its country's local time (for "open now")."""

    service = models.ForeignKey(FederatedService, on_delete=models.CASCADE, related_name="openings")
    country = models.CharField(max_length=2)
    weekday = models.PositiveSmallIntegerField(help_text="0 is Monday.")
    opens = models.PositiveSmallIntegerField(help_text="Minutes after midnight.")
    closes = models.PositiveSmallIntegerField(help_text="Minutes after midnight; 1440 is midnight.")

    class Meta:
        indexes = [models.Index(fields=["weekday", "opens", "closes"])]
