"""Benchmark: how long the demo takes to come up, and how long a catalogue change takes to reach
the other nodes, on the embedded defaults (or PostgreSQL + RabbitMQ with
SOCIALHUB_TEST_BACKEND=postgres).

    python -m tests.bench.catalogue_latency [--changes 20] [--nodes 3]

Prints measured figures only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from deploy.local import LocalFederation, NodeSpec, Role, embedded_env, get_json, request_json
from tests.backends import use_postgres
from tests.e2e.conftest import RealServers, free_port

NAMES = [
    ("MK-CAIR", "Чаир"),
    ("MK-BUTEL", "Бутел"),
    ("MK-CUCER", "Чучер-Сандево"),
    ("BG-PLOVDIV", "Пловдив"),
    ("BG-STRELCHA", "Стрелча"),
    ("RS-RUMA", "Рума"),
    ("RS-ADA", "Ада"),
    ("RS-SMITROVICA", "Сремска Митровица"),
]
ADMIN = "bench:bench-password"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--nodes", type=int, default=3, choices=range(2, len(NAMES) + 1))
    args = parser.parse_args()
    servers = RealServers() if use_postgres() else None
    root = Path(tempfile.mkdtemp(prefix="socialhub-bench-"))
    specs = [NodeSpec(code, name, code[:2], free_port()) for code, name in NAMES[: args.nodes]]
    federation = LocalFederation(
        root, hub_port=free_port(), nodes=specs, env_for=servers.env_for if servers else embedded_env
    )
    print(
        f"machine: {os.cpu_count()} cores; backend: {'postgres+rabbitmq' if servers else 'sqlite+filesystem'}"
    )
    try:
        started = time.monotonic()
        federation.start_hub()
        hub_up = time.monotonic() - started
        with ThreadPoolExecutor(max_workers=len(specs)) as pool:
            list(pool.map(lambda code: federation.enrol(code, admin=ADMIN), federation.nodes))
        for role in federation.nodes.values():
            federation.start_processes(role)
        for role in federation.nodes.values():
            federation.wait_http(role, "/api/v1/status")
        all_up = time.monotonic() - started
        expected = sum(get_json(r.url + "/api/v1/services")["count"] for r in federation.nodes.values())

        def converged() -> bool:
            return all(
                get_json(r.url + "/api/v1/catalogue?limit=1")["count"] == expected
                for r in federation.nodes.values()
            )

        while not converged():
            time.sleep(0.05)
        first_sync = time.monotonic() - started
        print(
            f"hub up: {hub_up:.1f} s; {len(specs)} nodes enrolled and running: {all_up:.1f} s; "
            f"demo catalogues everywhere: {first_sync:.1f} s"
        )

        sender, *receivers = federation.nodes.values()
        user, password = ADMIN.split(":")
        latencies: list[float] = []
        for i in range(args.changes):
            created = request_json(
                "POST",
                sender.url + "/api/v1/services",
                {"name": {"mk": f"Услуга {i}", "en": f"Service {i}"}, "organization_name": {"en": "Bench"}},
                auth=(user, password),
            )
            t0 = time.monotonic()
            with ThreadPoolExecutor(max_workers=len(receivers)) as pool:
                n = len(receivers)
                waits = list(pool.map(_arrival, receivers, [sender.name] * n, [created["id"]] * n, [t0] * n))
            latencies.append(max(waits))
        latencies.sort()
        p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
        print(
            f"catalogue change reaching all {len(receivers)} other nodes, {args.changes} changes, "
            "nodes long-polling the hub: "
            f"p50 {statistics.median(latencies):.2f} s, p95 {p95:.2f} s, max {latencies[-1]:.2f} s"
        )
    finally:
        federation.stop()
        if servers is not None:
            servers.clean()


def _arrival(role: Role, origin: str, service_id: str, t0: float) -> float:
    """Seconds from ``t0`` until ``role`` lists the service (polled every 20 ms)."""
    url = role.url + f"/api/v1/catalogue?origin={origin}&limit=1000"
    while not any(s["service_id"] == service_id for s in get_json(url)["results"]):
        time.sleep(0.02)
    return time.monotonic() - t0


if __name__ == "__main__":
    main()
