from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.http import json_model
from common.openapi import JSON_BODY, error_responses
from contracts.control import EnrolmentRequest, EnrolmentResponse
from contracts.envelope import Envelope
from contracts.errors import (
    BadProofError,
    BodyTooLargeError,
    InvalidTokenError,
    MalformedEnvelopeError,
    SchemaViolationError,
    TokenExpiredError,
    TokenUsedError,
)
from hub.federation.authentication import SIGNED, IsMemberNode, NodeSignatureAuthentication
from hub.federation.services import directory_sign, member_enrol


class EnrolApi(APIView):
    """A node presents its one-time token, its public key and proof that it holds the key."""

    authentication_classes = ()
    permission_classes = ()

    @extend_schema(
        operation_id="enrol",
        request=EnrolmentRequest,
        responses={
            201: OpenApiResponse(EnrolmentResponse, description="The node code, the hub key, the directory."),
            **error_responses(
                *JSON_BODY,
                BodyTooLargeError,
                SchemaViolationError,
                MalformedEnvelopeError,
                InvalidTokenError,
                TokenUsedError,
                TokenExpiredError,
                BadProofError,
            ),
        },
    )
    def post(self, request: Request) -> Response:
        enrolment = json_model(EnrolmentRequest, request._request.body, what="enrolment request")
        response = member_enrol(request=enrolment)
        return Response(response.model_dump(mode="json"), status=201)


class DirectoryApi(APIView):
    """The federation directory: every member and key, signed by the hub (a DSSE envelope)."""

    authentication_classes = (NodeSignatureAuthentication,)
    permission_classes = (IsMemberNode,)

    @extend_schema(
        operation_id="directory",
        responses={
            200: OpenApiResponse(Envelope, description="A control.directory envelope."),
            **error_responses(*SIGNED),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        return HttpResponse(directory_sign().to_bytes(), content_type="application/json")
