from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "hub.exchange"
    label = "exchange"
    verbose_name = _("Message log")

    def ready(self) -> None:
        from common.security import data_dirs_ensure

        data_dirs_ensure()
