from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Create (or reset) a superuser for the demo. Refused outside SOCIALHUB_ENV=demo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--password", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.SOCIALHUB_ENV != "demo":
            raise CommandError("ensure_demo_admin only runs in the demo; use createsuperuser.")
        user_model = get_user_model()
        user, _ = user_model.objects.get_or_create(username=options["username"])
        user.is_staff = user.is_superuser = True
        user.set_password(options["password"])
        user.save()
        self.stdout.write(f"Demo administrator {user.username} ready.")
