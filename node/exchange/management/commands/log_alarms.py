"""List the open alarms about the hub's log, or acknowledge them.

python -m node.manage log_alarms                 # list; exit 1 if any is open
python -m node.manage log_alarms --acknowledge   # after investigating: resume checking
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from node.exchange.log_services import alarms_acknowledge
from node.exchange.models import LogAlarm


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--acknowledge", action="store_true", help="Mark every open alarm as seen.")
        parser.add_argument("--evidence", action="store_true", help="Print the signed evidence too.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["acknowledge"]:
            self.stdout.write(f"acknowledged {alarms_acknowledge()} alarm(s); log checks resume")
            return
        alarms = list(LogAlarm.objects.filter(acknowledged_at__isnull=True).order_by("raised_at"))
        for alarm in alarms:
            self.stdout.write(f"{alarm.raised_at:%Y-%m-%d %H:%M:%S} {alarm.code}: {alarm.message}")
            if options["evidence"]:
                self.stdout.write(json.dumps(alarm.evidence, indent=2))
        if alarms:
            raise CommandError(f"{len(alarms)} open alarm(s) about the hub's log")
        self.stdout.write("no open alarms")
