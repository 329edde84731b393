"""The register's rules: each raises a flag with its reason and the data it used, waits for a
decision, never raises an open flag twice, and raises a decided one again only on new evidence."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from node.register import services
from node.register.access import Actor
from node.register.models import AccessEvent, CounsellingPlan, Flag, FlagStatus, Person, SessionStatus
from node.register.rules import flag_reason, reason_text, rule_name, rules_run, rules_run_each
from node.register.tasks import run_rules
from tests.node.register_factories import PersonFactory, actor

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _registered(days_ago: int = 0, **fields: Any) -> Person:
    """A person registered ``days_ago`` and in touch until then (no rule finds them yet)."""
    person: Person = PersonFactory(
        created_at=timezone.now() - dt.timedelta(days=days_ago), last_contact=_days_ago(days_ago), **fields
    )
    return person


@pytest.fixture
def worker() -> Actor:
    return actor()


def _assess(worker: Actor, person: Person, *, level: str, days_ago: int = 1) -> Any:
    return services.assessment_record(
        actor=worker,
        person=person,
        date=_days_ago(days_ago),
        risk_types=["poverty", "unemployment"],
        level=level,
        assessor="Е. Стојанова",
        basis="Field visit and the household's income statement.",
    )


def _plan(worker: Actor, person: Person) -> CounsellingPlan:
    return services.plan_create(
        actor=worker, person=person, title="План во три средби", started=_days_ago(30)
    )


def _flags(rule: str, person: Person) -> list[Flag]:
    return list(Flag.objects.filter(rule=rule, person=person).order_by("raised_at"))


def _dismiss(worker: Actor, flag: Flag, decision: str = FlagStatus.DISMISSED) -> None:
    services.flag_decide(actor=worker, flag=flag, decision=decision, note="Seen at the centre last week.")


# --- each rule raises with its reason and evidence ---------------------------------------------


def test_a_high_risk_assessment_raises_a_flag_with_the_assessment_as_its_evidence(worker: Actor) -> None:
    person = _registered(team=worker.staff.team)
    assessment = _assess(worker, person, level="high")
    assert rules_run_each() == {"high_risk": 1, "missed_session": 0, "no_contact_90_days": 0}
    [flag] = _flags("high_risk", person)
    assert flag.status == FlagStatus.OPEN
    assert flag.evidence == {
        "assessment": str(assessment.pk),
        "date": assessment.date.isoformat(),
        "level": "high",
        "risk_types": ["poverty", "unemployment"],
        "assessor": "Е. Стојанова",
        "levels_flagged": ["high", "critical"],
    }
    assert flag.reason.startswith("The latest risk assessment, made on ")
    assert flag.reason.endswith(" by Е. Стојанова, rates the risk high (Poverty, Unemployment).")


def test_a_medium_risk_assessment_after_a_high_one_raises_nothing(worker: Actor) -> None:
    person = _registered(team=worker.staff.team)
    _assess(worker, person, level="high", days_ago=10)
    _assess(worker, person, level="medium", days_ago=2)
    assert rules_run() == 0


def test_a_missed_session_and_an_overdue_one_raise_one_flag_naming_both(worker: Actor) -> None:
    person = _registered(team=worker.staff.team)
    plan = _plan(worker, person)
    missed = services.session_record(actor=worker, plan=plan, date=_days_ago(20), status=SessionStatus.MISSED)
    overdue = services.session_record(
        actor=worker, plan=plan, date=_days_ago(3), status=SessionStatus.SCHEDULED, number=2
    )
    services.session_record(actor=worker, plan=plan, date=TODAY, status=SessionStatus.SCHEDULED, number=3)
    assert rules_run_each()["missed_session"] == 1
    [flag] = _flags("missed_session", person)
    assert [(s["session"], s["number"], s["status"]) for s in flag.evidence["sessions"]] == [
        (str(missed.pk), 1, "missed"),
        (str(overdue.pk), 2, "scheduled"),
    ]
    assert "Counselling session 1 of “План во три средби”, on " in flag.reason
    assert ", was missed. Counselling session 2 of “План во три средби” was due on " in flag.reason
    assert flag.reason.endswith(" and is not recorded.")


def test_a_session_due_today_is_not_yet_overdue(worker: Actor) -> None:
    person = _registered(team=worker.staff.team)
    services.session_record(
        actor=worker, plan=_plan(worker, person), date=TODAY, status=SessionStatus.SCHEDULED
    )
    assert rules_run() == 0


def test_no_contact_for_ninety_days_raises_a_flag_with_the_last_contact_as_its_evidence() -> None:
    quiet = _registered(days_ago=91)
    _registered(days_ago=90)  # exactly 90 days: not yet
    assert rules_run_each()["no_contact_90_days"] == 1
    [flag] = _flags("no_contact_90_days", quiet)
    assert flag.evidence == {
        "last_contact": _days_ago(91).isoformat(),
        "registered": _days_ago(91).isoformat(),
        "days_without_contact": 91,
        "horizon_days": 90,
        "checked_on": TODAY.isoformat(),
    }
    assert flag.reason.startswith("No contact recorded since the last one, on ")


def test_a_person_never_contacted_since_registration_is_flagged_from_their_registration() -> None:
    person = PersonFactory(created_at=timezone.now() - dt.timedelta(days=120), last_contact=None)
    assert rules_run() == 1
    [flag] = _flags("no_contact_90_days", person)
    assert (flag.evidence["last_contact"], flag.evidence["days_without_contact"]) == (None, 120)
    assert flag.reason.startswith("No contact recorded since the person was registered, on ")


@override_settings(REGISTER_NO_CONTACT_DAYS=30)
def test_the_no_contact_horizon_comes_from_the_settings() -> None:
    person = _registered(days_ago=31)
    assert rules_run() == 1
    assert _flags("no_contact_90_days", person)[0].evidence["horizon_days"] == 30


def test_the_no_contact_horizon_is_read_from_the_environment_with_90_days_by_default() -> None:
    assert settings.REGISTER_NO_CONTACT_DAYS == 90
    assert settings.CELERY_BEAT_SCHEDULE["register-rules"] == {
        "task": "node.register.tasks.run_rules",
        "schedule": 3600.0,
        "options": {"expires": 3600.0},
    }


def test_closed_cases_are_not_flagged(worker: Actor) -> None:
    person = _registered(days_ago=200, team=worker.staff.team)
    _assess(worker, person, level="critical")
    Person.objects.filter(pk=person.pk).update(status="closed", last_contact=_days_ago(200))
    assert rules_run() == 0


def test_each_raised_flag_is_in_the_persons_access_log() -> None:
    person = _registered(days_ago=100)
    rules_run()
    event = AccessEvent.objects.get(person_id=person.pk)
    assert (event.action, event.what, event.user, event.allowed) == (
        "create",
        "flag no_contact_90_days",
        None,
        True,
    )


# --- running again, and decisions --------------------------------------------------------------


def test_running_the_rules_again_raises_nothing_new(worker: Actor) -> None:
    person = _registered(days_ago=100, team=worker.staff.team)
    _assess(worker, person, level="high")  # a contact: no longer silent
    Person.objects.filter(pk=person.pk).update(last_contact=_days_ago(100))
    services.session_record(
        actor=worker, plan=_plan(worker, person), date=_days_ago(40), status=SessionStatus.MISSED
    )
    assert rules_run() == 3
    assert rules_run() == 0
    assert Flag.objects.filter(status=FlagStatus.OPEN).count() == 3


def test_an_open_flag_is_not_raised_twice_even_on_new_evidence(worker: Actor) -> None:
    person = _registered(team=worker.staff.team)
    _assess(worker, person, level="high", days_ago=5)
    rules_run()
    _assess(worker, person, level="critical", days_ago=1)
    assert rules_run() == 0
    assert len(_flags("high_risk", person)) == 1


@pytest.mark.parametrize("decision", [FlagStatus.DISMISSED, FlagStatus.CONFIRMED])
def test_a_decided_flag_is_not_raised_again_for_the_same_assessment(worker: Actor, decision: str) -> None:
    person = _registered(team=worker.staff.team)
    _assess(worker, person, level="high")
    rules_run()
    _dismiss(worker, _flags("high_risk", person)[0], decision)
    assert rules_run() == 0


def test_a_dismissed_high_risk_flag_is_raised_again_on_a_new_high_assessment(worker: Actor) -> None:
    person = _registered(team=worker.staff.team)
    _assess(worker, person, level="high", days_ago=5)
    rules_run()
    _dismiss(worker, _flags("high_risk", person)[0])
    second = _assess(worker, person, level="high", days_ago=1)
    assert rules_run() == 1
    [dismissed, raised] = _flags("high_risk", person)
    assert (dismissed.status, raised.status) == (FlagStatus.DISMISSED, FlagStatus.OPEN)
    assert raised.evidence["assessment"] == str(second.pk)


def test_a_dismissed_missed_session_is_not_raised_again_but_the_next_missed_one_is(worker: Actor) -> None:
    person = _registered(team=worker.staff.team)
    plan = _plan(worker, person)
    services.session_record(actor=worker, plan=plan, date=_days_ago(20), status=SessionStatus.MISSED)
    rules_run()
    _dismiss(worker, _flags("missed_session", person)[0])
    assert rules_run() == 0
    second = services.session_record(actor=worker, plan=plan, date=_days_ago(5), status=SessionStatus.MISSED)
    assert rules_run() == 1
    raised = _flags("missed_session", person)[-1]
    # Only the new evidence: the session already decided on is not named again.
    assert [s["session"] for s in raised.evidence["sessions"]] == [str(second.pk)]


def test_an_overdue_session_dismissed_and_then_recorded_missed_that_day_is_the_same_evidence(
    worker: Actor,
) -> None:
    person = _registered(team=worker.staff.team)
    plan = _plan(worker, person)
    services.session_record(actor=worker, plan=plan, date=_days_ago(4), status=SessionStatus.SCHEDULED)
    rules_run()
    _dismiss(worker, _flags("missed_session", person)[0])
    services.session_record(actor=worker, plan=plan, date=_days_ago(4), status=SessionStatus.MISSED)
    assert rules_run() == 0


def test_a_dismissed_no_contact_flag_is_raised_again_only_after_a_new_last_contact(worker: Actor) -> None:
    person = _registered(days_ago=100, team=worker.staff.team)
    rules_run()
    _dismiss(worker, _flags("no_contact_90_days", person)[0])
    assert rules_run(today=TODAY + dt.timedelta(days=30)) == 0
    services.visit_record(actor=worker, person=person, date=_days_ago(95), consent_to_record=True)
    assert rules_run() == 1
    assert _flags("no_contact_90_days", person)[-1].evidence["last_contact"] == _days_ago(95).isoformat()


def test_the_rules_read_each_table_once_however_many_people_they_find() -> None:
    for _ in range(30):
        _registered(days_ago=100)
    with CaptureQueriesContext(connection) as few:
        rules_run()
    Flag.objects.all().delete()
    for _ in range(60):
        _registered(days_ago=100)
    with CaptureQueriesContext(connection) as many:
        assert rules_run() == 90
    assert len(many.captured_queries) == len(few.captured_queries)


# --- words in the reader's language --------------------------------------------------------------


def test_the_reason_is_rendered_in_macedonian_from_the_evidence(worker: Actor) -> None:
    person = _registered(team=worker.staff.team)
    assessment = _assess(worker, person, level="high")
    rules_run()
    [flag] = _flags("high_risk", person)
    flag.evidence["date"] = "2026-09-03"
    with translation.override("mk"):
        assert flag_reason(flag) == (
            "Последната проценка на ризик, направена на 03 Септември 2026 од Е. Стојанова,"
            " го оценува ризикот како висок (Сиромаштија, Невработеност)."
        )
        assert rule_name("high_risk") == "Висок ризик"
    assert assessment.level == "high"


def test_the_no_contact_reason_is_rendered_in_serbian_with_the_plural_the_number_takes() -> None:
    person = _registered(days_ago=101)
    rules_run()
    [flag] = _flags("no_contact_90_days", person)
    flag.evidence["last_contact"] = "2026-09-03"
    with translation.override("sr-latn"):
        assert (
            flag_reason(flag) == "Nema zabeleženog kontakta od poslednjeg, 3. septembar 2026., pre 101 dan."
        )
    flag.evidence["days_without_contact"] = 95
    with translation.override("sr"):
        assert flag_reason(flag) == "Нема забележеног контакта од последњег, 3. септембар 2026., пре 95 дана."


EVIDENCE = {
    "high_risk": {"date": "2026-09-03", "level": "critical", "risk_types": ["poverty"], "assessor": "Е. С."},
    "missed_session": {
        "sessions": [
            {"number": 1, "plan_title": "План", "date": "2026-09-03", "status": "missed"},
            {"number": 2, "plan_title": "План", "date": "2026-09-10", "status": "scheduled"},
        ]
    },
    "no_contact_90_days": {"last_contact": None, "registered": "2026-06-01", "days_without_contact": 94},
}


@pytest.mark.parametrize("language", ["mk", "bg", "sr", "sr-latn", "sq"])
@pytest.mark.parametrize("rule", sorted(EVIDENCE))
def test_each_rules_name_and_reason_are_translated_into_each_language(rule: str, language: str) -> None:
    with translation.override("en"):
        english = (rule_name(rule), reason_text(rule, EVIDENCE[rule]))
    with translation.override(language):
        name, reason = rule_name(rule), reason_text(rule, EVIDENCE[rule])
    assert name != english[0]
    assert reason != english[1]
    assert "%(" not in reason
    assert "94" in reason or rule != "no_contact_90_days"


def test_a_flag_whose_evidence_the_rules_do_not_know_keeps_its_stored_reason() -> None:
    flag = Flag(rule="high_risk", reason="Rated high.", evidence={"risk_level": "high"})
    assert flag_reason(flag) == "Rated high."


# --- the command and the task ------------------------------------------------------------------


def test_the_command_prints_how_many_flags_each_rule_raised(worker: Actor) -> None:
    _registered(days_ago=100)
    _registered(days_ago=120)
    person = _registered(team=worker.staff.team)
    _assess(worker, person, level="critical")
    out = io.StringIO()
    call_command("register_rules", stdout=out)
    assert out.getvalue().splitlines() == [
        "high_risk: 1 flag raised",
        "missed_session: 0 flags raised",
        "no_contact_90_days: 2 flags raised",
        "3 flags raised in all; no contact means none for 90 days.",
    ]


def test_the_command_runs_as_of_a_given_day() -> None:
    _registered(days_ago=60)
    out = io.StringIO()
    call_command("register_rules", "--date", (TODAY + dt.timedelta(days=31)).isoformat(), stdout=out)
    assert "no_contact_90_days: 1 flag raised" in out.getvalue()


def test_the_task_runs_the_rules() -> None:
    person = _registered(days_ago=100)
    assert run_rules.apply().get() == 1
    assert _flags("no_contact_90_days", person)[0].status == FlagStatus.OPEN
    assert run_rules.apply().get() == 0
