from __future__ import annotations

from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "hub.federation"
    label = "federation"
    verbose_name = "Federation members"
