"""The demo's catalogues, the HSDS data packages in deploy/demo-data/: valid contract entries, in
the right languages and scripts, that the node's importer takes whole."""

from __future__ import annotations

import csv
import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from contracts.catalogue import LocationV1, OrganizationV1, ServiceAtLocationV1, ServiceV1_2
from node.catalogue.importer import EXTRA_TABLES, TABLES, catalogue_import
from node.catalogue.models import Entry, Location, Organization, Service, ServiceAtLocation
from node.federation.models import Enrolment
from tests.demo_data import DEMO_DATA, demo_catalogue, demo_entries, demo_nodes, read_table
from tests.node.conftest import Federation

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


def label(node: str, entry: dict[str, Any]) -> str:
    return f"{node}: {entry['name'].get('en')} ({entry['id']})"


def texts() -> Iterator[tuple[str, str, str, str]]:
    """(node, where, language, text) for every text map in the packages."""
    for kind in ("organizations", "locations", "services"):
        for node, entry in demo_entries(kind):
            for field in TEXT_FIELDS:
                for language, text in entry.get(field, {}).items():
                    yield node, f"{label(node, entry)} {field}", language, text


def test_all_nine_demo_nodes_have_a_package() -> None:
    assert demo_nodes() == tuple(sorted(NODE_LANGUAGES))


@pytest.mark.parametrize("node", sorted(NODE_LANGUAGES))
def test_each_datapackage_json_describes_its_csv_tables_column_by_column(node: str) -> None:
    folder = DEMO_DATA / node
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert set(resources) == {path.stem for path in folder.glob("*.csv")}
    assert set(resources) == set(TABLES) | set(EXTRA_TABLES)
    for name, resource in resources.items():
        assert resource["path"] == f"{name}.csv"
        with (folder / resource["path"]).open(newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert [f["name"] for f in resource["schema"]["fields"]] == header, (node, name)
        for key in resource["schema"].get("foreignKeys", []):
            assert key["reference"]["resource"] in resources, (node, name, key)


def test_each_node_has_three_or_four_organisations_up_to_three_locations_and_four_to_six_services() -> None:
    for node in demo_nodes():
        catalogue = demo_catalogue(node)
        assert 3 <= len(catalogue["organizations"]) <= 4, node
        assert 1 <= len(catalogue["locations"]) <= 3, node
        assert 4 <= len(catalogue["services"]) <= 6, node


def test_every_node_lists_its_municipality_centre_for_social_work_and_employment_office() -> None:
    for node in demo_nodes():
        types = {org["organization_type"] for org in demo_catalogue(node)["organizations"]}
        assert {"municipality", "social_work_centre", "employment_agency"} <= types, node


def test_every_row_of_every_table_has_its_own_uuid_across_all_packages() -> None:
    ids = [
        row["id"]
        for node in demo_nodes()
        for table in (*TABLES, *EXTRA_TABLES)
        for row in read_table(node, table)
    ]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for entry_id in ids:
        assert str(uuid.UUID(entry_id)) == entry_id


def test_every_demo_organisation_is_a_valid_catalogue_entry() -> None:
    for node, org in demo_entries("organizations"):
        model = OrganizationV1.model_validate(org | {"revision": 1})
        assert model.address is not None, label(node, org)
        assert model.address.country == NODE_COUNTRY[node], label(node, org)


def test_every_demo_location_is_a_valid_catalogue_entry() -> None:
    for node, location in demo_entries("locations"):
        model = LocationV1.model_validate(location | {"revision": 1})
        assert model.address is not None, label(node, location)
        assert model.address.country == NODE_COUNTRY[node], label(node, location)
        assert model.latitude is not None, label(node, location)
        assert set(model.languages) <= set(NODE_LANGUAGES[node]), label(node, location)


def test_every_demo_service_is_a_valid_catalogue_entry() -> None:
    for node, service in demo_entries("services"):
        model = ServiceV1_2.model_validate(service | {"revision": 1})
        assert model.status == "active", label(node, service)
        assert model.taxonomy_terms, label(node, service)
        assert model.target_groups, label(node, service)
        assert model.languages, label(node, service)
        assert set(model.languages) <= set(NODE_LANGUAGES[node]), label(node, service)


def test_every_demo_service_at_location_is_a_valid_catalogue_entry() -> None:
    for _, place in demo_entries("service_at_locations"):
        ServiceAtLocationV1.model_validate(place | {"revision": 1})


def test_every_reference_resolves_within_its_own_node() -> None:
    for node in demo_nodes():
        catalogue = demo_catalogue(node)
        ids = {kind: {entry["id"] for entry in entries} for kind, entries in catalogue.items()}
        for location in catalogue["locations"]:
            assert location["organization_id"] in ids["organizations"], label(node, location)
        for service in catalogue["services"]:
            assert service["organization_id"] in ids["organizations"], label(node, service)
        for place in catalogue["service_at_locations"]:
            assert place["service_id"] in ids["services"], (node, place)
            assert place["location_id"] in ids["locations"], (node, place)
        used = {place["location_id"] for place in catalogue["service_at_locations"]}
        assert used == ids["locations"], (node, ids["locations"] - used)
        links = {"organization_id": "organizations", "location_id": "locations", "service_id": "services"}
        for table in EXTRA_TABLES:
            for row in read_table(node, table):
                linked = [(link, row[link]) for link in links if row.get(link)]
                assert len(linked) == 1, (node, table, row["id"])
                ((link, target),) = linked
                assert target in ids[links[link]], (node, table, row["id"])


def test_every_entry_is_named_and_described_in_every_language_of_its_node_plus_english() -> None:
    for kind in ("organizations", "locations", "services"):
        for node, entry in demo_entries(kind):
            wanted = set(NODE_LANGUAGES[node])
            assert set(entry["name"]) == wanted, label(node, entry)
            assert set(entry["description"]) == wanted, label(node, entry)
            for field in TEXT_FIELDS:
                if entry.get(field):
                    assert set(entry[field]) == wanted, f"{label(node, entry)} {field}"


def test_most_services_say_how_to_apply_what_it_costs_and_who_is_eligible() -> None:
    services = [service for _, service in demo_entries("services")]
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
    checked = 0
    for kind in ("organizations", "locations", "services"):
        for node, entry in demo_entries(kind):
            for field in TEXT_FIELDS:
                text = entry.get(field, {})
                if "sr-Cyrl" in text or "sr-Latn" in text:
                    assert text["sr-Latn"] == to_serbian_latin(text["sr-Cyrl"]), (
                        f"{label(node, entry)} {field}"
                    )
                    checked += 1
    assert checked >= 100


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
        for _, entry in demo_entries(kind)
        for schedule in entry["schedules"]
    ]
    for schedule in schedules:
        assert schedule["opens_at"] < schedule["closes_at"], schedule
        assert set(schedule["byday"]) <= {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}, schedule
    assert any("SA" in schedule["byday"] for schedule in schedules)
    assert any(schedule["closes_at"] >= "19:00" for schedule in schedules)
    assert any(schedule["opens_at"] >= "12:00" for schedule in schedules)
    assert len({(s["opens_at"], s["closes_at"]) for s in schedules}) >= 10


def test_contact_details_are_placeholders_never_real_ones() -> None:
    contacts = [
        (label(node, org), org["email"], org["website"], org["phone"])
        for node, org in demo_entries("organizations")
    ]
    contacts += [
        (
            label(node, service),
            service["contact"]["email"],
            service["contact"]["url"],
            service["contact"]["phone"],
        )
        for node, service in demo_entries("services")
    ]
    for where, email, website, phone in contacts:
        assert not email or email.endswith(".example.org"), where
        assert not website or website.split("/")[2].endswith("example.org"), where
        assert not phone or re.fullmatch(r"\+(389|359|381)[ 0-9]+", phone), where
        assert not phone or "000" in phone.replace(" ", "")[4:], where


def test_age_ranges_are_sensible() -> None:
    for node, service in demo_entries("services"):
        low, high = service["minimum_age"], service["maximum_age"]
        if low is not None and high is not None:
            assert low < high, label(node, service)


MODELS: dict[str, type[Entry]] = {
    "organizations": Organization,
    "locations": Location,
    "services": Service,
    "service_at_locations": ServiceAtLocation,
}


def _as_stored(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry as read here, in the node's model fields."""
    fields = {k: v for k, v in entry.items() if k not in ("address", "contact", "organization")}
    return fields | (entry.get("address") or {}) | entry.get("contact", {})


@pytest.mark.parametrize("node", sorted(NODE_LANGUAGES))
def test_every_package_imports_with_no_refused_row_to_the_entries_read_here(
    federation: Federation, node: str
) -> None:
    Enrolment.objects.update(node_code=node)
    report = catalogue_import(DEMO_DATA / node, language="en")
    assert report.errors == []
    catalogue = demo_catalogue(node)
    assert report.created == {table: len(catalogue[table]) for table in TABLES}
    for table, model in MODELS.items():
        assert model._default_manager.count() == len(catalogue[table]), table
        for entry in catalogue[table]:
            stored = model._default_manager.get(id=entry["id"])
            for name, value in _as_stored(entry).items():
                got = getattr(stored, name)
                assert (str(got) if name.endswith("id") else got) == value, (table, entry["id"], name)
    # The ids are the package's: importing it again finds every entry unchanged.
    again = catalogue_import(DEMO_DATA / node, language="en")
    assert (again.errors, again.imported) == ([], 0)
    assert again.unchanged == report.created
