from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubStatisticsConfig(AppConfig):
    """The municipalities' protected statistics, projected from the hub's own log."""

    name = "hub.statistics"
    label = "hub_statistics"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from hub.exchange.admission import admission_register
        from hub.exchange.projections import projection_register
        from hub.statistics.services import MESSAGE_TYPE, STATISTICS_PROJECTION, statistics_admit

        projection_register(STATISTICS_PROJECTION)
        admission_register(MESSAGE_TYPE, statistics_admit)
