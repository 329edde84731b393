from __future__ import annotations

import pytest

from tests.api_docs import assert_docs_page_loads_only_local_assets, openapi_document

pytestmark = pytest.mark.django_db


def test_the_openapi_document_is_served_as_openapi_3_1() -> None:
    schema = openapi_document()
    assert {"/api/v1/enrol", "/api/v1/messages", "/api/v1/directory", "/api/v1/schemas"} <= set(
        schema["paths"]
    )
    assert "nodeSignature" in schema["components"]["securitySchemes"]


def test_the_api_docs_page_loads_its_assets_from_the_hub_itself() -> None:
    assert_docs_page_loads_only_local_assets()
