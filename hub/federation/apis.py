from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.http import json_model
from common.openapi import JSON_BODY, error_responses
from contracts.control import EnrolmentRequest, EnrolmentResponse
from contracts.directory import KeyRotationResponse, directory_version_for
from contracts.envelope import Envelope
from contracts.errors import (
    BadProofError,
    BadSignatureError,
    BodyTooLargeError,
    InvalidKeyRotationError,
    InvalidTokenError,
    KeyBindingInvalidError,
    KeyIdMismatchError,
    MalformedEnvelopeError,
    PayloadTooLargeError,
    SchemaViolationError,
    SourceMismatchError,
    TokenExpiredError,
    TokenUsedError,
    UnknownKeyAlgorithmError,
    UnsupportedVersionError,
    WrongTypeError,
)
from hub.federation.authentication import SIGNED, IsMemberNode, NodeIdentity, NodeSignatureAuthentication
from hub.federation.services import directory_sign, key_rotation_apply, member_enrol


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
    """The federation directory: every member and key, signed by the hub (a DSSE envelope).

    Version 1.0 (signing keys only) unless the node asks for 2.0, which adds each member's
    encryption keys with their bindings: a node of the previous release asks for nothing and
    keeps reading what it knows."""

    authentication_classes = (NodeSignatureAuthentication,)
    permission_classes = (IsMemberNode,)

    @extend_schema(
        operation_id="directory",
        parameters=[
            OpenApiParameter(
                "version",
                OpenApiTypes.STR,
                description="The directory version to answer with: 1.0 (the default) or 2.0; a "
                "newer minor of a major the hub has gets that major's newest.",
            )
        ],
        responses={
            200: OpenApiResponse(Envelope, description="A control.directory envelope."),
            **error_responses(*SIGNED, UnsupportedVersionError),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        version = directory_version_for(request.query_params.get("version"))
        return HttpResponse(directory_sign(version=version).to_bytes(), content_type="application/json")


class KeyRotationsApi(APIView):
    """A member presents a signed ``control.key_rotation`` 2.0: its next signing key, or a new
    encryption key. The hub applies it before it answers; from then on its directory lists the
    new key and the replaced one as retired."""

    authentication_classes = (NodeSignatureAuthentication,)
    permission_classes = (IsMemberNode,)

    @extend_schema(
        operation_id="key_rotation",
        request=Envelope,
        responses={
            201: OpenApiResponse(KeyRotationResponse, description="Applied: the directory lists the key."),
            200: OpenApiResponse(KeyRotationResponse, description="This rotation was applied before."),
            **error_responses(
                *SIGNED,
                *JSON_BODY,
                BodyTooLargeError,
                MalformedEnvelopeError,
                PayloadTooLargeError,
                WrongTypeError,
                UnsupportedVersionError,
                BadSignatureError,
                SchemaViolationError,
                SourceMismatchError,
                UnknownKeyAlgorithmError,
                KeyIdMismatchError,
                KeyBindingInvalidError,
                BadProofError,
                InvalidKeyRotationError,
            ),
        },
    )
    def post(self, request: Request) -> Response:
        identity = request.user
        assert isinstance(identity, NodeIdentity)  # IsMemberNode let the request through
        response = key_rotation_apply(raw=request._request.body, signer_keyid=identity.keyid)
        status = 201 if response.status == "applied" else 200
        return Response(response.model_dump(mode="json", by_alias=True), status=status)
