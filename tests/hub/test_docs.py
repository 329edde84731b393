from __future__ import annotations

import pytest

from hub.federation.services import key_revoke
from tests.api_docs import (
    assert_committed_openapi_is_current_and_valid,
    assert_docs_page_loads_only_local_assets,
    assert_each_documented_status_is_the_status_served,
    documented_refusals,
    openapi_document,
)
from tests.hub.conftest import NodeClient

pytestmark = pytest.mark.django_db


def test_the_openapi_document_is_served_as_openapi_3_1() -> None:
    schema = openapi_document()
    assert {"/api/v1/enrol", "/api/v1/messages", "/api/v1/directory", "/api/v1/schemas"} <= set(
        schema["paths"]
    )
    assert "nodeSignature" in schema["components"]["securitySchemes"]


def test_the_api_docs_page_loads_its_assets_from_the_hub_itself() -> None:
    assert_docs_page_loads_only_local_assets()


def test_the_committed_openapi_document_is_current_and_valid() -> None:
    assert_committed_openapi_is_current_and_valid("hub")


def test_every_hub_operation_documents_its_bodies_and_refusals() -> None:
    schema = openapi_document()
    push = schema["paths"]["/api/v1/messages"]["post"]
    body = push["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/PushRequest"}
    for status in ("200", "400", "401", "403", "409", "413", "415", "422"):
        assert "content" in push["responses"][status], status
    assert schema["components"]["schemas"]["Envelope"]["required"] == ["payloadType", "payload", "signatures"]


def test_each_documented_status_is_the_status_the_hub_serves() -> None:
    assert_each_documented_status_is_the_status_served()


def test_a_request_signed_with_a_revoked_key_is_refused_with_the_documented_status(butel: NodeClient) -> None:
    key_revoke(keyid=butel.keyid)
    response = butel.get("/api/v1/directory")
    assert (response.status_code, response.json()["code"]) == (401, "revoked-key")
    assert "revoked-key" in documented_refusals(openapi_document())[("get", "/api/v1/directory")][401]


def test_the_catalogue_search_is_documented_as_the_page_it_answers() -> None:
    search = openapi_document()["paths"]["/api/v1/catalogue"]["get"]
    page = search["responses"]["200"]["content"]["application/json"]["schema"]
    assert page == {"$ref": "#/components/schemas/PaginatedFederatedServiceList"}
    bounds = {p["name"]: p["schema"] for p in search["parameters"] if p["name"] in ("limit", "offset")}
    assert (bounds["limit"]["minimum"], bounds["limit"]["maximum"]) == (1, 1000)
