from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubCasesConfig(AppConfig):
    """Case transfers as the hub sees them: routing metadata it checks, a sealed case it cannot
    read."""

    name = "hub.cases"
    label = "hub_cases"
    verbose_name = _("Case transfers")

    def ready(self) -> None:
        from hub.cases.services import TRANSFER_REQUEST, transfer_admit
        from hub.exchange.admission import admission_register

        admission_register(TRANSFER_REQUEST, transfer_admit)
