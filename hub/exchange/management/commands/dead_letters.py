"""Log entries that one of the hub's projections (the catalogue, …) could not apply.

python -m hub.manage dead_letters                              # list; exit 1 if any is open
python -m hub.manage dead_letters --retry LOG_INDEX            # apply it again (after a fix)
python -m hub.manage dead_letters --discard LOG_INDEX --note "why"

--projection NAME picks one projection when several hold the same entry (default: every one
that holds it open).

The entries stay in the log whatever happens here; nodes have their own dead letters
(python -m node.manage dead_letters).
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.exchange.projections import projection_retry
from hub.exchange.selectors import projection_dead_letters
from hub.exchange.services import projection_dead_letter_resolve


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--retry", metavar="LOG_INDEX", type=int)
        group.add_argument("--discard", metavar="LOG_INDEX", type=int)
        parser.add_argument("--note", default="", help="Why it is discarded (kept with the record).")
        parser.add_argument("--projection", default=None, help="Only this projection's dead letter.")

    def handle(self, *args: Any, **options: Any) -> None:
        index = options["retry"] if options["retry"] is not None else options["discard"]
        if index is not None:
            names = [
                name
                for name in projection_dead_letters()
                .filter(log_index=index)
                .values_list("consumer", flat=True)
                if options["projection"] in (None, name)
            ]
            if not names:
                raise CommandError(f"not-a-dead-letter: log index {index} is not an open dead letter.")
            if options["discard"] is not None and not options["note"]:
                raise CommandError("Say why with --note; it is kept with the record.")
            for name in names:
                if options["retry"] is not None:
                    error = projection_retry(name=name, log_index=index)
                    outcome = "applied" if error is None else f"still refused: {error.code}: {error.message}"
                else:
                    projection_dead_letter_resolve(
                        consumer=name, log_index=index, resolution=f"discarded: {options['note']}"
                    )
                    outcome = "discarded"
                self.stdout.write(f"{name}: log index {index}: {outcome}")
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
