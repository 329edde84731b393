from __future__ import annotations

import dataclasses

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.schema_export import speaks
from node.exchange.selectors import sync_status


class StatusApi(APIView):
    """Enrolment and sync state: outbox backlog, inbox counts, cursor, last error."""

    permission_classes = (AllowAny,)

    @extend_schema(responses={200: OpenApiResponse(description="The node's sync status.")})
    def get(self, request: Request) -> Response:
        return Response(dataclasses.asdict(sync_status()) | {"speaks": speaks()})
