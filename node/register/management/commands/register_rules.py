from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from node.register.rules import no_contact_days, rules_run_each


class Command(BaseCommand):
    help = (
        "Run the register's rules (high risk, missed session, no contact for REGISTER_NO_CONTACT_DAYS) "
        "and print how many flags each raised; the beat does this every REGISTER_RULES_INTERVAL seconds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Run as of this day (YYYY-MM-DD); today by default.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError(f"--date: {options['date']!r} is not a day in the form YYYY-MM-DD.") from None
        raised = rules_run_each(today=today)
        for rule, count in raised.items():
            self.stdout.write(f"{rule}: {count} flag{'' if count == 1 else 's'} raised")
        total = sum(raised.values())
        self.stdout.write(
            f"{total} flag{'' if total == 1 else 's'} raised in all; "
            f"no contact means none for {no_contact_days()} days."
        )
