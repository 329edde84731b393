from __future__ import annotations

import uuid

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from node.catalogue.models import FederatedService, Service
from node.catalogue.selectors import federated_service_list, own_service_list
from node.catalogue.serializers import FederatedServiceSerializer, ServiceSerializer
from node.catalogue.services import service_create, service_update, service_withdraw


class ServiceListApi(GenericAPIView[Service]):
    """This municipality's own catalogue entries. Every change is published to the federation."""

    serializer_class = ServiceSerializer

    def get_queryset(self) -> QuerySet[Service]:
        return own_service_list()

    @extend_schema(operation_id="services_list")
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def post(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        service = service_create(fields=dict(serializer.validated_data))
        return Response(ServiceSerializer(service).data, status=status.HTTP_201_CREATED)


class ServiceDetailApi(GenericAPIView[Service]):
    serializer_class = ServiceSerializer
    lookup_field = "id"

    def get_queryset(self) -> QuerySet[Service]:
        return own_service_list()

    def get(self, request: Request, id: uuid.UUID) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    def patch(self, request: Request, id: uuid.UUID) -> Response:
        service = self.get_object()
        serializer = self.get_serializer(service, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        service = service_update(service_id=service.id, fields=dict(serializer.validated_data))
        return Response(ServiceSerializer(service).data)

    def put(self, request: Request, id: uuid.UUID) -> Response:
        service = self.get_object()
        serializer = self.get_serializer(service, data=request.data)
        serializer.is_valid(raise_exception=True)
        service = service_update(service_id=service.id, fields=dict(serializer.validated_data))
        return Response(ServiceSerializer(service).data)

    def delete(self, request: Request, id: uuid.UUID) -> Response:
        service = service_withdraw(service_id=self.get_object().id)
        return Response(ServiceSerializer(service).data)


class CatalogueApi(GenericAPIView[FederatedService]):
    """The federated catalogue: every active entry of every node, with its origin."""

    serializer_class = FederatedServiceSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q", str, description="Words that must all appear in name, description or organisation."
            ),
            OpenApiParameter("origin", str, description="Only entries from this node, e.g. MK-CAIR."),
            OpenApiParameter("target_group", str, description="A target-group code, e.g. roma."),
        ]
    )
    def get(self, request: Request) -> Response:
        services = federated_service_list(
            query=request.query_params.get("q", ""),
            origin=request.query_params.get("origin", ""),
            target_group=request.query_params.get("target_group", ""),
        )
        page = self.paginate_queryset(services)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
