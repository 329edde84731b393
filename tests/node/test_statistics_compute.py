"""A period's indicators are counted from the register by their definitions: people once however
many entries they have, a person with two risk types under both, a plan completed in the period
it was completed in, a closed case out of the stock once closed, NEETs by their age at the
period's end, packages by their quantities; and in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common.disclosure import cell_key
from contracts.indicators import INDICATORS
from node.register.models import (
    CounsellingPlan,
    CounsellingSession,
    FieldVisit,
    Outcome,
    Person,
    Referral,
    RiskAssessment,
    ServiceDelivery,
)
from node.statistics.compute import _ENTRY_FIELDS, period_cells
from tests.node.register_factories import PersonFactory

pytestmark = pytest.mark.django_db

JUNE = "2026-06"


def _visit(person: Person, day: dt.date) -> FieldVisit:
    return FieldVisit.objects.create(
        person=person, date=day, team=person.team, settlement=person.settlement, consent_to_record=True
    )


def _cell(cells: dict[Any, int], indicator: str, **categories: str) -> int:
    return cells[cell_key(indicator, categories)]


def test_every_condition_of_a_definition_names_a_field_the_node_reads() -> None:
    for definition in INDICATORS:
        for condition in definition.where:
            kind, _, field = condition.partition(".")
            assert field in _ENTRY_FIELDS[kind][1], (definition.code, condition)  # type: ignore[index]


def test_a_person_is_counted_once_and_under_each_of_their_risk_types() -> None:
    ana = PersonFactory(sex="female", risk_types=["poverty", "unemployment"], birth_date=dt.date(1990, 1, 1))
    for day in (dt.date(2026, 6, 3), dt.date(2026, 6, 20)):
        _visit(ana, day)
    cells = period_cells(JUNE)
    assert _cell(cells, "people_reached") == 1
    assert _cell(cells, "field_visits") == 2
    assert _cell(cells, "people_reached", risk_type="poverty") == 1
    assert _cell(cells, "people_reached", risk_type="unemployment") == 1
    assert _cell(cells, "people_reached", sex="female", age_band="30-49") == 1
    assert _cell(cells, "people_reached", sex="male") == 0
    # Every cell of every table is there, the zeros too.
    assert _cell(cells, "people_reached", sex="other", risk_type="homelessness") == 0
    assert _cell(cells, "people_at_risk") == 1


def test_entries_outside_the_period_and_sessions_not_held_do_not_count() -> None:
    ana = PersonFactory(risk_types=["poverty"])
    _visit(ana, dt.date(2026, 5, 31))
    plan = CounsellingPlan.objects.create(person=ana, title="План", started=dt.date(2026, 5, 1))
    CounsellingSession.objects.create(
        person=ana, plan=plan, number=1, date=dt.date(2026, 6, 10), status="missed"
    )
    cells = period_cells(JUNE)
    assert _cell(cells, "people_reached") == 0
    assert _cell(cells, "people_counselled") == 0
    assert _cell(cells, "counselling_sessions") == 0
    # …but someone visited in May is still on the register at risk in June.
    assert _cell(cells, "people_at_risk") == 1


def test_a_plan_counts_as_completed_in_the_period_of_its_last_planned_session_held() -> None:
    ana = PersonFactory()
    plan = CounsellingPlan.objects.create(
        person=ana, title="План", started=dt.date(2026, 4, 1), sessions_planned=3
    )
    for number, day in enumerate((dt.date(2026, 4, 2), dt.date(2026, 5, 6), dt.date(2026, 6, 9)), start=1):
        CounsellingSession.objects.create(person=ana, plan=plan, number=number, date=day, status="held")
    assert _cell(period_cells("2026-05"), "people_completed_plan") == 0
    june = period_cells(JUNE)
    assert _cell(june, "people_completed_plan") == 1
    assert _cell(june, "people_counselled") == 1
    assert _cell(june, "counselling_sessions") == 1
    assert _cell(period_cells("2026-Q2"), "counselling_sessions") == 3
    assert _cell(period_cells("2026-Q2"), "people_completed_plan") == 1


def test_a_case_closed_before_the_period_is_not_in_its_stock() -> None:
    closed = PersonFactory(
        risk_types=["poverty"], status="closed", closed_at=timezone.make_aware(dt.datetime(2026, 5, 20))
    )
    closing = PersonFactory(
        risk_types=["poverty"], status="closed", closed_at=timezone.make_aware(dt.datetime(2026, 6, 15))
    )
    no_risk = PersonFactory(risk_types=[])
    for person in (closed, closing, no_risk):
        _visit(person, dt.date(2026, 2, 1))
    assert _cell(period_cells(JUNE), "people_at_risk") == 1  # closed in the period: still counted


def test_referrals_count_each_by_destination_and_status_and_people_once_under_each_destination() -> None:
    ana = PersonFactory(sex="female")
    for destination, status in (
        ("employment_agency", "completed"),
        ("employment_agency", "sent"),
        ("health", "sent"),
    ):
        Referral.objects.create(person=ana, date=dt.date(2026, 6, 4), destination=destination, status=status)
    cells = period_cells(JUNE)
    assert _cell(cells, "referrals") == 3
    assert _cell(cells, "referrals", referral_destination="employment_agency") == 2
    assert (
        _cell(cells, "referrals", referral_destination="employment_agency", referral_status="completed") == 1
    )
    assert _cell(cells, "people_referred") == 1
    assert _cell(cells, "people_referred", referral_destination="employment_agency") == 1
    assert _cell(cells, "people_referred", referral_destination="health") == 1


def test_packages_add_up_their_quantities_and_trainings_count_people() -> None:
    ana, marko = PersonFactory(sex="female"), PersonFactory(sex="male")
    ServiceDelivery.objects.create(person=ana, date=dt.date(2026, 6, 1), kind="food_package", quantity=3)
    ServiceDelivery.objects.create(person=marko, date=dt.date(2026, 6, 2), kind="hygiene_package", quantity=2)
    ServiceDelivery.objects.create(person=marko, date=dt.date(2026, 6, 3), kind="training")
    ServiceDelivery.objects.create(person=marko, date=dt.date(2026, 6, 9), kind="training")
    Outcome.objects.create(person=marko, date=dt.date(2026, 6, 20), outcome="employed")
    cells = period_cells(JUNE)
    assert _cell(cells, "packages_delivered") == 5
    assert _cell(cells, "packages_delivered", delivered="food_package") == 3
    assert _cell(cells, "packages_delivered", sex="male", delivered="hygiene_package") == 2
    assert _cell(cells, "people_trained") == 1
    assert _cell(cells, "people_with_outcome", outcome="employed") == 1


def test_neets_are_counted_by_their_age_on_the_periods_last_day() -> None:
    turning_30 = PersonFactory(target_groups=["neet"], birth_date=dt.date(1996, 6, 30))
    aged_16 = PersonFactory(target_groups=["neet"], birth_date=dt.date(2010, 3, 1))
    not_neet = PersonFactory(target_groups=["roma"], birth_date=dt.date(2005, 3, 1))
    for person in (turning_30, aged_16, not_neet):
        RiskAssessment.objects.create(
            person=person,
            date=dt.date(2026, 6, 2),
            risk_types=["unemployment"],
            level="high",
            assessor="А. Б.",
        )
    cells = period_cells(JUNE)
    assert _cell(cells, "neet_reached") == 1  # 30 on 30 June: out of 15–29
    assert _cell(cells, "neet_reached", age_band="15-17") == 1
    assert _cell(period_cells("2026-05"), "neet_reached") == 0


def test_the_queries_do_not_grow_with_the_register() -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            period_cells(JUNE)
        return len(captured.captured_queries)

    PersonFactory()
    few = queries()
    for _ in range(30):
        person = PersonFactory(risk_types=["poverty"])
        _visit(person, dt.date(2026, 6, 5))
        Referral.objects.create(person=person, date=dt.date(2026, 6, 6), destination="health")
    assert queries() == few


def test_the_preview_command_prints_what_each_indicator_would_publish_and_stores_nothing() -> None:
    from io import StringIO

    from django.core.management import call_command

    for n in range(12):
        person = PersonFactory(sex="female" if n % 2 else "male", risk_types=["poverty"])
        _visit(person, dt.date(2026, 6, 5))
    before = FieldVisit.objects.count()
    out, err = StringIO(), StringIO()
    call_command("statistics_preview", "--period", JUNE, stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    visits = next(line for line in lines if line.startswith("field_visits"))
    assert "total         12; 45 cells" in visits
    assert "(A)" in visits
    assert lines[-1].startswith("protected in ")
    assert "2026-06 (2026-06-01 to 2026-06-30): 1241 cells counted" in err.getvalue()
    assert FieldVisit.objects.count() == before


def test_the_preview_command_refuses_a_period_that_is_not_one_or_has_not_begun() -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="is not a period"):
        call_command("statistics_preview", "--period", "2026-13")
    with pytest.raises(CommandError, match="has not begun yet"):
        call_command("statistics_preview", "--period", "2999")
