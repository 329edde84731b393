"""Refuse oversized bodies before anything reads them."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from common.errors import error_response
from contracts.errors import BodyTooLargeError


class BodySizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw)
        except ValueError:
            length = 0
        if length > settings.HUB_MAX_BODY_BYTES:
            return error_response(
                BodyTooLargeError(
                    f"The body is {length} bytes; the hub accepts {settings.HUB_MAX_BODY_BYTES}."
                )
            )
        return self.get_response(request)
