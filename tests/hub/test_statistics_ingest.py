"""What the hub refuses of a municipality's statistics, each with its stable code and nothing
logged: a set under a policy the hub never signed, an older revision than the one held, a period
that had not begun, a set not approved, row-level data or unknown fields, a cell under the
threshold left free, a suppressed cell with a value, an unknown indicator or category; noise that
is not the policy's, and revisions past the period's privacy budget."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from contracts.control import DifferentialPrivacy
from contracts.envelope import seal_envelope
from hub.exchange.models import Message
from hub.exchange.projections import projection_run
from hub.statistics.models import StatisticsSet
from hub.statistics.services import policy_issue
from tests.factories import signed_message
from tests.hub.conftest import NodeClient
from tests.hub.statistics_sets import push, push_wire, result_of, sample_set, status

pytestmark = pytest.mark.django_db


def _tampered_payload(node: NodeClient, change: Callable[[dict[str, Any]], None]) -> Any:
    """A set whose signed JSON was changed before signing (the node's own signature is valid)."""
    envelope = signed_message(
        key=node.key, source=node.code, message_type="statistics.data_value_set", data=sample_set(node.code)
    )
    event = json.loads(base64.b64decode(envelope.payload))
    change(event["data"])
    resealed = seal_envelope(
        message_type="statistics.data_value_set",
        version="2.0",
        payload=json.dumps(event).encode(),
        key=node.key,
    )
    return result_of(push_wire(node, resealed.to_wire()).json())


def _cell(data: dict[str, Any], categories: dict[str, str]) -> dict[str, Any]:
    return next(
        c for c in data["cells"] if {k: v for k, v in c["categories"].items() if v is not None} == categories
    )


BAD_SETS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("row-level data", lambda d: _cell(d, {}).update(person_id="b0c1"), "schema-violation"),
    ("an unknown field", lambda d: d.update(households=[{"size": 4}]), "schema-violation"),
    (
        "a cell under the threshold marked free",
        lambda d: _cell(d, {"age_band": "15-17"}).update(value=3, conf_status="F", obs_status="A"),
        "schema-violation",
    ),
    (
        "a suppressed cell with a value",
        lambda d: _cell(d, {"age_band": "15-17"}).update(value=3),
        "schema-violation",
    ),
    ("an unknown indicator", lambda d: _cell(d, {}).update(indicator="people_happy"), "schema-violation"),
    (
        "an unknown category",
        lambda d: _cell(d, {"sex": "female"}).update(categories={"sex": "woman"}),
        "schema-violation",
    ),
    (
        "an unknown disaggregation",
        lambda d: _cell(d, {}).update(categories={"religion": "x"}),
        "schema-violation",
    ),
    ("no approval", lambda d: d.update(approved_at=None), "not-approved"),
    ("no policy", lambda d: d.update(policy=None), "not-approved"),
    ("a policy the hub never signed", lambda d: d["policy"].update(digest="ab" * 32), "unknown-policy"),
    ("a period in the future", lambda d: d.update(period="2099-01"), "invalid-period"),
    ("a period of year 0", lambda d: d.update(period="0000"), "invalid-period"),
]


@pytest.mark.parametrize(("what", "change", "code"), BAD_SETS, ids=[what for what, _, _ in BAD_SETS])
def test_a_bad_set_is_refused_with_its_code_and_nothing_is_logged(
    butel: NodeClient, what: str, change: Callable[[dict[str, Any]], None], code: str
) -> None:
    result = _tampered_payload(butel, change)
    assert result["status"] == "refused"
    assert result["code"] == code
    assert Message.objects.count() == 0


def test_the_untampered_set_of_the_same_making_is_accepted(butel: NodeClient) -> None:
    # The control for the rows above: the same path with no change is logged.
    assert _tampered_payload(butel, lambda d: None)["status"] == "accepted"
    assert Message.objects.count() == 1


def test_a_revision_older_than_the_one_held_is_refused_at_ingest(butel: NodeClient) -> None:
    assert status(butel, sample_set("MK-BUTEL", revision=2), 1) == "accepted"
    projection_run(name="statistics")
    result = push(butel, sample_set("MK-BUTEL", revision=1), 2)
    assert (result["status"], result["code"]) == ("refused", "stale-revision")
    assert Message.objects.count() == 1
    assert list(StatisticsSet.objects.values_list("revision", flat=True)) == [2]


def test_a_set_sent_before_its_period_began_is_refused(butel: NodeClient) -> None:
    sent = dt.datetime(2026, 6, 30, 12, tzinfo=dt.UTC)
    result = push(butel, sample_set("MK-BUTEL", period="2026-07"), 1, time=sent)
    assert (result["status"], result["code"]) == ("refused", "invalid-period")


def test_one_bad_set_in_a_batch_does_not_block_the_others(butel: NodeClient) -> None:
    good = signed_message(
        key=butel.key,
        source="MK-BUTEL",
        message_type="statistics.data_value_set",
        data=sample_set("MK-BUTEL"),
    )
    other = sample_set("MK-BUTEL", period="2026-Q2").model_dump(mode="json")
    other["policy"]["digest"] = "cd" * 32
    bad = seal_envelope(
        message_type="statistics.data_value_set",
        version="2.0",
        payload=json.dumps(
            json.loads(base64.b64decode(good.payload))
            | {"data": other, "sequence": 2, "id": "0" * 8 + "-0000-7000-8000-" + "0" * 12}
        ).encode(),
        key=butel.key,
    )
    body = butel.post(
        "/api/v1/messages", json.dumps({"messages": [bad.to_wire(), good.to_wire()]}).encode()
    ).json()
    assert [(r["status"], r.get("code")) for r in body["results"]] == [
        ("refused", "unknown-policy"),
        ("accepted", None),
    ]


# --- differential privacy: the noise the policy asks for, within its budget ------------------


def _noise_policy(budget: float = 1.0) -> None:
    policy_issue(
        differential_privacy=DifferentialPrivacy(
            mechanism="discrete_gaussian", per_release=0.5, budget=budget
        )
    )


def _with_noise(**noise: Any) -> Callable[[list[dict[str, Any]]], None]:
    def change(cells: list[dict[str, Any]]) -> None:
        for cell in cells:
            if cell["value"] is not None:
                cell["noise"] = {"mechanism": "discrete_gaussian", "margin95": 39.0} | noise

    return change


def test_a_set_under_a_noise_policy_is_taken_with_what_its_noise_spent(butel: NodeClient) -> None:
    _noise_policy()
    assert status(butel, sample_set("MK-BUTEL", change=_with_noise(rho=0.5)), 1) == "accepted"
    projection_run(name="statistics")
    assert StatisticsSet.objects.get().privacy_spent == {"people": 0.5}


NOT_PER_POLICY: list[tuple[str, bool, Callable[[list[dict[str, Any]]], None]]] = [
    ("no noise under a noise policy", True, lambda cells: None),
    ("another parameter than the policy's", True, _with_noise(rho=0.25)),
    ("another mechanism than the policy's", True, _with_noise(mechanism="discrete_laplace", epsilon=0.5)),
    ("noise under a policy without it", False, _with_noise(rho=0.5)),
]


@pytest.mark.parametrize(
    ("what", "noise_policy", "change"), NOT_PER_POLICY, ids=[what for what, _, _ in NOT_PER_POLICY]
)
def test_noise_that_is_not_the_policy_s_is_refused(
    butel: NodeClient, what: str, noise_policy: bool, change: Callable[[list[dict[str, Any]]], None]
) -> None:
    if noise_policy:
        _noise_policy()
    result = push(butel, sample_set("MK-BUTEL", change=change), 1)
    assert (result["status"], result["code"]) == ("refused", "noise-not-per-policy")
    assert Message.objects.count() == 0


def test_revisions_past_the_period_s_budget_are_refused_at_ingest(butel: NodeClient) -> None:
    _noise_policy(budget=1.0)
    for revision in (1, 2):
        assert status(
            butel, sample_set("MK-BUTEL", revision=revision, change=_with_noise(rho=0.5)), revision
        ) == ("accepted")
        projection_run(name="statistics")
    result = push(butel, sample_set("MK-BUTEL", revision=3, change=_with_noise(rho=0.5)), 3)
    assert (result["status"], result["code"]) == ("refused", "over-budget")
    # Another period has a budget of its own.
    assert (
        status(butel, sample_set("MK-BUTEL", period="2026-Q2", change=_with_noise(rho=0.5)), 4) == "accepted"
    )
    assert Message.objects.count() == 3
