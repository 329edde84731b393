from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from contracts.errors import ContractError
from node.statistics.services import policy_held, policy_refresh, statistics_round


class Command(BaseCommand):
    help = (
        "Fetch the hub's statistics policy and draft a period now from the register, as the node's "
        "schedule does; with --approve-as, approve it as that supervisor, which puts it in the "
        "outbox for the hub (otherwise a supervisor approves it on the node's statistics page)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--period", action="append", required=True, help="2026-06, 2026-Q2 or 2026 (repeatable)."
        )
        parser.add_argument("--approve-as", default="", help="A supervisor's login that approves the drafts.")
        parser.add_argument("--offline", action="store_true", help="Use the policy held; do not ask the hub.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            policy = policy_held() if options["offline"] else policy_refresh()
            report = statistics_round(periods=options["period"], approve_as=options["approve_as"])
        except ContractError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        self.stdout.write(
            json.dumps(
                {
                    "policy": policy.version,
                    "drafted": report.drafted,
                    "approved": report.approved,
                    "failed": report.failed,
                }
            )
        )
        if report.failed:
            raise CommandError(f"not drafted: {report.failed}")
