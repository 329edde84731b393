from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from contracts.errors import ContractError
from hub.federation.models import MemberKey
from hub.federation.services import key_revoke


class Command(BaseCommand):
    help = (
        "Revoke a member's key from now on. A signing key: the hub refuses its requests and "
        "messages, and what it logged before stays valid. An encryption key: nothing is sealed "
        "to it any more. Nodes learn it from the directory."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("keyid", help="The key id, e.g. ed25519:… or x25519:… (see the directory).")
        parser.add_argument(
            "--reason",
            choices=MemberKey.RevocationReason.values,
            default=MemberKey.RevocationReason.UNSPECIFIED,
            help="Why, as the directory 2.0 publishes it (default: unspecified).",
        )
        parser.add_argument(
            "--purpose",
            choices=MemberKey.Purpose.values,
            default=None,
            help="Refuse unless the key has this purpose (a guard against revoking the wrong one).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            revocation = key_revoke(
                keyid=options["keyid"], reason=options["reason"], purpose=options["purpose"]
            )
        except ContractError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        key = revocation.key
        if revocation.already:
            when = f"{key.revoked_at:%Y-%m-%d %H:%M} UTC" if key.revoked_at else "before"
            self.stdout.write(
                f"{key.keyid} of {key.member.code} was already revoked ({when}, "
                f"{key.revocation_reason or 'unspecified'}); nothing changed."
            )
            return
        self.stdout.write(
            f"Revoked the {key.purpose} key {key.keyid} of {key.member.code} ({key.revocation_reason}) "
            f"at {key.revoked_at:%Y-%m-%d %H:%M:%S} UTC."
        )
