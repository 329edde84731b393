from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from contracts.errors import ContractError
from node.catalogue.importer import catalogue_import
from node.catalogue.models import Organization
from node.federation.models import Enrolment
from node.federation.services import node_enrol
from node.register.demo import DEMO_LOGINS, PROFILES, register_demo_fill
from node.register.models import Person, Staff, StaffRole

DEMO_SEED = 2026
"""The seed of every demo register: the same demo, every time it is started afresh."""


class Command(BaseCommand):
    help = (
        "Set up a demo node in one go: migrate, enrol, create a demo administrator and import and "
        "publish the node's demo catalogue (the HSDS data package <data>/<NODE-CODE>/). Refused "
        "outside SOCIALHUB_ENV=demo; production nodes use migrate, enrol and catalogue_import."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hub", help="The hub's base URL (to enrol; omit if enrolled already).")
        parser.add_argument("--token", help="The one-time enrolment token.")
        parser.add_argument("--hub-keyid", default=None, help="The hub key fingerprint to pin.")
        parser.add_argument("--admin", required=True, metavar="USER:PASSWORD", help="Demo administrator.")
        parser.add_argument("--no-seed", action="store_true", help="Do not publish the demo catalogue.")
        parser.add_argument(
            "--no-register",
            action="store_true",
            help="Do not fill the register with synthetic people (nor does --no-seed).",
        )
        parser.add_argument(
            "--data",
            type=Path,
            # The demo runs from a source checkout, where each node's catalogue is an HSDS data
            # package, imported the way an operator imports theirs.
            default=Path(settings.BASE_DIR).parent / "deploy" / "demo-data",
            help="The folder of the demo's data packages, one per node code (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.SOCIALHUB_ENV != "demo":
            raise CommandError("demo_node only runs with SOCIALHUB_ENV=demo.")
        call_command("migrate", interactive=False, verbosity=0)
        enrolment = Enrolment.objects.first()
        if enrolment is None:
            if not options["hub"] or not options["token"]:
                raise CommandError("This node is not enrolled yet: give --hub and --token.")
            try:
                enrolment = node_enrol(
                    hub_url=options["hub"], token=options["token"], hub_keyid=options["hub_keyid"]
                )
            except ContractError as exc:
                raise CommandError(f"{exc.code}: {exc.message}") from exc
        username, _, password = options["admin"].partition(":")
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        counts = {"organizations": 0, "locations": 0, "services": 0}
        missing = ""
        if not options["no_seed"] and not Organization.objects.exists():
            package = options["data"] / enrolment.node_code
            if package.is_dir():
                counts = self._import(package)
            else:
                missing = f" (no demo catalogue for {enrolment.node_code}: {package} does not exist)"
        self.stdout.write(
            f"{enrolment.node_code} ready: enrolled, administrator {username}, published "
            f"{counts['organizations']} organisations, {counts['locations']} locations, "
            f"{counts['services']} services{missing}."
        )
        # After the catalogue, so that services delivered link to the node's own services; only
        # into an empty register, so that a restart keeps what the demo's users did.
        if (
            not (options["no_register"] or options["no_seed"])
            and enrolment.node_code in PROFILES
            and not Person.objects.exists()
        ):
            started = time.monotonic()
            filled = register_demo_fill(profile=enrolment.node_code, seed=DEMO_SEED)
            entries = sum(n for name, n in filled.items() if name not in ("person", "household", "flag"))
            self.stdout.write(
                f"{enrolment.node_code} register: {filled.get('person', 0)} synthetic people, "
                f"{entries} timeline entries, {filled.get('flag', 0)} flags"
                f" ({time.monotonic() - started:.1f} s)."
            )
        self._logins()
        # The demo's administrator is the register's supervisor too, so that the admin's
        # register pages show the demo's people (a real administrator is given a role by hand).
        if Person.objects.exists():
            Staff.objects.get_or_create(user=user, defaults={"role": StaffRole.SUPERVISOR, "all_teams": True})

    def _logins(self) -> None:
        # Demo only (this command refuses to run elsewhere): the register's staff get known
        # passwords, e.g. caseworker / demo-caseworker, printed in the README.
        for user in get_user_model().objects.filter(username__in=DEMO_LOGINS, register_staff__isnull=False):
            if not user.check_password(f"demo-{user.username}"):
                user.set_password(f"demo-{user.username}")
                user.save(update_fields=["password"])

    def _import(self, package: Path) -> dict[str, int]:
        try:
            report = catalogue_import(package, language="en")
        except ContractError as exc:
            raise CommandError(f"{package}: {exc.code}: {exc.message}") from exc
        # The demo's packages import whole (a test checks it); a row refused here is a broken
        # edit of the package, worth saying, not worth losing the rest of the demo for.
        for error in report.errors:
            self.stderr.write(
                f"{package.name}/{error.table}.csv row {error.row} (id {error.id or '-'}): "
                f"{error.code}: {error.message}"
            )
        return {table: report.created[table] + report.updated[table] for table in report.created}
