from __future__ import annotations

import secrets
import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandParser

from hub.statistics.access import MINISTRY_GROUP


class Command(BaseCommand):
    help = (
        "Make (or update) a ministry login: read-only access to the statistics pages and API, and "
        "nothing else of the hub. Prints the password when it made one up."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input."
        )
        parser.add_argument("--password", help="The password (for scripts; prefer --password-stdin).")

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"]
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        made_up = not password
        password = password or secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(username=options["username"])
        user.set_password(password)
        # Not staff: the admin stays closed to it.
        user.is_staff = user.is_superuser = False
        user.is_active = True
        user.save()
        user.groups.add(Group.objects.get_or_create(name=MINISTRY_GROUP)[0])
        self.stdout.write(f"{'Made' if created else 'Updated'} the ministry login {user.get_username()}.")
        if made_up:
            self.stdout.write(f"Password: {password}")
