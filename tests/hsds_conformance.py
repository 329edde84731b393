"""The HSDS API against Open Referral's published HSDS 3.0 schemas, shared by the hub and node
suites (both serve ``common.catalogue``).

The schemas are the copies in ``tests/standards/hsds-3.0`` (see its README); every answer of every
HSDS route is fetched over HTTP from a catalogue made of the demo's entries plus entries with no
optional value at all, and checked with ``jsonschema`` (formats checked: ``uuid``, ``uri``,
``email``) against the object's schema, and each list against the API's ``Page``.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from common.catalogue.hsds import TAXONOMY_ID, absolute_uri, term_id
from common.catalogue.services import (
    LOCATION,
    ORGANIZATION,
    SERVICE,
    SERVICE_AT_LOCATION,
    Published,
    catalogue_apply,
)
from contracts.catalogue import (
    LocationV1,
    OrganizationV1,
    ServiceAtLocationV1,
    ServiceV1_2,
)
from tests.demo_data import demo_catalogue

SCHEMAS = Path(__file__).resolve().parent / "standards" / "hsds-3.0"
# The URIs the HSDS 3.0 API reference (openapi.json) names the schemas by; the schemas refer to
# each other by file name, relative to it. address.json carries the $id of a later branch, so its
# own references resolve against that: the same files answer there too.
BASES = (
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/",
    "https://raw.githubusercontent.com/openreferral/specification/refs/heads/3.2/schema/",
)
PAGE = "openapi.json#/components/schemas/Page"
PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"}
NAMESPACE = uuid.UUID("5d0c6f8e-4f4b-4b9e-9a57-0b7f0a4c1e21")
PUBLISHED = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


@cache
def _registry() -> Registry[Any]:
    resources: list[tuple[str, Resource[Any]]] = []
    for path in sorted(SCHEMAS.glob("*.json")):
        resource = DRAFT202012.create_resource(json.loads(path.read_text(encoding="utf-8")))
        resources += [(base + path.name, resource) for base in BASES]
    return Registry().with_resources(resources)


def assert_valid(instance: Any, ref: str) -> None:
    """``instance`` validates against the published schema ``ref`` (``service.json``, …)."""
    validator = Draft202012Validator(
        {"$ref": BASES[0] + ref}, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
    assert not errors, f"{ref}:\n" + "\n".join(
        f"  {'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in errors
    )


def assert_page(body: dict[str, Any], item: str) -> list[dict[str, Any]]:
    """An HSDS paged list whose every item validates against ``item``; its items."""
    assert_valid(body, PAGE)
    assert PAGE_KEYS | {"contents"} <= set(body), sorted(body)
    assert body["size"] == len(body["contents"])
    for entry in body["contents"]:
        assert_valid(entry, item)
    contents: list[dict[str, Any]] = body["contents"]
    return contents


def _id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join(parts))


@dataclass
class Catalogue:
    """What was published, by kind: ids only."""

    services: list[uuid.UUID]
    organizations: list[uuid.UUID]
    places: list[uuid.UUID]
    bare_service: uuid.UUID
    legacy_service: uuid.UUID


def _apply(message_type: str, origin: str, models: list[Any]) -> None:
    if models:
        items = [Published(origin, uuid.uuid4(), PUBLISHED, model) for model in models]
        assert catalogue_apply(message_type, items) == {}


def _demo(node: str) -> dict[str, list[Any]]:
    """The demo's entries of one node (its data package) as contract entries."""
    catalogue = demo_catalogue(node)
    return {
        "organizations": [
            OrganizationV1.model_validate(o | {"revision": 1}) for o in catalogue["organizations"]
        ],
        "locations": [LocationV1.model_validate(loc | {"revision": 1}) for loc in catalogue["locations"]],
        "services": [ServiceV1_2.model_validate(s | {"revision": 1}) for s in catalogue["services"]],
        "places": [
            ServiceAtLocationV1.model_validate(p | {"revision": 1}) for p in catalogue["service_at_locations"]
        ],
    }


@pytest.fixture
def hsds_catalogue(db: None) -> Catalogue:
    """Three municipalities' demo catalogues (Macedonian, Bulgarian, Serbian in both scripts,
    Albanian, English), and entries with no optional value at all: a service that names its
    organisation without an id (as every catalogue.service before 1.2 does), a bare organisation with a web
    site written without a scheme and an e-mail address that is none, a virtual location with no
    address, hours or coordinates."""
    catalogue = Catalogue([], [], [], _id("bare-service"), _id("legacy-service"))
    with transaction.atomic():
        for node in ("MK-CAIR", "BG-PLOVDIV", "RS-RUMA"):
            made = _demo(node)
            _apply(ORGANIZATION, node, made["organizations"])
            _apply(LOCATION, node, made["locations"])
            _apply(SERVICE, node, made["services"])
            _apply(SERVICE_AT_LOCATION, node, made["places"])
            catalogue.organizations += [o.id for o in made["organizations"]]
            catalogue.services += [s.id for s in made["services"]]
            catalogue.places += [p.id for p in made["places"]]
        bare_org = OrganizationV1(
            id=_id("bare-organization"),
            revision=1,
            status="active",
            organization_type="ngo",
            name={"sq": "Shoqata"},
            website="www.shoqata.example.org/faqja e parë",
            email="not an address",
        )
        virtual = LocationV1(
            id=_id("virtual-location"),
            revision=1,
            status="active",
            organization_id=bare_org.id,
            location_type="virtual",
            name={"sq": "Linja telefonike"},
        )
        bare = ServiceV1_2(
            id=catalogue.bare_service,
            revision=1,
            status="inactive",
            name={"sq": "Këshillim"},
            organization={"name": {"sq": "Shoqata"}},
            organization_id=bare_org.id,
        )
        legacy = ServiceV1_2(
            id=catalogue.legacy_service,
            revision=1,
            status="active",
            name={"mk": "Стара услуга"},
            organization={"name": {"mk": "Општина Бутел"}},
        )
        place = ServiceAtLocationV1(
            id=_id("bare-place"), revision=1, status="active", service_id=bare.id, location_id=virtual.id
        )
        _apply(ORGANIZATION, "MK-CUCER", [bare_org])
        _apply(LOCATION, "MK-CUCER", [virtual])
        _apply(SERVICE, "MK-CUCER", [bare])
        _apply(SERVICE, "MK-BUTEL", [legacy])
        _apply(SERVICE_AT_LOCATION, "MK-CUCER", [place])
    catalogue.services += [bare.id, legacy.id]
    catalogue.organizations.append(bare_org.id)
    catalogue.places.append(place.id)
    return catalogue


LANGUAGES = ("mk", "sq", "bg", "sr-Latn", "sr-Cyrl", "en")


def _get(path: str, **params: Any) -> dict[str, Any]:
    response = Client().get(path, params)
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    body: dict[str, Any] = response.json()
    return body


def _every(path: str, item: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list route, page by page."""
    found: list[dict[str, Any]] = []
    page = 1
    while True:
        body = _get(path, page=page, per_page=7, **params)
        found += assert_page(body, item)
        if body["last_page"]:
            return found
        page += 1


@pytest.mark.django_db
def test_the_hsds_root_answers_version_profile_and_openapi_url(hsds_catalogue: Catalogue) -> None:
    root = _get("/api/hsds/")
    assert_valid(root, "openapi.json#/paths/~1/get/responses/200/content/application~1json/schema")
    assert root["version"] == "3.0"
    assert root["openapi_url"] == "http://testserver/api/schema/"
    assert Client().get("/api/schema/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_service_validates_listed_and_fully_nested(hsds_catalogue: Catalogue, lang: str) -> None:
    listed = _every("/api/hsds/services", "service.json", lang=lang)
    assert {s["id"] for s in listed} == {str(i) for i in hsds_catalogue.services}
    full = _every("/api/hsds/services", "service.json", lang=lang, full="true")
    assert {s["id"] for s in full} == {s["id"] for s in listed}
    for service_id in hsds_catalogue.services:
        assert_valid(_get(f"/api/hsds/services/{service_id}", lang=lang), "service.json")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_organization_validates_listed_and_with_its_services(
    hsds_catalogue: Catalogue, lang: str
) -> None:
    listed = _every("/api/hsds/organizations", "organization.json", lang=lang)
    assert {o["id"] for o in listed} == {str(i) for i in hsds_catalogue.organizations}
    for organization_id in hsds_catalogue.organizations:
        body = _get(f"/api/hsds/organizations/{organization_id}", lang=lang)
        assert_valid(body, "organization.json")
        for service in body["services"]:
            assert_valid(service, "service.json")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_service_at_location_validates_listed_and_alone(hsds_catalogue: Catalogue, lang: str) -> None:
    # HSDS 3.0's API reference points /service_at_locations/{id} at the compiled *service*
    # schema, a slip: the answer is a service_at_location, checked as one.
    listed = _every("/api/hsds/service_at_locations", "service_at_location.json", lang=lang)
    assert {p["id"] for p in listed} == {str(i) for i in hsds_catalogue.places}
    for place_id in hsds_catalogue.places:
        body = _get(f"/api/hsds/service_at_locations/{place_id}", lang=lang)
        assert_valid(body, "service_at_location.json")
        assert body["location"]["id"] == body["location_id"]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_taxonomy_and_every_term_validate_listed_and_alone(hsds_catalogue: Catalogue, lang: str) -> None:
    (taxonomy,) = _every("/api/hsds/taxonomies", "taxonomy.json", lang=lang)
    assert_valid(_get(f"/api/hsds/taxonomies/{taxonomy['id']}"), "taxonomy.json")
    terms = _every("/api/hsds/taxonomy_terms", "taxonomy_term.json", lang=lang)
    assert len(terms) >= 15
    for term in terms:
        assert term["taxonomy_id"] == taxonomy["id"]
        assert_valid(_get(f"/api/hsds/taxonomy_terms/{term['id']}", lang=lang), "taxonomy_term.json")


@pytest.mark.django_db
def test_the_taxonomy_uri_and_term_uris_are_absolute_and_answer(hsds_catalogue: Catalogue) -> None:
    (taxonomy,) = _get("/api/hsds/taxonomies")["contents"]
    assert taxonomy["uri"] == f"http://testserver/api/hsds/taxonomies/{taxonomy['id']}"
    assert _get(taxonomy["uri"].removeprefix("http://testserver")) == taxonomy
    term = _get("/api/hsds/taxonomy_terms", lang="mk")["contents"][0]
    assert term["taxonomy"] == taxonomy["uri"]
    assert _get(term["term_uri"].removeprefix("http://testserver"), lang="mk") == term


def test_taxonomy_ids_are_the_same_uuids_on_every_node_and_release() -> None:
    # UUID 5s of the codes: fixed here so that a change of derivation cannot pass unseen.
    assert TAXONOMY_ID == "04be68ab-2d4e-56b7-b706-ac79b44cde14"
    assert term_id("food") == str(
        uuid.uuid5(uuid.UUID("0b6b0c87-1b8e-4f5e-9d5c-3d0f0e2a9c51"), "taxonomy_term:food")
    )


@pytest.mark.django_db
def test_answers_leave_out_what_an_entry_lacks_instead_of_null_or_empty(hsds_catalogue: Catalogue) -> None:
    bare = _get(f"/api/hsds/services/{hsds_catalogue.bare_service}")
    assert set(bare) == {
        "id",
        "name",
        "status",
        "organization_id",
        "organization",
        "service_at_locations",
        "x_origin",
        "x_revision",
    }
    assert bare["organization"] == {
        "id": str(_id("bare-organization")),
        "name": "Shoqata",
        "description": "",
        "website": "https://www.shoqata.example.org/faqja%20e%20par%C3%AB",
        "x_organization_type": "ngo",
        "x_status": "active",
        "x_revision": 1,
    }  # the e-mail address that is none is left out
    (place,) = bare["service_at_locations"]
    assert place["location"] == {
        "id": str(_id("virtual-location")),
        "location_type": "virtual",
        "organization_id": str(_id("bare-organization")),
        "name": "Linja telefonike",
        "x_revision": 1,
    }
    legacy = _get(f"/api/hsds/services/{hsds_catalogue.legacy_service}", lang="mk")
    assert "organization" not in legacy
    assert "organization_id" not in legacy
    assert legacy["name"] == "Стара услуга"


@pytest.mark.django_db
def test_texts_come_in_the_asked_language_and_say_which(hsds_catalogue: Catalogue) -> None:
    service = demo_catalogue("RS-RUMA")["services"][0]
    service_id, names = service["id"], service["name"]
    for lang in ("sr-Cyrl", "sr-Latn", "en"):
        response = Client().get(f"/api/hsds/services/{service_id}", {"lang": lang})
        assert (response.json()["name"], response["Content-Language"]) == (names[lang], lang)
    response = Client().get(f"/api/hsds/services/{service_id}", HTTP_ACCEPT_LANGUAGE="sr-Latn,en;q=0.5")
    assert response.json()["name"] == names["sr-Latn"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"]
)
@pytest.mark.parametrize("entry_id", ["not-a-uuid", str(uuid.uuid4()), "12345"])
def test_an_unknown_or_malformed_id_is_a_coded_json_404(
    hsds_catalogue: Catalogue, route: str, entry_id: str
) -> None:
    response = Client().get(f"/api/hsds/{route}/{entry_id}")
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
    assert response.json()["code"] == "not-found"


@pytest.mark.django_db
def test_a_list_filtered_to_nothing_is_a_valid_empty_page(hsds_catalogue: Catalogue) -> None:
    for path, item in (
        ("/api/hsds/services", "service.json"),
        ("/api/hsds/service_at_locations", "service_at_location.json"),
        ("/api/hsds/taxonomy_terms", "taxonomy_term.json"),
    ):
        body = _get(path, taxonomy_id=str(uuid.uuid4()))
        assert assert_page(body, item) == []
        assert (body["total_items"], body["total_pages"], body["empty"], body["last_page"]) == (
            0,
            1,
            True,
            True,
        )


@pytest.mark.django_db
def test_service_at_locations_filter_like_services(hsds_catalogue: Catalogue) -> None:
    organization_id = str(_id("bare-organization"))
    body = _get("/api/hsds/service_at_locations", organization_id=organization_id)
    assert [p["id"] for p in assert_page(body, "service_at_location.json")] == [str(_id("bare-place"))]
    later = _get("/api/hsds/service_at_locations", modified_after="2027-01-01T00:00:00Z")
    assert later["total_items"] == 0
    food = _get("/api/hsds/service_at_locations", taxonomy_term_id=term_id("food"))
    services = {
        s["id"]
        for s in _get("/api/hsds/services", taxonomy_term_id=term_id("food"), per_page=200)["contents"]
    }
    assert food["total_items"] > 0
    assert {p["service_id"] for p in food["contents"]} <= services


def test_the_vendored_schemas_are_the_published_ones_unchanged() -> None:
    # Byte for byte as published (see the README beside them): lengths in characters, and the
    # fields the checks rely on.
    lengths = {path.name: len(path.read_text(encoding="utf-8")) for path in SCHEMAS.glob("*.json")}
    assert lengths == {
        "accessibility.json": 3189,
        "address.json": 5579,
        "attribute.json": 3645,
        "language.json": 3959,
        "location.json": 8497,
        "openapi.json": 33841,
        "organization.json": 8265,
        "phone.json": 5165,
        "schedule.json": 11393,
        "service.json": 13714,
        "service_at_location.json": 4065,
        "taxonomy.json": 2156,
        "taxonomy_term.json": 4342,
    }
    # The checks are only as strict as the formats checked: "uri" needs rfc3986-validator.
    checker = Draft202012Validator.FORMAT_CHECKER
    assert not checker.conforms("/api/hsds/taxonomies/1", "uri")
    assert not checker.conforms("", "email")
    assert not checker.conforms("socialhub-services", "uuid")
    service = json.loads((SCHEMAS / "service.json").read_text(encoding="utf-8"))
    assert service["required"] == ["id", "name", "status"]
    assert service["properties"]["url"]["format"] == "uri"


@pytest.mark.parametrize(
    ("written", "served"),
    [
        ("www.ruma.rs", "https://www.ruma.rs"),
        ("https://ruma.rs/услуги", "https://ruma.rs/%D1%83%D1%81%D0%BB%D1%83%D0%B3%D0%B8"),
        ("https://пример.срб/", "https://xn--e1afmkfd.xn--90a3ac/"),
        ("http://ruma.rs:99999/", None),
        ("javascript:alert(1)", None),
        ("ftp://ruma.rs/", None),
        ("https://user:secret@ruma.rs/", None),
        ("localhost", None),
        ("   ", None),
    ],
)
def test_web_addresses_are_mended_into_uris_or_left_out(written: str, served: str | None) -> None:
    assert absolute_uri(written) == served
    if served is not None:
        assert Draft202012Validator.FORMAT_CHECKER.conforms(served, "uri")
