"""Request bodies the APIs accept: JSON in UTF-8 (RFC 8259 §8.1), nothing else.

``JsonBodyMiddleware`` refuses, before authentication or any view, a body on an API path whose
``Content-Type`` is not ``application/json`` (with no charset or ``charset=utf-8``): forms,
multipart, text and other encodings are ``unsupported-media-type`` (415), so nothing is stored
from them. ``json_body`` and ``json_model`` read a body that got through, refusing bytes that
are not UTF-8 or not JSON as ``malformed-json`` and JSON nested deeper than any contract as
``json-too-deep`` (both 400). ``BasicAuthentication`` refuses credentials no database can hold
(a NUL in a user name) as ``authentication-failed`` before they reach a query.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.utils.http import parse_header_parameters
from drf_spectacular.authentication import BasicScheme as SpectacularBasicScheme
from pydantic import BaseModel, ValidationError
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from common.errors import error_response, is_api_path
from contracts.bounds import is_storable
from contracts.errors import (
    MalformedJSONError,
    SchemaViolationError,
    UnsupportedMediaTypeError,
    validation_detail,
)
from contracts.limits import check_json_depth

Model = TypeVar("Model", bound=BaseModel)


def media_type_error(content_type: str) -> UnsupportedMediaTypeError | None:
    """Why a body of this ``Content-Type`` is refused, or ``None`` for JSON in UTF-8."""
    media_type, params = parse_header_parameters(content_type)
    charset = params.get("charset", "utf-8").strip().lower()
    if media_type != "application/json":
        return UnsupportedMediaTypeError(
            f"The body is {media_type or 'untyped'}; send application/json.",
            detail={"content_type": content_type[:200]},
        )
    if charset not in ("utf-8", "utf8"):
        return UnsupportedMediaTypeError(
            f"The body is in {charset[:40]}; send it in UTF-8.", detail={"content_type": content_type[:200]}
        )
    return None


def _has_body(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or "0") > 0
    except ValueError:
        return True  # a length nobody can read: let the type decide


class JsonBodyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_api_path(request.path_info) and _has_body(request):
            error = media_type_error(request.META.get("CONTENT_TYPE", ""))
            if error is not None:
                return error_response(error)
        return self.get_response(request)


def json_body(body: bytes) -> Any:
    """The JSON value of a request body: ``JSONTooDeepError`` if it nests deeper than any
    contract (``contracts.limits``), ``MalformedJSONError`` unless it is UTF-8 JSON."""
    check_json_depth(body, what="The body")
    try:
        return json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedJSONError() from exc


def json_model(model: type[Model], body: bytes, *, what: str) -> Model:
    """A request model read strictly from JSON bytes: ``malformed-json`` for bytes that are not
    UTF-8 JSON, ``json-too-deep`` for JSON nested deeper than any contract, ``schema-violation``
    (with the failing fields) for JSON that does not fit."""
    check_json_depth(body, what=f"The {what}")
    try:
        return model.model_validate_json(body, strict=True)
    except ValidationError as exc:
        if any(e["type"] in ("json_invalid", "json_type") for e in exc.errors()):
            raise MalformedJSONError() from exc
        raise SchemaViolationError(f"The {what} is not valid.", detail=validation_detail(exc)) from exc


class BasicAuthentication(authentication.BasicAuthentication):
    """DRF's Basic authentication, refusing a user name or password that holds NUL or an unpaired
    surrogate: PostgreSQL cannot even look such a name up, and no stored user has one."""

    def authenticate_credentials(
        self, userid: str, password: str, request: Request | None = None
    ) -> tuple[Any, None]:
        if not (is_storable(userid) and is_storable(password)):
            raise exceptions.AuthenticationFailed("Invalid username/password.")
        return super().authenticate_credentials(userid, password, request)


class BasicScheme(SpectacularBasicScheme):  # type: ignore[no-untyped-call]
    """The OpenAPI documents name ``BasicAuthentication`` as DRF's: HTTP Basic (``basicAuth``)."""

    target_class = "common.http.BasicAuthentication"
