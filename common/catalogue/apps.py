from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederatedCatalogueConfig(AppConfig):
    """The federated catalogue, shared by the hub and every node: what every node published,
    searchable, with its provenance; the HSDS read API and the public portal over it."""

    name = "common.catalogue"
    label = "federated_catalogue"
    verbose_name = _("Federated catalogue")
