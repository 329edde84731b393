from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "node.catalogue"
    label = "catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from common.catalogue.services import MESSAGE_TYPES, event_applier
        from node.exchange.inbox import applier_register

        for message_type in MESSAGE_TYPES:
            applier_register(message_type, event_applier(message_type))
