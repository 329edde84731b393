"""Benchmark: the hub's statistics at a federation's scale on PostgreSQL, as the ministry reads them.

    python -m tests.bench.statistics_hub [--nodes 1000] [--periods 24] [--calls 100] [--reuse]
    (or: make bench-statistics)

1. A fresh database ``socialhub_statistics_bench`` on the PostgreSQL at 127.0.0.1:5432 (or
   ``SOCIALHUB_TEST_POSTGRES``) holds ``--nodes`` municipalities in three countries and thirty
   regions, and ``--periods`` - 1 months of their protected sets with the full disaggregation
   (every table of every indicator: 1,241 cells a set, about a fifth of the small ones
   suppressed), loaded with COPY, and their sums by region, country and federation added up in
   SQL. ``--reuse`` keeps a database an earlier run filled.
2. The hub's aggregation: the last month arrives from every node and goes through the statistics
   projection as the projector applies it (pages of 1,000 log entries, each set's cells stored
   and the sums moved); then a tenth of the nodes send a revision of it. Times, and a check that
   the sums kept as sets arrive are those added up again from the current sets alone.
3. The ministry's queries through the API (a token, the JSON answer) over ``--periods`` months:
   a country series, a country by sex and age band, the regions by sex, every municipality's total
   of one month, one municipality by risk type and sex, the federation by target group, and the
   CSV and SDMX-JSON exports of the second. p50/p95/p99/max in milliseconds.

Prints measured figures and the machine's limits only; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
import uuid
from typing import Any

from tests.backends import POSTGRES_URL, RUN_NAME
from tests.bench.register_latency import _database_exists, _django, _fresh_database, _machine, percentiles

DATABASE = f"socialhub_statistics_bench{'_' + RUN_NAME if RUN_NAME else ''}"
COUNTRIES = ("MK", "BG", "RS")
REGIONS_PER_COUNTRY = 10


def _months(count: int, last: str) -> list[str]:
    from contracts.indicators import period_bounds, period_of

    periods = [last]
    while len(periods) < count:
        first, _ = period_bounds(periods[-1])
        periods.append(period_of(first - dt.timedelta(days=1), "month"))
    return periods[::-1]


def _cell_keys() -> list[tuple[str, dict[str, str]]]:
    """Every cell of a set with the full disaggregation: (indicator, categories)."""
    import itertools

    from contracts.indicators import CATEGORY_CODES, INDICATORS_BY_CODE

    keys: list[tuple[str, dict[str, str]]] = []
    for code, definition in INDICATORS_BY_CODE.items():
        for table in definition.tables:
            axes = [CATEGORY_CODES[name] for name in table]
            keys += [(code, dict(zip(table, combo, strict=True))) for combo in itertools.product(*axes)]
    return keys


def _values(rng: random.Random, count: int) -> list[int | None]:
    """A set's values: counts, the small ones suppressed (CONF_STATUS A) and a few more hidden (D)."""
    values: list[int | None] = []
    for _ in range(count):
        value = int(rng.expovariate(1 / 25))
        values.append(None if 0 < value < 5 or rng.random() < 0.03 else value)
    return values


def _members(nodes: int) -> list[tuple[str, str, str]]:
    members = []
    for n in range(nodes):
        country = COUNTRIES[n % 3]
        region = f"Регион {country}-{(n // 3) % REGIONS_PER_COUNTRY + 1:02d}"
        members.append((f"{country}-B{n:04d}", country, region))
    return members


def _fill(args: argparse.Namespace, periods: list[str]) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from hub.federation.models import Member
    from hub.statistics.models import categories_text
    from hub.statistics.services import policy_in_force

    call_command("migrate", verbosity=0)
    members = _members(args.nodes)
    now = timezone.now()
    Member.objects.bulk_create(
        [
            Member(code=code, name=f"Општина {code}", country=country, region=region, enrolled_at=now)
            for code, country, region in members
        ]
    )
    policy = policy_in_force()
    keys = [(indicator, categories_text(categories)) for indicator, categories in _cell_keys()]
    rng = random.Random(args.seed)
    templates = [_values(rng, len(keys)) for _ in range(97)]
    started = time.monotonic()
    raw = connection.connection  # psycopg's own, for COPY
    assert raw is not None
    set_id = 0
    with raw.cursor() as cursor:
        with cursor.copy(
            "COPY hub_statistics_statisticsset (id, member, country, region, period, revision, current, "
            "approved_at, policy_digest, threshold, privacy_spent, log_index, received_at, message_id) "
            "FROM STDIN"
        ) as copy:
            for period in periods[:-1]:
                for code, country, region in members:
                    set_id += 1
                    copy.write_row(
                        (
                            set_id,
                            code,
                            country,
                            region,
                            period,
                            1,
                            True,
                            now,
                            policy.digest,
                            5,
                            "{}",
                            set_id,
                            now,
                            uuid.uuid4(),
                        )
                    )
        cells = 0
        with cursor.copy(
            "COPY hub_statistics_statisticscell "
            "(set_id, indicator, categories, value, conf_status, obs_status) FROM STDIN"
        ) as copy:
            for sid in range(1, set_id + 1):
                values = templates[sid % len(templates)]
                for (indicator, text), value in zip(keys, values, strict=True):
                    suppressed = value is None
                    copy.write_row(
                        (sid, indicator, text, value, "A" if suppressed else "F", "Q" if suppressed else "A")
                    )
                cells += len(keys)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('hub_statistics_statisticsset', 'id'), %s)", [set_id]
        )
    raw.commit()
    loaded = time.monotonic() - started
    print(
        f"loaded {set_id:,} sets, {cells:,} cells with COPY in {loaded:.1f} s ({cells / loaded:,.0f} cells/s)"
    )
    started = time.monotonic()
    with connection.cursor() as cursor:
        for level, area in (("federation", "'federation'"), ("country", "s.country"), ("region", "s.region")):
            cursor.execute(  # the benchmark's own SQL: the area is one of three column expressions
                "INSERT INTO hub_statistics_statisticstotal (level, area, period, indicator, categories, "  # noqa: S608
                "value, suppressed, reporting, revised, noised, margin95) "
                f"SELECT %s, {area}, s.period, c.indicator, c.categories, COALESCE(SUM(c.value), 0), "
                "COUNT(*) FILTER (WHERE c.value IS NULL), COUNT(*), "
                "COUNT(*) FILTER (WHERE s.revision > 1), 0, 0 "
                "FROM hub_statistics_statisticscell c JOIN hub_statistics_statisticsset s ON s.id = c.set_id "
                "WHERE s.current GROUP BY 2, s.period, c.indicator, c.categories",
                [level],
            )
        cursor.execute("ANALYZE")
    print(f"added up the sums by region, country and federation in SQL in {time.monotonic() - started:.1f} s")


def _arrivals(members: list[tuple[str, str, str]], period: str, *, revision: int, seed: int) -> list[Any]:
    """Every node's set of ``period`` as the projector reads it from the log (parsed, at 2.0)."""
    from contracts.control import StatisticsPolicy
    from contracts.messages import MESSAGE_TYPES
    from contracts.statistics import DataValueSetV2
    from hub.exchange.projections import Logged
    from hub.statistics.services import policy_in_force

    reference = StatisticsPolicy.model_validate(policy_in_force().policy).reference()
    event_model = MESSAGE_TYPES["statistics.data_value_set"].event_model("2.0")
    keys = _cell_keys()
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    entries = []
    for n, (code, _, _) in enumerate(members):
        values = _values(rng, len(keys))
        data = DataValueSetV2.model_validate(
            {
                "period": period,
                "org_unit": code,
                "revision": revision,
                "approved_at": now,
                "policy": reference,
                "cells": [
                    {
                        "indicator": indicator,
                        "categories": categories,
                        "value": value,
                        "conf_status": "F" if value is not None else "A",
                        "obs_status": "A" if value is not None else "Q",
                    }
                    for (indicator, categories), value in zip(keys, values, strict=True)
                ],
            }
        )
        event = event_model.model_construct(
            id=uuid.uuid4(), source=code, type="statistics.data_value_set", dataversion="2.0", time=now,
            sequence=1, recipients=(), data=data,
        )  # fmt: skip
        entries.append(Logged(log_index=10_000_000 + n + revision * 100_000, received_at=now, event=event))
    return entries


def _apply(entries: list[Any], *, page: int = 1000) -> float:
    from django.db import transaction

    from hub.statistics.services import statistics_page_apply

    started = time.monotonic()
    for start in range(0, len(entries), page):
        with transaction.atomic():
            errors = statistics_page_apply("statistics.data_value_set", entries[start : start + page])
        if errors:
            raise SystemExit(f"the projection refused {len(errors)} sets: {next(iter(errors.values()))}")
    return time.monotonic() - started


def _sums_agree(period: str) -> bool:
    """The sums kept as sets arrived, against the same sums added up in SQL from the current sets."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM ("
            " SELECT s.country AS area, c.indicator, c.categories, COALESCE(SUM(c.value), 0) AS value,"
            "  COUNT(*) FILTER (WHERE c.value IS NULL) AS suppressed, COUNT(*) AS reporting"
            " FROM hub_statistics_statisticscell c JOIN hub_statistics_statisticsset s ON s.id = c.set_id"
            " WHERE s.current AND s.period = %s GROUP BY s.country, c.indicator, c.categories"
            " EXCEPT SELECT area, indicator, categories, value, suppressed, reporting"
            " FROM hub_statistics_statisticstotal WHERE level = 'country' AND period = %s) AS differ",
            [period, period],
        )
        row = cursor.fetchone()
    return row is not None and row[0] == 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--periods", type=int, default=24)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--reuse", action="store_true", help="Keep the database an earlier run filled.")
    args = parser.parse_args()
    periods = _months(args.periods, "2026-11")
    print(f"machine: {_machine()}; backend: PostgreSQL ({POSTGRES_URL}/{DATABASE})")
    reuse = args.reuse and _database_exists(DATABASE)
    if not reuse:
        _fresh_database(DATABASE)
    _django(DATABASE, settings="hub.config.settings")

    from django.db import connection

    from hub.statistics.models import StatisticsCell, StatisticsSet

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        print(f"PostgreSQL {cursor.fetchone()[0]}")  # type: ignore[index]
    if reuse:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        StatisticsSet.objects.filter(period=periods[-1]).delete()
        print("reusing the sets an earlier run loaded (--reuse); the last month arrives again")
    else:
        _fill(args, periods)
    members = _members(args.nodes)

    # 2. The last month arrives from every node, then a tenth of them revise it.
    entries = _arrivals(members, periods[-1], revision=1, seed=args.seed)
    took = _apply(entries)
    cells = sum(len(e.event.data.cells) for e in entries)
    print(
        f"aggregation: {len(entries)} sets of {periods[-1]} ({cells:,} cells) projected and added up "
        f"in {took:.1f} s ({len(entries) / took:.0f} sets/s, {cells / took:,.0f} cells/s)"
    )
    revisions = _arrivals(members[::10], periods[-1], revision=2, seed=args.seed + 1)
    took = _apply(revisions)
    print(f"aggregation: {len(revisions)} revisions replacing their first release in {took:.1f} s")
    agree = "yes" if _sums_agree(periods[-1]) else "NO"
    print(f"sums kept as sets arrive agree with the sums added up again: {agree}")
    print(f"held: {StatisticsSet.objects.count():,} sets, {StatisticsCell.objects.count():,} cells")

    # 3. The ministry's queries through the API.
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from hub.statistics.access import MINISTRY_GROUP
    from hub.statistics.services import ministry_token_create

    user, _ = User.objects.get_or_create(username="bench-analyst")
    user.groups.add(Group.objects.get(name=MINISTRY_GROUP))
    _, token = ministry_token_create(user=user, name="bench")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    first, last = periods[0], periods[-1]
    some = members[len(members) // 2][0]
    queries: list[tuple[str, str, dict[str, str]]] = [
        ("country series, 24 months", "observations", {"indicator": "people_at_risk", "level": "country"}),
        (
            "MK by sex × age band, 24 months",
            "observations",
            {"indicator": "people_at_risk", "level": "country", "area": "MK", "by": "sex,age_band"},
        ),
        (
            "regions by sex, 24 months",
            "observations",
            {"indicator": "people_counselled", "level": "region", "by": "sex"},
        ),
        (
            "every municipality, one month",
            "observations",
            {"indicator": "people_at_risk", "level": "municipality", "period_from": last},
        ),
        (
            "one municipality by risk type × sex, 24 months",
            "observations",
            {"indicator": "people_at_risk", "level": "municipality", "area": some, "by": "sex,risk_type"},
        ),
        (
            "federation by target group, 24 months",
            "observations",
            {"indicator": "people_trained", "level": "federation", "by": "target_group"},
        ),
        (
            "export CSV: MK by sex × age band",
            "export/csv",
            {"indicator": "people_at_risk", "level": "country", "area": "MK", "by": "sex,age_band"},
        ),
        (
            "export SDMX-JSON: MK by sex × age band",
            "export/sdmx-json",
            {"indicator": "people_at_risk", "level": "country", "area": "MK", "by": "sex,age_band"},
        ),
    ]
    everything: list[float] = []
    print(
        f"ministry queries over {len(periods)} months, {args.calls} calls each (through the API, token auth):"
    )
    for label, path, params in queries:
        query = {"period_from": first, "period_to": last} | params
        samples: list[float] = []
        size = 0
        for _ in range(args.calls):
            started = time.perf_counter()
            response = client.get(f"/api/v1/statistics/{path}", query)
            samples.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{label}: {response.status_code} {response.content[:200]!r}")
            size = len(response.content)
        everything += samples
        rows = len(json.loads(response.content)["observations"]) if path == "observations" else None
        print(
            f"  {label:<48} {percentiles(samples)}  {size / 1024:,.0f} KiB"
            + (f", {rows} cells" if rows else "")
        )
    print(f"  {'all queries':<48} {percentiles(everything)}")


if __name__ == "__main__":
    main()
