from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hub.statistics.access import is_ministry
from hub.statistics.services import ministry_token_create


class Command(BaseCommand):
    help = "Make an API token for a ministry login and print it (it is shown this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="API", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None or not is_ministry(user):
            raise CommandError(f"{options['username']} is not a ministry login (see ministry_user).")
        _, token = ministry_token_create(user=user, name=options["name"])
        self.stdout.write(token)
