"""A plug-in family travels node → hub → node and is projected at the hub, through the plug-in
points alone: nothing in the exchange's code knows the test-only ``probe`` family."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from typing import Any

import psycopg
import pytest

from deploy.local import LocalFederation, Role

pytestmark = pytest.mark.e2e
ADMIN = "e2e-admin:e2e-password"
PLUGIN = {"SOCIALHUB_PLUGINS": "tests.plugins.probe"}


def _probe_notes(role: Role, database: str) -> list[tuple[Any, ...]]:
    query = "SELECT source, type, text, applied FROM probe_probenote ORDER BY text"
    if "DATABASE_URL" in role.env:
        with psycopg.connect(role.env["DATABASE_URL"]) as conn:
            return [tuple(r) for r in conn.execute(query).fetchall()]
    with contextlib.closing(sqlite3.connect(f"file:{role.data_dir / database}?mode=ro", uri=True)) as conn:
        return [tuple(r) for r in conn.execute(query).fetchall()]


def test_a_family_registered_by_a_plug_in_travels_and_is_projected_at_the_hub(
    local_federation: LocalFederation,
) -> None:
    federation = local_federation
    for role in (federation.hub, *federation.nodes.values()):
        role.env.update(PLUGIN)
    federation.start_hub()
    for code in federation.nodes:
        federation.enrol(code, admin=ADMIN, seed=False)
    for role in federation.nodes.values():
        federation.start_processes(role)
        federation.wait_http(role, "/api/v1/status")
    butel, cair = federation.nodes["MK-BUTEL"], federation.nodes["MK-CAIR"]
    for text in ("first", "second", "third"):
        federation.manage(butel, "probe_send", "--text", text)
    expected = [("MK-BUTEL", "probe.note", text, 1) for text in ("first", "second", "third")]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        at_node, at_hub = _probe_notes(cair, "node.sqlite3"), _probe_notes(federation.hub, "hub.sqlite3")
        if at_node == expected and at_hub == expected:
            break
        time.sleep(0.25)
    assert _probe_notes(cair, "node.sqlite3") == expected
    assert _probe_notes(federation.hub, "hub.sqlite3") == expected
    assert "probe " in federation.manage(federation.hub, "projections")
