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

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from contracts.vocabulary import CountryCode, LanguageTag, TargetGroup

ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300, strip_whitespace=True)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=5000)]


class OrganizationRef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: dict[LanguageTag, ShortText] = Field(min_length=1)


class Address(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    address_1: ShortText
    city: ShortText
    postal_code: Annotated[str, StringConstraints(max_length=20)] = ""
    country: CountryCode


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    phone: Annotated[str, StringConstraints(max_length=40)] = ""
    email: Annotated[str, StringConstraints(max_length=200)] = ""
    url: Annotated[str, StringConstraints(max_length=500)] = ""


class ServiceV1(BaseModel):
    """``catalogue.service`` 1.0: one service as its owning node publishes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: uuid.UUID
    revision: int = Field(ge=1)
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
    revision: int = Field(ge=1)
    reason: Annotated[str, StringConstraints(max_length=500)] = ""
