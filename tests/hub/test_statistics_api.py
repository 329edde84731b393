"""The ministry's statistics API at the hub: its own role (login or token) and nothing else of
the hub open to it, no statistics open to anyone else; queries by period range, geography and
breakdown as sums of what the municipalities published, with their flags; a revision's history;
the signed policy the nodes fetch."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from contracts.control import StatisticsPolicy, read_control
from contracts.envelope import TrustedKey, mapping_resolver
from contracts.keys import key_id
from hub.exchange.projections import projection_run
from hub.federation.selectors import hub_signing_key
from hub.statistics.models import StatisticsTotal
from hub.statistics.services import ministry_token_create, policy_issue, totals_rebuild
from tests.hub.conftest import NodeClient, ministry_user
from tests.hub.statistics_sets import sample_set, set_total, status

pytestmark = pytest.mark.django_db

OBSERVATIONS = "/api/v1/statistics/observations"


def _bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _get(client: Client, path: str, token: str, **params: Any) -> Any:
    return client.get(path, params, **_bearer(token))


def test_no_credentials_is_401_and_a_wrong_token_is_401_with_its_own_code(client: Client) -> None:
    response = client.get(OBSERVATIONS, {"indicator": "field_visits", "period_from": "2026-Q3"})
    assert (response.status_code, response.json()["code"]) == (401, "not-authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")
    response = client.get(OBSERVATIONS, **_bearer("smt_not-a-token"))
    assert (response.status_code, response.json()["code"]) == (401, "authentication-failed")


def test_an_operator_who_is_not_the_ministry_is_refused_the_statistics(client: Client) -> None:
    User.objects.create_superuser("operator", password="pw-operator")
    client.login(username="operator", password="pw-operator")
    response = client.get(OBSERVATIONS, {"indicator": "field_visits", "period_from": "2026-Q3"})
    assert (response.status_code, response.json()["code"]) == (403, "permission-denied")
    page = client.get("/ministry/")
    assert page.status_code == 403


def test_the_ministry_reads_by_token_or_by_its_login_and_nothing_else_of_the_hub(
    client: Client, token: str, federation: dict[str, NodeClient]
) -> None:
    assert (
        _get(client, OBSERVATIONS, token, indicator="field_visits", period_from="2026-Q3").status_code == 200
    )
    # Its token opens nothing else: the node APIs want a node's signature.
    response = client.get("/api/v1/directory", **_bearer(token))
    assert (response.status_code, response.json()["code"]) == (401, "missing-request-signature")
    # Its login is not staff: the admin sends it to log in as staff.
    assert client.login(username="analyst", password="pw-analyst")
    assert (
        client.get(OBSERVATIONS, {"indicator": "field_visits", "period_from": "2026-Q3"}).status_code == 200
    )
    admin = client.get("/admin/")
    assert (admin.status_code, admin["Location"]) == (302, "/admin/login/?next=/admin/")


def test_a_revoked_token_no_longer_opens_the_api(client: Client) -> None:
    user = ministry_user()
    record, token = ministry_token_create(user=user, name="old")
    assert client.get("/api/v1/statistics/indicators", **_bearer(token)).status_code == 200
    client.force_login(user)
    assert client.post(f"/ministry/tokens/{record.pk}/revoke").status_code == 302
    response = Client().get("/api/v1/statistics/indicators", **_bearer(token))
    assert (response.status_code, response.json()["code"]) == (401, "authentication-failed")


def test_the_ministry_makes_a_token_on_its_page_and_sees_it_once(client: Client) -> None:
    client.force_login(ministry_user())
    client.post("/ministry/tokens/", {"name": "DHIS2 sync"})
    page = client.get("/ministry/api/").content.decode()
    shown = page.split('<code id="new-token">')[1].split("</code>")[0]
    assert shown.startswith("smt_")
    assert Client().get("/api/v1/statistics/areas", **_bearer(shown)).status_code == 200
    assert shown not in client.get("/ministry/api/").content.decode()


def test_countries_add_up_what_was_published_and_name_the_missing(
    client: Client, token: str, federation: dict[str, NodeClient]
) -> None:
    body = _get(client, OBSERVATIONS, token, indicator="field_visits", period_from="2026-Q3").json()
    rows = {row["area"]: row for row in body["observations"]}
    assert (rows["MK"]["value"], rows["MK"]["reporting"], rows["MK"]["missing"]) == (
        412 + 100,
        2,
        ["MK-CUCER"],
    )
    assert (rows["RS"]["value"], rows["RS"]["lower_bound"], rows["RS"]["missing"]) == (412, False, [])


def test_a_suppressed_contribution_makes_the_sum_a_lower_bound_and_says_how_many(
    client: Client, token: str, federation: dict[str, NodeClient]
) -> None:
    body = _get(
        client, OBSERVATIONS, token, indicator="field_visits", period_from="2026-Q3",
        level="federation", by="sex,age_band", sex="male", age_band="15-17",
    ).json()  # fmt: skip
    [row] = body["observations"]
    assert (row["value"], row["lower_bound"], row["suppressed"], row["reporting"]) == (0, True, 3, 3)
    municipal = _get(
        client, OBSERVATIONS, token, indicator="field_visits", period_from="2026-Q3",
        level="municipality", area="MK-BUTEL", by="age_band", age_band="15-17",
    ).json()["observations"]  # fmt: skip
    assert [(r["value"], r["conf_status"], r["obs_status"]) for r in municipal] == [(None, "A", "Q")]


def test_regions_add_up_their_municipalities(
    client: Client, token: str, federation: dict[str, NodeClient]
) -> None:
    body = _get(
        client, OBSERVATIONS, token, indicator="field_visits", period_from="2026-Q3", level="region"
    ).json()
    rows = {row["area"]: (row["value"], row["reporting"], row["missing"]) for row in body["observations"]}
    assert rows == {"Скопски регион": (512, 2, ["MK-CUCER"]), "Сремски округ": (412, 1, [])}


def test_a_revision_replaces_the_sums_and_its_history_is_kept(
    client: Client, token: str, federation: dict[str, NodeClient]
) -> None:
    assert (
        status(
            federation["MK-CAIR"], sample_set("MK-CAIR", revision=2, change=lambda c: set_total(c, 150)), 2
        )
        == "accepted"
    )
    projection_run(name="statistics")
    body = _get(
        client, OBSERVATIONS, token, indicator="field_visits", period_from="2026-Q3", area="MK"
    ).json()
    [row] = body["observations"]
    assert (row["value"], row["revised"], row["reporting"]) == (412 + 150, True, 2)
    history = _get(
        client,
        "/api/v1/statistics/history",
        token,
        indicator="field_visits",
        municipality="MK-CAIR",
        period="2026-Q3",
    ).json()["revisions"]
    assert [(r["revision"], r["current"], r["value"]) for r in history] == [(1, False, 100), (2, True, 150)]
    # The sums kept as sets arrive are those added up again from the current sets alone.
    kept = set(
        StatisticsTotal.objects.values_list(
            "level", "area", "period", "indicator", "categories", "value", "suppressed", "reporting"
        )
    )
    totals_rebuild()
    again = set(
        StatisticsTotal.objects.values_list(
            "level", "area", "period", "indicator", "categories", "value", "suppressed", "reporting"
        )
    )
    assert kept == again


def test_a_period_range_answers_every_period_even_one_no_one_released(
    client: Client, token: str, federation: dict[str, NodeClient]
) -> None:
    body = _get(
        client,
        OBSERVATIONS,
        token,
        indicator="field_visits",
        period_from="2026-Q2",
        period_to="2026-Q3",
        area="RS",
    ).json()
    assert [(r["period"], r["value"], r["obs_status"], r["missing"]) for r in body["observations"]] == [
        ("2026-Q2", None, "M", ["RS-RUMA"]),
        ("2026-Q3", 412, "A", []),
    ]


BAD_QUERIES: list[tuple[dict[str, str], str]] = [
    ({"indicator": "people_happy", "period_from": "2026-Q3"}, "indicator"),
    ({"indicator": "field_visits", "period_from": "2026-13"}, "period_from"),
    ({"indicator": "field_visits", "period_from": "2026-Q3", "period_to": "2026-06"}, "period_from"),
    ({"indicator": "field_visits", "period_from": "2026-Q3", "period_to": "2026-Q1"}, "period_from"),
    ({"indicator": "field_visits", "period_from": "2026-Q3", "level": "planet"}, "level"),
    ({"indicator": "field_visits", "period_from": "2026-Q3", "by": "risk_type"}, "by"),
    ({"indicator": "field_visits", "period_from": "2026-Q3", "by": "religion"}, "by"),
    ({"indicator": "field_visits", "period_from": "2026-Q3", "by": "sex", "sex": "woman"}, "sex"),
    ({"indicator": "field_visits", "period_from": "2026-Q3", "age_band": "18-24"}, "age_band"),
    ({"indicator": "field_visits", "period_from": "1900-01", "period_to": "2026-12"}, "period_from"),
]


@pytest.mark.parametrize(("params", "field"), BAD_QUERIES, ids=[f"{p}" for p, _ in BAD_QUERIES])
def test_a_query_for_what_is_not_published_is_refused_naming_the_parameter(
    client: Client, token: str, params: dict[str, str], field: str
) -> None:
    response = client.get(OBSERVATIONS, params, **_bearer(token))
    assert (response.status_code, response.json()["code"], response.json()["detail"]["field"]) == (
        400,
        "invalid-query",
        field,
    )


def test_the_policy_is_served_signed_by_the_hub_and_a_new_version_takes_over(client: Client) -> None:
    key = hub_signing_key()
    resolve = mapping_resolver(
        {key_id(key.public_key()): TrustedKey(owner="hub", public_key=key.public_key())}
    )
    first = read_control(
        client.get("/api/v1/statistics/policy").content, model=StatisticsPolicy, resolve_key=resolve
    )
    assert (first.version, first.threshold, first.protection_width) == (1, 5, 5)
    policy_issue(threshold=10, rounding_base=5, now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    second = read_control(
        client.get("/api/v1/statistics/policy").content, model=StatisticsPolicy, resolve_key=resolve
    )
    assert (second.version, second.threshold, second.rounding_base) == (2, 10, 5)


def test_a_query_of_more_cells_than_the_limit_is_refused_before_anything_is_read(
    federation: dict[str, NodeClient],
) -> None:
    from contracts.errors import ContractError
    from hub.statistics.selectors import Query, observations

    # Every municipality (4) × 2 quarters × sex (4 categories) = 32 cells.
    query = Query(
        indicator="field_visits", periods=("2026-Q2", "2026-Q3"), level="municipality", table=("sex",)
    )
    assert len(observations(query, limit=32)) == 32
    with pytest.raises(ContractError) as refused:
        observations(query, limit=31)
    assert (refused.value.code, refused.value.detail) == (
        "invalid-query",
        {"field": "period_from", "cells": 32},
    )


def test_a_municipality_that_moved_region_counts_in_its_new_region_from_its_next_revision(
    client: Client, token: str, federation: dict[str, NodeClient]
) -> None:
    from hub.federation.models import Member

    Member.objects.filter(code="RS-RUMA").update(region="Јужнобачки округ")
    assert status(federation["RS-RUMA"], sample_set("RS-RUMA", revision=2), 2) == "accepted"
    projection_run(name="statistics")
    body = _get(
        client, OBSERVATIONS, token, indicator="field_visits", period_from="2026-Q3", level="region"
    ).json()
    rows = {row["area"]: (row["value"], row["reporting"]) for row in body["observations"]}
    # Srem had only Ruma: no sum is left there, and the new region has Ruma's figures.
    assert rows["Јужнобачки округ"] == (412, 1)
    assert "Сремски округ" not in rows
    assert StatisticsTotal.objects.filter(area="Сремски округ").count() == 0


def test_noised_contributions_add_up_their_margins_and_say_how_many_were_noised(
    client: Client, token: str, butel: NodeClient
) -> None:
    from contracts.control import DifferentialPrivacy
    from tests.hub.conftest import enrolled_node

    policy_issue(
        differential_privacy=DifferentialPrivacy(mechanism="discrete_gaussian", per_release=0.5, budget=2.0)
    )

    def noised(margin: float) -> Any:
        def change(cells: list[dict[str, Any]]) -> None:
            for cell in cells:
                if cell["value"] is not None:
                    cell["noise"] = {"mechanism": "discrete_gaussian", "rho": 0.5, "margin95": margin}

        return change

    cair = enrolled_node("MK-CAIR", "Чаир")
    assert status(butel, sample_set("MK-BUTEL", change=noised(39.0)), 1) == "accepted"
    assert status(cair, sample_set("MK-CAIR", change=noised(12.5)), 1) == "accepted"
    projection_run(name="statistics")
    [row] = _get(
        client,
        OBSERVATIONS,
        token,
        indicator="field_visits",
        period_from="2026-Q3",
        level="country",
        area="MK",
    ).json()["observations"]
    assert (row["value"], row["margin95"], row["reporting"], row["lower_bound"]) == (824, 51.5, 2, False)
    municipal = _get(
        client, OBSERVATIONS, token, indicator="field_visits", period_from="2026-Q3",
        level="municipality", area="MK-BUTEL",
    ).json()["observations"]  # fmt: skip
    assert [(r["value"], r["margin95"]) for r in municipal] == [(412, 39.0)]
