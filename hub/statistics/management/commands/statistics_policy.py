from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from contracts.control import DifferentialPrivacy
from hub.statistics.services import policy_in_force, policy_issue


class Command(BaseCommand):
    help = (
        "Show the federation's statistics policy in force, or sign and put in force a new version "
        "(the nodes take it at their next sync; what they released before stays as released)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--issue", action="store_true", help="Sign a new version with the options below.")
        parser.add_argument("--threshold", type=int, default=5, help="Cells under this are suppressed (5).")
        parser.add_argument("--zeros-disclosive", action="store_true", help="Suppress zeros too.")
        parser.add_argument("--rounding-base", type=int, default=None, help="Round free cells to this base.")
        parser.add_argument("--protection-width", type=int, default=5, help="Narrowest interval left (5).")
        parser.add_argument(
            "--dp",
            choices=["discrete_laplace", "discrete_gaussian"],
            help="Add differential-privacy noise with this mechanism (the nodes need the [dp] extra).",
        )
        parser.add_argument("--per-release", type=float, default=1.0, help="ε or ρ one release spends.")
        parser.add_argument("--budget", type=float, default=4.0, help="ε or ρ a family may spend per period.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["issue"]:
            dp = (
                DifferentialPrivacy(
                    mechanism=options["dp"], per_release=options["per_release"], budget=options["budget"]
                )
                if options["dp"]
                else None
            )
            issued = policy_issue(
                threshold=options["threshold"],
                zeros_disclosive=options["zeros_disclosive"],
                rounding_base=options["rounding_base"],
                protection_width=options["protection_width"],
                differential_privacy=dp,
            )
        else:
            issued = policy_in_force()
        self.stdout.write(json.dumps(issued.policy, indent=2, ensure_ascii=False))
        self.stdout.write(f"digest {issued.digest}")
