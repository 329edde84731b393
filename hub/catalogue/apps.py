from __future__ import annotations

from django.apps import AppConfig


class HubCatalogueConfig(AppConfig):
    """The hub's copy of the federated catalogue, projected from its own message log."""

    name = "hub.catalogue"
    label = "hub_catalogue"
