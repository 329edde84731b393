"""One exception handler: every error leaves the node as ``{"code", "message", "detail"}``."""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response

from contracts.errors import ContractError

logger = logging.getLogger("node.errors")


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ContractError):
        logger.warning("refused: %s %s", exc.code, exc.message)
        return Response(exc.to_body(), status=exc.http_status)
    if isinstance(exc, Http404):
        return Response({"code": "not-found", "message": "Not found.", "detail": None}, status=404)
    if isinstance(exc, drf_exceptions.ValidationError):
        return Response(
            {"code": "invalid-input", "message": "The input is not valid.", "detail": exc.detail}, status=400
        )
    if isinstance(exc, drf_exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        body = {"code": str(code).replace("_", "-"), "message": str(exc.detail), "detail": None}
        return Response(body, status=exc.status_code)
    return None
