"""Statistics sets as a node sends them, for the hub's tests: the worked example of
``statistics.data_value_set`` 2.0 (field visits of 2026-Q3, one cell suppressed) for any
municipality and revision, under the policy the hub signed."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from contracts.examples import EXAMPLES
from contracts.statistics import DataValueSetV2
from hub.statistics.services import policy_in_force
from tests.factories import signed_message
from tests.hub.conftest import NodeClient

EXAMPLE = EXAMPLES[("statistics.data_value_set", "2.0")]
Change = Callable[[list[dict[str, Any]]], None]


def sample_set(
    member: str, *, revision: int = 1, period: str = "2026-Q3", change: Change | None = None
) -> DataValueSetV2:
    data = copy.deepcopy(EXAMPLE) | {"org_unit": member, "revision": revision, "period": period}
    data["policy"]["digest"] = policy_in_force().digest
    if change is not None:
        change(data["cells"])
    return DataValueSetV2.model_validate(data)


def push_wire(node: NodeClient, wire: dict[str, Any]) -> Any:
    return node.post("/api/v1/messages", json.dumps({"messages": [wire]}).encode())


def push(
    node: NodeClient, data: DataValueSetV2 | dict[str, Any], sequence: int, *, time: dt.datetime | None = None
) -> Any:
    """The set signed by ``node`` and pushed; the hub's answer for it (status, code)."""
    envelope = signed_message(
        key=node.key,
        source=node.code,
        message_type="statistics.data_value_set",
        data=data,
        sequence=sequence,
        **({"time": time} if time else {}),
    )
    return result_of(push_wire(node, envelope.to_wire()).json())


def result_of(body: dict[str, Any]) -> dict[str, Any]:
    """The one message's result: in ``results``, or, when the hub refused the whole batch, in the
    error's detail."""
    results = body.get("results") or body["detail"]["results"]
    return dict(results[0])


def status(node: NodeClient, data: DataValueSetV2, sequence: int) -> str:
    return str(push(node, data, sequence)["status"])


def set_total(cells: list[dict[str, Any]], value: int) -> None:
    next(cell for cell in cells if not cell["categories"]).update(value=value)
