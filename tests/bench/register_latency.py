"""Benchmark: the municipal register at scale on PostgreSQL, read the way caseworkers read it.

    python -m tests.bench.register_latency [--people 100000] [--calls 200] [--reuse]
    (or: make bench-register)

1. A fresh database ``socialhub_register_bench`` on the PostgreSQL at 127.0.0.1:5432 (or
   ``SOCIALHUB_TEST_POSTGRES``) is filled by the demo's generator at scale: ``--people`` people
   in Butel's shape, with more follow-up visits so that the timeline holds ten entries a person
   (a million for 100,000 people), then the rules raise their flags. A register that large is a
   city's, so its staff is a city's too: ``--teams`` field teams of ``--caseworkers`` each (50 of
   10 by default, about 200 people a caseworker); the supervisor sees all of them. ``--reuse``
   keeps a database an earlier run filled (generating takes a while) and only migrates it.
2. Latency, over ``--calls`` calls each: a caseworker's ``worklist``; ``people_search`` with the
   Latin spelling of the register's Cyrillic names (a full name, and a family name's first
   letters); and the person page's reads (``person_get`` + ``person_timeline`` +
   ``person_flags`` + ``person_suggestions``). p50/p95/p99/max in milliseconds.
3. The query plans of the worklist's and the search's queries (EXPLAIN), with the indexes used.

Prints measured figures and the machine's limits only; asserts nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

import psycopg

from tests.backends import POSTGRES_URL, RUN_NAME

DATABASE = f"socialhub_register_bench{'_' + RUN_NAME if RUN_NAME else ''}"


def _machine() -> str:
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as file:
            total = next(line for line in file if line.startswith("MemTotal:"))
        memory = f", {int(total.split()[1]) / 1024 / 1024:.1f} GiB memory"
    except (OSError, StopIteration):
        pass
    return f"{len(os.sched_getaffinity(0))} of {os.cpu_count()} cores (nproc){memory}"


def _fresh_database(database: str = DATABASE) -> None:
    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database}"')


def _django(database: str = DATABASE, settings: str = "node.config.settings") -> None:
    """Django set up with ``settings`` on the benchmark's own PostgreSQL ``database``."""
    os.environ["SOCIALHUB_ENV"] = "test"
    os.environ.setdefault("SOCIALHUB_DATA_DIR", tempfile.mkdtemp(prefix=f"{database}-"))
    os.environ["DATABASE_URL"] = f"{POSTGRES_URL}/{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    import django

    django.setup()


def _database_exists(database: str = DATABASE) -> bool:
    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as connection:
        return (
            connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
            is not None
        )


def _filled() -> bool:
    """Whether the benchmark's database exists and an earlier run filled its register."""
    if not _database_exists():
        return False
    with psycopg.connect(f"{POSTGRES_URL}/{DATABASE}", autocommit=True) as connection:
        table = connection.execute("SELECT to_regclass('register_person')").fetchone()
        if table is None or table[0] is None:
            return False
        row = connection.execute("SELECT count(*) FROM register_person").fetchone()
        return row is not None and row[0] > 0


def _fill(args: argparse.Namespace) -> None:
    """The demo's generator at scale, a city's staff, the federation's catalogue, the rules' flags."""
    from django.utils import timezone

    from common.catalogue.models import FederatedService
    from node.register.demo import PROFILES, register_demo_fill
    from node.register.models import TIMELINE_MODELS
    from node.register.rules import rules_run_each
    from tests.demo_data import demo_entries

    # The federation's demo catalogue, as a node holds it after its first sync, so that the
    # person page's suggestions have services to fit.
    FederatedService.objects.bulk_create(
        [
            FederatedService(
                service_id=entry["id"],
                origin=node,
                revision=1,
                status="active",
                data=entry,
                published_at=timezone.now(),
            )
            for node, entry in demo_entries("services")
        ]
    )
    butel = PROFILES["MK-BUTEL"]
    teams = tuple(
        (f"team-{n:02d}", f"{butel.teams[n % len(butel.teams)][1]} {n + 1}") for n in range(args.teams)
    )
    shape = dataclasses.replace(butel, follow_ups=6, teams=teams, caseworkers=args.caseworkers)
    started = time.monotonic()
    counts = register_demo_fill(profile=shape, seed=args.seed, people=args.people, flags=False)
    generated = time.monotonic() - started
    entries = sum(model._default_manager.count() for model in TIMELINE_MODELS)
    print(
        f"generated {counts['person']} people, {counts.get('household', 0)} households, "
        f"{entries} timeline entries in {generated:.1f} s "
        f"({(counts['person'] + entries) / generated:,.0f} rows/s)"
    )
    # The rules, run as the nightly task runs them (in batches).
    started = time.monotonic()
    raised = rules_run_each(today=timezone.localdate())
    print(
        f"flags: {sum(raised.values())} raised by the rules ({raised}) in {time.monotonic() - started:.1f} s"
    )


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return (
        f"p50 {cuts[49] * 1000:7.1f} ms  p95 {cuts[94] * 1000:7.1f} ms  "
        f"p99 {cuts[98] * 1000:7.1f} ms  max {ordered[-1] * 1000:7.1f} ms  (n={len(ordered)})"
    )


def _timed(calls: list[Callable[[], Any]]) -> list[float]:
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


def _plans(label: str, run: Callable[[], Any]) -> None:
    """EXPLAIN each query ``run`` makes, and name the indexes (or sequential scans) it uses."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        run()
    for query in captured.captured_queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF) {sql}")
            plan = [row[0] for row in cursor.fetchall()]
        text = "\n".join(plan)
        used = sorted(
            set(re.findall(r"Index(?: Only)? Scan(?: Backward)? using (\w+)", text))
            | set(re.findall(r"Bitmap Index Scan on (\w+)", text))
        )
        scans = sorted(set(re.findall(r"Seq Scan on (\w+)", text)))
        took = next((line.strip() for line in plan if line.startswith("Execution Time")), "")
        print(f"  {label}: {sql[:110]}…")
        print(f"      indexes: {', '.join(used) or '-'}; sequential scans: {', '.join(scans) or '-'}; {took}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--caseworkers", type=int, default=10, help="caseworkers in each team")
    parser.add_argument("--reuse", action="store_true", help="keep the register an earlier run filled")
    args = parser.parse_args()
    print(f"machine: {_machine()}; backend: PostgreSQL ({POSTGRES_URL}/{DATABASE})")
    reuse = args.reuse and _filled()
    if not reuse:
        _fresh_database()
    _django()

    import cyrtranslit
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from node.register.access import actor_of
    from node.register.models import TIMELINE_MODELS, Flag, Person, Staff, Team
    from node.register.selectors import people_search, person_flags, person_get, person_timeline, worklist
    from node.register.suggestions import person_suggestions

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        print(f"PostgreSQL {cursor.fetchone()[0]}")
    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"migrate: {time.monotonic() - started:.1f} s")
    if reuse:
        print("reusing the register an earlier run filled (--reuse)")
    else:
        _fill(args)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"register: {Person.objects.count()} people, "
        f"{sum(model._default_manager.count() for model in TIMELINE_MODELS)} timeline entries, "
        f"{Team.objects.count()} teams, {Staff.objects.filter(role='caseworker').count()} caseworkers, "
        f"{Flag.objects.filter(status='open').count()} open flags"
    )

    users = get_user_model().objects
    caseworker = actor_of(users.get(username="caseworker"))
    supervisor = actor_of(users.get(username="supervisor"))
    print(
        f"the caseworker's caseload: {Person.objects.filter(caseworker=caseworker.user).count()} own people "
        f"in a team of {Person.objects.filter(team=caseworker.staff.team).count()}; "
        f"the supervisor's: {Person.objects.count()}"
    )

    rng = random.Random(args.seed)
    sample = list(
        Person.objects.filter(language="mk", given_name__regex=r"^[А-Яа-яЁёЀ-ӿ]")
        .order_by("?")
        .values_list("given_name", "family_name")[:400]
    )
    full_names = [cyrtranslit.to_latin(f"{given} {family}", "mk") for given, family in sample]
    prefixes = [cyrtranslit.to_latin(family, "mk")[:5] for _, family in sample]
    print(f"queries, e.g.: {full_names[0]!r}, {prefixes[0]!r} (Latin spellings of Cyrillic names)")
    ids = list(Person.objects.order_by("?").values_list("id", flat=True)[: args.calls])

    def person_page(person_id: Any) -> None:
        person = person_get(actor=supervisor, person_id=person_id, why="benchmark")
        person_timeline(person=person)
        person_flags(person=person)
        person_suggestions(person=person)

    # Warm the caches once, as a running node has.
    worklist(actor=caseworker)
    list(people_search(actor=caseworker, query=full_names[0]))
    person_page(ids[0])

    print(f"\nlatency over {args.calls} calls each:")
    calls = args.calls
    for who, actor in (("caseworker", caseworker), ("supervisor", supervisor)):
        samples = _timed([lambda a=actor: worklist(actor=a)] * calls)
        print(f"  worklist ({who:<10})          {percentiles(samples)}")
    for label, queries in (("full name", full_names), ("family prefix", prefixes)):
        for who, actor in (("caseworker", caseworker), ("supervisor", supervisor)):
            picks = [rng.choice(queries) for _ in range(calls)]
            samples = _timed([lambda q=q, a=actor: list(people_search(actor=a, query=q)) for q in picks])
            print(f"  search, {label:<13} ({who:<10}) {percentiles(samples)}")
    samples = _timed([lambda p=p: person_page(p) for p in ids])
    print(f"  person page (4 reads)          {percentiles(samples)}")

    print("\nquery plans:")
    _plans("worklist", lambda: worklist(actor=caseworker))
    _plans("search", lambda: list(people_search(actor=caseworker, query=full_names[1])))
    _plans("search", lambda: list(people_search(actor=supervisor, query=prefixes[1])))
    print(f"\nopen flags: {Flag.objects.filter(status='open').count()}")


if __name__ == "__main__":
    main()
