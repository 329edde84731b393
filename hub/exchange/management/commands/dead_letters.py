"""Log entries that one of the hub's own consumers (the catalogue projection) could not apply.

python -m hub.manage dead_letters                              # list; exit 1 if any is open
python -m hub.manage dead_letters --retry LOG_INDEX            # apply it again (after a fix)
python -m hub.manage dead_letters --discard LOG_INDEX --note "why"

The entries stay in the log whatever happens here; nodes have their own dead letters
(python -m node.manage dead_letters).
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.catalogue.services import CONSUMER, catalogue_retry
from hub.exchange.selectors import projection_dead_letters
from hub.exchange.services import projection_dead_letter_resolve


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--retry", metavar="LOG_INDEX", type=int)
        group.add_argument("--discard", metavar="LOG_INDEX", type=int)
        parser.add_argument("--note", default="", help="Why it is discarded (kept with the record).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["retry"] is not None:
            error = catalogue_retry(log_index=options["retry"])
            self.stdout.write(
                f"log index {options['retry']}: "
                + ("applied" if error is None else f"still refused: {error.code}: {error.message}")
            )
            return
        if options["discard"] is not None:
            if not options["note"]:
                raise CommandError("Say why with --note; it is kept with the record.")
            if not projection_dead_letter_resolve(
                consumer=CONSUMER, log_index=options["discard"], resolution=f"discarded: {options['note']}"
            ):
                raise CommandError(
                    f"not-a-dead-letter: log index {options['discard']} is not an open dead letter."
                )
            self.stdout.write(f"log index {options['discard']}: discarded")
            return
        rows = list(projection_dead_letters())
        for row in rows:
            self.stdout.write(
                f"{row.consumer} #{row.log_index}  {row.code}  {row.created_at:%Y-%m-%d %H:%M:%S}  "
                f"attempts {row.attempts}  {row.reason}"
            )
        self.stdout.write(f"{len(rows)} open dead letter(s)")
        if rows:
            sys.exit(1)
