"""This node's own catalogue, editable by its staff; every change is published to the federation."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from common.openapi import JSON_BODY, NOT_FOUND, STAFF, error_responses
from contracts.errors import (
    ContractError,
    InvalidInputError,
    MissingFieldError,
    NotEnrolledError,
    NotFoundError,
    SchemaViolationError,
    UnknownCodeError,
    UnknownLanguageError,
    UnknownReferenceError,
)
from node.catalogue.models import Entry, Location, Organization, Service, ServiceAtLocation
from node.catalogue.serializers import (
    EntrySerializer,
    LocationSerializer,
    OrganizationSerializer,
    ServiceAtLocationSerializer,
    ServiceSerializer,
)
from node.catalogue.services import entry_create, entry_update, entry_withdraw


class _OwnEntries(GenericAPIView[Entry]):
    model: type[Entry]
    serializer_class: type[EntrySerializer]

    def get_queryset(self) -> QuerySet[Any]:
        entries: QuerySet[Any] = self.model._default_manager.all()
        return entries


class _ListApi(_OwnEntries):
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def post(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = entry_create(self.model, fields=dict(serializer.validated_data))
        return Response(self.get_serializer(entry).data, status=status.HTTP_201_CREATED)


class _DetailApi(_OwnEntries):
    lookup_field = "id"

    def get(self, request: Request, id: uuid.UUID) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    def patch(self, request: Request, id: uuid.UUID) -> Response:
        return self._update(partial=True)

    def put(self, request: Request, id: uuid.UUID) -> Response:
        return self._update(partial=False)

    def delete(self, request: Request, id: uuid.UUID) -> Response:
        entry = entry_withdraw(self.model, entry_id=self.get_object().id)
        return Response(self.get_serializer(entry).data)

    def _update(self, *, partial: bool) -> Response:
        entry = self.get_object()
        serializer = self.get_serializer(entry, data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        entry = entry_update(self.model, entry_id=entry.id, fields=dict(serializer.validated_data))
        return Response(self.get_serializer(entry).data)


_WRITE_ERRORS: tuple[type[ContractError], ...] = (
    *STAFF,
    *JSON_BODY,
    InvalidInputError,
    NotEnrolledError,
    MissingFieldError,
    UnknownLanguageError,
    UnknownCodeError,
    UnknownReferenceError,
    SchemaViolationError,
)
"""Why a node refuses a change by its staff: login, body, the serializer, or the contract."""


def _list_schema(name: str, serializer: type[EntrySerializer]) -> Any:
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"{name}_list",
            responses={200: serializer(many=True), **error_responses(InvalidInputError)},
        ),
        post=extend_schema(
            operation_id=f"v1_{name}_create",
            responses={201: serializer, **error_responses(*_WRITE_ERRORS)},
        ),
    )


def _detail_schema(name: str, serializer: type[EntrySerializer]) -> Any:
    return extend_schema_view(
        get=extend_schema(operation_id=f"v1_{name}_retrieve", responses={200: serializer, **NOT_FOUND}),
        put=extend_schema(
            operation_id=f"v1_{name}_update",
            responses={200: serializer, **error_responses(*_WRITE_ERRORS, NotFoundError)},
        ),
        patch=extend_schema(
            operation_id=f"v1_{name}_partial_update",
            responses={200: serializer, **error_responses(*_WRITE_ERRORS, NotFoundError)},
        ),
        delete=extend_schema(
            operation_id=f"v1_{name}_destroy",
            description="Withdraws the entry: kept here, gone from every node's catalogue.",
            responses={200: serializer, **error_responses(*_WRITE_ERRORS, NotFoundError)},
        ),
    )


@_list_schema("services", ServiceSerializer)
class ServiceListApi(_ListApi):
    """This municipality's own services."""

    model, serializer_class = Service, ServiceSerializer


@_detail_schema("services", ServiceSerializer)
class ServiceDetailApi(_DetailApi):
    model, serializer_class = Service, ServiceSerializer


@_list_schema("organizations", OrganizationSerializer)
class OrganizationListApi(_ListApi):
    """The organisations whose services this node lists."""

    model, serializer_class = Organization, OrganizationSerializer


@_detail_schema("organizations", OrganizationSerializer)
class OrganizationDetailApi(_DetailApi):
    model, serializer_class = Organization, OrganizationSerializer


@_list_schema("locations", LocationSerializer)
class LocationListApi(_ListApi):
    """Where this node's services are given."""

    model, serializer_class = Location, LocationSerializer


@_detail_schema("locations", LocationSerializer)
class LocationDetailApi(_DetailApi):
    model, serializer_class = Location, LocationSerializer


@_list_schema("service_at_locations", ServiceAtLocationSerializer)
class ServiceAtLocationListApi(_ListApi):
    """A service given at a location, with the hours and contact that hold there."""

    model, serializer_class = ServiceAtLocation, ServiceAtLocationSerializer


@_detail_schema("service_at_locations", ServiceAtLocationSerializer)
class ServiceAtLocationDetailApi(_DetailApi):
    model, serializer_class = ServiceAtLocation, ServiceAtLocationSerializer
