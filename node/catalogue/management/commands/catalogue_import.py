from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from contracts.errors import ContractError
from node.catalogue.importer import catalogue_import


class Command(BaseCommand):
    help = (
        "Import an Open Referral HSDS data package (a folder of CSV tables, its datapackage.json, "
        "or a JSON file) into this node's catalogue and publish it. Broken records are reported by "
        "table and row and not imported; the valid ones are. Exit status 1 if any row was refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--language",
            default="en",
            help="Language tag of the package's text (mk, bg, sr-Cyrl, sr-Latn, sq, en).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check every record; import nothing.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = catalogue_import(
                options["path"], language=options["language"], dry_run=options["dry_run"]
            )
        except ContractError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        if options["json"]:
            self.stdout.write(json.dumps(asdict(report), indent=2, ensure_ascii=False))
        else:
            verb = "would import" if options["dry_run"] else "imported"
            for table in report.created:
                self.stdout.write(
                    f"{table:<22} created {report.created[table]:>5}  updated {report.updated[table]:>5}  "
                    f"unchanged {report.unchanged[table]:>5}"
                )
            for error in report.errors:
                self.stderr.write(
                    f"{error.table}.csv row {error.row} (id {error.id or '-'}): {error.code}: {error.message}"
                )
            self.stdout.write(f"{verb} {report.imported} records; {len(report.errors)} refused")
        if report.errors:
            raise SystemExit(1)
