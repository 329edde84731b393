"""Checks of a project's API documents, shared by the hub and node suites."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client


def openapi_document() -> dict[str, Any]:
    """The served OpenAPI document, after checking it is OpenAPI 3.1."""
    response = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema: dict[str, Any] = response.json()
    assert schema["openapi"] == "3.1.0"
    return schema


def assert_docs_page_loads_only_local_assets() -> None:
    page = Client().get("/api/docs/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources
    assert all(not s.startswith(("http://", "https://", "//")) for s in sources), sources
    for source in sources:
        if source.startswith("/static/"):
            assert Client().get(source).status_code == 200, source
