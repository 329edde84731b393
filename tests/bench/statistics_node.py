"""Benchmark: a node computing and protecting a period's statistics for a large register.

    python -m tests.bench.statistics_node [--people 100000] [--reuse] [--period 2026-11 ...]
    (or: make bench-statistics-node)

The register is the register benchmark's (``tests.bench.register_latency``: the demo's generator
at scale on PostgreSQL, ten timeline entries a person); ``--reuse`` keeps one an earlier run of
either benchmark filled. For each period (by default the last month, quarter and year that have
ended): the counting of every cell of every indicator's tables (``period_cells``, a fixed number
of queries), then the protection as a release gets it (``protect``: the threshold, secondary
suppression over the linked tables, the attacker's interval programs, with the default policy),
each timed, with the cells, the hidden cells and the programs' sizes; then, with OpenDP installed,
the same period under a policy with noise (counting with the bound on one person's entries, the
noise of every family and the threshold on the noised counts).

Prints measured figures and the machine's limits only; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import time

from tests.bench import register_latency
from tests.bench.register_latency import _fill, _filled, _fresh_database, _machine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--caseworkers", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20260601)
    parser.add_argument("--reuse", action="store_true", help="Keep the register an earlier run filled.")
    parser.add_argument("--period", action="append", help="Periods to compute (repeatable).")
    args = parser.parse_args()
    where = f"{register_latency.POSTGRES_URL}/{register_latency.DATABASE}"
    print(f"machine: {_machine()}; backend: PostgreSQL ({where})")
    reuse = args.reuse and _filled()
    if not reuse:
        _fresh_database()
    register_latency._django()

    from django.core.management import call_command
    from django.utils import timezone

    from contracts.control import DifferentialPrivacy, StatisticsPolicy
    from contracts.errors import UnprotectableError
    from contracts.indicators import period_bounds, period_of, period_type
    from node.register.models import Person
    from node.statistics.compute import period_cells
    from node.statistics.privacy import contributions, noise_plan, noised
    from node.statistics.protection import protect

    call_command("migrate", verbosity=0)
    if reuse:
        print("reusing the register an earlier run filled (--reuse)")
    else:
        _fill(args)
    print(f"register: {Person.objects.count():,} people")
    today = timezone.localdate()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    periods = args.period or [
        period_of(last_month, "month"),
        period_of(period_bounds(period_of(today, "quarter"))[0] - dt.timedelta(days=1), "quarter"),
        period_of(dt.date(today.year - 1, 6, 1), "year"),
    ]
    policy = StatisticsPolicy(version=1, issued_at=timezone.now())
    noisy: StatisticsPolicy | None = StatisticsPolicy(
        version=2,
        issued_at=timezone.now(),
        differential_privacy=DifferentialPrivacy(mechanism="discrete_gaussian", per_release=0.5, budget=2.0),
    )
    if importlib.util.find_spec("opendp") is None:
        print("OpenDP is not installed (the dp extra): the noised run is left out")
        noisy = None
    for period in periods:
        started = time.monotonic()
        raw = period_cells(period)
        counted = time.monotonic() - started
        started = time.monotonic()
        protected = protect(raw, policy)
        protecting = time.monotonic() - started
        primary = sum(1 for flag in protected.flags.values() if flag == "A")
        secondary = sum(1 for flag in protected.flags.values() if flag == "D")
        people = next(
            (
                v
                for (indicator, categories), v in raw.items()
                if indicator == "people_reached" and not categories
            ),
            0,
        )
        print(
            f"{period:<8} {len(raw):,} cells ({people:,} people reached): counted in {counted:.1f} s, "
            f"protected in {protecting:.1f} s ({primary} suppressed under the threshold, {secondary} more "
            f"hidden so that none can be worked out; the attacker's check included)"
        )
        # A register this large leaves few cells under the federation's threshold; a stricter one
        # (the value a sixth of the non-zero cells fall under) makes the engine and the attacker's
        # programs work as a small municipality's register, or a finer breakdown, would.
        nonzero = sorted(v for v in raw.values() if v)
        strict = StatisticsPolicy(
            version=3,
            issued_at=timezone.now(),
            threshold=max(5, nonzero[len(nonzero) // 6] if nonzero else 5),
        )
        started = time.monotonic()
        try:
            protected = protect(raw, strict)
            outcome = (
                f"{sum(1 for f in protected.flags.values() if f == 'A')} suppressed, "
                f"{sum(1 for f in protected.flags.values() if f == 'D')} more hidden"
            )
        except UnprotectableError as exc:
            outcome = f"refused: {exc.message}"
        print(
            f"{'':<8} threshold {strict.threshold} (a sixth of the cells under it): protected in "
            f"{time.monotonic() - started:.1f} s ({outcome}; the attacker's check included)"
        )
        if noisy is not None:
            started = time.monotonic()
            bounded = period_cells(period, contributions=contributions(noisy, period))
            counted = time.monotonic() - started
            started = time.monotonic()
            plan = noise_plan(noisy.differential_privacy, period_type(period))  # type: ignore[arg-type]
            counts = noised(
                bounded, plan, allowance=dict.fromkeys(plan, noisy.differential_privacy.per_release)
            )  # type: ignore[union-attr]
            released = protect(counts, noisy, noise={f: n.statement() for f, n in plan.items()})
            noising = time.monotonic() - started
            hidden = len(released.flags)
            print(
                f"{'':<8} with noise (discrete Gaussian, ρ = 0.5 a family): counted with the bound on "
                f"one person's entries in {counted:.1f} s, noised with OpenDP and thresholded in "
                f"{noising:.2f} s ({hidden} cells under the threshold after noise)"
            )


if __name__ == "__main__":
    main()
