from __future__ import annotations

from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "node.federation"
    label = "federation"
