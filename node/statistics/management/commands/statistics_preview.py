from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from contracts.control import StatisticsPolicy
from contracts.errors import UnprotectableError
from contracts.indicators import INDICATORS, period_bounds, period_of
from node.statistics.compute import period_cells
from node.statistics.protection import protect


class Command(BaseCommand):
    help = (
        "Compute a period's indicators from the register and protect them as they would be "
        "released (threshold, secondary suppression, the attacker's check), and print what each "
        "indicator would publish. Nothing is stored or sent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", help="2026-06, 2026-Q2 or 2026; last month by default.")
        parser.add_argument("--threshold", type=int, default=5, help="Cells under this are suppressed (5).")
        parser.add_argument(
            "--width", type=int, default=5, help="The narrowest interval left to an attacker (5)."
        )
        parser.add_argument("--rounding-base", type=int, default=None, help="Round free cells to this base.")
        parser.add_argument("--json", action="store_true", help="Print the protected cells as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        period = options["period"] or period_of(
            timezone.localdate().replace(day=1) - dt.timedelta(days=1), "month"
        )
        try:
            first, last = period_bounds(period)
        except ValueError as exc:
            raise CommandError(f"--period: {exc}.") from None
        if first > timezone.localdate():
            raise CommandError(f"--period: {period} has not begun yet.")
        try:
            policy = StatisticsPolicy(
                version=1,
                issued_at=timezone.now(),
                threshold=options["threshold"],
                protection_width=options["width"],
                rounding_base=options["rounding_base"],
            )
        except ValueError as exc:
            raise CommandError(f"The policy is not valid: {exc}") from None
        started = time.monotonic()
        raw = period_cells(period)
        counted = time.monotonic() - started
        self.stderr.write(
            f"{period} ({first} to {last}): {len(raw)} cells counted in {counted:.1f} s; protecting …"
        )
        try:
            released = protect(raw, policy)
        except UnprotectableError as exc:
            raise CommandError(f"{period} cannot be protected as asked: {exc}") from None
        protected = time.monotonic() - started - counted
        if options["json"]:
            self.stdout.write(
                json.dumps({"period": period, "cells": released.cells}, ensure_ascii=False, indent=1)
            )
            return
        for definition in INDICATORS:
            cells = [c for c in released.cells if c["indicator"] == definition.code]
            total = next(c for c in cells if not c["categories"])
            primary = sum(1 for c in cells if c["conf_status"] == "A")
            secondary = sum(1 for c in cells if c["conf_status"] == "D")
            shown = "suppressed" if total["value"] is None else str(total["value"])
            self.stdout.write(
                f"{definition.code:<24} total {shown:>10}; {len(cells)} cells, "
                f"{primary} suppressed as small (A), {secondary} with them (D)"
            )
        self.stdout.write(
            f"protected in {protected:.1f} s under threshold {policy.threshold}, "
            f"width {policy.protection_width}"
        )
