"""Benchmark: the shared catalogue at federation scale, on PostgreSQL and RabbitMQ.

    python -m tests.bench.catalogue_search [--services 100000] [--nodes 1000] [--queries 600]

1. ``--nodes`` members enrol at a real hub and publish ``--services`` synthetic multilingual
   catalogue entries between them (Macedonian and Albanian, Bulgarian, or Serbian in both
   scripts, always with English), pushed through the hub's real ingest.
2. A new node (web, worker, beat), enrolled before but started only now, receives the full
   catalogue: the time from starting its processes until its federated catalogue holds every
   entry (pulled, verified, applied, indexed for search).
3. Search latency at that node, Latin and Cyrillic queries mixed: in its own process (the
   selector the pages use: a page of 20 best matches and the total count), and end to end over
   HTTP (``GET /api/v1/catalogue?q=…&limit=20``). p50/p95/max per query kind.

Prints measured figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contracts.catalogue import ServiceV1_2
from contracts.client import HubClient
from contracts.envelope import Envelope
from contracts.messages import new_message_id, write_message
from deploy.local import LocalFederation, NodeSpec
from tests.bench.delivery import ADMIN, Profiler, enrol_members, percentile, register_members
from tests.demo_data import demo_catalogue, demo_nodes
from tests.e2e.conftest import RealServers, free_port

RECEIVER = "RS-RUMA"
BATCH = 500
LATIN_QUERIES = [
    "socijalna pomos",
    "centar za socijalni rad",
    "mladezhi",
    "narodna kuhinja",
    "pomoc u kuci",
    "savetovanje",
    "zaposljavanje",
    "dneven centar",
    "romska zaednica",
    "ndihme sociale",
]
CYRILLIC_QUERIES = [
    "социјална помош",
    "центар за социјални рад",
    "младежи",
    "народна кухиња",
    "помоћ у кући",
    "саветовање",
    "запошљавање",
    "дневен центар",
    "ромска заедница",
    "социално подпомагане",
]
_SYLLABLES = ["ра", "ко", "ви", "на", "ло", "ст", "ми", "до", "бре", "ча", "жи", "це", "ну", "ле", "го", "ше"]


def _place(rng: random.Random) -> str:
    """A made-up locality name, so that some queries are selective."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()


def synthetic_services(code: str, count: int, rng: random.Random) -> list[ServiceV1_2]:
    """``count`` entries for node ``code``, texts drawn from the demo catalogues of its country."""

    country = code[:2]
    nodes = [node for node in demo_nodes() if node[:2] == country]
    pool = [s for node in nodes for s in demo_catalogue(node)["services"]]
    organizations = [o for node in nodes for o in demo_catalogue(node)["organizations"]]
    services = []
    for _ in range(count):
        base = rng.choice(pool)
        place = _place(rng)
        name = {tag: f"{text} – {place}" for tag, text in base["name"].items()}
        if "sr-Latn" in name:
            import cyrtranslit

            name["sr-Latn"] = f"{base['name']['sr-Latn']} – {cyrtranslit.to_latin(place, 'sr')}"
        services.append(
            ServiceV1_2.model_validate(
                {
                    "id": new_message_id(),
                    "revision": 1,
                    "status": "active",
                    "name": name,
                    "description": base["description"],
                    "organization": {"name": rng.choice(organizations)["name"]},
                    "target_groups": base.get("target_groups", []),
                    "taxonomy_terms": base.get("taxonomy_terms", []),
                    "languages": base.get("languages", []),
                    "application_process": base.get("application_process", {}),
                    "eligibility_description": base.get("eligibility_description", {}),
                    "schedules": base.get("schedules", []),
                }
            )
        )
    return services


def publish(
    federation: LocalFederation, keys: dict[str, Ed25519PrivateKey], per_node: int
) -> tuple[int, float]:
    rng = random.Random(20261123)
    now = dt.datetime.now(dt.UTC)
    print(
        f"signing {per_node * len(keys):,} catalogue entries from {len(keys):,} nodes (not timed)…",
        flush=True,
    )
    signed: dict[str, list[Envelope]] = {
        code: [
            write_message(
                message_id=new_message_id(),
                source=code,
                message_type_name="catalogue.service",
                sequence=sequence,
                data=data,
                key=key,
                time=now,
            )
            for sequence, data in enumerate(synthetic_services(code, per_node, rng), start=1)
        ]
        for code, key in keys.items()
    }
    accepted = 0

    def push(code: str) -> int:
        client = HubClient(federation.hub.url, key=keys[code], timeout=120)
        envelopes = signed[code]
        return sum(
            sum(1 for r in client.push(envelopes[start : start + BATCH]) if r.status == "accepted")
            for start in range(0, len(envelopes), BATCH)
        )

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=16) as pool:
        accepted = sum(pool.map(push, keys))
    return accepted, time.perf_counter() - started


def receive(federation: LocalFederation, expected: int, profiler: Profiler) -> tuple[int, float]:
    role = federation.nodes[RECEIVER]
    started = time.perf_counter()
    federation.start_processes(role)
    profiler.start("receive-node-worker", role.by_kind["worker"].pid)
    count = 0
    while time.perf_counter() - started < 3600:
        with psycopg.connect(role.env["DATABASE_URL"]) as conn:
            row = conn.execute("SELECT count(*) FROM federated_catalogue_federatedservice").fetchone()
        count = int(row[0]) if row else 0
        if count >= expected:
            break
        time.sleep(0.5)
    profiler.stop()
    return count, time.perf_counter() - started


_PROBE = """
import json, time
from django.db import connection
from common.catalogue.selectors import Search, catalogue_search
queries = json.loads({queries!r})
timings = []
for kind, query in queries:
    started = time.perf_counter()
    rows = catalogue_search(Search(query=query))
    page = list(rows[:20])
    total = rows.count()
    timings.append([kind, query, time.perf_counter() - started, total, len(page)])
print(json.dumps(timings))
"""


def search_in_process(federation: LocalFederation, queries: list[tuple[str, str]]) -> list[list[Any]]:
    out = federation.manage(
        federation.nodes[RECEIVER], "shell", "-c", _PROBE.format(queries=json.dumps(queries))
    )
    timings: list[list[Any]] = json.loads(out.strip().splitlines()[-1])
    return timings


def search_over_http(federation: LocalFederation, queries: list[tuple[str, str]]) -> list[list[Any]]:
    base = federation.nodes[RECEIVER].url
    timings = []
    for kind, query in queries:
        url = f"{base}/api/v1/catalogue?" + urllib.parse.urlencode({"q": query, "limit": 20})
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback only
            body = json.loads(response.read())
        timings.append([kind, query, time.perf_counter() - started, body["count"], len(body["results"])])
    return timings


def report(title: str, timings: list[list[Any]]) -> None:
    for kind in ("latin", "cyrillic"):
        seconds = [t[2] for t in timings if t[0] == kind]
        print(
            f"{title}, {kind} queries ({len(seconds)}): p50 {statistics.median(seconds) * 1000:.1f} ms, "
            f"p95 {percentile(seconds, 0.95) * 1000:.1f} ms, max {max(seconds) * 1000:.1f} ms",
            flush=True,
        )
    everything = [t[2] for t in timings]
    print(
        f"{title}, all ({len(everything)}): p50 {statistics.median(everything) * 1000:.1f} ms, "
        f"p95 {percentile(everything, 0.95) * 1000:.1f} ms",
        flush=True,
    )
    matches = {t[1]: t[3] for t in timings}
    print(
        "  matches per query: " + ", ".join(f"{q!r} {n:,}" for q, n in sorted(matches.items())[:24]),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument(
        "--queries", type=int, default=600, help="Queries per measurement, Latin and Cyrillic."
    )
    parser.add_argument("--profile", type=Path, help="Write a py-spy profile of the new node's worker here.")
    args = parser.parse_args()
    servers = RealServers()
    root = Path(tempfile.mkdtemp(prefix="socialhub-catalogue-bench-"))
    federation = LocalFederation(
        root,
        hub_port=free_port(),
        nodes=[NodeSpec(RECEIVER, "Рума", "RS", free_port())],
        env_for=lambda name, project, data_dir: (
            servers.env_for(name, project, data_dir)
            | {"WEB_CONCURRENCY": "2", "WEB_THREADS": "32", "LOG_LEVEL": "WARNING"}
        ),
        log=lambda line: None,
    )
    print(
        f"machine: {os.cpu_count()} cores, PostgreSQL + RabbitMQ on 127.0.0.1 (shared by every process)",
        flush=True,
    )
    try:
        federation.start_hub()
        federation.enrol(RECEIVER, admin=":".join(ADMIN), seed=False)
        countries = ("MK", "BG", "RS")
        codes = [f"{countries[i % 3]}-B{i:04d}" for i in range(args.nodes)]
        started = time.perf_counter()
        keys = enrol_members(federation, register_members(federation, codes))
        print(
            f"{len(keys):,} nodes registered and enrolled in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        accepted, seconds = publish(federation, keys, args.services // args.nodes)
        print(f"published: {accepted:,} entries accepted by the hub in {seconds:.1f} s", flush=True)
        count, seconds = receive(federation, accepted, Profiler(args.profile))
        print(
            f"new node: full catalogue ({count:,} entries) received, verified, applied and indexed "
            f"{seconds:.1f} s after starting its processes ({count / seconds:,.0f} entries/s)",
            flush=True,
        )
        rng = random.Random(7)
        queries = [
            (
                "latin" if n % 2 == 0 else "cyrillic",
                rng.choice(LATIN_QUERIES if n % 2 == 0 else CYRILLIC_QUERIES),
            )
            for n in range(args.queries)
        ]
        # Selective queries too: a made-up locality, in Cyrillic and in Latin.
        import cyrtranslit

        for n in range(0, args.queries, 5):
            place = _place(random.Random(n))
            queries[n] = ("cyrillic", place) if n % 2 else ("latin", cyrtranslit.to_latin(place, "sr"))
        search_in_process(federation, queries[:50])  # warm the caches
        report("search (selector, in the node's process)", search_in_process(federation, queries))
        report("search (HTTP API, page of 20)", search_over_http(federation, queries))
    finally:
        federation.stop()
        servers.clean()


if __name__ == "__main__":
    main()
