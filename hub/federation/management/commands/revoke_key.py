from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.federation.models import MemberKey
from hub.federation.services import key_revoke


class Command(BaseCommand):
    help = "Revoke a member's signing key: the hub refuses its requests and messages from now on."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("keyid")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            key = key_revoke(keyid=options["keyid"])
        except MemberKey.DoesNotExist as exc:
            raise CommandError(f"No key {options['keyid']}.") from exc
        self.stdout.write(f"Revoked {key.keyid} of {key.member.code}.")
