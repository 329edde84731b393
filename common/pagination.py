"""Paging of list APIs by ``limit`` and ``offset``, held to the bounds the schema states.

DRF's ``LimitOffsetPagination`` reads a limit or offset it cannot use as the default and passes
any size of integer to the database, where one beyond 64 bits fails the request. Here a value
outside its bounds is refused as ``invalid-input``, and the bounds are in the OpenAPI document.
"""

from __future__ import annotations

import re
from typing import Any

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.views import APIView

from contracts.errors import InvalidInputError

_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,18}")


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 1000
    max_offset = 10**9

    def get_limit(self, request: Request) -> int:
        return self._bounded(request, self.limit_query_param, self.default_limit or 50, 1, self.max_limit)

    def get_offset(self, request: Request) -> int:
        return self._bounded(request, self.offset_query_param, 0, 0, self.max_offset)

    def _bounded(self, request: Request, name: str, default: int, low: int, high: int) -> int:
        raw = request.query_params.get(name, "")
        if raw == "":
            return default
        if not _WHOLE_NUMBER.fullmatch(raw) or not low <= int(raw) <= high:
            raise InvalidInputError(
                f"{name} must be a whole number from {low} to {high}.", detail={"field": name}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {
                "minimum": 1,
                "maximum": self.max_limit,
                "default": self.default_limit or 50,
            },
            self.offset_query_param: {"minimum": 0, "maximum": self.max_offset, "default": 0},
        }
        for parameter in parameters:
            parameter["schema"] |= bounds.get(parameter["name"], {})
        return parameters
