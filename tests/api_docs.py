"""Checks of a project's API documents, shared by the hub and node suites."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.test import Client
from openapi_spec_validator import validate

from contracts.errors import error_for_code

DOCS = Path(__file__).resolve().parent.parent / "docs" / "api"


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


def assert_committed_openapi_is_current_and_valid(role: str) -> None:
    """The committed ``docs/api/<role>.openapi.json`` is what this role serves, and valid."""
    committed = json.loads((DOCS / f"{role}.openapi.json").read_text())
    assert committed == openapi_document(), f"docs/api/{role}.openapi.json is out of date: run make docs"
    validate(committed)  # raises, naming the offending path, on an invalid document


def documented_refusals(schema: dict[str, Any]) -> dict[tuple[str, str], dict[int, set[str]]]:
    """Per operation (method, path): each documented error status and the codes it lists."""
    found: dict[tuple[str, str], dict[int, set[str]]] = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                codes = set(re.findall(r"`([a-z0-9-]+)`", response.get("description", "")))
                if int(status) >= 400:
                    found.setdefault((method, path), {})[int(status)] = codes
    return found


def assert_each_documented_status_is_the_status_served() -> None:
    """Every error status an operation documents lists its codes, each answered with that status."""
    refusals = documented_refusals(openapi_document())
    assert refusals
    for operation, statuses in refusals.items():
        for status, codes in statuses.items():
            assert codes, f"{operation} documents {status} without naming its codes"
            for code in codes:
                served = error_for_code(code)
                assert served.code == code, f"{operation}: {code} is not a published code"
                assert served.http_status == status, f"{operation}: {code} is answered {served.http_status}"
