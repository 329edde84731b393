from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from contracts.errors import ContractError, HubUnavailableError
from node.federation.models import NodeKey
from node.federation.services import key_rotate


class Command(BaseCommand):
    help = (
        "Make this node's next signing or encryption key and have the hub list it (a signed "
        "control.key_rotation 2.0, applied by the hub before it answers). Peers learn the new key "
        "from the directory."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--purpose", required=True, choices=NodeKey.Purpose.values)
        parser.add_argument(
            "--overlap-hours",
            type=int,
            default=None,
            help="Signing only: how long the hub still accepts the old key, for messages signed "
            "before the switch (default NODE_KEY_ROTATION_OVERLAP_HOURS, "
            f"{settings.NODE_KEY_ROTATION_OVERLAP_HOURS}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        hours = options["overlap_hours"]
        if hours is not None and hours < 0:
            raise CommandError("--overlap-hours cannot be negative.")
        overlap = dt.timedelta(hours=hours) if hours is not None else None
        try:
            rotation = key_rotate(purpose=options["purpose"], overlap=overlap)
        except HubUnavailableError as exc:
            raise CommandError(
                f"{exc.code}: {exc.message} The new key is kept; run rotate_key again to present it."
            ) from exc
        except ContractError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        key, replaced = rotation.key, rotation.replaced
        self.stdout.write(f"New {key.purpose} key {key.keyid}, listed by the hub.")
        if replaced is None:
            return
        if key.purpose == NodeKey.Purpose.SIGNING:
            until = (
                f"{replaced.valid_until:%Y-%m-%d %H:%M} UTC" if replaced.valid_until else "the hub's limit"
            )
            self.stdout.write(
                f"Replaced {replaced.keyid}: this node signs with the new key from now on; the hub accepts "
                f"what the old one signed until {until}."
            )
        else:
            self.stdout.write(
                f"Replaced {replaced.keyid}: kept {settings.NODE_ENCRYPTION_KEY_RETENTION_DAYS} days for "
                "transfers sealed to it, then `prune_keys` deletes it."
            )
