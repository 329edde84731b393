from __future__ import annotations

from django.db.models import QuerySet

from node.catalogue.models import Location, Organization, Service, ServiceAtLocation


def own_service_list() -> QuerySet[Service]:
    return Service.objects.select_related("organization")


def own_organization_list() -> QuerySet[Organization]:
    return Organization.objects.all()


def own_location_list() -> QuerySet[Location]:
    return Location.objects.all()


def own_service_at_location_list() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.all()
