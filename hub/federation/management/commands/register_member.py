from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from contracts.errors import ContractError
from hub.federation.selectors import hub_keyid
from hub.federation.services import member_register


class Command(BaseCommand):
    help = "Register a municipality and print a one-time enrolment token for its node."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True, help="Member code, e.g. MK-CAIR.")
        parser.add_argument("--name", required=True, help="Name of the municipality, e.g. Чаир.")
        parser.add_argument("--country", required=True, choices=["MK", "BG", "RS"])
        parser.add_argument(
            "--region", default="", help="Statistical region the ministry adds it up by, e.g. Сремски округ."
        )
        parser.add_argument("--ttl-hours", type=int, default=None, help="Token lifetime (default 72 h).")
        parser.add_argument("--json", action="store_true", help="Print a JSON object instead of text.")

    def handle(self, *args: Any, **options: Any) -> None:
        ttl = dt.timedelta(hours=options["ttl_hours"]) if options["ttl_hours"] else None
        try:
            issued = member_register(
                code=options["code"],
                name=options["name"],
                country=options["country"],
                region=options["region"],
                ttl=ttl,
            )
        except ContractError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "code": issued.member.code,
                        "token": issued.token,
                        "expires_at": issued.expires_at.isoformat(),
                        "hub_keyid": hub_keyid(),
                    }
                )
            )
            return
        self.stdout.write(f"Registered {issued.member.code} ({issued.member.name}).")
        self.stdout.write(f"Enrolment token (one use, expires {issued.expires_at:%Y-%m-%d %H:%M} UTC):")
        self.stdout.write(f"  {issued.token}")
        self.stdout.write(f"Hub key fingerprint, for the node operator to pin:\n  {hub_keyid()}")
        self.stdout.write(
            "On the node run:\n  python -m node.manage enrol --hub <hub URL> --token <token> "
            "--hub-keyid <fingerprint>"
        )
