from __future__ import annotations

from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "hub.exchange"
    label = "exchange"
    verbose_name = "Message log"
