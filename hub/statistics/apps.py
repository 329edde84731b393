from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubStatisticsConfig(AppConfig):
    """The municipalities' protected statistics, projected from the hub's own log."""

    name = "hub.statistics"
    label = "hub_statistics"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from hub.exchange.projections import projection_register
        from hub.statistics.services import STATISTICS_PROJECTION

        projection_register(STATISTICS_PROJECTION)
