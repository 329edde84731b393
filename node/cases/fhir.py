"""A recorded consent as an HL7 FHIR R5 ``Consent`` resource (http://hl7.org/fhir/R5/consent.html).

``consent_fhir`` is a pure function of the contracts' ``ConsentRecordV1``: it reads no model
and no database, so whatever shows, prints or sends a consent gets the same JSON from it.

Invariants:
- the person is named only by their opaque register reference at the controlling node
  (``subject``); ``ConsentRecordV1.principal``, which may hold their name, is never exported;
- every Coding of ours has a system below ``FHIR_BASE``, a code of ``contracts.vocabulary``
  and its English name as display; every other Coding is a code of a published code system
  (HL7's, LOINC, UCUM, ISO 3166);
- every ``dateTime`` carries its offset (UTC here): FHIR refuses a time without one.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from fhir.resources.consent import Consent

from contracts.cases import ConsentEvent, ConsentRecordV1
from contracts.vocabulary import (
    DATA_CATEGORY_LABELS,
    LEGAL_BASIS_LABELS,
    OBTAINED_HOW_LABELS,
    PURPOSE_LABELS,
)

FHIR_BASE = "https://socialhub.eu/fhir"
"""The one canonical base of every FHIR code system and extension that the federation defines."""

PURPOSE_SYSTEM = f"{FHIR_BASE}/CodeSystem/purpose"
"""Why the recipient may have the case: the codes of ``contracts.vocabulary.Purpose``."""
DATA_CATEGORY_SYSTEM = f"{FHIR_BASE}/CodeSystem/data-category"
"""Which parts of the case it may have: the codes of ``contracts.vocabulary.DataCategory``."""
LEGAL_BASIS_SYSTEM = f"{FHIR_BASE}/CodeSystem/legal-basis"
"""The law the transfer rests on: the codes of ``contracts.vocabulary.LegalBasis``."""
OBTAINED_HOW_SYSTEM = f"{FHIR_BASE}/CodeSystem/obtained-how"
"""How the consent was given: the codes of ``ConsentRecordV1.obtained_how``."""

OBTAINED_HOW_EXTENSION = f"{FHIR_BASE}/StructureDefinition/consent-obtained-how"
"""``valueCoding`` from ``OBTAINED_HOW_SYSTEM``."""
WITHDRAWAL_METHOD_EXTENSION = f"{FHIR_BASE}/StructureDefinition/consent-withdrawal-method"
"""``valueString``: how the person can withdraw the consent, as they were told."""
RETENTION_EXTENSION = f"{FHIR_BASE}/StructureDefinition/consent-retention"
"""``valueDuration`` in UCUM days: how long the recipient may keep the case."""
JURISDICTION_EXTENSION = f"{FHIR_BASE}/StructureDefinition/consent-jurisdiction"
"""``valueCodeableConcept`` with the ISO 3166-1 alpha-2 code of the country whose law applies."""
EVENT_EXTENSION = f"{FHIR_BASE}/StructureDefinition/consent-event"
"""One entry of the consent's history (ISO/IEC TS 27560): sub-extensions ``type`` (``valueCode``:
given, renewed, withdrawn or expired), ``at`` (``valueDateTime``) and ``by`` (``valueString``, the
employee who recorded it)."""

NODE_IDENTIFIER_SYSTEM = "urn:socialhub:node"
"""Identifier system of a member municipality; the value is its node code (``MK-BUTEL``)."""


def register_system(controller: str) -> str:
    """Identifier system of a node's register of people (``urn:socialhub:register:MK-BUTEL``)."""
    return f"urn:socialhub:register:{controller}"


LOINC = "http://loinc.org"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction"
PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
UCUM = "http://unitsofmeasure.org"
ISO_3166 = "urn:iso:std:iso:3166"

_STATUS = {"active": "active", "inactive": "inactive"}
"""``ConsentRecordV1.status`` to http://hl7.org/fhir/consent-state-codes (a required binding)."""

_BASE_DECISION = {"permit": "deny"}
"""``ConsentRecordV1.decision`` to the R5 ``Consent.decision`` (http://hl7.org/fhir/consent-provision-type,
a required binding). R5 made ``decision`` the base rule and each level of provisions its negation:
the person permits one recipient, for these purposes, these data, and nothing else, so the base
is "deny" and the one provision is the permit. A base "permit" would read as "anyone, anything,
except this"."""

# Consent.category (example binding to http://hl7.org/fhir/ValueSet/consent-category): the
# consent lets one organisation disclose a person's information to another, which is what
# consentscope's "patient-privacy" ("agreement to collect, access, use or disclose (share)
# information") and LOINC's "Release of information consent" say; LOINC 59284-0 ("Patient
# consent") would be true too but says less.
_CATEGORY = (
    {"coding": [{"system": CONSENT_SCOPE, "code": "patient-privacy", "display": "Privacy Consent"}]},
    {"coding": [{"system": LOINC, "code": "64292-6", "display": "Release of information consent"}]},
)

# Consent.provision.actor.role has an extensible binding to ParticipationRoleType, whose codes
# (provenance participants, DICOM audit roles, and the extra security roles data collector,
# data processor, data subject...) name no receiver of a disclosure: "data processor" would
# mean, under the GDPR, one acting for the controller, while the recipient municipality becomes
# a controller of the case in its own right. As the binding allows when no code of the value set
# covers the concept, the role comes from HL7 v3 ParticipationType: "primary information
# recipient" (PRCP), the party an act is primarily directed to, as a transfer names exactly one
# recipient. Its parent "information recipient" (IRCP) is, in v3's words, too diverse a family to
# be used instead of one of its specialisations. The R5 specification's own consent examples give
# their recipients the same code.
_RECIPIENT_ROLE = {
    "coding": [{"system": PARTICIPATION_TYPE, "code": "PRCP", "display": "primary information recipient"}]
}

# consentaction "disclose" ("transfer retrieved information"): what the provision permits is
# the controller's disclosure of the case to the actor.
_ACTION = {"coding": [{"system": CONSENT_ACTION, "code": "disclose", "display": "Disclose"}]}

# Consent.provision.purpose has an extensible binding to v3 PurposeOfUse (ActReason), but its
# concepts are purposes of health care: TREAT is "provision of health care", COC "organize the
# provision and case management of an individual's healthcare", and even GOV ("government
# processes") is a kind of healthcare operations; PATRQT says who asked, not why. Continuity of
# social-protection care after a move, a referral to another municipality's service, relocation
# and joint social case management are none of these, so the purposes are coded in our own code
# system, as an extensible binding allows when no code of the value set covers the concept.


def consent_fhir(
    record: ConsentRecordV1,
    *,
    subject: str,
    controller_name: str,
    recipient_name: str,
    signed_copy: str = "",
    recorded_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The consent as a FHIR R5 ``Consent`` resource, ready for ``json.dumps``.

    ``subject`` is the person's opaque reference in the controlling node's register (its
    register number, never a name). ``controller_name`` and ``recipient_name`` are the
    municipalities' names, shown beside their node codes. ``signed_copy`` says where the
    signed paper form is kept (or links to its scan); ``recorded_at`` is when the node last
    recorded the consent, given as ``meta.lastUpdated``. Raises ``ValueError`` on a time
    without an offset and ``pydantic.ValidationError`` if the result is not a valid R5 Consent.
    """
    resource: dict[str, Any] = {
        "resourceType": "Consent",
        "id": str(record.consent_id),
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": record.consent_id.urn}],
        "status": _STATUS[record.status],
        "category": copy.deepcopy(list(_CATEGORY)),
        "subject": _person(record.controller, subject),
        "date": record.obtained_at.date().isoformat(),
        "period": {"start": _date_time(record.obtained_at), "end": _date_time(record.expires_at)},
        # The municipality that recorded the consent manages it and enforces it (GDPR's
        # controller); the recipient is the one that must comply with it.
        "manager": [_organization(record.controller, controller_name)],
        "controller": [_organization(record.controller, controller_name)],
        "grantee": [_organization(record.recipient, recipient_name)],
        "regulatoryBasis": [
            _concept(LEGAL_BASIS_SYSTEM, record.legal_basis, LEGAL_BASIS_LABELS[record.legal_basis]["en"])
        ],
        "decision": _BASE_DECISION[record.decision],
        "provision": [
            {
                "actor": [
                    {
                        "role": copy.deepcopy(_RECIPIENT_ROLE),
                        "reference": _organization(record.recipient, recipient_name),
                    }
                ],
                "action": [copy.deepcopy(_ACTION)],
                "purpose": [_coding(PURPOSE_SYSTEM, p, PURPOSE_LABELS[p]["en"]) for p in record.purposes],
                "code": [
                    _concept(DATA_CATEGORY_SYSTEM, category, DATA_CATEGORY_LABELS[category]["en"])
                    for category in record.data_categories
                ],
            }
        ],
        "extension": _extensions(record),
    }
    # The grantor is whoever granted the rights: the person, unless a legal representative did,
    # whom the record does not identify.
    if record.obtained_how != "legal_representative":
        resource["grantor"] = [_person(record.controller, subject)]
    if signed_copy.strip():
        resource["sourceAttachment"] = [_signed_copy(signed_copy.strip(), created=record.obtained_at)]
    if recorded_at is not None:
        resource["meta"] = {"lastUpdated": _date_time(recorded_at)}
    Consent.model_validate(resource)
    return resource


def _extensions(record: ConsentRecordV1) -> list[dict[str, Any]]:
    how = record.obtained_how
    extensions: list[dict[str, Any]] = [
        {
            "url": OBTAINED_HOW_EXTENSION,
            "valueCoding": _coding(OBTAINED_HOW_SYSTEM, how, OBTAINED_HOW_LABELS[how]["en"]),
        },
        {
            "url": RETENTION_EXTENSION,
            "valueDuration": {"value": record.retention_days, "unit": "days", "system": UCUM, "code": "d"},
        },
        {
            "url": JURISDICTION_EXTENSION,
            "valueCodeableConcept": {"coding": [{"system": ISO_3166, "code": record.jurisdiction}]},
        },
    ]
    if method := record.withdrawal_method.strip():
        extensions.append({"url": WITHDRAWAL_METHOD_EXTENSION, "valueString": method})
    extensions.extend(_event(event) for event in record.events)
    return extensions


def _event(event: ConsentEvent) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [
        {"url": "type", "valueCode": event.event},
        {"url": "at", "valueDateTime": _date_time(event.at)},
    ]
    if event.by.strip():
        parts.append({"url": "by", "valueString": event.by.strip()})
    return {"url": EVENT_EXTENSION, "extension": parts}


def _signed_copy(where: str, *, created: dt.datetime) -> dict[str, Any]:
    # A scan's address goes in ``url``; an archive shelf mark is no URL (FHIR's url has no
    # spaces), so it is the attachment's title, which is what a person reads to find the form.
    attachment: dict[str, Any] = {"creation": _date_time(created)}
    if urlsplit(where).scheme in {"http", "https"} and not any(c.isspace() for c in where):
        attachment |= {"url": where, "title": "Signed consent form"}
    else:
        attachment["title"] = f"Signed consent form: {where}"
    return attachment


def _person(controller: str, subject: str) -> dict[str, Any]:
    return {
        # R5 lets a Consent's subject be a Patient, Practitioner or Group: the person is the one
        # who receives the services, which R5's Patient stands for.
        "type": "Patient",
        "identifier": {"system": register_system(controller), "value": subject},
    }


def _organization(code: str, name: str) -> dict[str, Any]:
    organization: dict[str, Any] = {
        "type": "Organization",
        "identifier": {"system": NODE_IDENTIFIER_SYSTEM, "value": code},
    }
    if name.strip():
        organization["display"] = name.strip()
    return organization


def _coding(system: str, code: str, display: str) -> dict[str, str]:
    return {"system": system, "code": code, "display": display}


def _concept(system: str, code: str, display: str) -> dict[str, Any]:
    return {"coding": [_coding(system, code, display)], "text": display}


def _date_time(moment: dt.datetime) -> str:
    """A FHIR ``dateTime`` in UTC, written as fhir.resources writes it back (``Z``)."""
    if moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no UTC offset: FHIR needs one with a time")
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
