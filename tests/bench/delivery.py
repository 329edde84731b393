"""Benchmark: delivery on PostgreSQL and RabbitMQ, with real hub processes.

    python -m tests.bench.delivery [--messages 100000] [--senders 8] [--web-workers 2]
                                   [--nodes 10 100] [--changes 100]
                                   [--mixed N [--mixed-small 2000] [--mixed-bytes 1000000]
                                    [--mixed-rate 0]]

1. Hub ingest, end to end (HTTP batch → verify → persist → signed receipt): ``--messages``
   pre-signed catalogue messages pushed by ``--senders`` members at once, in batches of 500;
   printed beside the raw Ed25519 verify rate of as many processes as the hub has web workers,
   measured in the same run.
2. Catch-up: a real node (web, worker, beat) enrolled before the ingest but started only after
   it, applying every waiting message; messages per second from its first to its last apply.
3. Sync latency: changes saved through a real node's API (commit) until each of ``--nodes``
   simulated receivers has pulled, verified (sender's signature and hub receipt) and recorded
   them. Simulated receivers share this process and use the real client code (``HubClient``
   long-polling, ``open_envelope``, ``read_message``, ``read_control``); they record a message
   in memory instead of a database.
4. Peak memory (VmHWM) of the hub's web and worker processes.
5. Mixed traffic (``--mixed N``): a second real node writes N probe parcels of
   ``--mixed-bytes`` each (the test-only plug-in ``tests.plugins.probe``, installed at the hub
   and both nodes for this run) spread among ``--mixed-small`` catalogue services, as fast as
   it can or at ``--mixed-rate`` messages/s; the receiving node applies them. From the three
   databases: latency from the sender's commit to the receiver's apply, large beside small
   (p50/p99), throughput in messages/s and MB/s, how many pushes and pulled pages carried them,
   and what was sent, logged, applied, doubled and lost.

``--messages 0`` skips ingest and catch-up. Prints measured figures only; asserts nothing.
Needs PostgreSQL and RabbitMQ at 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import multiprocessing
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contracts.client import HubClient
from contracts.control import Receipt, read_control
from contracts.envelope import Envelope, TrustedKey, b64_decode, mapping_resolver, open_envelope, pae
from contracts.keys import key_id, load_public_key
from contracts.messages import new_message_id, read_message, write_message
from deploy.local import LocalFederation, NodeSpec, Role, request_json
from tests.e2e.conftest import RealServers, free_port
from tests.factories import service_data

RECEIVER = "MK-CAIR"
MIXED_SENDER = "MK-BUTEL"
PROBE_PLUGIN = "tests.plugins.probe"
ADMIN = ("bench", "bench-password")
BATCH = 500


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# --- raw Ed25519 verify with W processes, over the bytes an envelope signs --------------------


def _verify_many(args: tuple[bytes, bytes, bytes, int]) -> tuple[int, float]:
    public_raw, signature, message, count = args
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    public = Ed25519PublicKey.from_public_bytes(public_raw)
    cpu = time.process_time()
    for _ in range(count):
        public.verify(signature, message)
    return count, time.process_time() - cpu


def raw_verify_rate(
    processes: int, envelope: Envelope, key: Ed25519PrivateKey, seconds: float = 3.0
) -> tuple[float, float]:
    """Verifications per second with ``processes`` processes, and the CPU time of one (s)."""
    message = pae(envelope.payload_type, b64_decode(envelope.payload))
    signature = key.sign(message)
    from cryptography.hazmat.primitives import serialization

    public_raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    per_chunk = 2000
    with multiprocessing.Pool(processes) as pool:
        pool.map(_verify_many, [(public_raw, signature, message, 200)] * processes)  # warm up
        done, cpu, started = 0, 0.0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            chunks = [(public_raw, signature, message, per_chunk)] * processes
            for count, spent in pool.map(_verify_many, chunks):
                done, cpu = done + count, cpu + spent
        return done / (time.perf_counter() - started), cpu / done


# --- setting up members ------------------------------------------------------------------------


def register_members(federation: LocalFederation, codes: list[str]) -> dict[str, str]:
    """Register many members in one process; returns code -> one-time token."""
    script = (
        "import json\nfrom hub.federation.services import member_register\n"
        f"codes = {codes!r}\n"
        "print(json.dumps({c: member_register(code=c, name=c, country=c[:2]).token for c in codes}))\n"
    )
    out = federation.manage(federation.hub, "shell", "-c", script)
    tokens: dict[str, str] = json.loads(out.strip().splitlines()[-1])
    return tokens


def enrol_members(federation: LocalFederation, tokens: dict[str, str]) -> dict[str, Ed25519PrivateKey]:
    keys = {code: Ed25519PrivateKey.generate() for code in tokens}

    def enrol(code: str) -> None:
        HubClient(federation.hub.url).enrol(token=tokens[code], key=keys[code])

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(enrol, tokens))
    return keys


# --- 1. ingest --------------------------------------------------------------------------------


def ingest(
    federation: LocalFederation, keys: dict[str, Ed25519PrivateKey], total: int, first_sequence: int = 1
) -> tuple[float, int]:
    """Push ``total`` messages from every sender at once; messages per second and how many were
    accepted. Envelopes are signed and serialised beforehand, as a node's outbox holds them."""
    senders = list(keys)
    per_sender = total // len(senders)
    now = dt.datetime.now(dt.UTC)
    print(f"signing {per_sender * len(senders):,} messages (not timed)…", flush=True)
    signed: dict[str, list[bytes]] = {
        code: [
            write_message(
                message_id=new_message_id(),
                source=code,
                message_type_name="catalogue.service",
                sequence=sequence,
                data=service_data(),
                key=keys[code],
                time=now,
            ).to_bytes()
            for sequence in range(first_sequence, first_sequence + per_sender)
        ]
        for code in senders
    }
    accepted = [0] * len(senders)

    def push(position: int) -> None:
        code = senders[position]
        client = HubClient(federation.hub.url, key=keys[code], timeout=60)
        envelopes = signed[code]
        for start in range(0, len(envelopes), BATCH):
            results = client.push(envelopes[start : start + BATCH])
            accepted[position] += sum(1 for r in results if r.status == "accepted")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(senders)) as pool:
        list(pool.map(push, range(len(senders))))
    seconds = time.perf_counter() - started
    if sum(accepted) != per_sender * len(senders):
        print(f"WARNING: {sum(accepted):,} of {per_sender * len(senders):,} accepted")
    return sum(accepted) / seconds, sum(accepted)


def sample_message(key: Ed25519PrivateKey, source: str) -> Envelope:
    """A message like those the ingest pushes, for the raw verify rate."""
    return write_message(
        message_id=new_message_id(),
        source=source,
        message_type_name="catalogue.service",
        sequence=1,
        data=service_data(),
        key=key,
        time=dt.datetime.now(dt.UTC),
    )


# --- 2. catch-up -------------------------------------------------------------------------------


def catch_up(
    federation: LocalFederation, role: Role, expected: int, profiler: Profiler | None = None
) -> tuple[float, float, CpuShare]:
    started = time.perf_counter()
    federation.start_processes(role)
    if profiler is not None:
        profiler.start("catch-up-node-worker", role.by_kind["worker"].pid)
    cpu = CpuShare(CpuShare.of_node(role) | CpuShare.of_hub(federation.hub)).start()
    url = role.env["DATABASE_URL"]
    while True:
        with psycopg.connect(url) as conn:
            row = conn.execute(
                "SELECT count(*), min(received_at), max(received_at) FROM exchange_inboxmessage"
            ).fetchone()
        assert row is not None
        count, first, last = row
        if count >= expected:
            break
        if time.perf_counter() - started > 1800:
            print(f"WARNING: catch-up stopped at {count:,} of {expected:,}")
            break
        time.sleep(1.0)
    wall = time.perf_counter() - started
    cpu.stop()
    if profiler is not None:
        profiler.stop()
    applying = (last - first).total_seconds() if first and last else wall
    return count / max(applying, 1e-9), wall, cpu


def hub_projection_settled(federation: LocalFederation, log_size: int, limit: float = 1800) -> float:
    """Wait until every projection at the hub (the catalogue, a plug-in's) has read the whole
    log; seconds waited."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        with psycopg.connect(federation.hub.env["DATABASE_URL"]) as conn:
            row = conn.execute("SELECT min(position) FROM exchange_projectioncursor").fetchone()
        if row is not None and row[0] is not None and row[0] >= log_size:
            break
        time.sleep(1.0)
    return time.perf_counter() - started


# --- 3. latency with simulated receivers -----------------------------------------------------------


class SimulatedReceiver(threading.Thread):
    def __init__(
        self, hub_url: str, code: str, key: Ed25519PrivateKey, trusted: Any, hub_trusted: Any, after: int
    ) -> None:
        super().__init__(daemon=True)
        self.client = HubClient(hub_url, key=key, timeout=30)
        self.code, self.trusted, self.hub_trusted = code, trusted, hub_trusted
        self.cursor = str(after)
        self.arrived: dict[str, float] = {}
        self.stopping = False

    def run(self) -> None:
        while not self.stopping:
            try:
                page = self.client.pull(after=self.cursor, limit=500, wait=10)
            except Exception:  # the bench goes on; a failed pull is retried
                time.sleep(0.2)
                continue
            for pulled in page.messages:
                verified = open_envelope(Envelope.model_validate(pulled.envelope), resolve_key=self.trusted)
                event = read_message(verified, accept_newer_minor=True)
                read_control(pulled.receipt, model=Receipt, resolve_key=self.hub_trusted)
                self.arrived[str(event.data.id)] = time.perf_counter()  # type: ignore[attr-defined]
            self.cursor = page.next_cursor


def latency(
    federation: LocalFederation,
    sender: Role,
    receivers: dict[str, Ed25519PrivateKey],
    changes: int,
    log_size: int,
) -> list[float]:
    directory = HubClient(federation.hub.url, key=next(iter(receivers.values()))).directory()
    payload = json.loads(b64_decode(directory.payload))
    trusted = {
        k["keyid"]: TrustedKey(owner=m["code"], public_key=load_public_key(k["public_key"]))
        for m in payload["members"]
        for k in m["keys"]
        if k["status"] == "active"
    }
    script = (
        "from hub.federation.selectors import hub_signing_key\n"
        "from contracts.keys import public_key_text\n"
        "print(public_key_text(hub_signing_key().public_key()))"
    )
    hub_key = federation.manage(federation.hub, "shell", "-c", script).strip().splitlines()[-1]
    hub_public = load_public_key(hub_key)
    hub_trusted = mapping_resolver({key_id(hub_public): TrustedKey(owner="hub", public_key=hub_public)})
    threads = [
        SimulatedReceiver(federation.hub.url, code, key, mapping_resolver(trusted), hub_trusted, log_size)
        for code, key in receivers.items()
    ]
    for thread in threads:
        thread.start()
    time.sleep(2.0)  # every receiver is long-polling
    committed: dict[str, float] = {}
    for i in range(changes):
        answer = request_json(
            "POST",
            sender.url + "/api/v1/services",
            {"name": {"en": f"Latency {i}"}, "organization_name": {"en": "Bench"}},
            auth=ADMIN,
            timeout=30,
        )
        committed[answer["id"]] = time.perf_counter()
        time.sleep(0.2)
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline and any(len(t.arrived) < changes for t in threads):
        time.sleep(0.2)
    for thread in threads:
        thread.stopping = True
    return [t.arrived[sid] - at for t in threads for sid, at in committed.items() if sid in t.arrived]


class Profiler:
    """``py-spy record`` of a process tree while a phase runs, as collapsed stacks (optional:
    only when ``--profile DIR`` is given and py-spy is installed)."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
        self.running: subprocess.Popen[bytes] | None = None

    def start(self, name: str, pid: int) -> None:
        if self.directory is None or not Path(self.spy).exists():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        out = self.directory / f"{name}.txt"
        self.running = subprocess.Popen(
            [
                self.spy,
                "record",
                "--pid",
                str(pid),
                "--subprocesses",
                "--format",
                "raw",
                "--rate",
                "50",
                "--output",
                str(out),
                "--nonblocking",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.running is not None:
            self.running.send_signal(signal.SIGINT)
            self.running.wait(timeout=60)
            self.running = None


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().split()[3]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (seconds)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _postgres_pids() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


class CpuShare:
    """Where the machine's CPU went during a phase: each group of processes named (a process
    and its children), PostgreSQL (backends that ended during the phase are not counted), this
    benchmark process and the whole machine (from /proc/stat); "other" is the rest."""

    def __init__(self, groups: dict[str, list[int]], here: str = "this process") -> None:
        self.groups = {
            name: [p for pid in pids for p in (pid, *_children(pid))] for name, pids in groups.items()
        }
        self.here = here

    @staticmethod
    def of_hub(hub: Role) -> dict[str, list[int]]:
        return {
            "hub web": [hub.by_kind["web"].pid],
            "hub worker and beat": [
                hub.by_kind[kind].pid for kind in ("worker", "beat") if kind in hub.by_kind
            ],
        }

    @staticmethod
    def of_node(node: Role) -> dict[str, list[int]]:
        return {
            "node worker": [node.by_kind["worker"].pid],
            "node web and beat": [node.by_kind[kind].pid for kind in ("web", "beat") if kind in node.by_kind],
        }

    @staticmethod
    def _machine() -> float:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        busy = sum(int(f) for i, f in enumerate(fields[:8]) if i not in (3, 4))  # not idle, iowait
        return busy / os.sysconf("SC_CLK_TCK")

    def _read(self) -> dict[str, float]:
        times = os.times()
        return {
            **{name: _cpu_seconds(pids) for name, pids in self.groups.items()},
            "PostgreSQL": _cpu_seconds(_postgres_pids()),
            self.here: times.user + times.system,
            "machine": self._machine(),
        }

    def __enter__(self) -> CpuShare:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> CpuShare:
        self.before = self._read()
        return self

    def stop(self) -> None:
        after = self._read()
        self.used = {name: after[name] - self.before[name] for name in after}
        self.used["other"] = self.used["machine"] - sum(
            seconds for name, seconds in self.used.items() if name != "machine"
        )

    def report(self, messages: int) -> str:
        return ", ".join(f"{name} {seconds / messages * 1e6:.0f}" for name, seconds in self.used.items())


def report_ingest(
    title: str, rate: float, raw: float, cpu: CpuShare, accepted: int, verify_cpu: float
) -> None:
    web = cpu.used["hub web"] / max(accepted, 1)
    print(
        f"{title}: {rate:,.0f} messages/s end to end; ratio to raw verify {rate / raw:.2f}\n"
        f"  CPU per message (µs): {cpu.report(accepted)}\n"
        f"  the hub's web processes spent {web / verify_cpu:.2f}× one verification per message, "
        f"so with the cores to themselves they would ingest at {verify_cpu / web:.2f}× raw verify",
        flush=True,
    )


def peak_memory_mb(pid: int) -> float:
    """VmHWM of a process and its children (gunicorn master and workers), in MiB, the largest."""
    pids = [pid, *_children(pid)]
    peaks = []
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return max(peaks, default=0.0)


# --- 5. mixed traffic ------------------------------------------------------------------------

# Run at the sending node (``node.manage shell``): each message in its own transaction, as a
# caseworker's save is, the parcels spread evenly among the services.
MIXED_WRITER = """
import time, uuid
from django.db import transaction
from node.catalogue.services import service_create
from node.exchange.outbox import outbox_enqueue
from tests.plugins.probe.family import ProbeParcelV1

small, large, size, rate = {small}, {large}, {size}, {rate}
total = small + large
parcels = {{(2 * k + 1) * total // (2 * large) for k in range(large)}}
filler = "x" * size
started = time.perf_counter()
for i in range(total):
    if rate:
        time.sleep(max(0.0, started + i / rate - time.perf_counter()))
    if i in parcels:
        with transaction.atomic():
            parcel = ProbeParcelV1(note_id=uuid.uuid4(), filler=filler)
            outbox_enqueue(message_type="probe.parcel", data=parcel)
    else:
        service_create(fields={{"name": {{"en": f"Mixed {{i}}"}}, "organization_name": {{"en": "Bench"}}}})
"""
LARGE_TYPE = "probe.parcel"


def _rows(url: str, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with psycopg.connect(url) as conn:
        return list(conn.execute(sql, params).fetchall())  # type: ignore[arg-type]


def node_ready(role: Role, started: dt.datetime, limit: float = 120) -> None:
    """Wait until the node's worker and beat have both been heard from since ``started``, so
    that the first message written is pushed as promptly as the last."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        kinds = _rows(
            role.env["DATABASE_URL"], "SELECT kind FROM exchange_processseen WHERE seen_at >= %s", started
        )
        if {"worker", "beat"} <= {kind for (kind,) in kinds}:
            return
        time.sleep(0.5)
    print(f"WARNING: {role.name}'s worker and beat not seen within {limit:.0f} s", flush=True)


@dataclass
class Delivery:
    """One message of the mixed run, as the three databases saw it."""

    large: bool
    wire_bytes: int
    committed: dt.datetime  # the outbox row, written in the sender's committing transaction
    pushed: dt.datetime | None  # the sender's receipt check: one time per push
    dead: bool
    logged: dt.datetime | None = None  # the hub's ingest: one time per push
    applied: dt.datetime | None = None  # the receiver's inbox row, made as its page is applied
    page: int | None = None  # the PostgreSQL transaction that stored the receiver's page
    page_bytes: int = 0
    status: str = ""


def mixed_counts(federation: LocalFederation, sender: Role, receiver: Role) -> dict[str, Delivery]:
    """Every message the sender wrote, by id, with what the hub and the receiver did with it."""
    messages = {
        str(message_id): Delivery(
            large=kind == LARGE_TYPE, wire_bytes=size, committed=created, pushed=sent, dead=dead
        )
        for message_id, kind, size, created, sent, dead in _rows(
            sender.env["DATABASE_URL"],
            "SELECT message_id, type, length(envelope), created_at, sent_at, dead_at IS NOT NULL "
            "FROM exchange_outboxmessage WHERE type IN ('catalogue.service', %s)",
            LARGE_TYPE,
        )
    }
    for message_id, received in _rows(
        federation.hub.env["DATABASE_URL"],
        "SELECT m.message_id, m.received_at FROM exchange_message m "
        "JOIN federation_member f ON f.id = m.source_id WHERE f.code = %s",
        sender.name,
    ):
        if str(message_id) in messages:
            messages[str(message_id)].logged = received
    # Rows a transaction (here: the savepoint that stores one pulled page) inserts share its id,
    # xmin: the receiver's pages, counted exactly, with no change to the node to count them.
    for message_id, status, received, page, size in _rows(
        receiver.env["DATABASE_URL"],
        "SELECT message_id, status, received_at, xmin::text::bigint, octet_length(envelope) "
        "FROM exchange_inboxmessage WHERE source = %s",
        sender.name,
    ):
        delivery = messages.get(str(message_id))
        if delivery is not None:
            delivery.status, delivery.page, delivery.page_bytes = status, page, size
            if status == "applied":
                delivery.applied = received
    return messages


def _batches(messages: list[Delivery], key: str) -> dict[Any, list[Delivery]]:
    """The messages grouped by the push (``pushed``) or the page (``page``) that carried them."""
    groups: dict[Any, list[Delivery]] = {}
    for message in messages:
        value = getattr(message, key)
        if value is not None:
            groups.setdefault(value, []).append(message)
    return groups


def _latency_line(label: str, messages: list[Delivery]) -> str:
    total = [(m.applied - m.committed).total_seconds() for m in messages if m.applied]
    to_hub = [(m.logged - m.committed).total_seconds() for m in messages if m.logged]
    if not total:
        return f"    {label}: none applied"
    return (
        f"    {label} ({len(total):,}): p50 {statistics.median(total) * 1000:,.0f} ms, "
        f"p99 {percentile(total, 0.99) * 1000:,.0f} ms, max {max(total) * 1000:,.0f} ms "
        f"(of which commit → logged at the hub p50 {statistics.median(to_hub) * 1000:,.0f} ms, "
        f"p99 {percentile(to_hub, 0.99) * 1000:,.0f} ms)"
    )


def _carried_line(label: str, groups: dict[Any, list[Delivery]], size: str) -> str:
    carrying = [group for group in groups.values() if any(m.large for m in group)]
    largest = max((sum(getattr(m, size) for m in group) for group in groups.values()), default=0)
    most = max((sum(1 for m in group if m.large) for group in carrying), default=0)
    return (
        f"  {label}: {len(groups):,} carried them all (largest {largest / 1e6:.2f} MB); "
        f"{len(carrying):,} carried the large ones, at most {most} in one"
    )


def mixed_traffic(
    federation: LocalFederation,
    receiver: Role,
    *,
    large: int,
    small: int,
    size: int,
    rate: float,
    log_size: int,
    limit: float = 1800,
) -> None:
    sender = federation.nodes[MIXED_SENDER]
    federation.enrol(MIXED_SENDER, admin=":".join(ADMIN), seed=False)
    # The sender has no use for the log written before it joined: it starts at the head, as the
    # simulated receivers do, so that its own catch-up does not compete with the run.
    federation.manage(
        sender,
        "shell",
        "-c",
        "from node.exchange.models import SyncState\n"
        f"SyncState.objects.update_or_create(pk=1, defaults={{'cursor': '{log_size}'}})",
    )
    started = dt.datetime.now(dt.UTC)
    federation.start_processes(sender)
    node_ready(sender, started)
    load_before = os.getloadavg()[0]
    script = MIXED_WRITER.format(small=small, large=large, size=size, rate=rate)
    federation.manage(sender, "shell", "-c", script)
    total = small + large
    deadline = time.perf_counter() + limit
    while True:
        messages = list(mixed_counts(federation, sender, receiver).values())
        applied = sum(1 for m in messages if m.applied)
        dead = sum(1 for m in messages if m.dead or m.status == "rejected")
        if applied + dead >= total:
            break
        if time.perf_counter() > deadline:
            print(f"WARNING: mixed traffic stopped at {applied:,} of {total:,} applied", flush=True)
            break
        time.sleep(1.0)
    load_after = os.getloadavg()[0]
    [(duplicates,)] = _rows(
        federation.hub.env["DATABASE_URL"],
        "SELECT coalesce(sum(s.duplicate_total), 0) FROM exchange_membersync s "
        "JOIN federation_member f ON f.id = s.member_id WHERE f.code = %s",
        sender.name,
    )
    [(doubled_parcels,)] = _rows(
        receiver.env["DATABASE_URL"], "SELECT count(*) FROM probe_probenote WHERE applied <> 1"
    )
    large_wire = max((m.wire_bytes for m in messages if m.large), default=0)
    first = min(m.committed for m in messages)
    written = (max(m.committed for m in messages) - first).total_seconds()
    last = max((m.applied for m in messages if m.applied), default=first)
    seconds = max((last - first).total_seconds(), 1e-9)
    wire = sum(m.wire_bytes for m in messages if m.applied)
    applied_ids = sum(1 for m in messages if m.applied)
    how = f"at {rate:g} messages/s" if rate else "as fast as it could"
    pushes = _batches(messages, "pushed")
    # A long pause while messages wait says the sender's worker did not push, not that the hub
    # or the link was slow.
    times = sorted(pushes)
    pause = max(((b - a).total_seconds() for a, b in itertools.pairwise(times)), default=0.0)
    print(
        f"mixed traffic: {large:,} parcels of {size:,} bytes ({large_wire:,} on the wire) among "
        f"{small:,} catalogue services, committed by a real node {how} (one transaction each, "
        f"first to last in {written:.1f} s), applied by a real node; load average {load_before:.1f} → "
        f"{load_after:.1f}\n"
        "  latency, commit at the sender → applied at the receiver:\n"
        f"{_latency_line('small', [m for m in messages if not m.large])}\n"
        f"{_latency_line('large', [m for m in messages if m.large])}\n"
        f"  throughput, first commit → last apply ({seconds:.1f} s): {applied_ids / seconds:,.1f} "
        f"messages/s, {wire / seconds / 1e6:.2f} MB/s of signed envelopes\n"
        f"{_carried_line('pushes', pushes, 'wire_bytes')}; longest pause between two {pause:.1f} s\n"
        f"{_carried_line('pulled pages', _batches(messages, 'page'), 'page_bytes')}\n"
        f"  sent {len(messages):,}, logged {sum(1 for m in messages if m.logged):,}, "
        f"applied {applied_ids:,}, dead letters {dead:,}, "
        f"doubled {int(duplicates) + int(doubled_parcels):,} (hub duplicates {int(duplicates):,}, "
        f"parcels applied more than once {int(doubled_parcels):,}), "
        f"lost {len(messages) - applied_ids:,}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--senders", type=int, default=8)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument(
        "--nodes", type=int, nargs="*", default=[10, 100], help="Receivers for sync latency (none: skip)."
    )
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--profile", type=Path, help="Write py-spy profiles of ingest and catch-up here.")
    parser.add_argument(
        "--ingest-only", action="store_true", help="Measure ingest and the raw verify rate, then stop."
    )
    parser.add_argument(
        "--mixed", type=int, default=0, metavar="N", help="Send N large messages among small ones (0: skip)."
    )
    parser.add_argument("--mixed-small", type=int, default=2000, help="Small messages beside them.")
    parser.add_argument("--mixed-bytes", type=int, default=1_000_000, help="Filler in each large one.")
    parser.add_argument(
        "--mixed-rate", type=float, default=0, help="Messages written per second (0: as fast as possible)."
    )
    args = parser.parse_args()
    servers = RealServers()
    root = Path(tempfile.mkdtemp(prefix="socialhub-delivery-"))
    nodes = [NodeSpec(RECEIVER, "Чаир", "MK", free_port())]
    if args.mixed:
        nodes.append(NodeSpec(MIXED_SENDER, "Бутел", "MK", free_port()))
    # The plug-in only when its messages are sent: the other figures stay comparable with runs
    # that had no projection or applier of its own.
    plugins = {"SOCIALHUB_PLUGINS": PROBE_PLUGIN} if args.mixed else {}
    federation = LocalFederation(
        root,
        hub_port=free_port(),
        nodes=nodes,
        env_for=lambda name, project, data_dir: (
            servers.env_for(name, project, data_dir)
            | {
                "WEB_CONCURRENCY": str(args.web_workers),
                "WEB_THREADS": "160",
                "LOG_LEVEL": "WARNING",
            }
            | plugins
        ),
        log=lambda line: None,
    )
    print(
        f"machine: {os.cpu_count()} cores, PostgreSQL + RabbitMQ on 127.0.0.1; "
        f"hub web: {args.web_workers} workers",
        flush=True,
    )
    try:
        federation.start_hub()
        receiver = federation.nodes[RECEIVER]
        federation.enrol(RECEIVER, admin=":".join(ADMIN), seed=False)
        hub_pid = federation.hub.by_kind["web"].pid
        if args.messages:
            senders = [f"MK-SEND{i:02d}" for i in range(args.senders)]
            keys = enrol_members(federation, register_members(federation, senders))

            profiler = Profiler(args.profile)
            # The raw rate is measured on a quiet machine, before the ingest: afterwards the hub's
            # worker is still projecting the catalogue it received, which would slow it down.
            sample = sample_message(keys[senders[0]], senders[0])
            raw, verify_cpu = raw_verify_rate(args.web_workers, sample, keys[senders[0]])
            print(
                f"raw Ed25519 verify with {args.web_workers} processes: {raw:,.0f}/s "
                f"({verify_cpu * 1e6:.0f} µs of CPU each)",
                flush=True,
            )
            half = args.messages // 2
            profiler.start("ingest-hub-web", federation.hub.by_kind["web"].pid)
            with CpuShare(CpuShare.of_hub(federation.hub), here="senders (this process)") as cpu:
                rate, accepted = ingest(federation, keys, half)
            profiler.stop()
            report_ingest("ingest beside the hub's worker and beat", rate, raw, cpu, accepted, verify_cpu)
            # Again with the hub's worker and beat stopped: the web processes and PostgreSQL alone.
            federation.kill(federation.hub, "worker", signal.SIGTERM)
            federation.kill(federation.hub, "beat", signal.SIGTERM)
            with CpuShare(CpuShare.of_hub(federation.hub), here="senders (this process)") as cpu:
                rate, accepted = ingest(
                    federation, keys, args.messages - half, first_sequence=half // len(keys) + 1
                )
            federation.restart(federation.hub, "worker")
            federation.restart(federation.hub, "beat")
            report_ingest(
                "ingest with the hub's worker and beat stopped", rate, raw, cpu, accepted, verify_cpu
            )
            if args.ingest_only:
                return
            with psycopg.connect(federation.hub.env["DATABASE_URL"]) as conn:
                row = conn.execute("SELECT size FROM exchange_logstate").fetchone()
            log_size = int(row[0]) if row else 0

            # The hub projects the catalogue it received; on this one machine that would take the
            # receiving node's cores, which in production are another machine's. Let it finish.
            waited = hub_projection_settled(federation, log_size)
            print(
                f"the hub's catalogue projection reached the head of the log {waited:.1f} s later", flush=True
            )
            per_second, wall, cpu = catch_up(federation, receiver, log_size, profiler)
            print(
                f"catch-up: {log_size:,} waiting messages applied at {per_second:,.0f} messages/s "
                f"({wall:.1f} s from starting the node's processes)\n"
                f"  CPU per message (µs, from starting the node's processes): {cpu.report(log_size)}",
                flush=True,
            )

        else:
            federation.start_processes(receiver)
            federation.wait_http(receiver, "/api/v1/status", timeout=120)

        for count in args.nodes:
            codes = [f"MK-SIM{count:03d}{i:03d}" for i in range(count)]
            receivers = enrol_members(federation, register_members(federation, codes))
            with psycopg.connect(federation.hub.env["DATABASE_URL"]) as conn:
                row = conn.execute("SELECT size FROM exchange_logstate").fetchone()
            samples = latency(federation, receiver, receivers, args.changes, int(row[0]) if row else 0)
            expected = count * args.changes
            print(
                f"sync latency, {count} receivers, {args.changes} changes "
                f"({len(samples):,} of {expected:,} deliveries): "
                f"p50 {statistics.median(samples) * 1000:.0f} ms, "
                f"p95 {percentile(samples, 0.95) * 1000:.0f} ms, "
                f"p99 {percentile(samples, 0.99) * 1000:.0f} ms, max {max(samples) * 1000:.0f} ms",
                flush=True,
            )
        print(
            f"peak memory: hub web {peak_memory_mb(hub_pid):.0f} MiB (largest process), "
            f"hub worker {peak_memory_mb(federation.hub.by_kind['worker'].pid):.0f} MiB",
            flush=True,
        )
        if args.mixed:
            with psycopg.connect(federation.hub.env["DATABASE_URL"]) as conn:
                row = conn.execute("SELECT size FROM exchange_logstate").fetchone()
            mixed_traffic(
                federation,
                receiver,
                large=args.mixed,
                small=args.mixed_small,
                size=args.mixed_bytes,
                rate=args.mixed_rate,
                log_size=int(row[0]) if row else 0,
            )
            print(
                f"peak memory after mixed traffic: hub web {peak_memory_mb(hub_pid):.0f} MiB, "
                f"hub worker {peak_memory_mb(federation.hub.by_kind['worker'].pid):.0f} MiB",
                flush=True,
            )
    finally:
        federation.stop()
        servers.clean()


if __name__ == "__main__":
    main()
