from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from hub.statistics.services import totals_rebuild


class Command(BaseCommand):
    help = (
        "Add up the statistics again from the current sets alone, each municipality counted in its "
        "region and country as they are now (after a municipality moved to another region)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        changed = totals_rebuild()
        self.stdout.write(f"{changed} sums written in {time.monotonic() - started:.1f} s.")
