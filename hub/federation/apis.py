from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from pydantic import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.api import ErrorBody
from contracts.control import EnrolmentRequest, EnrolmentResponse
from contracts.envelope import Envelope
from contracts.errors import MalformedJSONError, SchemaViolationError, validation_detail
from contracts.limits import check_json_depth
from hub.federation.authentication import REFUSALS, IsMemberNode, NodeSignatureAuthentication
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
            400: OpenApiResponse(ErrorBody, description="Malformed or incomplete request."),
            403: OpenApiResponse(ErrorBody, description="Unknown, used or expired token; or a bad proof."),
        },
    )
    def post(self, request: Request) -> Response:
        body = request._request.body
        check_json_depth(body, what="The enrolment request")
        try:
            enrolment = EnrolmentRequest.model_validate_json(body, strict=True)
        except ValidationError as exc:
            if any(e["type"] == "json_invalid" for e in exc.errors()):
                raise MalformedJSONError() from exc
            raise SchemaViolationError(
                "The enrolment request is incomplete.", detail=validation_detail(exc)
            ) from exc
        response = member_enrol(request=enrolment)
        return Response(response.model_dump(mode="json"), status=201)


class DirectoryApi(APIView):
    """The federation directory: every member and key, signed by the hub (a DSSE envelope)."""

    authentication_classes = (NodeSignatureAuthentication,)
    permission_classes = (IsMemberNode,)

    @extend_schema(
        operation_id="directory",
        responses={200: OpenApiResponse(Envelope, description="A control.directory envelope."), **REFUSALS},
    )
    def get(self, request: Request) -> HttpResponse:
        return HttpResponse(directory_sign().to_bytes(), content_type="application/json")
