from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.languages import language_tag, text_in
from contracts.messages import new_message_id


def _new_id() -> uuid.UUID:
    return new_message_id()


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Defunct")


class Entry(models.Model):
    """What every entry this node publishes has: a federation-wide id that never changes, and
    a revision that grows with every change. Text people read is a map of language tag (mk, bg,
    sr-Cyrl, sr-Latn, sq, en) to text."""

    id = models.UUIDField(verbose_name=_("id"), primary_key=True, default=_new_id, editable=False)
    revision = models.PositiveIntegerField(verbose_name=_("revision"), default=1, editable=False)
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        # In the reader's language (the admin's lists and messages name an entry by it).
        return text_in(getattr(self, "name", None) or {}, language_tag(get_language())) or str(self.id)


class Addressed(models.Model):
    """A postal address (HSDS ``address``), optional."""

    address_1 = models.CharField(verbose_name=_("address"), max_length=300, blank=True, default="")
    city = models.CharField(verbose_name=_("city"), max_length=300, blank=True, default="")
    postal_code = models.CharField(verbose_name=_("postal code"), max_length=20, blank=True, default="")
    country = models.CharField(verbose_name=_("country"), max_length=2, blank=True, default="")

    class Meta:
        abstract = True


def _active_or_defunct() -> models.CharField[str, str]:
    return models.CharField(
        verbose_name=_("status"),
        max_length=10,
        choices=[(Status.ACTIVE, _("active")), (Status.DEFUNCT, _("defunct"))],
        default=Status.ACTIVE,
    )


class Organization(Entry, Addressed):
    """A body whose services this node lists: the municipality, its Centre for Social Work, the
    Employment Agency branch, NGOs (HSDS ``organization``)."""

    status = _active_or_defunct()
    organization_type = models.CharField(verbose_name=_("organisation type"), max_length=30)
    name = models.JSONField(verbose_name=_("name"), default=dict)
    alternate_name = models.JSONField(verbose_name=_("other name"), default=dict, blank=True)
    description = models.JSONField(verbose_name=_("description"), default=dict, blank=True)
    email = models.CharField(verbose_name=_("email"), max_length=200, blank=True, default="")
    website = models.CharField(verbose_name=_("website"), max_length=500, blank=True, default="")
    phone = models.CharField(verbose_name=_("phone"), max_length=40, blank=True, default="")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["-updated_at"]


class Location(Entry, Addressed):
    """Where services are given (HSDS ``location``)."""

    status = _active_or_defunct()
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="locations"
    )
    location_type = models.CharField(verbose_name=_("location type"), max_length=10, default="physical")
    name = models.JSONField(verbose_name=_("name"), default=dict)
    description = models.JSONField(verbose_name=_("description"), default=dict, blank=True)
    latitude = models.FloatField(verbose_name=_("latitude"), null=True, blank=True)
    longitude = models.FloatField(verbose_name=_("longitude"), null=True, blank=True)
    url = models.CharField(verbose_name=_("URL"), max_length=500, blank=True, default="")
    accessibility = models.JSONField(verbose_name=_("accessibility"), default=dict, blank=True)
    languages = models.JSONField(verbose_name=_("languages"), default=list, blank=True)
    schedules = models.JSONField(verbose_name=_("schedules"), default=list, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["-updated_at"]


class Service(Entry, Addressed):
    """A service this municipality (or a partner organisation) offers; published to the federation."""

    Status = Status

    status = models.CharField(
        verbose_name=_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="services",
        null=True,
        blank=True,
    )
    name = models.JSONField(verbose_name=_("name"), default=dict)
    description = models.JSONField(verbose_name=_("description"), default=dict, blank=True)
    organization_name = models.JSONField(verbose_name=_("organisation name"), default=dict, blank=True)
    target_groups = models.JSONField(verbose_name=_("target groups"), default=list, blank=True)
    taxonomy_terms = models.JSONField(verbose_name=_("taxonomy terms"), default=list, blank=True)
    languages = models.JSONField(verbose_name=_("languages"), default=list, blank=True)
    application_process = models.JSONField(verbose_name=_("how to apply"), default=dict, blank=True)
    fees_description = models.JSONField(verbose_name=_("cost"), default=dict, blank=True)
    eligibility_description = models.JSONField(verbose_name=_("who is eligible"), default=dict, blank=True)
    schedules = models.JSONField(verbose_name=_("schedules"), default=list, blank=True)
    minimum_age = models.PositiveSmallIntegerField(verbose_name=_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(verbose_name=_("maximum age"), null=True, blank=True)
    phone = models.CharField(verbose_name=_("phone"), max_length=40, blank=True, default="")
    email = models.CharField(verbose_name=_("email"), max_length=200, blank=True, default="")
    url = models.CharField(verbose_name=_("URL"), max_length=500, blank=True, default="")

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["-updated_at"]


class ServiceAtLocation(Entry):
    """A service given at a location, with the hours and contact that hold there."""

    status = _active_or_defunct()
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="places"
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT, related_name="services_here"
    )
    description = models.JSONField(verbose_name=_("description"), default=dict, blank=True)
    phone = models.CharField(verbose_name=_("phone"), max_length=40, blank=True, default="")
    email = models.CharField(verbose_name=_("email"), max_length=200, blank=True, default="")
    url = models.CharField(verbose_name=_("URL"), max_length=500, blank=True, default="")
    schedules = models.JSONField(verbose_name=_("schedules"), default=list, blank=True)

    class Meta:
        verbose_name = _("service at location")
        verbose_name_plural = _("services at locations")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"
