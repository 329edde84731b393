from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from node.register.rights import register_prune


class Command(BaseCommand):
    help = (
        "Remove what the register holds past its retention: closed or transferred people (with "
        "everything of theirs) REGISTER_RETENTION_YEARS after closing, access-log lines after "
        "REGISTER_ACCESS_LOG_RETENTION_YEARS, import runs after REGISTER_IMPORT_RETENTION_DAYS. "
        "The beat does this daily."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count what would go; change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = register_prune(dry_run=options["dry_run"])
        verb = "Would remove" if report.dry_run else "Removed"
        for kind, count in report.removed.items():
            self.stdout.write(f"{verb} {count} {kind.replace('_', ' ')}")
        self.stdout.write(
            f"Kept: people {settings.REGISTER_RETENTION_YEARS} years after closing, the access log "
            f"{settings.REGISTER_ACCESS_LOG_RETENTION_YEARS} years, import runs "
            f"{settings.REGISTER_IMPORT_RETENTION_DAYS} days."
        )
