"""The fault matrix: real hub and node processes on PostgreSQL and RabbitMQ, faults injected
on loopback, and for each fault a count of messages sent, logged, applied, duplicated, lost.

The invariant after every fault, once the federation has settled: every message a node
accepted is logged once at the hub and applied exactly once at the receiver, nothing is
lost or dead-lettered, and every bad message was refused with its own code.

Most faults need the real services (``SOCIALHUB_TEST_BACKEND=postgres``); a killed worker under
the demo's supervisor and a poisoned log run on the embedded profile too. The sender reaches the
hub through a proxy the test can cut. The table is printed at the end of the module and written
to ``var/fault-matrix-<backend>.md``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import secrets
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from contracts.client import HubClient
from contracts.envelope import b64_decode, b64_encode
from contracts.errors import ContractError
from contracts.httpsig import sign_request
from contracts.keys import key_id, load_private_key
from deploy.local import REPO, LocalFederation, NodeSpec, request_json
from tests.backends import use_postgres
from tests.e2e.conftest import RealServers, free_port
from tests.e2e.proxy import CuttableProxy
from tests.factories import service_data, signed_service_message

pytestmark = [pytest.mark.e2e]
real_services = pytest.mark.skipif(not use_postgres(), reason="this fault needs PostgreSQL and RabbitMQ")
ADMIN = ("faults", "faults-password")
SENDER, RECEIVER, CRAFTER, POISONER = "MK-BUTEL", "MK-CAIR", "MK-CUCER", "RS-ADA"
SETTLE_SECONDS = 120
PROBE_PLUGIN = "tests.plugins.probe"


@dataclass
class Row:
    fault: str
    sent: int
    logged: int
    applied: int
    duplicated: int
    lost: int
    note: str = ""


ROWS: list[Row] = []


def _sqlite(sql: str) -> str:
    """The counting queries in SQLite's dialect: placeholders, and FILTER kept (SQLite has it)."""
    return sql.replace("%s", "?")


class Matrix:
    def __init__(self, federation: LocalFederation, proxy: CuttableProxy) -> None:
        self.federation, self.proxy = federation, proxy
        self.sender = federation.nodes[SENDER]
        self.receiver = federation.nodes[RECEIVER]
        self.settled_in = 0.0

    # --- counting, straight from each database ----------------------------------------------

    def _one(self, role_name: str, sql: str, *params: object) -> tuple[Any, ...]:
        role = self.federation.hub if role_name == "hub" else self.federation.nodes[role_name]
        if "DATABASE_URL" in role.env:
            with psycopg.connect(role.env["DATABASE_URL"]) as conn:
                row = conn.execute(sql, params).fetchone()  # type: ignore[arg-type]
        else:  # the embedded profile: the role's SQLite file, read-only
            database = role.data_dir / ("hub.sqlite3" if role_name == "hub" else "node.sqlite3")
            with contextlib.closing(
                sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
            ) as conn:
                row = conn.execute(_sqlite(sql), params).fetchone()
        assert row is not None
        return tuple(row)

    def counts(self, source: str = SENDER) -> dict[str, int]:
        sent, dead = (0, 0)
        if source == SENDER:
            sent, dead = self._one(
                SENDER,
                "SELECT count(*), count(*) FILTER (WHERE dead_at IS NOT NULL) FROM exchange_outboxmessage",
            )
        logged, logged_ids = self._one(
            "hub",
            "SELECT count(*), count(DISTINCT m.message_id) FROM exchange_message m "
            "JOIN federation_member f ON f.id = m.source_id WHERE f.code = %s",
            source,
        )
        [duplicates] = self._one(
            "hub",
            "SELECT coalesce(sum(s.duplicate_total), 0) FROM exchange_membersync s "
            "JOIN federation_member f ON f.id = s.member_id WHERE f.code = %s",
            source,
        )
        applied, applied_ids, rejected = self._one(
            RECEIVER,
            "SELECT count(*) FILTER (WHERE status = 'applied'), "
            "count(DISTINCT message_id) FILTER (WHERE status = 'applied'), "
            "count(*) FILTER (WHERE status = 'rejected') FROM exchange_inboxmessage WHERE source = %s",
            source,
        )
        return {
            "sent": sent,
            "dead": dead,
            "logged": logged,
            "logged_ids": logged_ids,
            "duplicates": int(duplicates),
            "applied": applied,
            "applied_ids": applied_ids,
            "rejected": rejected,
        }

    def settle(
        self, before: dict[str, int], *, source: str = SENDER, expect: int | None = None
    ) -> dict[str, int]:
        """Wait until everything the sender accepted is applied at the receiver; the deltas."""
        started = time.monotonic()
        deadline = started + SETTLE_SECONDS
        while True:
            now = self.counts(source)
            target = now["sent"] if expect is None else before["applied_ids"] + expect
            if now["applied_ids"] >= target and (
                source != SENDER or now["logged_ids"] >= now["sent"] - now["dead"]
            ):
                break
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)
        self.settled_in = time.monotonic() - started
        return {key: now[key] - before.get(key, 0) for key in now}

    def record(self, fault: str, delta: dict[str, int], note: str = "") -> None:
        lost = delta["sent"] - delta["applied_ids"]
        duplicated = delta["duplicates"] + (delta["applied"] - delta["applied_ids"])
        note = "; ".join(filter(None, [f"settled {self.settled_in:.1f} s after the load ended", note]))
        ROWS.append(
            Row(fault, delta["sent"], delta["logged_ids"], delta["applied_ids"], duplicated, lost, note)
        )
        assert delta["sent"] > 0, f"{fault}: the load did not run"
        assert delta["dead"] == 0, f"{fault}: {delta['dead']} dead letters"
        assert delta["rejected"] == 0, f"{fault}: {delta['rejected']} rejected at the receiver"
        assert delta["logged"] == delta["logged_ids"] == delta["sent"], f"{fault}: logged {delta}"
        assert delta["applied"] == delta["applied_ids"], f"{fault}: a message applied twice {delta}"
        assert lost == 0, f"{fault}: {lost} messages lost {delta}"

    # --- load -------------------------------------------------------------------------------------

    def create_services(self, count: int, *, pause: float = 0.02) -> threading.Thread:
        """Caseworkers saving services on the sender, in the background (errors are fine: an
        answer that is not 201 means the change was not accepted, and it is not counted)."""

        def run() -> None:
            for i in range(count):
                with contextlib.suppress(OSError):
                    request_json(
                        "POST",
                        self.sender.url + "/api/v1/services",
                        {
                            "name": {"mk": f"Услуга {i}", "en": f"Service {i}"},
                            "organization_name": {"mk": "Бутел"},
                        },
                        auth=ADMIN,
                        timeout=10,
                    )
                time.sleep(pause)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matrix]:
    servers = RealServers() if use_postgres() else None
    root = tmp_path_factory.mktemp("faults")
    federation = LocalFederation(
        root,
        hub_port=free_port(),
        nodes=[
            NodeSpec(code=SENDER, name="Бутел", country="MK", port=free_port()),
            NodeSpec(code=RECEIVER, name="Чаир", country="MK", port=free_port()),
            NodeSpec(code=CRAFTER, name="Чучер-Сандево", country="MK", port=free_port()),
            NodeSpec(code=POISONER, name="Ада", country="RS", port=free_port()),
        ],
        env_for=lambda name, project, data_dir: (
            (servers.env_for(name, project, data_dir) if servers else {})
            | {"NODE_PUSH_BACKOFF_MAX": "4", "NODE_PULL_WAIT": "5"}
            # The test-only probe family: the hub and the sender have it from the start, the
            # receiver gets it later (an upgrade), see the rows for unknown types and 1 MB.
            | ({"SOCIALHUB_PLUGINS": PROBE_PLUGIN} if name in ("hub", SENDER) else {})
        ),
        log=lambda line: None,
    )
    proxy = CuttableProxy(federation.hub.port)
    try:
        federation.start_hub()
        federation.enrol(SENDER, admin=":".join(ADMIN), seed=False, hub_url=proxy.url)
        federation.enrol(RECEIVER, admin=":".join(ADMIN), seed=False)
        federation.enrol(CRAFTER, admin=":".join(ADMIN), seed=False)  # keys only: the test speaks for it
        federation.enrol(POISONER, admin=":".join(ADMIN), seed=False)  # keys only, as CRAFTER
        for code in (SENDER, RECEIVER):
            federation.start_processes(federation.nodes[code])
            federation.wait_http(federation.nodes[code], "/api/v1/status")
        yield Matrix(federation, proxy)
    finally:
        proxy.close()
        federation.stop()
        if servers is not None:
            servers.clean()
        _report()


def _report() -> None:
    lines = [
        "| fault | sent | logged | applied | duplicated | lost | note |",
        "|---|---|---|---|---|---|---|",
        *(
            f"| {r.fault} | {r.sent} | {r.logged} | {r.applied} | {r.duplicated} | {r.lost} | {r.note} |"
            for r in ROWS
        ),
    ]
    text = "\n".join(lines)
    out = REPO / "var" / f"fault-matrix-{'postgres' if use_postgres() else 'embedded'}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text + "\n")
    print(f"\n\nFault matrix (also in {out.relative_to(REPO)}):\n" + text)


# --- the faults ----------------------------------------------------------------------------------


@real_services
def test_a_node_worker_killed_mid_push_resends_and_loses_nothing(matrix: Matrix) -> None:
    before = matrix.counts()
    load = matrix.create_services(60)
    time.sleep(1.0)
    matrix.federation.kill(matrix.sender, "worker")  # SIGKILL, wherever it was
    time.sleep(2.0)
    matrix.federation.restart(matrix.sender, "worker")
    load.join()
    matrix.record("node worker SIGKILLed mid-push", matrix.settle(before))


@real_services
def test_the_hub_web_and_worker_killed_mid_batch_lose_nothing(matrix: Matrix) -> None:
    hub = matrix.federation.hub
    before = matrix.counts()
    load = matrix.create_services(60)
    time.sleep(1.0)
    matrix.federation.kill(hub, "web")
    matrix.federation.kill(hub, "worker")
    time.sleep(2.0)
    matrix.federation.restart(hub, "web")
    matrix.federation.restart(hub, "worker")
    load.join()
    matrix.record("hub web and worker SIGKILLed mid-batch", matrix.settle(before))


@real_services
def test_a_rabbitmq_restart_loses_nothing(matrix: Matrix) -> None:
    before = matrix.counts()
    load = matrix.create_services(40)
    time.sleep(0.5)
    subprocess.run(["rabbitmqctl", "stop_app"], check=True, capture_output=True, timeout=60)
    time.sleep(3.0)
    subprocess.run(["rabbitmqctl", "start_app"], check=True, capture_output=True, timeout=120)
    load.join()
    matrix.record("RabbitMQ restarted (stop_app, 3 s, start_app)", matrix.settle(before))


@real_services
def test_a_postgresql_restart_loses_nothing(matrix: Matrix) -> None:
    before = matrix.counts()
    load = matrix.create_services(40)
    time.sleep(0.5)
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    load.join()
    matrix.record(
        "PostgreSQL restarted",
        matrix.settle(before),
        "API calls during the restart were refused, not counted",
    )


@real_services
def test_a_cut_link_to_the_hub_delays_but_loses_nothing(matrix: Matrix) -> None:
    before = matrix.counts()
    matrix.proxy.cut()
    matrix.create_services(40).join()
    time.sleep(5.0)
    cut = matrix.counts()
    assert cut["logged"] == before["logged"], "nothing can reach the hub while the link is cut"
    matrix.proxy.restore()
    matrix.record("node–hub link cut for ~6 s, then restored", matrix.settle(before))


@real_services
def test_a_node_offline_while_thousands_wait_catches_up_with_each_once(matrix: Matrix) -> None:
    receiver = matrix.receiver
    matrix.federation.kill(receiver, "worker", signal.SIGTERM)
    matrix.federation.kill(receiver, "beat", signal.SIGTERM)
    before = matrix.counts()
    count = 2000
    matrix.federation.manage(
        matrix.sender,
        "shell",
        "-c",
        "from node.catalogue.services import service_create\n"
        f"for i in range({count}):\n"
        "    service_create(fields={'name': {'en': f'Waiting {i}'}, 'organization_name': {'en': 'Butel'}})\n",
    )
    deadline = time.monotonic() + SETTLE_SECONDS
    while matrix.counts()["logged"] - before["logged"] < count and time.monotonic() < deadline:
        time.sleep(0.5)
    started = time.monotonic()
    matrix.federation.restart(receiver, "worker")
    matrix.federation.restart(receiver, "beat")
    delta = matrix.settle(before)
    seconds = time.monotonic() - started
    matrix.record(
        f"receiver offline while {count:,} messages wait",
        delta,
        f"caught up in {seconds:.1f} s ({delta['applied_ids'] / seconds:,.0f} msg/s, including worker start)",
    )


def _crafter_client(matrix: Matrix, code: str = CRAFTER) -> tuple[HubClient, Any]:
    role = matrix.federation.nodes[code]
    key = load_private_key(role.data_dir / "node-signing.key")
    return HubClient(matrix.federation.hub.url, key=key), key


def _refusal(call: Callable[[], Any]) -> str:
    try:
        result = call()
    except ContractError as exc:
        return exc.code
    return str(result)


@real_services
def test_duplicated_reordered_tampered_replayed_skewed_and_revoked_messages_are_refused_with_their_codes(
    matrix: Matrix,
) -> None:
    client, key = _crafter_client(matrix)
    before = matrix.counts(CRAFTER)
    good = [
        signed_service_message(key=key, source=CRAFTER, sequence=s, data=service_data()) for s in (1, 2, 3)
    ]
    assert [r.status for r in client.push(good)] == ["accepted"] * 3
    codes: dict[str, str] = {}
    # Duplicated: the same message again is answered as a duplicate and logged once.
    codes["duplicated"] = client.push([good[1]])[0].status
    # Another message claiming a taken sequence number.
    codes["sequence taken"] = (
        client.push([signed_service_message(key=key, source=CRAFTER, sequence=2)])[0].code or ""
    )
    # Reordered: 5 arrives before 4; 5 is logged, 4 would go backwards.
    five, four = (signed_service_message(key=key, source=CRAFTER, sequence=s) for s in (5, 4))
    results = client.push([five, four])
    codes["reordered (4 after 5)"] = results[1].code or ""
    assert results[0].status == "accepted"
    # Tampered: one flipped byte of the signed payload.
    payload = bytearray(b64_decode(good[0].payload))
    payload[10] ^= 1
    tampered = signed_service_message(key=key, source=CRAFTER, sequence=6).model_copy(
        update={"payload": b64_encode(bytes(payload))}
    )
    codes["tampered"] = client.push([tampered])[0].code or ""
    # Replayed: a captured signed request sent again, byte for byte.
    url = matrix.federation.hub.url + "/api/v1/messages"
    body = json.dumps(
        {"messages": [signed_service_message(key=key, source=CRAFTER, sequence=7).to_wire()]}
    ).encode()
    headers: dict[str, str] = {"Content-Type": "application/json"}
    sign_request(method="POST", url=url, headers=headers, body=body, key=key, keyid=key_id(key.public_key()))
    first = client.session.post(url, data=body, headers=headers, timeout=10)
    again = client.session.post(url, data=body, headers=headers, timeout=10)
    assert first.status_code == 200
    codes["replayed request"] = again.json()["code"]
    # Clocks skewed by ±10 minutes.
    for minutes in (-10, 10):
        skewed: dict[str, str] = {"Content-Type": "application/json"}
        when = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes)
        sign_request(
            method="POST",
            url=url,
            headers=skewed,
            body=body,
            key=key,
            keyid=key_id(key.public_key()),
            now=when,
            nonce=secrets.token_urlsafe(16),
        )
        codes[f"clock skewed {minutes:+d} min"] = client.session.post(
            url, data=body, headers=skewed, timeout=10
        ).json()["code"]
    # Exactly the five valid messages (1, 2, 3, 5, 7) reach the receiver, each once.
    delta = matrix.settle(before, source=CRAFTER, expect=5)
    # A revoked key: from now on the hub refuses everything it signs.
    matrix.federation.manage(matrix.federation.hub, "revoke_key", key_id(key.public_key()))
    codes["revoked key"] = _refusal(
        lambda: client.push([signed_service_message(key=key, source=CRAFTER, sequence=8)])
    )
    assert codes == {
        "duplicated": "duplicate",
        "sequence taken": "duplicate-sequence",
        "reordered (4 after 5)": "sequence-regression",
        "tampered": "bad-signature",
        "replayed request": "replayed-request",
        "clock skewed -10 min": "stale-request",
        "clock skewed +10 min": "stale-request",
        "revoked key": "revoked-key",
    }
    delta["sent"] = 5
    matrix.record(
        "crafted: duplicate, taken sequence, reorder, tamper, replay, skew ±10 min, revoked key",
        delta,
        "; ".join(f"{k} → {v}" for k, v in codes.items()),
    )


def test_a_node_worker_that_dies_under_the_demos_supervisor_is_started_again_and_loses_nothing(
    matrix: Matrix,
) -> None:
    before = matrix.counts()
    load = matrix.create_services(40)
    time.sleep(1.0)
    worker = matrix.sender.by_kind["worker"]
    worker.send_signal(signal.SIGKILL)  # dies on its own, as the demo's workers did
    worker.wait(timeout=30)
    exited: list[str] = []
    deadline = time.monotonic() + 30
    while not exited and time.monotonic() < deadline:
        exited = [f"{e.role} {e.kind}" for e in matrix.federation.revive()]
        time.sleep(0.2)
    assert exited == [f"{SENDER} worker"]
    load.join()
    assert matrix.sender.restarts == {"worker": 1}
    matrix.record(
        f"node worker died, restarted by the supervisor ({'PostgreSQL' if use_postgres() else 'embedded'})",
        matrix.settle(before),
    )


# Appends signed envelopes to the hub's log the way its ingest does (receipt, leaf, dense index),
# without today's checks: the log as a hub that accepted these messages would have left it.
_LOG_AS_AN_EARLIER_HUB_DID = """
import hashlib, json, os
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from contracts.control import CONTROL_VERSION, RECEIPT_TYPE, Receipt
from contracts.envelope import b64_decode, seal_envelope_bytes
from contracts.log import leaf_hash
from hub.exchange.models import LogState, Message
from hub.federation.models import Member
from hub.federation.selectors import hub_signing_key

for raw in json.loads(os.environ["POISON"]):
    payload = b64_decode(raw["payload"])
    event = json.loads(payload)
    digest = hashlib.sha256(payload).hexdigest()
    with transaction.atomic():
        LogState.objects.get_or_create(pk=1)
        LogState.objects.filter(pk=1).update(size=F("size") + 1)
        size = LogState.objects.get(pk=1).size
        now = timezone.now()
        entry = Receipt(
            message_id=event["id"], source=event["source"], sequence=event["sequence"],
            payload_sha256=digest, log_index=size, received_at=now,
        ).model_dump_json().encode()
        Message.objects.create(
            log_index=size, message_id=event["id"], source=Member.objects.get(code=event["source"]),
            type=event["type"], version=event["dataversion"], sequence=event["sequence"],
            stream=event["type"].split(".")[0],
            envelope=json.dumps(raw).encode(), payload_sha256=digest, leaf_hash=leaf_hash(entry),
            receipt=seal_envelope_bytes(
                message_type=RECEIPT_TYPE, version=CONTROL_VERSION, payload=entry, key=hub_signing_key()
            ),
            received_at=now,
        )
"""


def test_a_member_sending_poison_cannot_stop_the_federation(matrix: Matrix) -> None:
    client, key = _crafter_client(matrix, POISONER)
    kinds = {
        "an integer beyond 64 bits": service_data().model_copy(update={"revision": 2**70}),
        "a NUL in a name": service_data().model_copy(update={"name": {"en": "Soup\u0000kitchen"}}),
    }
    poison = [
        signed_service_message(key=key, source=POISONER, sequence=number, data=data)
        for number, data in enumerate(kinds.values(), start=1)
    ]
    # 1. Today's hub refuses both at ingest, and logs nothing.
    codes = {kind: client.push([envelope])[0].code for kind, envelope in zip(kinds, poison, strict=True)}
    assert codes == {kind: "schema-violation" for kind in kinds}
    before = matrix.counts(POISONER)
    assert before["logged"] == 0
    # 2. The same two in the log, as a hub with looser checks would have logged them, followed
    #    by ten good messages through the hub's API.
    matrix.federation.manage(
        matrix.federation.hub,
        "shell",
        "-c",
        _LOG_AS_AN_EARLIER_HUB_DID,
        env={"POISON": json.dumps([envelope.to_wire() for envelope in poison])},
    )
    good = [
        signed_service_message(key=key, source=POISONER, sequence=number, data=service_data())
        for number in range(3, 13)
    ]
    assert [r.status for r in client.push(good)] == ["accepted"] * len(good)
    delta = matrix.settle(before, source=POISONER, expect=len(good))
    # 3. Every good message was applied at the receiver; each poison is a dead letter there and
    #    at the hub's catalogue, with its code, and both say so.
    assert (delta["logged_ids"], delta["applied_ids"]) == (12, 10)
    # A message refused before it could be read is kept by its log index, its source unknown.
    [reasons] = matrix._one(
        RECEIVER,
        "SELECT count(*) FROM exchange_inboxmessage WHERE status = 'rejected' AND reason LIKE %s",
        "schema-violation:%",
    )
    assert reasons == 2
    deadline = time.monotonic() + SETTLE_SECONDS
    hub_dead: list[Any] = []
    while len(hub_dead) < 2 and time.monotonic() < deadline:
        status = request_json("GET", matrix.federation.hub.url + "/api/v1/sync-status", timeout=10)
        hub_dead = [d for d in status["hub_dead_letters"] if d["code"] == "schema-violation"]
        time.sleep(0.5)
    assert len(hub_dead) == 2
    receiver_status = request_json("GET", matrix.receiver.url + "/api/v1/status", timeout=10)
    assert receiver_status["inbox_dead"] == 2
    served = request_json(
        "GET", matrix.receiver.url + "/api/v1/catalogue?origin=" + POISONER + "&limit=50", timeout=10
    )
    assert served["count"] == len(good)
    ROWS.append(
        Row(
            f"poison from a member: {' and '.join(kinds)} ({'PostgreSQL' if use_postgres() else 'embedded'})",
            sent=12,
            logged=delta["logged_ids"],
            applied=delta["applied_ids"],
            duplicated=delta["duplicates"],
            lost=len(good) - delta["applied_ids"],
            note="refused at ingest (schema-violation) by today's hub; logged as an earlier hub would "
            "have, each is a dead letter at the hub's catalogue and at the receiver, the ten after "
            f"them applied; settled {matrix.settled_in:.1f} s after the load ended",
        )
    )


def test_a_type_the_receiver_does_not_know_is_kept_applied_once_it_does_and_blocks_nothing(
    matrix: Matrix,
) -> None:
    before = matrix.counts()
    dead_before = request_json("GET", matrix.receiver.url + "/api/v1/status", timeout=10)["inbox_dead"]
    # The sender's caseworkers go on saving services while the sender sends probe notes, a
    # family this receiver's release does not have.
    load = matrix.create_services(20)
    matrix.federation.manage(matrix.sender, "probe_send", "--count", "20")
    load.join()

    def unhandled() -> int:
        [count] = matrix._one(
            RECEIVER,
            "SELECT count(*) FROM exchange_inboxmessage WHERE status = 'unhandled' AND type = %s",
            "probe.note",
        )
        return int(count)

    kept = matrix.settle(before, expect=20)  # the twenty services: nothing waited for the notes
    deadline = time.monotonic() + SETTLE_SECONDS
    while unhandled() < 20 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert (kept["sent"], kept["applied_ids"], unhandled()) == (40, 20, 20)
    status = request_json("GET", matrix.receiver.url + "/api/v1/status", timeout=10)
    assert (status["inbox_unhandled"], status["unhandled_types"]) == (20, ["probe.note"])
    assert status["inbox_dead"] == dead_before  # kept, not dead letters
    # The receiver is upgraded: the plug-in installed, its tables migrated, its processes restarted.
    receiver = matrix.receiver
    receiver.env["SOCIALHUB_PLUGINS"] = PROBE_PLUGIN
    for kind in ("web", "worker", "beat"):
        matrix.federation.kill(receiver, kind, signal.SIGTERM)
    matrix.federation.manage(receiver, "migrate", "--no-input")
    matrix.federation.start_processes(receiver)
    matrix.federation.wait_http(receiver, "/api/v1/status")
    delta = matrix.settle(before)
    [twice] = matrix._one(RECEIVER, "SELECT count(*) FROM probe_probenote WHERE applied <> 1")
    [notes] = matrix._one(RECEIVER, "SELECT count(*) FROM probe_probenote")
    assert (notes, twice, unhandled()) == (20, 0, 0)
    # The hub projected them too, through the plug-in's projection alone.
    [at_hub, twice_at_hub] = matrix._one(
        "hub",
        "SELECT count(*), count(*) FILTER (WHERE applied <> 1) FROM probe_probenote WHERE type = %s",
        "probe.note",
    )
    assert (at_hub, twice_at_hub) == (20, 0)
    profile = "PostgreSQL" if use_postgres() else "embedded"
    matrix.record(
        f"a type unknown to the receiver, applied after its upgrade ({profile})",
        delta,
        "20 probe notes among 20 services: the services applied at once, the notes kept unhandled "
        "(cursor past them), then applied once each after the upgrade",
    )


def test_megabyte_messages_among_small_ones_travel_and_hold_nothing_back(matrix: Matrix) -> None:
    assert "SOCIALHUB_PLUGINS" in matrix.receiver.env, "runs after the receiver has the probe family"
    before = matrix.counts()
    load = matrix.create_services(60, pause=0.01)
    matrix.federation.manage(matrix.sender, "probe_send", "--count", "4", "--bytes", "1000000")
    load.join()
    delta = matrix.settle(before)
    [parcels, largest] = matrix._one(
        RECEIVER,
        "SELECT count(*), coalesce(max(size), 0) FROM probe_probenote WHERE type = %s",
        "probe.parcel",
    )
    assert (parcels, largest) == (4, 1_000_000)
    [biggest_batch] = matrix._one(
        "hub",
        "SELECT coalesce(max(length(envelope) + length(receipt)), 0) FROM exchange_message WHERE type = %s",
        "probe.parcel",
    )
    matrix.record(
        f"1 MB messages among small ones ({'PostgreSQL' if use_postgres() else 'embedded'})",
        delta,
        f"4 parcels of 1,000,000 bytes ({biggest_batch:,} bytes each on the wire) among 60 services; "
        "pushes and pulls cut by bytes",
    )
