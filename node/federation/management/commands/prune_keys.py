from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from node.federation.services import encryption_keys_prune


class Command(BaseCommand):
    help = (
        "Delete the private keys of encryption keys retired longer ago than "
        "NODE_ENCRYPTION_KEY_RETENTION_DAYS (the beat does this hourly)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        destroyed = encryption_keys_prune()
        for key in destroyed:
            self.stdout.write(f"Deleted encryption key {key.keyid}, retired {key.retired_at:%Y-%m-%d}.")
        self.stdout.write(
            f"{len(destroyed)} encryption key{'' if len(destroyed) == 1 else 's'} deleted; "
            f"retired keys are kept {settings.NODE_ENCRYPTION_KEY_RETENTION_DAYS} days."
        )
