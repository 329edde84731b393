from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from node.catalogue.demo_data import DEMO_SERVICES
from node.catalogue.models import Service
from node.catalogue.services import service_create
from node.federation.selectors import enrolment_get


class Command(BaseCommand):
    help = "Publish this node's demo catalogue entries (synthetic; once: skipped if entries exist)."

    def handle(self, *args: Any, **options: Any) -> None:
        code = enrolment_get().node_code
        if Service.objects.exists():
            self.stdout.write("Catalogue already has entries; nothing seeded.")
            return
        entries = DEMO_SERVICES.get(code, [])
        for fields in entries:
            service_create(fields=fields)
        self.stdout.write(f"Published {len(entries)} demo services for {code}.")
