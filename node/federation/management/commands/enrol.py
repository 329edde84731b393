from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from contracts.errors import ContractError
from node.federation.services import node_enrol


class Command(BaseCommand):
    help = "Enrol this node with a hub: create the signing key, present it with the one-time token."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hub", required=True, help="The hub's base URL, e.g. https://hub.example.org.")
        parser.add_argument("--token", required=True, help="The one-time token from the hub operator.")
        parser.add_argument("--hub-keyid", default=None, help="The hub key fingerprint to pin (recommended).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            enrolment = node_enrol(
                hub_url=options["hub"], token=options["token"], hub_keyid=options["hub_keyid"]
            )
        except ContractError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        self.stdout.write(
            f"Enrolled as {enrolment.node_code} ({enrolment.node_name}) at {enrolment.hub_url}.\n"
            f"Signing key: {settings.NODE_SIGNING_KEY_PATH} (mode 0600; keep it on this machine).\n"
            f"Hub key pinned: {enrolment.hub_keyid}"
        )
