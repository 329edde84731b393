from __future__ import annotations

from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "node.exchange"
    label = "exchange"

    def ready(self) -> None:
        from common.security import data_dirs_ensure

        data_dirs_ensure()
