from __future__ import annotations

from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "node.catalogue"
    label = "catalogue"

    def ready(self) -> None:
        from node.catalogue.services import MESSAGE_TYPE, federated_services_apply
        from node.exchange.services import applier_register

        applier_register(MESSAGE_TYPE, federated_services_apply)
