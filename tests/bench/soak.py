"""Soak: the one-command demo's federation under steady traffic for a long while.

    python -m tests.bench.soak [--minutes 30] [--interval 10]

Starts the demo's hub and nine nodes (SQLite, the embedded broker) on free loopback ports, then
for ``--minutes``: every ``--interval`` s one node (in turn) creates or edits a service through its
API, and the soak times how long until that revision is in the federated catalogue of every
other node and in the hub's portal search; meanwhile it asks the hub's health every half second
while every node holds a long-poll. A process that exits is counted and started again, as the
demo's own supervisor does. It prints measured figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import os
import secrets
import socket
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

from deploy.demo import ADMIN_PASSWORD, ADMIN_USER, NODES
from deploy.local import LocalFederation, NodeSpec, get_json, request_json


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _figures(name: str, values: list[float], unit: str = "ms") -> str:
    if not values:
        return f"{name}: no samples"
    return (
        f"{name}: n={len(values)} p50={_percentile(values, 0.5):.0f} {unit} "
        f"p99={_percentile(values, 0.99):.0f} {unit} max={max(values):.0f} {unit}"
    )


class HealthProbe(threading.Thread):
    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.samples: list[float] = []
        self.failures = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            began = time.monotonic()
            try:
                get_json(self.url + "/api/v1/health", timeout=30)
                self.samples.append((time.monotonic() - began) * 1000)
            except (OSError, ValueError):
                self.failures += 1
            self.stop.wait(0.5)


def _visible(url: str, token: str, revision: int) -> bool:
    """Whether the federated catalogue at ``url`` (a node's, or the hub's behind its portal)
    holds this revision of the probe service."""
    try:
        page = get_json(f"{url}/api/v1/catalogue?q={urllib.parse.quote(token)}&limit=5", timeout=10)
    except (OSError, ValueError):
        return False
    return any(item["revision"] >= revision for item in page["results"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--interval", type=float, default=10.0, help="Seconds between changes.")
    parser.add_argument("--root", type=Path, default=None, help="Where to keep state (default: a temp dir).")
    args = parser.parse_args(argv)

    root = args.root or Path(tempfile.mkdtemp(prefix="socialhub-soak-"))
    specs = [NodeSpec(code=n.code, name=n.name, country=n.country, port=_free_port()) for n in NODES]
    federation = LocalFederation(root, hub_port=_free_port(), nodes=specs, log=lambda line: None)
    print(f"soak: {len(specs)} nodes and a hub under {root}; {os.cpu_count()} cores", flush=True)
    started = time.monotonic()
    exits: list[str] = []
    latencies: list[float] = []
    unreached = 0
    try:
        federation.start_hub()
        for spec in specs:
            federation.enrol(spec.code, admin=f"{ADMIN_USER}:{ADMIN_PASSWORD}")
            federation.start_processes(federation.nodes[spec.code])
        for spec in specs:
            federation.wait_http(federation.nodes[spec.code], "/api/v1/status", timeout=120)
        print(
            f"soak: up after {time.monotonic() - started:.0f} s; traffic for {args.minutes:g} min", flush=True
        )
        probe = HealthProbe(federation.hub.url)
        probe.start()
        deadline = time.monotonic() + args.minutes * 60
        services: dict[str, tuple[str, int, str]] = {}  # node code -> (service id, revision, token)
        for number in itertools.count(1):
            if time.monotonic() >= deadline:
                break
            tick = time.monotonic()
            code = specs[number % len(specs)].code
            role = federation.nodes[code]
            token = f"soak{secrets.token_hex(4)}"
            body: dict[str, Any] = {
                "name": {"en": f"Soak probe {token}", "mk": f"Проба {token}"},
                "organization_name": {"en": "Soak"},
            }
            if code in services:
                service_id, revision, _ = services[code]
                request_json(
                    "PUT",
                    f"{role.url}/api/v1/services/{service_id}",
                    body,
                    auth=(ADMIN_USER, ADMIN_PASSWORD),
                    timeout=30,
                )
                revision += 1
            else:
                created = request_json(
                    "POST", f"{role.url}/api/v1/services", body, auth=(ADMIN_USER, ADMIN_PASSWORD), timeout=30
                )
                service_id, revision = created["id"], created["revision"]
            services[code] = (service_id, revision, token)
            committed = time.monotonic()
            waiting = {other: r.url for other, r in federation.nodes.items() if other != code}
            waiting["hub portal"] = federation.hub.url
            while waiting and time.monotonic() - committed < 60:
                for name, url in list(waiting.items()):
                    if _visible(url, token, revision):
                        del waiting[name]
                time.sleep(0.05)
            if waiting:
                unreached += 1
                print(f"  change {number} at {code} not at {sorted(waiting)} within 60 s", flush=True)
            else:
                latencies.append((time.monotonic() - committed) * 1000)
            for exited in federation.revive():
                exits.append(f"{exited.role} {exited.kind} ({exited.returncode})")
                print(
                    f"  {exited.role} {exited.kind} exited ({exited.returncode}); started again", flush=True
                )
            if number % 30 == 0:
                print(
                    f"  [{(time.monotonic() - started) / 60:5.1f} min] {number} changes; "
                    + _figures("change to every node", latencies)
                    + "; "
                    + _figures("hub health", probe.samples),
                    flush=True,
                )
            time.sleep(max(0.0, args.interval - (time.monotonic() - tick)))
        probe.stop.set()
        duration = (time.monotonic() - started) / 60
        print("\nsoak results", flush=True)
        print(
            f"  duration: {duration:.1f} min (traffic {args.minutes:g} min); machine: {os.cpu_count()} cores"
        )
        print(f"  processes that exited (workers lost): {len(exits)} {exits if exits else ''}")
        print(f"  changes: {len(latencies) + unreached}, reached every node and the portal: {len(latencies)}")
        print("  " + _figures("change to every node and the portal", latencies))
        print("  " + _figures("hub health while every node long-polls", probe.samples))
        print(f"  hub health requests that failed: {probe.failures}")
    finally:
        federation.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
