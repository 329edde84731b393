from __future__ import annotations

from django.db.models import QuerySet

from node.catalogue.models import FederatedService, Service


def federated_service_list(
    *, query: str = "", origin: str = "", target_group: str = "", include_withdrawn: bool = False
) -> QuerySet[FederatedService]:
    services = FederatedService.objects.all()
    if not include_withdrawn:
        services = services.exclude(status="defunct")
    if origin:
        services = services.filter(origin=origin)
    if query:
        for word in query.casefold().split():
            services = services.filter(search_text__contains=word)
    if target_group:
        # Target groups are part of the text index as "tg:<code>" tokens, so this works on SQLite too.
        services = services.filter(search_text__contains=f"tg:{target_group}")
    return services


def own_service_list() -> QuerySet[Service]:
    return Service.objects.all()
