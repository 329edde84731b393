"""The one error model (common/errors.py) that hub and nodes share, through its public views."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.core.exceptions import DisallowedHost, RequestDataTooBig
from django.test import RequestFactory
from rest_framework import exceptions as drf

from common.errors import bad_request, exception_handler, not_found, server_error

pytestmark = pytest.mark.django_db


def _body(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(response.content)
    return body


def _handled(exc: Exception) -> Any:
    response = exception_handler(exc, {"request": None})
    return response.status_code, response.data


def test_an_unexpected_error_is_an_internal_error_without_its_stack_trace(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="socialhub.errors"):
        status, body = _handled(ZeroDivisionError("secret detail"))
    assert (status, body) == (500, {"code": "internal-error", "message": body["message"], "detail": None})
    assert "secret detail" not in json.dumps(body)
    [record] = caplog.records
    assert record.exc_info is not None
    assert record.exc_info[0] is ZeroDivisionError


def test_with_debug_on_an_internal_error_carries_its_stack_trace(settings: Any) -> None:
    settings.DEBUG = True
    status, body = _handled(ZeroDivisionError("shown to a developer"))
    assert (status, body["code"]) == (500, "internal-error")
    assert "ZeroDivisionError: shown to a developer" in body["detail"]


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (drf.ValidationError({"name": ["This field is required."]}), (400, "invalid-input")),
        (drf.ParseError(), (400, "malformed-json")),
        (drf.NotAuthenticated(), (401, "not-authenticated")),
        (drf.AuthenticationFailed(), (401, "authentication-failed")),
        (drf.PermissionDenied(), (403, "permission-denied")),
        (drf.PermissionDenied("CSRF Failed: CSRF token missing."), (403, "csrf-failed")),
        (drf.NotFound(), (404, "not-found")),
        (drf.MethodNotAllowed("PUT"), (405, "method-not-allowed")),
        (drf.NotAcceptable(), (406, "not-acceptable")),
        (drf.UnsupportedMediaType("text/plain"), (415, "unsupported-media-type")),
        (drf.Throttled(wait=3), (429, "throttled")),
        (RequestDataTooBig(), (413, "body-too-large")),
        (DisallowedHost("evil.example"), (400, "bad-request")),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else None,
)
def test_each_framework_error_has_one_stable_code(exc: Exception, expected: tuple[int, str]) -> None:
    status, body = _handled(exc)
    assert (status, body["code"]) == expected
    assert set(body) == {"code", "message", "detail"}


def test_a_validation_error_names_the_fields_in_its_detail() -> None:
    _, body = _handled(drf.ValidationError({"name": ["This field is required."]}))
    assert body["detail"] == {"name": ["This field is required."]}


def test_django_error_views_answer_json_on_api_paths_and_html_on_pages() -> None:
    api, page = RequestFactory().get("/api/v1/x"), RequestFactory().get("/portal/x")
    assert (server_error(api).status_code, _body(server_error(api))["code"]) == (500, "internal-error")
    assert server_error(page)["Content-Type"].startswith("text/html")
    assert _body(not_found(api, Exception()))["code"] == "not-found"
    assert not_found(page, Exception())["Content-Type"].startswith("text/html")
    too_big = bad_request(api, RequestDataTooBig())
    assert (too_big.status_code, _body(too_big)["code"]) == (413, "body-too-large")
    assert _body(server_error(RequestFactory().get("/metrics")))["code"] == "internal-error"
