"""DRF authentication of node requests by RFC 9421 signature (see ``contracts.httpsig``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from contracts.api import ErrorBody
from contracts.httpsig import RequestAuth, verify_request
from hub.federation.selectors import trusted_key_resolve
from hub.federation.services import member_touch, request_nonce_record


@dataclass(frozen=True)
class NodeIdentity:
    """The authenticated node behind a request; stands in for ``request.user``."""

    code: str
    keyid: str
    is_authenticated: bool = True


class NodeSignatureAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[NodeIdentity, RequestAuth]:
        django_request = request._request
        auth = verify_request(
            method=django_request.method or "GET",
            # Only method, path and query are covered, so the authority is immaterial.
            url="http://hub" + django_request.get_full_path(),
            headers=django_request.headers,
            body=django_request.body,
            resolve_key=trusted_key_resolve,
            check_nonce=request_nonce_record,
            max_skew=dt.timedelta(seconds=settings.HUB_REQUEST_MAX_SKEW_SECONDS),
        )
        member_touch(code=auth.signer)
        return NodeIdentity(code=auth.signer, keyid=auth.keyid), auth

    def authenticate_header(self, request: Request) -> str:
        return 'Signature realm="socialhub"'


class IsMemberNode(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return isinstance(request.user, NodeIdentity)


class NodeSignatureScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """Describes the RFC 9421 signature in the OpenAPI document (OpenAPI has no scheme for it)."""

    target_class = NodeSignatureAuthentication
    name = "nodeSignature"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Signature",
            "description": (
                "RFC 9421 HTTP Message Signature by the node's enrolled Ed25519 key, tag 'socialhub', "
                "covering @method, @path, @query and Content-Digest, with created, nonce and keyid "
                "(sent in Signature-Input). See contracts/httpsig.py."
            ),
        }


REFUSALS: dict[int, OpenApiResponse] = {
    400: OpenApiResponse(
        ErrorBody, description="Malformed request (bad JSON, JSON nested too deep, cursor or envelope)."
    ),
    401: OpenApiResponse(ErrorBody, description="Missing, stale, replayed or bad request signature."),
    403: OpenApiResponse(ErrorBody, description="The key is revoked or the member may not do this."),
}
"""The refusals every request signed by a member may get, for the OpenAPI document."""
