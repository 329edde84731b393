"""Schemathesis against the hub's served OpenAPI document: unauthenticated, and as a member
signing each request (RFC 9421) as a node does. No server error, no undocumented status, content
type or body."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api_fuzz import HeadersApp, ProjectApp, WsgiApp, api_schema, call_and_validate
from tests.factories import signed_headers
from tests.hub.conftest import enrolled_node

schema = api_schema()


@pytest.fixture
def as_member(db: None, settings: Any) -> WsgiApp:
    """The hub's application, reached by MK-BUTEL signing each request; MK-CAIR is a member too."""
    settings.HUB_MAX_WAIT = 0  # pulls answer at once: the run is about answers, not waiting
    node = enrolled_node("MK-BUTEL", "Бутел")
    enrolled_node("MK-CAIR", "Чаир")

    def sign(method: str, path: str, body: bytes) -> dict[str, str]:
        return signed_headers(method=method, path=path, body=body, key=node.key)

    return HeadersApp(ProjectApp(), sign)


@schema.parametrize()
def test_every_operation_answers_an_anonymous_caller_as_documented(db: None, case: Any) -> None:
    call_and_validate(case)


@schema.parametrize()
def test_every_operation_answers_a_member_as_documented(as_member: WsgiApp, case: Any) -> None:
    call_and_validate(case, as_member)
