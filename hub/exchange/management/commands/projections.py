"""The hub's projections of its log: where each has read to, and a rebuild from the log alone.

python -m hub.manage projections                    # each projection, its position and totals
python -m hub.manage projections --run              # catch every projection up now
python -m hub.manage projections --rebuild catalogue
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from contracts.errors import NotFoundError
from hub.exchange.projections import projection_rebuild, projections, projections_run
from hub.exchange.selectors import log_size, projection_overview


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--run", action="store_true", help="Read the new log entries now.")
        group.add_argument(
            "--rebuild", metavar="NAME", help="Forget NAME's view and read the whole log again."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            try:
                report = projection_rebuild(name=options["rebuild"])
            except NotFoundError as exc:
                raise CommandError(f"{exc.code}: {exc.message}") from exc
            self.stdout.write(
                f"{options['rebuild']}: read {report.read} log entries to index {report.position}: "
                f"{report.applied} applied, {report.refused} refused, {report.dead} dead letters"
            )
            return
        if options["run"]:
            projections_run(max_pages=10**9)
        size = log_size()
        for view in projection_overview(names=projections(), size=size):
            self.stdout.write(
                f"{view.name:<14} at {view.position:>9} of {size}  behind {view.behind:>7}  "
                f"applied {view.applied_total:>8}  refused {view.refused_total:>6}"
            )
