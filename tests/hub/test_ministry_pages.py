"""The ministry's dashboard at the hub, page by page: behind the ministry's login (an operator
who is not the ministry is refused); the overview of the key indicators; an indicator over time
with its filters in the URL; a period compared across municipalities; a figure's revisions; and
every figure with its marks — a suppressed cell, a lower bound with how many suppressed, a noised
figure's margin, the municipalities missing — the same as the API's."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from contracts.control import DifferentialPrivacy
from hub.exchange.projections import projection_run
from hub.statistics.services import policy_issue
from tests.hub.conftest import NodeClient, ministry_user, operator_client
from tests.hub.statistics_sets import sample_set, set_total, status

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(federation: dict[str, NodeClient]) -> Client:
    client = Client()
    client.force_login(ministry_user())
    return client


def _page(client: Client, path: str, **params: Any) -> str:
    response = client.get(path, params)
    assert response.status_code == 200, response.content.decode().partition('role="alert">')[2][:300]
    return response.content.decode()


def test_the_pages_are_for_the_ministry_alone(federation: dict[str, NodeClient]) -> None:
    paths = [
        "/ministry/",
        "/ministry/indicator/field_visits/",
        "/ministry/compare/field_visits/",
        "/ministry/api/",
    ]
    for path in paths:
        response = Client().get(path)
        assert (response.status_code, response["Location"]) == (302, f"/ministry/login/?next={path}")
        assert operator_client().get(path).status_code == 403
    clerk = Client()
    clerk.force_login(User.objects.create_user("clerk", password="pw-clerk"))
    assert clerk.get(paths[0]).status_code == 403


def test_an_indicator_over_time_shows_every_figure_with_its_marks(analyst: Client) -> None:
    page = _page(
        analyst, "/ministry/indicator/field_visits/", period_from="2026-Q3", level="country", by="age_band",
        age_band="15-17,30-49",
    )  # fmt: skip
    # Suppressed at 15-17 in every municipality: North Macedonia's sum is a lower bound of 0 with
    # its two suppressed contributions, and Čučer-Sandevo has not released.
    cell = '<td class="num lower">≥ 0 (2) <span class="mark mark-missing" title="not released by MK-CUCER"'
    assert cell in page
    assert "not released by MK-CUCER" in page
    # The filters are in the URL, and the exports are the same query.
    assert 'href="/api/v1/statistics/export/csv?' in page
    assert "age_band=15-17%2C30-49" in page
    assert '<script src="/static/vendor/echarts/echarts.common.min.js" defer></script>' in page
    assert 'id="chart-data"' in page


def test_a_municipality_s_suppressed_cell_shows_its_flag(analyst: Client) -> None:
    page = _page(
        analyst, "/ministry/indicator/field_visits/", period_from="2026-Q3", level="municipality",
        area="MK-BUTEL", by="age_band", age_band="15-17",
    )  # fmt: skip
    assert '<span class="mark mark-suppressed" title="suppressed: too few people to show">A</span>' in page


def test_a_noised_figure_shows_its_margin(butel: NodeClient) -> None:
    policy_issue(
        differential_privacy=DifferentialPrivacy(mechanism="discrete_gaussian", per_release=0.5, budget=2.0)
    )

    def noised(cells: list[dict[str, Any]]) -> None:
        for cell in cells:
            if cell["value"] is not None:
                cell["noise"] = {"mechanism": "discrete_gaussian", "rho": 0.5, "margin95": 39.0}

    assert status(butel, sample_set("MK-BUTEL", change=noised), 1) == "accepted"
    projection_run(name="statistics")
    client = Client()
    client.force_login(ministry_user())
    page = _page(client, "/ministry/indicator/field_visits/", period_from="2026-Q3", level="municipality")
    assert '<td class="num noised">412 ±39</td>' in page


def test_the_comparison_ranks_municipalities_and_lists_the_missing_last(analyst: Client) -> None:
    page = _page(analyst, "/ministry/compare/field_visits/", period="2026-Q3", level="municipality")
    rows = [part.split("</th>")[0] for part in page.split('<th scope="row">')[1:]]
    assert rows == ["Butel", "Ruma", "Čair", "Čučer-Sandevo"] or rows == [
        "Бутел",
        "Рума",
        "Чаир",
        "Чучер-Сандево",
    ]


def test_a_revised_figure_links_to_its_revisions(analyst: Client, federation: dict[str, NodeClient]) -> None:
    assert status(
        federation["MK-BUTEL"], sample_set("MK-BUTEL", revision=2, change=lambda c: set_total(c, 420)), 2
    ) == ("accepted")
    projection_run(name="statistics")
    page = _page(
        analyst,
        "/ministry/indicator/field_visits/",
        period_from="2026-Q3",
        level="municipality",
        area="MK-BUTEL",
    )
    link = page.split('<a class="mark mark-revised" href="')[1].split('"')[0].replace("&amp;", "&")
    revisions = _page(analyst, link)
    assert "<td>1</td>" in revisions
    assert "<td>2 (current)</td>" in revisions
    assert '<td class="num">412</td>' in revisions
    assert '<td class="num">420</td>' in revisions


def test_the_overview_gives_the_latest_month_against_a_year_earlier(
    analyst: Client, butel: NodeClient
) -> None:
    page = _page(analyst, "/ministry/")
    assert "Overview" in page
    assert 'href="/ministry/indicator/people_at_risk/"' in page


def test_a_view_of_what_is_not_published_says_why_with_its_code(analyst: Client) -> None:
    response = analyst.get("/ministry/indicator/field_visits/", {"period_from": "2026-Q3", "by": "risk_type"})
    assert response.status_code == 400
    assert "<code>invalid-query</code>" in response.content.decode()


def test_the_comparison_offers_the_federation_by_each_breakdown(analyst: Client) -> None:
    page = _page(analyst, "/ministry/compare/field_visits/", period="2026-Q3")
    assert 'href="?period=2026-Q3&amp;level=federation&amp;by=sex"' in page
    by_sex = _page(analyst, "/ministry/compare/field_visits/", period="2026-Q3", level="federation", by="sex")
    rows = [part.split("</th>")[0] for part in by_sex.split('<th scope="row">')[1:]]
    assert rows[:2] == ["Female", "Male"]  # 230 + 100 + 230 women, 182 + 0 + 182 men: largest first


def test_an_operator_refused_the_pages_is_not_shown_their_sections(federation: dict[str, NodeClient]) -> None:
    refused = operator_client().get("/ministry/indicator/field_visits/")
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "The statistics are open to the ministry's role only." in page
    assert 'aria-label="Sections"' not in page
