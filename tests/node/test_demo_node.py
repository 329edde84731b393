"""``demo_node`` sets a demo node up in one go, its catalogue imported from the node's HSDS data
package the way an operator imports theirs."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from node.catalogue.models import Location, Organization, Service, ServiceAtLocation
from node.exchange.models import OutboxMessage
from node.federation.models import Enrolment
from tests.node.conftest import Federation

# Organisations, locations, services and services at locations of each node's demo catalogue,
# as many as the catalogue had when it was first written.
COUNTS = {
    "MK-CAIR": (4, 3, 6, 5),
    "MK-BUTEL": (4, 2, 6, 5),
    "MK-CUCER": (3, 2, 5, 4),
    "BG-STRELCHA": (4, 2, 6, 4),
    "BG-PLOVDIV": (3, 2, 6, 4),
    "RS-ADA": (4, 2, 5, 3),
    "RS-NCRNJA": (3, 2, 5, 3),
    "RS-SMITROVICA": (3, 2, 5, 2),
    "RS-RUMA": (3, 2, 5, 2),
}


def _demo_node(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    # The register's demo fill is tested in test_register_demo.py; these tests are the catalogue's.
    call_command("demo_node", "--admin", "demo:demo-password", "--no-register", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _counts() -> tuple[int, int, int, int]:
    return (
        Organization.objects.count(),
        Location.objects.count(),
        Service.objects.count(),
        ServiceAtLocation.objects.count(),
    )


@pytest.fixture
def demo(federation: Federation, settings: Any) -> Federation:
    settings.SOCIALHUB_ENV = "demo"
    return federation


@pytest.mark.parametrize(("node", "counts"), COUNTS.items())
def test_it_imports_and_publishes_the_package_of_the_nodes_code(
    demo: Federation, node: str, counts: tuple[int, int, int, int]
) -> None:
    Enrolment.objects.update(node_code=node)
    out, err = _demo_node()
    organizations, locations, services, _ = counts
    assert out == (
        f"{node} ready: enrolled, administrator demo, published {organizations} organisations, "
        f"{locations} locations, {services} services.\n"
    )
    assert err == ""
    assert _counts() == counts
    assert OutboxMessage.objects.count() == sum(counts)


def test_a_node_code_with_no_package_publishes_nothing_and_says_so(demo: Federation, tmp_path: Path) -> None:
    out, _ = _demo_node("--data", str(tmp_path))
    assert out == (
        "MK-BUTEL ready: enrolled, administrator demo, published 0 organisations, 0 locations, "
        f"0 services (no demo catalogue for MK-BUTEL: {tmp_path / 'MK-BUTEL'} does not exist).\n"
    )
    assert (_counts(), OutboxMessage.objects.count()) == ((0, 0, 0, 0), 0)


def test_it_leaves_a_node_that_has_a_catalogue_as_it_is(demo: Federation) -> None:
    _demo_node()
    sent = OutboxMessage.objects.count()
    out, _ = _demo_node()
    assert "published 0 organisations, 0 locations, 0 services." in out
    assert (_counts(), OutboxMessage.objects.count()) == (COUNTS["MK-BUTEL"], sent)


def test_no_seed_publishes_nothing(demo: Federation) -> None:
    out, _ = _demo_node("--no-seed")
    assert out.endswith("published 0 organisations, 0 locations, 0 services.\n")
    assert _counts() == (0, 0, 0, 0)


def test_it_refuses_to_run_outside_the_demo(federation: Federation, settings: Any) -> None:
    settings.SOCIALHUB_ENV = "production"
    with pytest.raises(CommandError, match=r"^demo_node only runs with SOCIALHUB_ENV=demo\.$"):
        _demo_node()
    assert _counts() == (0, 0, 0, 0)
