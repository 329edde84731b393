"""A caseworker's input the contracts could not publish or a receiver could not store is
refused with a code by the node's own catalogue API, and nothing is kept."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from contracts.limits import MAX_JSON_DEPTH
from node.catalogue.models import Service
from node.exchange.models import OutboxMessage
from tests.node.conftest import Federation
from tests.node.test_catalogue import NEW_SERVICE


@pytest.fixture
def caseworker(db: None) -> APIClient:
    client = APIClient()
    client.force_authenticate(User.objects.create_user("caseworker"))
    return client


def _post(client: APIClient, body: bytes) -> tuple[int, str]:
    response = client.generic("POST", "/api/v1/services", body, content_type="application/json")
    return response.status_code, response.json()["code"]


def test_it_refuses_a_body_nested_ten_thousand_deep(federation: Federation, caseworker: APIClient) -> None:
    body = b'{"name": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"
    assert _post(caseworker, body) == (400, "json-too-deep")
    assert (Service.objects.count(), OutboxMessage.objects.count()) == (0, 0)


def test_a_body_nested_to_the_limit_is_parsed_and_judged_by_its_content(
    federation: Federation, caseworker: APIClient
) -> None:
    nested: object = "x"
    for _ in range(MAX_JSON_DEPTH - 2):
        nested = [nested]
    body = json.dumps(NEW_SERVICE | {"description": {"en": "Visits."}, "phone": nested}).encode()
    assert _post(caseworker, body) == (400, "invalid-input")
    assert Service.objects.count() == 0


def test_it_refuses_a_lone_surrogate_in_a_name(federation: Federation, caseworker: APIClient) -> None:
    body = json.dumps(NEW_SERVICE | {"name": {"en": "Mobile \ud800 team"}}, ensure_ascii=True).encode()
    # DRF's text fields refuse surrogates (and NUL) before the contract is asked.
    assert _post(caseworker, body) == (400, "invalid-input")
    assert (Service.objects.count(), OutboxMessage.objects.count()) == (0, 0)
