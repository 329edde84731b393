from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hub.catalogue.services import catalogue_rebuild


class Command(BaseCommand):
    help = "Rebuild the hub's federated catalogue from its message log."

    def handle(self, *args: Any, **options: Any) -> None:
        report = catalogue_rebuild()
        self.stdout.write(
            f"read {report.read} log entries to index {report.position}: "
            f"{report.applied} catalogue messages applied, {report.refused} refused"
        )
