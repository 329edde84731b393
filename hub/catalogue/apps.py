from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubCatalogueConfig(AppConfig):
    """The hub's copy of the federated catalogue, projected from its own message log."""

    name = "hub.catalogue"
    label = "hub_catalogue"
    verbose_name = _("Hub catalogue")

    def ready(self) -> None:
        from hub.catalogue.services import CATALOGUE_PROJECTION
        from hub.exchange.projections import projection_register

        projection_register(CATALOGUE_PROJECTION)
