"""One exception handler: every error leaves the hub as ``{"code", "message", "detail"}``."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response

from contracts.errors import BodyTooLargeError, ContractError

logger = logging.getLogger("hub.errors")


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context.get("request")
    where = f"{request.method} {request.path}" if request is not None else "?"
    if isinstance(exc, RequestDataTooBig):
        exc = BodyTooLargeError()
    if isinstance(exc, ContractError):
        logger.warning("refused %s: %s %s", where, exc.code, exc.message)
        return Response(exc.to_body(), status=exc.http_status)
    if isinstance(exc, Http404):
        return Response({"code": "not-found", "message": "Not found.", "detail": None}, status=404)
    if isinstance(exc, drf_exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        body = {"code": str(code).replace("_", "-"), "message": str(exc.default_detail), "detail": exc.detail}
        logger.warning("refused %s: %s", where, body["code"])
        return Response(body, status=exc.status_code)
    return None


def error_response(exc: ContractError) -> JsonResponse:
    """For code outside DRF (middleware): the same body as the handler gives."""
    return JsonResponse(exc.to_body(), status=exc.http_status)
