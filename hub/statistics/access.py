"""Who may read the statistics at the hub: the ministry, a read-only role of its own (the Django
group ``ministry``), by its login in a browser or by an API token. Nothing else of the hub is open
to it, and no one outside the group reads the statistics (the hub's operators included)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from hub.statistics.models import MinistryToken

MINISTRY_GROUP = "ministry"


def is_ministry(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and isinstance(user, User)
        and user.groups.filter(name=MINISTRY_GROUP).exists()
    )


class MinistryTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer smt_…``: a ministry API token (its SHA-256 is looked up)."""

    keyword = b"bearer"

    def authenticate(self, request: Request) -> tuple[Any, MinistryToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("The Authorization header is Bearer and one token.")
        digest = hashlib.sha256(parts[1]).hexdigest()
        token = MinistryToken.objects.select_related("user").filter(token_sha256=digest).first()
        if token is None or token.revoked_at is not None or not token.user.is_active:
            raise AuthenticationFailed("This API token is unknown or revoked.")
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            MinistryToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="socialhub-statistics"'


class MinistrySessionAuthentication(SessionAuthentication):
    """The ministry's browser login (the statistics pages call the API with it)."""


class IsMinistry(BasePermission):
    message = "Only the ministry's statistics role reads this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return is_ministry(request.user)


MINISTRY_AUTHENTICATION = (MinistryTokenAuthentication, MinistrySessionAuthentication)


class MinistryTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = MinistryTokenAuthentication
    name = "ministryToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A ministry API token (smt_…), made on the hub's /ministry/ page or with "
            "`python -m hub.manage ministry_token`.",
        }


class MinistrySessionScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = MinistrySessionAuthentication
    name = "ministrySession"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
