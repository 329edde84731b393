"""The demo catalogue is made of valid contract entries, in the right languages and scripts."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from contracts.catalogue import LocationV1, OrganizationV1, ServiceV1_2
from node.catalogue.demo_catalogue import DEMO_CATALOGUES

NODE_LANGUAGES: dict[str, tuple[str, ...]] = {
    "MK-CAIR": ("mk", "sq", "en"),
    "MK-BUTEL": ("mk", "sq", "en"),
    "MK-CUCER": ("mk", "sq", "en"),
    "BG-STRELCHA": ("bg", "en"),
    "BG-PLOVDIV": ("bg", "en"),
    "RS-ADA": ("sr-Cyrl", "sr-Latn", "en"),
    "RS-NCRNJA": ("sr-Cyrl", "sr-Latn", "en"),
    "RS-SMITROVICA": ("sr-Cyrl", "sr-Latn", "en"),
    "RS-RUMA": ("sr-Cyrl", "sr-Latn", "en"),
}
NODE_COUNTRY = {code: code.split("-")[0] for code in NODE_LANGUAGES}
TEXT_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "accessibility",
    "application_process",
    "fees_description",
    "eligibility_description",
)
KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
ALPHABETS = {
    "mk": set("абвгдѓежзѕијклљмнњопрстќуфхцчџш"),
    "bg": set("абвгдежзийклмнопрстуфхцчшщъьюя"),
    "sr-Cyrl": set("абвгдђежзијклљмнњопрстћуфхцчџш"),
}
SERBIAN_LATIN = dict(zip("абвгдђежзијклмнопрстћуфхцчш", "abvgdđežzijklmnoprstćufhcčš", strict=True))
SERBIAN_LATIN |= {"љ": "lj", "њ": "nj", "џ": "dž"}


def to_serbian_latin(text: str) -> str:
    out = []
    for i, char in enumerate(text):
        lower = char.lower()
        if lower not in SERBIAN_LATIN:
            out.append(char)
            continue
        latin = SERBIAN_LATIN[lower]
        if char != lower:
            following = text[i + 1 : i + 2]
            latin = latin.upper() if len(latin) > 1 and following.isupper() else latin.capitalize()
        out.append(latin)
    return "".join(out)


def entries(kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for node, catalogue in DEMO_CATALOGUES.items():
        for entry in catalogue[kind]:
            yield node, entry


def label(node: str, entry: dict[str, Any]) -> str:
    return f"{node}: {entry.get('key') or entry['name'].get('en')}"


def texts() -> Iterator[tuple[str, str, str, str]]:
    """(node, where, language, text) for every text map in the module."""
    for kind in ("organizations", "locations", "services"):
        for node, entry in entries(kind):
            for field in TEXT_FIELDS:
                for language, text in entry.get(field, {}).items():
                    yield node, f"{label(node, entry)} {field}", language, text


def organization_ids() -> dict[str, uuid.UUID]:
    return {org["key"]: uuid.uuid4() for _, org in entries("organizations")}


def test_all_nine_demo_nodes_are_present() -> None:
    assert set(DEMO_CATALOGUES) == set(NODE_LANGUAGES)
    for node, catalogue in DEMO_CATALOGUES.items():
        assert set(catalogue) == {"organizations", "locations", "services"}, node


def test_each_node_has_three_or_four_organisations_up_to_three_locations_and_four_to_six_services() -> None:
    for node, catalogue in DEMO_CATALOGUES.items():
        assert 3 <= len(catalogue["organizations"]) <= 4, node
        assert 1 <= len(catalogue["locations"]) <= 3, node
        assert 4 <= len(catalogue["services"]) <= 6, node


def test_every_node_lists_its_municipality_centre_for_social_work_and_employment_office() -> None:
    for node, catalogue in DEMO_CATALOGUES.items():
        types = {org["organization_type"] for org in catalogue["organizations"]}
        assert {"municipality", "social_work_centre", "employment_agency"} <= types, node


def test_keys_are_unique_ascii_kebab_case_across_the_whole_module() -> None:
    keys = [entry["key"] for kind in ("organizations", "locations") for _, entry in entries(kind)]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    for key in keys:
        assert KEY.match(key), key


def test_every_demo_organisation_is_a_valid_catalogue_entry() -> None:
    for node, org in entries("organizations"):
        fields = {k: v for k, v in org.items() if k != "key"}
        model = OrganizationV1.model_validate(
            {**fields, "id": uuid.uuid4(), "revision": 1, "status": "active"}
        )
        assert model.address is not None, label(node, org)
        assert model.address.country == NODE_COUNTRY[node], label(node, org)


def test_every_demo_location_is_a_valid_catalogue_entry() -> None:
    ids = organization_ids()
    for node, location in entries("locations"):
        fields = {k: v for k, v in location.items() if k not in ("key", "organization")}
        model = LocationV1.model_validate(
            {
                **fields,
                "id": uuid.uuid4(),
                "revision": 1,
                "status": "active",
                "organization_id": ids[location["organization"]],
            }
        )
        assert model.address is not None, label(node, location)
        assert model.address.country == NODE_COUNTRY[node], label(node, location)
        assert model.latitude is not None, label(node, location)
        assert set(model.languages) <= set(NODE_LANGUAGES[node]), label(node, location)


def test_every_demo_service_is_a_valid_catalogue_entry() -> None:
    ids = organization_ids()
    orgs = {org["key"]: org for _, org in entries("organizations")}
    for node, service in entries("services"):
        org = orgs[service["organization"]]
        fields = {
            k: v
            for k, v in service.items()
            if k not in ("organization", "locations", "phone", "email", "url")
        }
        model = ServiceV1_2.model_validate(
            {
                **fields,
                "id": uuid.uuid4(),
                "revision": 1,
                "organization": {"name": org["name"]},
                "organization_id": ids[org["key"]],
                "contact": {"phone": service["phone"], "email": service["email"], "url": service["url"]},
            }
        )
        assert model.status == "active", label(node, service)
        assert model.taxonomy_terms, label(node, service)
        assert model.target_groups, label(node, service)
        assert model.languages, label(node, service)
        assert set(model.languages) <= set(NODE_LANGUAGES[node]), label(node, service)


def test_every_reference_resolves_within_its_own_node() -> None:
    for node, catalogue in DEMO_CATALOGUES.items():
        org_keys = {org["key"] for org in catalogue["organizations"]}
        location_keys = {location["key"] for location in catalogue["locations"]}
        for location in catalogue["locations"]:
            assert location["organization"] in org_keys, label(node, location)
        for service in catalogue["services"]:
            assert service["organization"] in org_keys, label(node, service)
            for key in service["locations"]:
                assert key in location_keys, (label(node, service), key)
        used = {key for service in catalogue["services"] for key in service["locations"]}
        assert used == location_keys, (node, location_keys - used)


def test_every_entry_is_named_and_described_in_every_language_of_its_node_plus_english() -> None:
    for kind in ("organizations", "locations", "services"):
        for node, entry in entries(kind):
            wanted = set(NODE_LANGUAGES[node])
            assert set(entry["name"]) == wanted, label(node, entry)
            assert set(entry["description"]) == wanted, label(node, entry)
            for field in TEXT_FIELDS:
                if entry.get(field):
                    assert set(entry[field]) == wanted, f"{label(node, entry)} {field}"


def test_most_services_say_how_to_apply_what_it_costs_and_who_is_eligible() -> None:
    services = [service for _, service in entries("services")]
    for field in ("application_process", "fees_description", "eligibility_description"):
        assert sum(1 for service in services if service[field]) >= 0.8 * len(services), field


def test_texts_are_short_and_not_blank() -> None:
    for _, where, _, text in texts():
        assert text, where
        assert text.strip() == text, where
        assert len(text) <= (300 if " name" in where or "alternate_name" in where else 1000), where


@pytest.mark.parametrize("language", ["mk", "bg", "sr-Cyrl"])
def test_cyrillic_texts_use_only_the_letters_of_their_own_alphabet(language: str) -> None:
    for _, where, lang, text in texts():
        if lang != language:
            continue
        assert CYRILLIC.search(text), where
        assert not LATIN_LETTER.search(text), (where, text)
        foreign = {char for char in text.lower() if CYRILLIC.match(char)} - ALPHABETS[language]
        assert not foreign, (where, foreign)


def test_latin_script_texts_contain_no_cyrillic() -> None:
    for _, where, lang, text in texts():
        if lang in ("sq", "sr-Latn", "en"):
            assert not CYRILLIC.search(text), (where, text)


def test_serbian_latin_text_is_the_exact_transliteration_of_the_cyrillic() -> None:
    for kind in ("organizations", "locations", "services"):
        for node, entry in entries(kind):
            for field in TEXT_FIELDS:
                text = entry.get(field, {})
                if "sr-Cyrl" in text or "sr-Latn" in text:
                    assert text["sr-Latn"] == to_serbian_latin(text["sr-Cyrl"]), (
                        f"{label(node, entry)} {field}"
                    )


def test_shared_words_make_cross_language_search_demonstrable() -> None:
    corpus: dict[str, str] = {}
    for _, _, language, text in texts():
        corpus[language] = corpus.get(language, "") + " " + text.lower()
    for language, stems in {
        "mk": ("социјал", "помош", "центар"),
        "bg": ("социал", "помощ", "център"),
        "sr-Cyrl": ("социјал", "помоћ", "центар"),
        "sr-Latn": ("socijal", "pomoć", "centar"),
    }.items():
        for stem in stems:
            assert stem in corpus[language], (language, stem)


def test_schedules_are_well_formed_and_varied_enough_for_open_now_filters() -> None:
    schedules = [
        schedule
        for kind in ("locations", "services")
        for _, entry in entries(kind)
        for schedule in entry.get("schedules", [])
    ]
    for schedule in schedules:
        assert schedule["opens_at"] < schedule["closes_at"], schedule
    assert any("SA" in schedule["byday"] for schedule in schedules)
    assert any(schedule["closes_at"] >= "19:00" for schedule in schedules)
    assert any(schedule["opens_at"] >= "12:00" for schedule in schedules)
    assert len({(s["opens_at"], s["closes_at"]) for s in schedules}) >= 10


def test_contact_details_are_placeholders_never_real_ones() -> None:
    contacts = [
        (
            label(node, entry),
            entry.get("email", ""),
            entry.get("website") or entry.get("url", ""),
            entry["phone"],
        )
        for kind in ("organizations", "services")
        for node, entry in entries(kind)
    ]
    for where, email, website, phone in contacts:
        assert not email or email.endswith(".example.org"), where
        assert not website or website.split("/")[2].endswith("example.org"), where
        assert not phone or re.fullmatch(r"\+(389|359|381)[ 0-9]+", phone), where
        assert not phone or "000" in phone.replace(" ", "")[4:], where


def test_age_ranges_are_sensible() -> None:
    for node, service in entries("services"):
        low, high = service["minimum_age"], service["maximum_age"]
        if low is not None and high is not None:
            assert low < high, label(node, service)
