"""What ``python -m hub.manage`` and ``python -m node.manage`` share: an operator who points a
command at a database that has never been migrated (a wrong or unset ``SOCIALHUB_DATA_DIR`` or
``DATABASE_URL``) gets one line saying so, not a traceback."""

from __future__ import annotations

import os
import sys


def run(project: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"{project}.config.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(sys.argv)
    except (OperationalError, ProgrammingError) as exc:
        if "no such table" not in str(exc) and "does not exist" not in str(exc):
            raise
        from django.conf import settings

        database = settings.DATABASES["default"]
        where = database.get("NAME") if database["ENGINE"].endswith("sqlite3") else "DATABASE_URL"
        sys.stderr.write(
            f"The {project}'s database ({where}) has no tables yet ({exc}).\n"
            f"Run `python -m {project}.manage migrate`, or point SOCIALHUB_DATA_DIR (or DATABASE_URL) "
            f"at the {project} you mean; the demo's are var/demo/hub and var/demo/<node code>.\n"
        )
        sys.exit(2)
