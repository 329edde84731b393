from __future__ import annotations

from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "node.exchange"
    label = "exchange"
