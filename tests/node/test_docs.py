from __future__ import annotations

import pytest

from tests.api_docs import (
    assert_committed_openapi_is_current_and_valid,
    assert_docs_page_loads_only_local_assets,
    assert_each_documented_status_is_the_status_served,
    documented_refusals,
    openapi_document,
)

pytestmark = pytest.mark.django_db


def test_the_openapi_document_is_served_as_openapi_3_1() -> None:
    assert {"/api/v1/services", "/api/v1/catalogue", "/api/v1/status"} <= set(openapi_document()["paths"])


def test_the_api_docs_page_loads_its_assets_from_the_node_itself() -> None:
    assert_docs_page_loads_only_local_assets()


def test_the_committed_openapi_document_is_current_and_valid() -> None:
    assert_committed_openapi_is_current_and_valid("node")


def test_each_documented_status_is_the_status_the_node_serves() -> None:
    assert_each_documented_status_is_the_status_served()


def test_its_own_lists_are_documented_as_pages_with_bounded_paging() -> None:
    listing = openapi_document()["paths"]["/api/v1/services"]["get"]
    page = listing["responses"]["200"]["content"]["application/json"]["schema"]
    assert page == {"$ref": "#/components/schemas/PaginatedServiceList"}
    limit = next(p["schema"] for p in listing["parameters"] if p["name"] == "limit")
    assert (limit["minimum"], limit["maximum"]) == (1, 1000)
    assert set(listing["responses"]) == {"200", "400"}


def test_the_registers_operations_are_documented_with_their_refusals() -> None:
    paths = openapi_document()["paths"]
    kinds = ("visits", "assessments", "plans", "sessions", "referrals", "deliveries", "outcomes")
    assert {
        "/api/v1/register/people",
        "/api/v1/register/people/{id}",
        *(f"/api/v1/register/people/{{id}}/{kind}" for kind in kinds),
        "/api/v1/register/referrals/{id}/status",
        "/api/v1/register/flags",
        "/api/v1/register/flags/{id}/decision",
        "/api/v1/register/worklist",
    } <= set(paths)
    refusals = documented_refusals(openapi_document())
    create = refusals[("post", "/api/v1/register/people")]
    assert {"not-register-staff", "role-not-allowed"} <= create[403]
    assert create[409] == {"duplicate-person"}
    assert {"invalid-date", "future-date", "unknown-settlement", "unknown-code"} <= create[422]
    assert {"other-team", "not-register-staff"} <= refusals[("get", "/api/v1/register/people/{id}")][403]
    assert "missing-assessor" in refusals[("post", "/api/v1/register/people/{id}/assessments")][422]
    assert refusals[("post", "/api/v1/register/flags/{id}/decision")][409] == {"flag-decided"}
