"""Import a social-mapping file (CSV or XLSX) into the register.

    python -m node.manage register_import visits.xlsx --user ana [--all-or-nothing] [--errors out.csv]

Exit status: 0 when every row is in the register (imported now or before), 1 when some rows
were left out (their errors are printed, and written to ``--errors``), 2 when nothing could be
imported: the file cannot be read or lacks the template's columns, or the user may not import.
The template: ``docs/register-import.md``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from contracts.errors import ContractError
from node.register.importer import ImportProgress, ImportReport, errors_csv, register_import

# The error table shows the first rows only; ``--errors`` writes every one.
TABLE_ROWS = 200


class Command(BaseCommand):
    help = "Import field visits of social mapping from a CSV or XLSX file (docs/register-import.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The CSV or XLSX file (the XLSX's first sheet is read).")
        parser.add_argument("--user", required=True, help="The member of staff importing (user name).")
        parser.add_argument(
            "--all-or-nothing",
            action="store_true",
            help="Import nothing if any row is broken (by default the good rows are imported).",
        )
        parser.add_argument("--errors", metavar="CSV", help="Write the row errors to this CSV file.")
        parser.add_argument(
            "--progress-every",
            type=int,
            default=5000,
            metavar="N",
            help="Print progress every N rows (and at least every second); 0 for none.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            message = f"invalid-register-import: {path} cannot be read ({exc})."
            raise CommandError(message, returncode=2) from None
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"not-register-staff: there is no user {options['user']!r}.", returncode=2)
        progress = _Progress(self.stderr, every=options["progress_every"])
        try:
            report = register_import(
                actor=user,
                data=data,
                filename=path.name,
                all_or_nothing=options["all_or_nothing"],
                progress=progress,
                progress_every=100,
            )
        except ContractError as exc:
            raise CommandError(f"{exc.code}: {exc.message}", returncode=2) from None
        self._summary(report)
        if options["errors"]:
            Path(options["errors"]).write_text(errors_csv(report.errors), encoding="utf-8")
            self.stdout.write(f"Errors written to {options['errors']}.")
        if report.left_out:
            raise CommandError(self._left_out(report), returncode=1)

    def _summary(self, report: ImportReport) -> None:
        out = self.stdout
        if report.errors:
            width = max(len(error.column) for error in report.errors[:TABLE_ROWS])
            codes = max(len(error.code) for error in report.errors[:TABLE_ROWS])
            out.write(f"{'row':>6}  {'column':<{width}}  {'code':<{codes}}  message")
            for error in report.errors[:TABLE_ROWS]:
                out.write(f"{error.row:>6}  {error.column:<{width}}  {error.code:<{codes}}  {error.message}")
            if len(report.errors) > TABLE_ROWS:
                out.write(f"… and {len(report.errors) - TABLE_ROWS} more errors (all of them: --errors).")
        rate = report.rows / report.seconds if report.seconds else 0.0
        out.write(
            f"{report.rows} rows: {report.imported} imported ({report.people_created} people and "
            f"{report.households_created} households created, {report.assessments} risk assessments), "
            f"{report.already_imported} already imported, {report.left_out} left out; "
            f"{report.seconds:.1f} s, {rate:,.0f} rows/s."
        )
        if report.earlier_runs:
            out.write(f"This file was imported {report.earlier_runs} time(s) before.")

    @staticmethod
    def _left_out(report: ImportReport) -> str:
        broken = len(report.rejected_rows)
        if report.all_or_nothing and report.errors:
            return (
                f"{broken} rows are broken: nothing was imported (--all-or-nothing); "
                "fix them and import again."
            )
        return f"{broken} rows were left out: fix them and import the file again (the rest stays as it is)."


class _Progress:
    """Prints the rows checked and imported, and the rate, every ``every`` rows or second."""

    def __init__(self, out: OutputWrapper, *, every: int) -> None:
        self.out, self.every = out, every
        self.at, self.done, self.stage = time.monotonic(), 0, ""

    def __call__(self, step: ImportProgress) -> None:
        if not self.every:
            return
        now = time.monotonic()
        final = step.done == step.total or step.stage != self.stage
        if not final and step.done - self.done < self.every and now - self.at < 1.0:
            return
        self.at, self.done, self.stage = now, step.done, step.stage
        self.out.write(f"{step.stage}: {step.done:,} of {step.total:,} rows ({step.rate:,.0f} rows/s)")
