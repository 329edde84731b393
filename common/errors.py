"""One error model for the hub and every node: each error leaves as ``{"code", "message", "detail"}``.

The DRF exception handler (``exception_handler``) and Django's own error views (``not_found``,
``bad_request``, ``permission_denied``, ``server_error``, ``csrf_failure``) share one
translation, ``contract_error``: a ``ContractError`` is answered as it is; DRF's and Django's
errors become the matching code of ``contracts.errors``; anything else is ``internal-error``
(500), logged with its stack trace, which the body never carries outside ``DEBUG``.

On ``/api/…`` and ``/metrics`` every answer is JSON. Pages meant for people (portal,
dashboard, admin) keep Django's HTML error pages.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import csrf, defaults
from rest_framework import exceptions as drf
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from contracts.errors import (
    AuthenticationFailedError,
    BadRequestError,
    BodyTooLargeError,
    ContractError,
    CsrfFailedError,
    InternalError,
    InvalidInputError,
    MalformedJSONError,
    MethodNotAllowedError,
    NotAcceptableError,
    NotAuthenticatedError,
    NotFoundError,
    PermissionDeniedError,
    ThrottledError,
    UnsupportedMediaTypeError,
)

logger = logging.getLogger("socialhub.errors")

_DRF_ERRORS: tuple[tuple[type[drf.APIException], type[ContractError]], ...] = (
    (drf.ParseError, MalformedJSONError),
    (drf.ValidationError, InvalidInputError),
    (drf.NotAuthenticated, NotAuthenticatedError),
    (drf.AuthenticationFailed, AuthenticationFailedError),
    (drf.PermissionDenied, PermissionDeniedError),
    (drf.NotFound, NotFoundError),
    (drf.MethodNotAllowed, MethodNotAllowedError),
    (drf.NotAcceptable, NotAcceptableError),
    (drf.UnsupportedMediaType, UnsupportedMediaTypeError),
    (drf.Throttled, ThrottledError),
)
_BY_STATUS = {cls.http_status: cls for _, cls in reversed(_DRF_ERRORS)}


def is_api_path(path: str) -> bool:
    """Whether ``path`` is answered for programs (always JSON) rather than for people."""
    return path.startswith("/api/") or path in ("/api", "/metrics", "/metrics/")


def contract_error(exc: BaseException) -> ContractError:
    """The error of the federation's model that answers ``exc``."""
    if isinstance(exc, ContractError):
        return exc
    if isinstance(exc, RequestDataTooBig):
        return BodyTooLargeError()
    if isinstance(exc, SuspiciousOperation):
        # Its text may name what Django found suspicious (a host, a path): keep it in the log.
        return BadRequestError()
    if isinstance(exc, Http404):
        return NotFoundError()
    if isinstance(exc, PermissionDenied):
        return PermissionDeniedError()
    if isinstance(exc, drf.APIException):
        return _from_drf(exc)
    return InternalError()


def _from_drf(exc: drf.APIException) -> ContractError:
    if isinstance(exc, drf.ValidationError):
        return InvalidInputError(detail=exc.detail)
    message = str(exc.detail) if isinstance(exc.detail, str) else None
    if isinstance(exc, drf.PermissionDenied) and (message or "").startswith("CSRF Failed"):
        return CsrfFailedError(message)
    for drf_class, cls in _DRF_ERRORS:
        if isinstance(exc, drf_class):
            return cls(message)
    return _BY_STATUS.get(exc.status_code, BadRequestError)(message)


def _internal(exc: BaseException, where: str) -> InternalError:
    logger.error("internal error at %s", where, exc_info=exc)
    detail = "".join(traceback.format_exception(exc)) if settings.DEBUG else None
    return InternalError(detail=detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """DRF's ``EXCEPTION_HANDLER`` for hub and nodes: every error is answered, with its code."""
    request: Request | None = context.get("request")
    where = f"{request.method} {request.path}" if request is not None else "?"
    error = contract_error(exc)
    if isinstance(error, InternalError) and error is not exc:
        error = _internal(exc, where)
    else:
        logger.warning("refused %s: %s %s", where, error.code, error.message)
    # Imported here: rest_framework.views reads DEFAULT_CONTENT_NEGOTIATION_CLASS, which is
    # this module's JsonOnlyNegotiation, when it is first imported.
    from rest_framework.views import set_rollback

    set_rollback()
    headers: dict[str, str] = {}
    view = context.get("view")
    if error.http_status == 401 and view is not None and request is not None:
        challenge = view.get_authenticate_header(request)
        if challenge:
            headers["WWW-Authenticate"] = challenge
    wait = getattr(exc, "wait", None)
    if wait:
        headers["Retry-After"] = str(int(wait))
    return Response(error.to_body(), status=error.http_status, headers=headers)


def error_response(error: ContractError) -> JsonResponse:
    """For code outside DRF (middleware, Django's error views): the same body as the handler gives."""
    return JsonResponse(error.to_body(), status=error.http_status)


class JsonOnlyNegotiation(DefaultContentNegotiation):
    """Answer JSON even to a client that asked for something else, rather than a 406."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderers = list(renderers)
        try:
            chosen: tuple[BaseRenderer, str] = super().select_renderer(request, renderers, format_suffix)
        except drf.NotAcceptable:
            return renderers[0], renderers[0].media_type
        return chosen


# --- Django's error views (handler400, handler403, handler404, handler500, CSRF_FAILURE_VIEW) ----


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_path(request.path):
        return error_response(contract_error(exception))
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_path(request.path):
        return error_response(PermissionDeniedError())
    return defaults.permission_denied(request, exception)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_path(request.path):
        return error_response(NotFoundError(f"Nothing is found at {request.path[:200]}."))
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django has logged the exception (logger django.request) before calling this view.
    if is_api_path(request.path):
        return error_response(InternalError())
    return defaults.server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if is_api_path(request.path):
        return error_response(CsrfFailedError(detail={"reason": reason}))
    return csrf.csrf_failure(request, reason)
