"""A node rotates both its keys while the federation runs (real hub and nodes on loopback): the
hub lists the new keys, and what the node writes next arrives verified at the other node."""

from __future__ import annotations

import time

import pytest

from contracts.client import HubClient
from contracts.directory import read_directory
from contracts.keys import load_private_key
from deploy.local import LocalFederation, get_json, request_json
from tests.factories import resolver_for

pytestmark = pytest.mark.e2e
ADMIN = ("e2e-admin", "e2e-password")


def test_a_node_rotates_its_keys_and_its_next_change_still_reaches_the_other_node(
    local_federation: LocalFederation,
) -> None:
    federation = local_federation
    federation.start_hub()
    for code in federation.nodes:
        federation.enrol(code, admin=":".join(ADMIN), seed=False)
    for role in federation.nodes.values():
        federation.start_processes(role)
    for role in federation.nodes.values():
        federation.wait_http(role, "/api/v1/status")
    butel, cair = federation.nodes["MK-BUTEL"], federation.nodes["MK-CAIR"]

    signing = federation.manage(butel, "rotate_key", "--purpose", "signing")
    encryption = federation.manage(butel, "rotate_key", "--purpose", "encryption")
    assert "New signing key ed25519:" in signing
    assert "New encryption key x25519:" in encryption

    # The hub's directory 2.0 lists both new keys, and the replaced ones as retired.
    hub_key = load_private_key(federation.hub.data_dir / "hub-signing.key")
    client = HubClient(federation.hub.url, key=load_private_key(cair.data_dir / "node-signing.key"))
    directory = read_directory(
        client.directory(version="2.0").to_wire(), resolve_key=resolver_for(hub_key, "hub")
    )
    [member] = [m for m in directory.members if m.code == "MK-BUTEL"]
    assert sorted((k.purpose, k.status) for k in member.keys) == [
        ("encryption", "active"),
        ("encryption", "retired"),
        ("signing", "active"),
        ("signing", "retired"),
    ]
    assert directory.problems == ()

    # The running web process signs with the new key: the change arrives verified at Čair.
    created = request_json(
        "POST",
        butel.url + "/api/v1/services",
        {"name": {"mk": "Советување", "en": "Counselling"}, "organization_name": {"mk": "Општина Бутел"}},
        auth=ADMIN,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        listed = get_json(cair.url + "/api/v1/catalogue?origin=MK-BUTEL")["results"]
        if any(s["service_id"] == created["id"] for s in listed):
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the service signed with the new key did not reach MK-CAIR within 60 s")
    status = get_json(cair.url + "/api/v1/status")
    assert (status["inbox_rejected"], status["inbox_dead"]) == (0, 0)
    assert get_json(butel.url + "/api/v1/status")["outbox_dead"] == 0
