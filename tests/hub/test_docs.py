from __future__ import annotations

import pytest

from tests.api_docs import (
    assert_committed_openapi_is_current_and_valid,
    assert_docs_page_loads_only_local_assets,
    openapi_document,
)

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
    for status in ("200", "400", "401", "403", "413"):
        assert "content" in push["responses"][status], status
    assert schema["components"]["schemas"]["Envelope"]["required"] == ["payloadType", "payload", "signatures"]
