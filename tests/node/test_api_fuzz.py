"""Schemathesis against a node's served OpenAPI document: unauthenticated, and as staff logged in
with Basic authentication (the node's write APIs). No server error, no undocumented status,
content type or body."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.contrib.auth.models import User

from tests.api_fuzz import HeadersApp, ProjectApp, WsgiApp, api_schema, call_and_validate
from tests.node.conftest import Federation

schema = api_schema()


@pytest.fixture
def as_staff(federation: Federation, settings: Any) -> WsgiApp:
    """The node's application, enrolled, reached by a caseworker with a password."""
    # Basic authentication checks the password on every request: a fast hash for the test user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    User.objects.create_user("caseworker", password="fuzz-only")
    login = {"Authorization": "Basic " + base64.b64encode(b"caseworker:fuzz-only").decode()}
    return HeadersApp(ProjectApp(), lambda method, path, body: login)


@schema.parametrize()
def test_every_operation_answers_an_anonymous_caller_as_documented(db: None, case: Any) -> None:
    call_and_validate(case)


@schema.parametrize()
def test_every_operation_answers_staff_as_documented(as_staff: WsgiApp, case: Any) -> None:
    call_and_validate(case, as_staff)
