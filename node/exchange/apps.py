from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "node.exchange"
    label = "exchange"
    verbose_name = _("Exchange")

    def ready(self) -> None:
        from common.security import data_dirs_ensure

        data_dirs_ensure()
