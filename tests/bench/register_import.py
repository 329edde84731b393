"""Benchmark: importing a social-mapping file into the register, on PostgreSQL.

    python -m tests.bench.register_import [--rows 20000] [--existing 0] [--format csv|xlsx]

1. A fresh database (``socialhub_bench_register_import`` at 127.0.0.1:5432) with the node's
   migrations, three teams, thirty settlements and, with ``--existing``, that many people
   already in the register (so that the loading of known people is measured too).
2. A synthetic file of ``--rows`` field visits (made-up names, Cyrillic and Latin; about one
   person in four visited twice or more, one row in five with a risk assessment, households
   shared), imported by a supervisor through ``register_import``: the rate in rows a second,
   with the file read and every row checked, the rows written and committed.
3. The same file imported again: every row already there, nothing written.

Target (issue 13): at least 2,000 rows a second. Prints measured figures and the machine;
asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import platform
import random
import tempfile
import time
from typing import Any

import psycopg

from tests.backends import POSTGRES_URL

DATABASE = "socialhub_bench_register_import"
_SYLLABLES_MK = ["ра", "ко", "ви", "на", "ло", "ми", "до", "бре", "ча", "жи", "це", "ну", "ле", "го", "ше"]
_SYLLABLES_LATIN = ["ra", "ko", "vi", "na", "lo", "mi", "do", "bre", "ča", "ži", "ce", "nu", "le", "go", "še"]
_RISKS = ["poverty", "unemployment", "disability", "single_parenthood", "social_exclusion", "health"]
_GROUPS = ["roma", "unemployed", "long_term_unemployed", "social_assistance_recipient", "women", "elderly"]


def _name(rng: random.Random, cyrillic: bool, ending: str) -> str:
    syllables = _SYLLABLES_MK if cyrillic else _SYLLABLES_LATIN
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize() + ending


def synthetic_csv(rows: int, *, teams: list[str], settlements: list[str], seed: int = 20261202) -> bytes:
    """``rows`` field visits of made-up people, in the template's columns."""
    from node.register.importer import COLUMNS

    rng = random.Random(seed)
    today = dt.date.today()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.key for column in COLUMNS])
    written = 0
    person = 0
    while written < rows:
        person += 1
        cyrillic = rng.random() < 0.7
        female = rng.random() < 0.55
        given = _name(rng, cyrillic, "а" if cyrillic and female else ("a" if female else ""))
        ending = ("ска" if female else "ски") if cyrillic else ("ska" if female else "ski")
        family = _name(rng, cyrillic, ending)
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(30_000))
        team = rng.choice(teams)
        settlement = rng.choice(settlements)
        address = f"ул. {rng.randint(1, 400)} бр. {rng.randint(1, 60)}"
        visits = 1 if rng.random() < 0.75 else rng.randint(2, 4)
        for visit in range(min(visits, rows - written)):
            day = today - dt.timedelta(days=rng.randrange(1, 700))
            risks = rng.sample(_RISKS, rng.randint(1, 3))
            assessed = rng.random() < 0.2
            writer.writerow(
                [
                    f"BENCH-{person:07d}",
                    given,
                    family,
                    "female" if female else "male",
                    birth.isoformat(),
                    "mk",
                    settlement,
                    address,
                    "head" if visit == 0 else "other",
                    ";".join(rng.sample(_GROUPS, rng.randint(0, 2))),
                    day.isoformat(),
                    team,
                    f"Посета {visit + 1}: {rng.randint(1, 7)} членови, без редовен приход.",
                    ";".join(risks),
                    rng.choice(["да", "yes", "da", "po"]),
                    rng.choice(["low", "medium", "high"]) if assessed else "",
                    "Теренски тим" if assessed else "",
                    "Теренска посета и разговор" if assessed else "",
                ]
            )
            written += 1
    return out.getvalue().encode()


def _xlsx(data: bytes) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in csv.reader(io.StringIO(data.decode())):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _machine() -> str:
    memory = "?"
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cpu = platform.processor() or platform.machine()
    return f"{cores} cores (nproc), {memory} memory, {cpu}, Python {platform.python_version()}"


def _setup_django(url: str) -> None:
    os.environ["SOCIALHUB_ENV"] = "test"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SOCIALHUB_DATA_DIR", tempfile.mkdtemp(prefix="socialhub-bench-import-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "node.config.settings"
    import django

    django.setup()


def _existing_people(count: int, teams: list[Any], settlements: list[Any]) -> None:
    from common.search import search_key
    from node.register.models import Person

    rng = random.Random(7)
    people = []
    for n in range(count):
        given, family = _name(rng, True, ""), _name(rng, True, "ски")
        people.append(
            Person(
                reference=f"OLD-{n:07d}",
                given_name=given,
                family_name=family,
                birth_date=dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(30_000)),
                team=rng.choice(teams),
                settlement=rng.choice(settlements),
                search_key=search_key(given, family, f"OLD-{n:07d}"),
            )
        )
    Person.objects.bulk_create(people, batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--existing", type=int, default=0, help="people already in the register")
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    args = parser.parse_args()

    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DATABASE}")
        version = conn.execute("SHOW server_version").fetchone()
    _setup_django(f"{POSTGRES_URL}/{DATABASE}")

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from node.register.importer import ImportProgress, register_import
    from node.register.models import FieldVisit, Household, Person, RiskAssessment, Settlement, Staff, Team

    call_command("migrate", verbosity=0)
    teams = [Team.objects.create(code=f"field-{n}", name=f"Теренски тим {n}") for n in range(1, 4)]
    settlements = [
        Settlement.objects.create(code=f"naselba-{n}", name=f"Населба {n}", name_latin=f"Naselba {n}")
        for n in range(1, 31)
    ]
    user = get_user_model().objects.create(username="bench-supervisor")
    Staff.objects.create(user=user, role="supervisor")
    if args.existing:
        _existing_people(args.existing, teams, settlements)

    data = synthetic_csv(args.rows, teams=[t.code for t in teams], settlements=[s.code for s in settlements])
    if args.format == "xlsx":
        data = _xlsx(data)
    print(f"machine: {_machine()}; PostgreSQL {version[0] if version else '?'}")
    print(
        f"file: {args.rows:,} rows, {len(data) / 1e6:.1f} MB {args.format}; "
        f"{args.existing:,} people already registered"
    )

    stages: dict[str, float] = {}

    def progress(step: ImportProgress) -> None:
        stages[step.stage] = step.elapsed

    started, cpu = time.perf_counter(), time.process_time()
    report = register_import(actor=user, data=data, filename=f"bench.{args.format}", progress=progress)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    connection.close()
    # The machine is shared: the importer's own CPU time says how much of the wall time was its.
    print(
        f"import: {report.imported:,} rows in {seconds:.2f} s = {report.rows / seconds:,.0f} rows/s "
        f"({cpu:.2f} s of CPU in the importer's process; load average {os.getloadavg()[0]:.1f}) "
        f"(read and checked after {stages.get('checked', 0):.2f} s; {len(report.errors)} errors); "
        f"{report.people_created:,} people, {report.households_created:,} households, "
        f"{report.assessments:,} risk assessments created"
    )
    started, cpu = time.perf_counter(), time.process_time()
    again = register_import(actor=user, data=data, filename=f"bench.{args.format}")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"re-import: {again.already_imported:,} rows already imported, {again.imported} imported, "
        f"in {seconds:.2f} s = {again.rows / seconds:,.0f} rows/s ({cpu:.2f} s of CPU)"
    )
    print(
        f"register now: {Person.objects.count():,} people, {Household.objects.count():,} households, "
        f"{FieldVisit.objects.count():,} visits, {RiskAssessment.objects.count():,} assessments"
    )
    print("target: at least 2,000 rows/s")
    connection.close()
    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
