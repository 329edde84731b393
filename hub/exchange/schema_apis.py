from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.openapi import error_responses
from contracts import asyncapi
from contracts.errors import UnknownMessageTypeError, UnsupportedVersionError
from contracts.messages import MESSAGE_TYPES
from contracts.schema_export import registry, schema_for


class SchemaRegistryApi(APIView):
    """The message types this hub speaks, their versions, current version and routing."""

    authentication_classes = ()
    permission_classes = ()

    @extend_schema(
        operation_id="schemas_list",
        responses={200: OpenApiResponse(description="Types, versions and schema URLs.")},
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "types": [
                    entry
                    | {"schemas": {v: f"/api/v1/schemas/{entry['type']}/{v}" for v in entry["versions"]}}  # type: ignore[attr-defined]
                    for entry in registry()
                ]
            }
        )


class SchemaApi(APIView):
    """The JSON Schema (draft 2020-12) of one type at one version."""

    authentication_classes = ()
    permission_classes = ()

    @extend_schema(
        operation_id="schema_retrieve",
        responses={
            (200, "application/schema+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="A JSON Schema."
            ),
            **error_responses(UnknownMessageTypeError, UnsupportedVersionError),
        },
    )
    def get(self, request: Request, message_type: str, version: str) -> Response:
        version = version.removesuffix(".json")  # the AsyncAPI document refers to files
        schema = schema_for(message_type, version)
        if schema is None:
            if message_type not in MESSAGE_TYPES and message_type not in {e["type"] for e in registry()}:
                raise UnknownMessageTypeError(f"Message type {message_type!r} is not known.")
            raise UnsupportedVersionError(f"{message_type} has no version {version}.")
        return Response(schema, content_type="application/schema+json")


class AsyncApiDocumentApi(APIView):
    """The AsyncAPI 3 document of the message exchange; its payload references resolve to
    ``/api/v1/schemas/<type>/<version>.json`` on this hub."""

    authentication_classes = ()
    permission_classes = ()

    @extend_schema(
        operation_id="asyncapi_retrieve",
        responses={200: OpenApiResponse(description="An AsyncAPI 3 document.")},
    )
    def get(self, request: Request) -> HttpResponse:
        return HttpResponse(asyncapi.render(), content_type="application/json")
