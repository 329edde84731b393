"""Received messages this node keeps until it applies their type (a family a newer release or a
plug-in brings).

python -m node.manage inbox_unhandled                  # list them by type
python -m node.manage inbox_unhandled --replay         # apply those whose type is now applied here
python -m node.manage inbox_unhandled --replay --type probe.note

The worker replays them on its own after each pull once an applier is there; this command is
for an operator who wants it now, or to see what waits.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count, Min

from node.exchange.inbox import appliers, inbox_unhandled_replay
from node.exchange.models import InboxMessage


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--replay", action="store_true", help="Apply those this node can apply now.")
        parser.add_argument("--type", default=None, help="Only messages of this type.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["replay"]:
            report = inbox_unhandled_replay(message_type=options["type"])
            self.stdout.write(
                f"applied {report.applied}, rejected {report.rejected}, still unhandled {report.unhandled}"
            )
        rows = (
            InboxMessage.objects.filter(status=InboxMessage.Status.UNHANDLED)
            .values("type")
            .annotate(n=Count("id"), first=Min("log_index"))
            .order_by("type")
        )
        if options["type"]:
            rows = rows.filter(type=options["type"])
        applied_here = appliers()
        for row in rows:
            state = (
                "applier installed: replays after the next pull"
                if row["type"] in applied_here
                else "no applier"
            )
            self.stdout.write(
                f"{row['type'] or '?':<32} {row['n']:>7}  from log index {row['first']}  {state}"
            )
        self.stdout.write(f"{sum(r['n'] for r in rows)} unhandled message(s)")
