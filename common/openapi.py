"""The error answers of each operation, for the OpenAPI documents of hub and nodes.

An operation lists the ``ContractError`` classes it can answer; ``error_responses`` groups them
by HTTP status into responses whose body is the shared ``ErrorBody`` component and whose
description names every code, so the document lists each status an operation can return.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse

from contracts.errors import (
    AuthenticationFailedError,
    ContractError,
    CsrfFailedError,
    ErrorBody,
    InvalidInputError,
    InvalidSearchError,
    JSONTooDeepError,
    MalformedJSONError,
    NotAuthenticatedError,
    NotFoundError,
    PermissionDeniedError,
    UnsupportedMediaTypeError,
)

Responses = dict[int, OpenApiResponse]

JSON_BODY = (MalformedJSONError, JSONTooDeepError, UnsupportedMediaTypeError)
"""What any operation that takes a body can answer (see ``common.http``)."""

SEARCH = (InvalidSearchError, InvalidInputError)
"""What a search or list of the federated catalogue can answer for its query."""

STAFF = (NotAuthenticatedError, AuthenticationFailedError, PermissionDeniedError, CsrfFailedError)
"""What a node answers a write by someone who is not logged in as staff."""


def error_responses(*errors: type[ContractError]) -> Responses:
    """One response per status, listing the codes of ``errors`` answered with it."""
    codes: dict[int, list[str]] = {}
    for error in errors:
        if error.code not in codes.setdefault(error.http_status, []):
            codes[error.http_status].append(error.code)
    return {
        status: OpenApiResponse(ErrorBody, description="Refused: " + ", ".join(f"`{c}`" for c in found) + ".")
        for status, found in sorted(codes.items())
    }


NOT_FOUND = error_responses(NotFoundError)
