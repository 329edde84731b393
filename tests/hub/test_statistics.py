"""The hub's statistics: each municipality's protected set projected from the log, a newer
revision replacing the figures while the history is kept, the same revision twice changing
nothing, an older one refused; totals by municipality, country and federation as sums of what
was published, a suppressed contribution making a total a lower bound, missing municipalities named."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from contracts.examples import EXAMPLES
from contracts.statistics import DataValueSetV2
from hub.exchange.models import ProjectionCursor
from hub.exchange.projections import projection_run
from hub.statistics.models import StatisticsCell, StatisticsSet
from hub.statistics.selectors import Observation, Query, observations
from hub.statistics.services import policy_in_force
from tests.factories import signed_message
from tests.hub.conftest import NodeClient, enrolled_node

pytestmark = pytest.mark.django_db

EXAMPLE = EXAMPLES[("statistics.data_value_set", "2.0")]


def _set(member: str, *, revision: int = 1, change: Any = None) -> DataValueSetV2:
    data = copy.deepcopy(EXAMPLE) | {"org_unit": member, "revision": revision}
    data["policy"]["digest"] = policy_in_force().digest
    if change is not None:
        change(data["cells"])
    return DataValueSetV2.model_validate(data)


def _push(node: NodeClient, data: DataValueSetV2, sequence: int) -> str:
    envelope = signed_message(
        key=node.key, source=node.code, message_type="statistics.data_value_set", data=data, sequence=sequence
    )
    response = node.post("/api/v1/messages", json.dumps({"messages": [envelope.to_wire()]}).encode())
    return str(response.json()["results"][0]["status"])


def totals(*, indicator: str, period: str, categories: str = "", level: Any = "country") -> list[Observation]:
    named = dict(part.split("=") for part in categories.split(";")) if categories else {}
    table = tuple(named)
    return [
        row
        for row in observations(
            Query(
                indicator=indicator,
                periods=(period,),
                level=level,
                table=table,
                filters={name: (code,) for name, code in named.items()},  # type: ignore[misc]
            )
        )
    ]


def _total(cells: list[dict[str, Any]], value: int) -> None:
    next(cell for cell in cells if not cell["categories"]).update(value=value)


def test_a_set_is_projected_and_a_newer_revision_replaces_it_keeping_the_history(butel: NodeClient) -> None:
    assert _push(butel, _set("MK-BUTEL"), 1) == "accepted"
    projection_run(name="statistics")
    assert StatisticsSet.objects.get().current
    assert StatisticsCell.objects.count() == 45
    assert (
        _push(butel, _set("MK-BUTEL", revision=2, change=lambda cells: _total(cells, 420)), 2) == "accepted"
    )
    projection_run(name="statistics")
    history = list(StatisticsSet.objects.order_by("revision").values_list("revision", "current"))
    assert history == [(1, False), (2, True)]
    [country] = [t for t in totals(indicator="field_visits", period="2026-Q3") if t.area == "MK"]
    assert (country.value, country.revised) == (420, True)


def test_the_same_revision_twice_changes_nothing_and_an_older_one_is_refused(butel: NodeClient) -> None:
    _push(butel, _set("MK-BUTEL", revision=2), 1)
    _push(butel, _set("MK-BUTEL", revision=2), 2)
    _push(butel, _set("MK-BUTEL", revision=1, change=lambda cells: _total(cells, 999)), 3)
    report = projection_run(name="statistics")
    assert (report.applied, report.refused) == (2, 1)
    assert list(StatisticsSet.objects.values_list("revision", flat=True)) == [2]
    assert StatisticsCell.objects.filter(value=999).count() == 0
    assert ProjectionCursor.objects.get(name="statistics").position == 3


def test_totals_add_up_what_was_published_and_say_what_is_hidden_and_who_is_missing(
    butel: NodeClient,
) -> None:
    cair = enrolled_node("MK-CAIR", "Чаир")
    enrolled_node("MK-CUCER", "Чучер-Сандево")
    ruma = enrolled_node("RS-RUMA", "Рума")
    _push(butel, _set("MK-BUTEL"), 1)
    _push(cair, _set("MK-CAIR", change=lambda cells: _total(cells, 100)), 1)
    _push(ruma, _set("RS-RUMA"), 1)
    projection_run(name="statistics")
    by_country = {t.area: t for t in totals(indicator="field_visits", period="2026-Q3")}
    assert (by_country["MK"].value, by_country["MK"].lower_bound, by_country["MK"].missing) == (
        412 + 100,
        False,
        ("MK-CUCER",),
    )
    # The men aged 15–17 are suppressed in every municipality: a lower bound, said so.
    men = totals(
        indicator="field_visits", period="2026-Q3", categories="sex=male;age_band=15-17", level="federation"
    )
    assert [(t.value, t.lower_bound, t.suppressed, t.reporting) for t in men] == [(0, True, 3, 3)]
    women = {
        t.area: t
        for t in totals(
            indicator="field_visits", period="2026-Q3", categories="sex=female", level="municipality"
        )
    }
    assert women["MK-BUTEL"].value == 230
    assert women["MK-CUCER"].missing == ("MK-CUCER",)
