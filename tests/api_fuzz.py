"""Schemathesis against a project's served OpenAPI document, shared by the hub and node suites.

Requests go to the project's own WSGI application in the test process (no server, no network),
once as they come and once through ``HeadersApp``, which adds what a member or a staff user
sends (an RFC 9421 signature, a Basic login). Each answer is checked for a server error, a
status the document does not list, a content type it does not list, and a body that does not
match its documented schema. The run is bounded by its size, not by a clock (this machine is
shared): ``MAX_EXAMPLES`` generated requests per operation plus the document's own examples, a
fixed seed, no shrinking, and no per-example deadline; the coverage and stateful phases are off.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

import schemathesis
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = (
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)
MAX_EXAMPLES = 15

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
HeadersFor = Callable[[str, str, bytes], dict[str, str]]
"""(method, path with query, body) -> headers to add to the request."""


class ProjectApp:
    """Django's WSGI application as the test client runs it: a finished request does not close
    the database connection, which holds the test's transaction (and, on PostgreSQL, cannot be
    opened again inside it)."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = self.handler(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                response.close()  # type: ignore[attr-defined]
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


class HeadersApp:
    """A WSGI application that adds headers to every request, computed from the request itself
    (a signature must cover the exact method, path, query and body that arrive)."""

    def __init__(self, app: WsgiApp, headers_for: HeadersFor) -> None:
        self.app, self.headers_for = app, headers_for

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        # The path as Django gives it to the view (request.get_full_path()), which is what the
        # hub checks a signature against.
        path = WSGIRequest(dict(environ)).get_full_path()  # a copy: WSGIRequest rewrites PATH_INFO
        for name, value in self.headers_for(environ["REQUEST_METHOD"], path, body).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        return self.app(environ, start_response)


def api_schema() -> Any:
    """The served OpenAPI document as schemathesis reads it from the project's application.

    Loaded when the test module is (schemathesis' loader from a fixture does not run on this
    pytest); each test names the application it calls, which may add headers."""
    config = schemathesis.Config.from_dict(
        {
            "seed": 20261101,
            "generation": {"max-examples": MAX_EXAMPLES, "no-shrink": True, "deterministic": True},
            "phases": {
                "examples": {"enabled": True},
                "fuzzing": {"enabled": True},
                "coverage": {"enabled": False},
                "stateful": {"enabled": False},
            },
            "suppress-health-check": ["all"],
        }
    )
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", ProjectApp(), config=config)


def call_and_validate(case: Any, app: WsgiApp | None = None) -> None:
    case.call_and_validate(checks=list(CHECKS), app=app or ProjectApp())
