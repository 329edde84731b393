"""A recorded consent as a FHIR R5 Consent (node.cases.fhir): valid for the R5 model of
fhir.resources, coded with the published HL7 value sets and code systems vendored in
tests/standards/fhir-r5 (which fhir.resources does not check), and with our own vocabulary under
its English names; the person is named only by their register number.

contracts.examples has no consent record (it travels sealed inside a transfer), so the records
here are synthetic, with the consent id and expiry of the example transfer from MK-BUTEL to
MK-CAIR."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, get_args

import fhir.resources
import pytest
from fhir.resources.consent import Consent

from contracts.cases import ConsentEvent, ConsentRecordV1
from contracts.examples import EXAMPLES
from contracts.vocabulary import (
    DATA_CATEGORY_LABELS,
    LEGAL_BASIS_LABELS,
    OBTAINED_HOW_LABELS,
    PURPOSE_LABELS,
    CountryCode,
    DataCategory,
    LegalBasis,
    Purpose,
)
from node.cases.fhir import (
    DATA_CATEGORY_SYSTEM,
    EVENT_EXTENSION,
    FHIR_BASE,
    ISO_3166,
    JURISDICTION_EXTENSION,
    LEGAL_BASIS_SYSTEM,
    NODE_IDENTIFIER_SYSTEM,
    OBTAINED_HOW_EXTENSION,
    OBTAINED_HOW_SYSTEM,
    PURPOSE_SYSTEM,
    RETENTION_EXTENSION,
    UCUM,
    WITHDRAWAL_METHOD_EXTENSION,
    consent_fhir,
    register_system,
)

STANDARDS = Path(__file__).resolve().parents[1] / "standards" / "fhir-r5"
TRANSFER = EXAMPLES[("case.transfer_request", "1.0")]
OBTAINED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
PRINCIPAL = "Ана Синтетичка"
SUBJECT = "BUT-000123"

CATEGORIES: tuple[DataCategory, ...] = get_args(DataCategory)
PURPOSES: tuple[Purpose, ...] = get_args(Purpose)
LEGAL_BASES: tuple[LegalBasis, ...] = get_args(LegalBasis)
OBTAINED_HOW: tuple[str, ...] = get_args(ConsentRecordV1.model_fields["obtained_how"].annotation)

OUR_CODE_SYSTEMS: dict[str, tuple[tuple[str, ...], dict[str, dict[str, str]]]] = {
    PURPOSE_SYSTEM: (PURPOSES, PURPOSE_LABELS),
    DATA_CATEGORY_SYSTEM: (CATEGORIES, DATA_CATEGORY_LABELS),
    LEGAL_BASIS_SYSTEM: (LEGAL_BASES, LEGAL_BASIS_LABELS),
    OBTAINED_HOW_SYSTEM: (OBTAINED_HOW, OBTAINED_HOW_LABELS),
}


def _record(**changes: Any) -> ConsentRecordV1:
    fields: dict[str, Any] = {
        "consent_id": uuid.UUID(TRANSFER["consent_id"]),
        "status": "active",
        "principal": PRINCIPAL,
        "controller": "MK-BUTEL",
        "recipient": TRANSFER["recipient"],
        "purposes": ("continuity_of_care",),
        "data_categories": ("identification", "risk_assessment", "referrals"),
        "legal_basis": "gdpr_6_1_e__9_2_b_social_protection_law",
        "obtained_how": "in_person_signed",
        "obtained_at": OBTAINED,
        "expires_at": dt.datetime.fromisoformat(TRANSFER["expires_at"]),
        "retention_days": 365,
        "jurisdiction": "MK",
        "withdrawal_method": "In person at the centre for social work, or by letter.",
        "events": (ConsentEvent(event="given", at=OBTAINED, by="social worker 14"),),
    } | changes
    return ConsentRecordV1(**fields)


def _withdrawn() -> ConsentRecordV1:
    return _record(
        status="inactive",
        events=(
            ConsentEvent(event="given", at=OBTAINED, by="social worker 14"),
            ConsentEvent(event="withdrawn", at=OBTAINED + dt.timedelta(days=11), by="social worker 9"),
        ),
    )


def _export(record: ConsentRecordV1 | None = None, **options: Any) -> dict[str, Any]:
    return consent_fhir(
        record or _record(),
        subject=SUBJECT,
        controller_name="Municipality of Butel",
        recipient_name="Municipality of Čair",
        **options,
    )


SHAPES: dict[str, dict[str, Any]] = {
    "active": _export(),
    "withdrawn": _export(_withdrawn()),
    "signed copy in the archive": _export(signed_copy="Archive box 12, form 2026-118"),
    "scanned signed copy": _export(signed_copy="https://dms.butel.example/consents/2026-118.pdf"),
    "recorded at": _export(recorded_at=OBTAINED + dt.timedelta(minutes=5)),
    "legal representative": _export(_record(obtained_how="legal_representative")),
    "every purpose and category": _export(_record(purposes=PURPOSES, data_categories=CATEGORIES)),
}


# --- the published definitions, as vendored -------------------------------------------------


def _load(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((STANDARDS / name).read_text(encoding="utf-8"))
    return document


@cache
def _by_url(kind: str) -> dict[str, dict[str, Any]]:
    return {doc["url"]: doc for doc in (_load(path.name) for path in STANDARDS.glob(f"{kind}-*.json"))}


def _concepts(concepts: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for concept in concepts:
        yield concept
        yield from _concepts(concept.get("concept", []))


@cache
def _published_displays() -> dict[tuple[str, str], str]:
    """Every (system, code) of a vendored code system, or listed in a vendored value set, with
    its display."""
    displays = {
        (url, concept["code"]): concept.get("display", "")
        for url, code_system in _by_url("CodeSystem").items()
        for concept in _concepts(code_system.get("concept", []))
    }
    for value_set in _by_url("ValueSet").values():
        for include in value_set["compose"]["include"]:
            for concept in include.get("concept", []):
                displays.setdefault((include["system"], concept["code"]), concept.get("display", "").strip())
    return displays


def _value_set(url: str) -> set[tuple[str, str]]:
    """The (system, code) pairs of a vendored value set, expanded from its compose."""
    compose = _by_url("ValueSet")[url.split("|")[0]]["compose"]
    assert "exclude" not in compose
    codes: set[tuple[str, str]] = set()
    for include in compose["include"]:
        system = include.get("system")
        if system is None or include.get("filter") or include.get("valueSet"):
            continue
        if "concept" in include:
            codes |= {(system, concept["code"]) for concept in include["concept"]}
        elif system in _by_url("CodeSystem"):
            codes |= {(system, c["code"]) for c in _concepts(_by_url("CodeSystem")[system]["concept"])}
    return codes


def _required_bindings() -> dict[str, str]:
    definition = _load("StructureDefinition-Consent.json")
    assert definition["version"] == "5.0.0"
    return {
        element["path"]: element["binding"]["valueSet"]
        for element in definition["snapshot"]["element"]
        if element.get("binding", {}).get("strength") == "required"
    }


def _at(resource: dict[str, Any], path: str) -> list[Any]:
    values: list[Any] = [resource]
    for name in path.split(".")[1:]:
        found: list[Any] = []
        for value in values:
            child = value.get(name) if isinstance(value, dict) else None
            found.extend(child if isinstance(child, list) else [] if child is None else [child])
        values = found
    return values


def _codings(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "system" in node and "code" in node:
            yield node
        for value in node.values():
            yield from _codings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _codings(value)


def _extensions(resource: dict[str, Any], url: str) -> list[dict[str, Any]]:
    return [extension for extension in resource["extension"] if extension["url"] == url]


def _r5_permits(resource: dict[str, Any], *, recipient: str, purpose: str, category: str) -> bool:
    """What an R5 reader decides for a disclosure: the base decision, negated by each level of
    provisions that matches the request (R5 Consent.decision)."""

    def matches(provision: dict[str, Any]) -> bool:
        asked = {
            "actor": [actor["reference"]["identifier"]["value"] for actor in provision.get("actor", [])],
            "action": [c["code"] for concept in provision.get("action", []) for c in concept["coding"]],
            "purpose": [coding["code"] for coding in provision.get("purpose", [])],
            "code": [c["code"] for concept in provision.get("code", []) for c in concept["coding"]],
        }
        request = {"actor": recipient, "action": "disclose", "purpose": purpose, "code": category}
        return all(not listed or request[name] in listed for name, listed in asked.items())

    def decide(provisions: list[dict[str, Any]], decision: str) -> str:
        for provision in provisions:
            if matches(provision):
                return decide(provision.get("provision", []), "permit" if decision == "deny" else "deny")
        return decision

    return decide(resource.get("provision", []), resource["decision"]) == "permit"


# --- the resource --------------------------------------------------------------------------


def test_fhir_resources_consent_is_the_r5_model() -> None:
    assert fhir.resources.__fhir_version__ == "5.0.0"
    assert {"decision", "regulatoryBasis", "grantee", "controller"} <= set(Consent.model_fields)


@pytest.mark.parametrize("shape", SHAPES)
def test_the_export_is_a_valid_r5_consent_that_round_trips(shape: str) -> None:
    resource = SHAPES[shape]
    parsed = Consent.model_validate(resource)
    assert parsed.model_dump(mode="json") == resource
    assert json.loads(json.dumps(resource)) == resource


@pytest.mark.parametrize("shape", SHAPES)
def test_every_code_of_a_required_binding_is_in_its_published_value_set(shape: str) -> None:
    resource = SHAPES[shape]
    checked = set()
    for path, value_set in _required_bindings().items():
        for code in _at(resource, path):
            assert code in {code for _, code in _value_set(value_set)}, (path, code)
            checked.add(path)
    assert {"Consent.status", "Consent.decision"} <= checked


@pytest.mark.parametrize("shape", SHAPES)
def test_every_coding_of_ours_is_a_code_of_our_vocabulary_under_its_english_name(shape: str) -> None:
    ours = [coding for coding in _codings(SHAPES[shape]) if coding["system"].startswith(FHIR_BASE)]
    assert ours
    for coding in ours:
        codes, labels = OUR_CODE_SYSTEMS[coding["system"]]
        assert coding["code"] in codes
        assert coding["display"] == labels[coding["code"]]["en"]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_other_coding_is_a_published_code_under_its_published_display(shape: str) -> None:
    published = _published_displays()
    for coding in _codings(SHAPES[shape]):
        system, code = coding["system"], coding["code"]
        if system.startswith(FHIR_BASE):
            continue
        if system == UCUM:
            assert code == "d"
        elif system == ISO_3166:
            assert code in get_args(CountryCode)
        else:
            assert (system, code) in published, coding
            assert coding["display"] == published[system, code]


def test_the_category_and_action_are_codes_of_the_r5_value_sets_of_their_elements() -> None:
    resource = _export()
    categories = {(c["system"], c["code"]) for concept in resource["category"] for c in concept["coding"]}
    assert categories == {
        ("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
        ("http://loinc.org", "64292-6"),
    }
    assert categories <= _value_set("http://hl7.org/fhir/ValueSet/consent-category")
    (provision,) = resource["provision"]
    actions = {(c["system"], c["code"]) for concept in provision["action"] for c in concept["coding"]}
    assert actions == {("http://terminology.hl7.org/CodeSystem/consentaction", "disclose")}
    assert actions <= _value_set("http://hl7.org/fhir/ValueSet/consent-action")


def test_the_recipient_is_the_primary_information_recipient_of_the_provision() -> None:
    (provision,) = _export()["provision"]
    (actor,) = provision["actor"]
    assert actor["role"]["coding"] == [
        {
            "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
            "code": "PRCP",
            "display": "primary information recipient",
        }
    ]
    assert actor["reference"] == {
        "type": "Organization",
        "identifier": {"system": NODE_IDENTIFIER_SYSTEM, "value": "MK-CAIR"},
        "display": "Municipality of Čair",
    }


def test_an_r5_reader_permits_the_consented_disclosure_and_nothing_else() -> None:
    resource = _export(
        _record(purposes=("continuity_of_care", "relocation"), data_categories=("identification",))
    )
    assert resource["decision"] == "deny"
    assert _r5_permits(resource, recipient="MK-CAIR", purpose="continuity_of_care", category="identification")
    assert _r5_permits(resource, recipient="MK-CAIR", purpose="relocation", category="identification")
    assert not _r5_permits(
        resource, recipient="MK-CUCERSANDEVO", purpose="relocation", category="identification"
    )
    assert not _r5_permits(
        resource, recipient="MK-CAIR", purpose="referral_to_service", category="identification"
    )
    assert not _r5_permits(resource, recipient="MK-CAIR", purpose="relocation", category="health")


def test_the_consent_keeps_its_id_dates_and_period() -> None:
    resource = _export()
    assert resource["id"] == TRANSFER["consent_id"]
    assert resource["identifier"] == [
        {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{TRANSFER['consent_id']}"}
    ]
    assert resource["date"] == "2026-11-20"
    assert resource["period"] == {"start": "2026-11-20T09:30:00Z", "end": TRANSFER["expires_at"]}
    assert "meta" not in resource


def test_a_time_in_another_offset_is_written_in_utc_and_the_date_is_the_local_one() -> None:
    skopje = dt.timezone(dt.timedelta(hours=1))
    resource = _export(_record(obtained_at=dt.datetime(2026, 11, 21, 0, 30, tzinfo=skopje)))
    assert resource["date"] == "2026-11-21"
    assert resource["period"]["start"] == "2026-11-20T23:30:00Z"


def test_a_time_without_an_offset_is_refused() -> None:
    naive = _record(obtained_at=dt.datetime(2026, 11, 20, 9, 30), expires_at=dt.datetime(2027, 6, 30))
    with pytest.raises(ValueError, match="has no UTC offset"):
        _export(naive)
    with pytest.raises(ValueError, match="has no UTC offset"):
        _export(recorded_at=dt.datetime(2026, 11, 20, 9, 35))


def test_the_time_it_was_recorded_is_the_last_update() -> None:
    resource = _export(recorded_at=dt.datetime(2026, 11, 20, 9, 35, 12, 250000, tzinfo=dt.UTC))
    assert resource["meta"] == {"lastUpdated": "2026-11-20T09:35:12.250000Z"}


# --- who ---------------------------------------------------------------------------------------


def test_the_person_is_named_only_by_their_register_number() -> None:
    resource = _export()
    person = {
        "type": "Patient",
        "identifier": {"system": "urn:socialhub:register:MK-BUTEL", "value": SUBJECT},
    }
    assert register_system("MK-BUTEL") == "urn:socialhub:register:MK-BUTEL"
    assert resource["subject"] == person
    assert resource["grantor"] == [person]
    assert PRINCIPAL not in json.dumps(resource, ensure_ascii=False)


def test_a_consent_given_by_a_legal_representative_names_no_grantor() -> None:
    resource = _export(_record(obtained_how="legal_representative"))
    assert "grantor" not in resource
    assert resource["subject"]["identifier"]["value"] == SUBJECT


def test_the_controller_manages_the_consent_and_the_recipient_must_comply() -> None:
    resource = _export()
    butel = {
        "type": "Organization",
        "identifier": {"system": NODE_IDENTIFIER_SYSTEM, "value": "MK-BUTEL"},
        "display": "Municipality of Butel",
    }
    assert resource["controller"] == [butel]
    assert resource["manager"] == [butel]
    assert [grantee["identifier"]["value"] for grantee in resource["grantee"]] == ["MK-CAIR"]


# --- status, history and the signed copy ------------------------------------------------------


def test_an_active_consent_exports_as_active() -> None:
    resource = _export()
    assert resource["status"] == "active"
    assert [e["extension"][0]["valueCode"] for e in _extensions(resource, EVENT_EXTENSION)] == ["given"]


def test_a_withdrawn_consent_exports_as_inactive_with_its_withdrawal() -> None:
    resource = _export(_withdrawn())
    assert resource["status"] == "inactive"
    assert [e["extension"] for e in _extensions(resource, EVENT_EXTENSION)] == [
        [
            {"url": "type", "valueCode": "given"},
            {"url": "at", "valueDateTime": "2026-11-20T09:30:00Z"},
            {"url": "by", "valueString": "social worker 14"},
        ],
        [
            {"url": "type", "valueCode": "withdrawn"},
            {"url": "at", "valueDateTime": "2026-12-01T09:30:00Z"},
            {"url": "by", "valueString": "social worker 9"},
        ],
    ]


def test_how_to_withdraw_how_it_was_obtained_retention_and_jurisdiction_are_extensions() -> None:
    resource = _export()
    assert _extensions(resource, WITHDRAWAL_METHOD_EXTENSION) == [
        {
            "url": WITHDRAWAL_METHOD_EXTENSION,
            "valueString": "In person at the centre for social work, or by letter.",
        }
    ]
    assert _extensions(resource, OBTAINED_HOW_EXTENSION)[0]["valueCoding"] == {
        "system": OBTAINED_HOW_SYSTEM,
        "code": "in_person_signed",
        "display": "In person, on a signed paper form",
    }
    assert _extensions(resource, RETENTION_EXTENSION)[0]["valueDuration"] == {
        "value": 365,
        "unit": "days",
        "system": UCUM,
        "code": "d",
    }
    assert _extensions(resource, JURISDICTION_EXTENSION)[0]["valueCodeableConcept"] == {
        "coding": [{"system": ISO_3166, "code": "MK"}]
    }
    assert all(e["url"].startswith(f"{FHIR_BASE}/StructureDefinition/") for e in resource["extension"])


def test_a_signed_copy_in_the_archive_is_the_title_of_the_source_attachment() -> None:
    resource = _export(signed_copy="  Archive box 12, form 2026-118 ")
    assert resource["sourceAttachment"] == [
        {"title": "Signed consent form: Archive box 12, form 2026-118", "creation": "2026-11-20T09:30:00Z"}
    ]


def test_a_scanned_signed_copy_is_the_url_of_the_source_attachment() -> None:
    scan = "https://dms.butel.example/consents/2026-118.pdf"
    resource = _export(signed_copy=scan)
    assert resource["sourceAttachment"] == [
        {"url": scan, "title": "Signed consent form", "creation": "2026-11-20T09:30:00Z"}
    ]


def test_without_a_signed_copy_there_is_no_source_attachment() -> None:
    assert "sourceAttachment" not in _export(signed_copy="   ")


# --- what, why and on which basis ----------------------------------------------------------


@pytest.mark.parametrize(
    "categories", [(category,) for category in CATEGORIES] + [CATEGORIES], ids=[*CATEGORIES, "all ten"]
)
def test_the_data_categories_are_the_codes_of_the_provision(categories: tuple[DataCategory, ...]) -> None:
    resource = _export(_record(data_categories=categories))
    Consent.model_validate(resource)
    (provision,) = resource["provision"]
    assert provision["code"] == [
        {
            "coding": [
                {
                    "system": DATA_CATEGORY_SYSTEM,
                    "code": category,
                    "display": DATA_CATEGORY_LABELS[category]["en"],
                }
            ],
            "text": DATA_CATEGORY_LABELS[category]["en"],
        }
        for category in categories
    ]


@pytest.mark.parametrize("purpose", PURPOSES)
def test_each_purpose_is_a_purpose_of_the_provision(purpose: Purpose) -> None:
    (provision,) = _export(_record(purposes=(purpose,)))["provision"]
    assert provision["purpose"] == [
        {"system": PURPOSE_SYSTEM, "code": purpose, "display": PURPOSE_LABELS[purpose]["en"]}
    ]


@pytest.mark.parametrize("basis", LEGAL_BASES)
def test_the_legal_basis_is_the_regulatory_basis(basis: LegalBasis) -> None:
    resource = _export(_record(legal_basis=basis))
    assert resource["regulatoryBasis"] == [
        {
            "coding": [
                {"system": LEGAL_BASIS_SYSTEM, "code": basis, "display": LEGAL_BASIS_LABELS[basis]["en"]}
            ],
            "text": LEGAL_BASIS_LABELS[basis]["en"],
        }
    ]


@pytest.mark.parametrize("how", OBTAINED_HOW)
def test_each_way_of_obtaining_it_exports_as_a_valid_consent(how: str) -> None:
    resource = _export(_record(obtained_how=how))
    Consent.model_validate(resource)
    assert _extensions(resource, OBTAINED_HOW_EXTENSION)[0]["valueCoding"]["code"] == how
