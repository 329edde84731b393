"""The shared service catalogue: what a municipality and its partners offer.

Field names follow Open Referral HSDS 3 where HSDS has them (``name``, ``description``,
``status``, ``email``, ``url``, ``address_1``, ``city``, ``postal_code``). Text people read is
a map of language tag to string, which HSDS lacks.

Invariants:
- ``id`` is the entry's identity across the whole federation and never changes;
- ``revision`` grows with every change by the owning node; a receiver keeps the highest;
- a ``status`` of ``defunct`` withdraws the entry from every catalogue.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from contracts.bounds import Age, Revision, StorableText
from contracts.vocabulary import CountryCode, LanguageTag, OrganizationType, TargetGroup, TaxonomyTerm

ShortText = Annotated[str, StorableText(min_length=1, max_length=300, strip_whitespace=True)]
LongText = Annotated[str, StorableText(min_length=1, max_length=5000)]
PostalCode = Annotated[str, StorableText(max_length=20)]
Phone = Annotated[str, StorableText(max_length=40)]
Email = Annotated[str, StorableText(max_length=200)]
Url = Annotated[str, StorableText(max_length=500)]
Clock = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", max_length=5)]


class OrganizationRef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: dict[LanguageTag, ShortText] = Field(min_length=1)


class Address(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    address_1: ShortText
    city: ShortText
    postal_code: PostalCode = ""
    country: CountryCode


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    phone: Phone = ""
    email: Email = ""
    url: Url = ""


class ServiceV1(BaseModel):
    """``catalogue.service`` 1.0: one service as its owning node publishes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: uuid.UUID
    revision: Revision
    status: Literal["active", "inactive", "defunct"]
    name: dict[LanguageTag, ShortText] = Field(min_length=1)
    description: dict[LanguageTag, LongText] = Field(default_factory=dict)
    organization: OrganizationRef
    target_groups: tuple[TargetGroup, ...] = ()
    languages: tuple[LanguageTag, ...] = ()
    address: Address | None = None
    contact: Contact = Contact()


class CatalogueWithdrawalV1(BaseModel):
    """``catalogue.withdrawal`` 1.0: the owning node withdraws an entry of any catalogue type."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entry_type: Literal["service", "organization", "location", "service_at_location"]
    id: uuid.UUID
    revision: Revision
    reason: Annotated[str, StorableText(max_length=500)] = ""


class Schedule(BaseModel):
    """When a service is open, after HSDS ``schedule`` (weekly rules only)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    byday: tuple[Literal["MO", "TU", "WE", "TH", "FR", "SA", "SU"], ...] = Field(min_length=1)
    opens_at: Clock
    closes_at: Clock


class ServiceV1_1(ServiceV1):
    """``catalogue.service`` 1.1: 1.0 plus how to apply, fees, eligibility and opening hours.

    Every new field is optional, so a 1.0 entry upcasts to 1.1 by taking their defaults.
    """

    application_process: dict[LanguageTag, LongText] = Field(default_factory=dict)
    fees_description: dict[LanguageTag, LongText] = Field(default_factory=dict)
    eligibility_description: dict[LanguageTag, LongText] = Field(default_factory=dict)
    schedules: tuple[Schedule, ...] = ()


class ServiceV1_2(ServiceV1_1):
    """``catalogue.service`` 1.2: 1.1 plus the owning organisation's id, taxonomy terms and an
    age range (HSDS ``organization_id``, ``taxonomy_terms``, ``minimum_age``, ``maximum_age``).

    Every new field is optional; ``organization`` (the name) stays so a 1.0 or 1.1 reader still
    shows who runs the service.
    """

    organization_id: uuid.UUID | None = None
    taxonomy_terms: tuple[TaxonomyTerm, ...] = ()
    minimum_age: Age | None = None
    maximum_age: Age | None = None

    @model_validator(mode="after")
    def _age_range(self) -> ServiceV1_2:
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValueError("minimum_age must not exceed maximum_age")
        return self


class OrganizationV1(BaseModel):
    """``catalogue.organization`` 1.0: a body that runs services (HSDS ``organization``).

    A node publishes its municipality and every partner whose services it lists: the Centre
    for Social Work, the Employment Agency branch, NGOs.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: uuid.UUID
    revision: Revision
    status: Literal["active", "defunct"]
    organization_type: OrganizationType
    name: dict[LanguageTag, ShortText] = Field(min_length=1)
    alternate_name: dict[LanguageTag, ShortText] = Field(default_factory=dict)
    description: dict[LanguageTag, LongText] = Field(default_factory=dict)
    email: Email = ""
    website: Url = ""
    phone: Phone = ""
    address: Address | None = None


class LocationV1(BaseModel):
    """``catalogue.location`` 1.0: where services are given (HSDS ``location``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: uuid.UUID
    revision: Revision
    status: Literal["active", "defunct"]
    organization_id: uuid.UUID
    location_type: Literal["physical", "virtual", "postal"] = "physical"
    name: dict[LanguageTag, ShortText] = Field(min_length=1)
    description: dict[LanguageTag, LongText] = Field(default_factory=dict)
    address: Address | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    url: Url = ""
    accessibility: dict[LanguageTag, LongText] = Field(default_factory=dict)
    languages: tuple[LanguageTag, ...] = ()
    schedules: tuple[Schedule, ...] = ()

    @model_validator(mode="after")
    def _physical_has_address(self) -> LocationV1:
        if self.location_type == "physical" and self.address is None:
            raise ValueError("a physical location has an address")
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("latitude and longitude come together")
        return self


class ServiceAtLocationV1(BaseModel):
    """``catalogue.service_at_location`` 1.0: a service given at a location, with the hours
    and contact that hold there (HSDS ``service_at_location``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: uuid.UUID
    revision: Revision
    status: Literal["active", "defunct"]
    service_id: uuid.UUID
    location_id: uuid.UUID
    description: dict[LanguageTag, LongText] = Field(default_factory=dict)
    contact: Contact = Contact()
    schedules: tuple[Schedule, ...] = ()
