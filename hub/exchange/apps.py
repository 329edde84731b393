from __future__ import annotations

from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "hub.exchange"
    label = "exchange"
    verbose_name = "Message log"

    def ready(self) -> None:
        from common.security import data_dirs_ensure

        data_dirs_ensure()
