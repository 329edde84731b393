"""A real hub and two real nodes (gunicorn, celery worker, celery beat each) on loopback."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from deploy.local import LocalFederation, get_json, request_json

pytestmark = pytest.mark.e2e
ADMIN = ("e2e-admin", "e2e-password")


def _wait_for(predicate: Any, *, timeout: float, what: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {timeout} s")


def test_a_service_created_on_one_node_arrives_verified_on_the_other(
    local_federation: LocalFederation,
) -> None:
    federation = local_federation
    federation.start_hub()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(
            pool.map(lambda code: federation.enrol(code, admin=":".join(ADMIN), seed=False), federation.nodes)
        )
    for role in federation.nodes.values():
        federation.start_processes(role)
    for role in federation.nodes.values():
        federation.wait_http(role, "/api/v1/status")
    butel, cair = federation.nodes["MK-BUTEL"], federation.nodes["MK-CAIR"]

    created = request_json(
        "POST",
        butel.url + "/api/v1/services",
        {
            "name": {"mk": "Советување на лица под социјален ризик", "en": "Counselling"},
            "organization_name": {"mk": "Општина Бутел"},
            "target_groups": ["unemployed"],
        },
        auth=ADMIN,
    )

    def arrived() -> bool:
        listed = get_json(cair.url + "/api/v1/catalogue?origin=MK-BUTEL")["results"]
        return any(s["service_id"] == created["id"] for s in listed)

    seconds = _wait_for(arrived, timeout=30, what="the service reaching MK-CAIR")
    print(f"\ncatalogue change reached the other node in {seconds:.2f} s")
    [entry] = [
        s for s in get_json(cair.url + "/api/v1/catalogue")["results"] if s["service_id"] == created["id"]
    ]
    assert entry["data"]["name"]["mk"] == "Советување на лица под социјален ризик"
    assert entry["origin"] == "MK-BUTEL"
    status = get_json(cair.url + "/api/v1/status")
    assert status["inbox_applied"] >= 1
    assert status["inbox_rejected"] == 0
    sender = get_json(butel.url + "/api/v1/status")
    assert (sender["outbox_pending"], sender["outbox_sent"]) == (0, 1)

    # An edit travels the same way and replaces the earlier revision.
    request_json(
        "PATCH", butel.url + f"/api/v1/services/{created['id']}", {"phone": "+389 2 3000 000"}, auth=ADMIN
    )

    def revised() -> bool:
        listed = get_json(cair.url + "/api/v1/catalogue?origin=MK-BUTEL")["results"]
        return any(s["service_id"] == created["id"] and s["revision"] == 2 for s in listed)

    _wait_for(revised, timeout=30, what="the edit reaching MK-CAIR")
    hub_page = get_json(federation.hub.url + "/api/v1/health")
    assert hub_page["log_head"] >= 2

    # The sender checks the hub's log on its own: a signed tree head covering both messages,
    # and an inclusion proof for each of its receipts.
    def proven() -> bool:
        status = get_json(butel.url + "/api/v1/status")
        covered = status["log_tree_size"] >= 2 and status["outbox_sent"] == 2
        return covered and status["log_unproven_sent"] == 0

    _wait_for(proven, timeout=30, what="the sender proving its messages are in the hub's log")
    assert get_json(butel.url + "/api/v1/status")["log_alarms"] == []


def test_an_entry_appears_in_every_search_and_portal_on_its_own_and_a_withdrawn_one_disappears(
    local_federation: LocalFederation,
) -> None:
    import urllib.parse
    import urllib.request

    federation = local_federation
    federation.start_hub()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(
            pool.map(lambda code: federation.enrol(code, admin=":".join(ADMIN), seed=False), federation.nodes)
        )
    for role in federation.nodes.values():
        federation.start_processes(role)
    for role in federation.nodes.values():
        federation.wait_http(role, "/api/v1/status")
    butel = federation.nodes["MK-BUTEL"]
    created = request_json(
        "POST",
        butel.url + "/api/v1/services",
        {
            "name": {"mk": "Народна кујна Бутел", "en": "Soup kitchen Butel"},
            "organization_name": {"mk": "Општина Бутел"},
            "taxonomy_terms": ["food"],
        },
        auth=ADMIN,
    )
    everywhere = [federation.hub.url, *(role.url for role in federation.nodes.values())]

    def portal(base: str) -> str:
        query = urllib.parse.urlencode({"q": "narodna kujna", "lang": "mk"})
        with urllib.request.urlopen(f"{base}/portal/?{query}", timeout=5) as response:  # noqa: S310 - loopback
            return str(response.read().decode())

    def searched(base: str) -> list[str]:
        rows = get_json(base + "/api/v1/catalogue?" + urllib.parse.urlencode({"q": "народна кујна"}))[
            "results"
        ]
        return [row["service_id"] for row in rows]

    seconds = _wait_for(
        lambda: all(
            "Народна кујна Бутел" in portal(base) and searched(base) == [created["id"]] for base in everywhere
        ),
        timeout=30,
        what="the entry reaching every portal and search",
    )
    print(f"\nnew entry in every portal (hub and {len(federation.nodes)} nodes) after {seconds:.2f} s")
    request_json("DELETE", butel.url + f"/api/v1/services/{created['id']}", None, auth=ADMIN)
    _wait_for(
        lambda: all(
            "Народна кујна Бутел" not in portal(base) and searched(base) == [] for base in everywhere
        ),
        timeout=30,
        what="the withdrawn entry leaving every portal and search",
    )
