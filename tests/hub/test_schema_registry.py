from __future__ import annotations

import jsonschema
import pytest
from django.test import Client

from contracts.messages import MESSAGE_TYPES

pytestmark = pytest.mark.django_db


def test_the_registry_lists_every_type_with_its_versions_and_routing() -> None:
    listed = {entry["type"]: entry for entry in Client().get("/api/v1/schemas").json()["types"]}
    assert set(MESSAGE_TYPES) <= set(listed)
    assert listed["statistics.data_value_set"]["routing"] == "hub"
    assert listed["case.transfer_request"]["routing"] == "direct"
    assert listed["catalogue.service"]["schemas"] == {
        "1.0": "/api/v1/schemas/catalogue.service/1.0",
        "1.1": "/api/v1/schemas/catalogue.service/1.1",
        "1.2": "/api/v1/schemas/catalogue.service/1.2",
    }
    assert listed["catalogue.service"]["current"] == "1.2"


def test_every_listed_schema_is_served_and_valid() -> None:
    client = Client()
    for entry in client.get("/api/v1/schemas").json()["types"]:
        for url in entry["schemas"].values():
            response = client.get(url)
            assert response.status_code == 200, url
            jsonschema.Draft202012Validator.check_schema(response.json())


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("/api/v1/schemas/catalogue.recipe/1.0", "unknown-message-type"),
        ("/api/v1/schemas/catalogue.service/9.9", "unsupported-version"),
    ],
)
def test_an_unknown_type_or_version_is_refused_with_its_code(url: str, code: str) -> None:
    response = Client().get(url)
    assert (response.status_code, response.json()["code"]) == (422, code)


def test_the_hub_advertises_the_versions_it_speaks() -> None:
    speaks = Client().get("/api/v1/health").json()["speaks"]
    assert speaks["catalogue.service"] == ["1.0", "1.1", "1.2"]


def test_the_hub_serves_the_asyncapi_document_and_every_schema_it_refers_to() -> None:
    client = Client()
    response = client.get("/api/v1/asyncapi.json")
    assert response.status_code == 200
    served = response.json()
    assert served["asyncapi"].startswith("3.")
    refs = {m["payload"]["schema"]["$ref"] for m in served["components"]["messages"].values()}
    assert len(refs) == sum(len(t.versions) for t in MESSAGE_TYPES.values())
    for ref in refs:  # relative to /api/v1/asyncapi.json, as a client resolves them
        schema = client.get(f"/api/v1/{ref}")
        assert schema.status_code == 200, ref
        name, version = ref.removeprefix("schemas/").removesuffix(".json").split("/")
        assert schema.json()["$id"].endswith(f"{name}:{version}")
