"""Hostile input to a node: each class is answered with its coded JSON error, never a 5xx, and
stores nothing. A node takes no signed requests (the hub does: tests/hub/test_hostile_input.py),
so the classes here are its lists, its staff's write APIs and its addresses."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from node.catalogue.models import Service
from node.exchange.models import OutboxMessage
from tests.node.conftest import Federation

pytestmark = pytest.mark.django_db
LISTS = ("/api/v1/services", "/api/v1/organizations", "/api/v1/locations", "/api/v1/service-at-locations")
NEW_SERVICE = {"name": {"en": "Mobile team"}, "organization_name": {"mk": "Општина Бутел"}, "country": "MK"}


def _answer(response: Any) -> tuple[int, str]:
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"code", "message", "detail"}, body
    return response.status_code, body["code"]


@pytest.fixture
def caseworker(db: None) -> APIClient:
    client = APIClient()
    client.force_authenticate(User.objects.create_user("caseworker"))
    return client


def _nothing_stored() -> bool:
    return (Service.objects.count(), OutboxMessage.objects.count()) == (0, 0)


# --- list requests with absurd paging, unauthenticated ------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "limit=99999999999999999999",
        "limit=-1",
        "limit=0",
        "limit=1001",
        "limit=ten",
        "limit=1.5",
        "offset=99999999999999999999",
        "offset=-1",
        "offset=x",
    ],
)
def test_it_refuses_absurd_paging_of_its_lists(db: None, query: str) -> None:
    for path in (*LISTS, "/api/v1/catalogue"):
        assert _answer(APIClient().get(f"{path}?{query}")) == (400, "invalid-input"), path


@pytest.mark.parametrize(
    "query", ["page=99999999999999999999", "page=-1", "page=x", "per_page=0", "per_page=-1"]
)
def test_it_refuses_absurd_paging_of_the_hsds_lists(db: None, query: str) -> None:
    for path in ("/api/hsds/services", "/api/hsds/organizations", "/api/hsds/taxonomies"):
        assert _answer(APIClient().get(f"{path}?{query}")) == (400, "invalid-search"), path


def test_it_serves_a_list_at_its_stated_bounds(db: None) -> None:
    for path in (*LISTS, "/api/v1/catalogue"):
        response = APIClient().get(f"{path}?limit=1000&offset=1000000000")
        assert response.status_code == 200, path
        assert response.json()["results"] == []


# --- integers beyond 64 bits ----------------------------------------------------------------------


def test_it_refuses_an_age_beyond_64_bits(federation: Federation, caseworker: APIClient) -> None:
    response = caseworker.post("/api/v1/services", NEW_SERVICE | {"minimum_age": 2**64}, format="json")
    assert _answer(response) == (400, "invalid-input")
    assert "minimum_age" in response.json()["detail"]
    assert _nothing_stored()


# --- bodies that are not application/json in UTF-8 ----------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", b'{"name": {"en": "x"}}'),
        ("application/x-www-form-urlencoded", b"name=x"),
        (
            "multipart/form-data; boundary=xyz",
            b'--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--xyz--',
        ),
        ("application/json; charset=latin-1", b'{"name": {"en": "\xe9"}}'),
        ("application/json; charset=utf-16", '{"name": {"en": "x"}}'.encode("utf-16")),
    ],
)
def test_it_refuses_a_staff_write_that_is_not_json_in_utf_8(
    federation: Federation, caseworker: APIClient, content_type: str, body: bytes
) -> None:
    response = caseworker.generic("POST", "/api/v1/services", body, content_type=content_type)
    assert _answer(response) == (415, "unsupported-media-type")
    assert _nothing_stored()


def test_it_refuses_a_staff_write_whose_bytes_are_not_utf_8(
    federation: Federation, caseworker: APIClient
) -> None:
    body = b'{"name": {"en": "\xe9"}, "organization_name": {"mk": "x"}}'
    response = caseworker.generic("POST", "/api/v1/services", body, content_type="application/json")
    assert _answer(response) == (400, "malformed-json")
    assert _nothing_stored()


def test_it_refuses_very_deeply_nested_json_from_staff(federation: Federation, caseworker: APIClient) -> None:
    body = b'{"name":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = caseworker.generic("POST", "/api/v1/services", body, content_type="application/json")
    assert _answer(response) == (400, "json-too-deep")
    assert _nothing_stored()


# --- who may write -----------------------------------------------------------------------------------


def test_an_anonymous_write_is_refused_with_a_challenge(federation: Federation) -> None:
    response = APIClient().post("/api/v1/services", NEW_SERVICE, format="json")
    assert _answer(response) == (401, "not-authenticated")
    assert response["WWW-Authenticate"].startswith("Basic")
    assert _nothing_stored()


def test_a_wrong_password_is_refused(federation: Federation) -> None:
    User.objects.create_user("caseworker", password="right")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Basic Y2FzZXdvcmtlcjp3cm9uZw==")  # caseworker:wrong
    assert _answer(client.post("/api/v1/services", NEW_SERVICE, format="json")) == (
        401,
        "authentication-failed",
    )
    assert _nothing_stored()


@pytest.mark.parametrize("credentials", ["case\x00worker:right", "caseworker:ri\x00ght"])
def test_basic_credentials_holding_a_nul_are_refused_before_any_lookup(
    federation: Federation, credentials: str
) -> None:
    # PostgreSQL cannot look up a NUL: this was a 500 before the credentials were checked.
    User.objects.create_user("caseworker", password="right")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Basic " + base64.b64encode(credentials.encode()).decode())
    assert _answer(client.put(f"/api/v1/locations/{uuid.uuid4()}", {"name": {}}, format="json")) == (
        401,
        "authentication-failed",
    )
    assert _nothing_stored()


def test_a_browser_session_without_its_csrf_token_is_refused(federation: Federation) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(User.objects.create_user("caseworker"))
    assert _answer(client.post("/api/v1/services", NEW_SERVICE, format="json")) == (403, "csrf-failed")
    assert _nothing_stored()


# --- addresses that are not routes ----------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nothing-here", "/api/v1/services/not-a-uuid", "/api/v1/locations/1", "/api/hsds/services/x"],
)
def test_an_unknown_api_address_answers_a_coded_json_404(db: None, path: str) -> None:
    assert _answer(APIClient().get(path)) == (404, "not-found")


def test_an_unknown_entry_answers_a_coded_json_404(db: None) -> None:
    response = APIClient().get("/api/v1/services/00000000-0000-4000-8000-000000000000")
    assert _answer(response) == (404, "not-found")


def test_a_method_an_address_does_not_answer_is_a_coded_405(db: None, caseworker: APIClient) -> None:
    response = caseworker.delete("/api/v1/services")
    assert _answer(response) == (405, "method-not-allowed")
    assert "GET" in response["Allow"]


def test_an_unknown_page_for_people_stays_an_html_page(db: None) -> None:
    response = APIClient().get("/no-such-page")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
