"""Retention: ``register_prune`` removes exactly what is past its time, and logs what it did."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from node.register import services
from node.register.models import (
    AccessEvent,
    FieldVisit,
    Household,
    ImportRun,
    Person,
    PersonStatus,
    StaffRole,
)
from node.register.rights import register_prune
from node.register.tasks import prune_register
from tests.node.register_factories import PersonFactory, actor

pytestmark = pytest.mark.django_db

NOW = timezone.now()
PAST_CASE = NOW - dt.timedelta(days=Person.RETENTION_DAYS + 1)
WITHIN_CASE = NOW - dt.timedelta(days=Person.RETENTION_DAYS - 1)


def _closed(closed_at: dt.datetime, status: str = PersonStatus.CLOSED, **fields: object) -> Person:
    person = PersonFactory(status=status, closed_at=closed_at, **fields)
    FieldVisit.objects.create(
        person=person,
        date=closed_at.date(),
        team=person.team,
        settlement=person.settlement,
        consent_to_record=True,
    )
    return person


def _world() -> dict[str, object]:
    supervisor = actor(StaffRole.SUPERVISOR)
    household = services.household_create(actor=supervisor, settlement=PersonFactory().settlement)
    AccessEvent.objects.all().delete()
    gone = _closed(PAST_CASE, household=household)
    moved = _closed(PAST_CASE, status=PersonStatus.TRANSFERRED)
    recent = _closed(WITHIN_CASE)
    # An active person is never pruned, whatever a stale closed_at says.
    active = _closed(PAST_CASE, status=PersonStatus.ACTIVE)
    old_line = AccessEvent.objects.create(
        at=NOW - dt.timedelta(days=AccessEvent.RETENTION_DAYS + 1), action="view", person_id=recent.pk
    )
    new_line = AccessEvent.objects.create(
        at=NOW - dt.timedelta(days=AccessEvent.RETENTION_DAYS - 1), action="view", person_id=gone.pk
    )
    old_run = ImportRun.objects.create(
        digest="a" * 64, filename="old.csv", at=NOW - dt.timedelta(days=ImportRun.RETENTION_DAYS + 1)
    )
    new_run = ImportRun.objects.create(
        digest="b" * 64, filename="new.csv", at=NOW - dt.timedelta(days=ImportRun.RETENTION_DAYS - 1)
    )
    return locals()


def test_prune_removes_exactly_what_is_past_retention_and_logs_each_person() -> None:
    w = _world()
    report = register_prune(now=NOW)
    assert report.removed == {
        "people": 2,
        "field_visits": 2,
        "risk_assessments": 0,
        "counselling_plans": 0,
        "counselling_sessions": 0,
        "referrals": 0,
        "services_delivered": 0,
        "outcomes": 0,
        "flags": 0,
        "households": 1,
        "access_log": 1,
        "import_runs": 1,
    }
    assert set(Person.objects.values_list("pk", flat=True)) >= {w["recent"].pk, w["active"].pk}  # type: ignore[attr-defined]
    assert not Person.objects.filter(pk__in=[w["gone"].pk, w["moved"].pk]).exists()  # type: ignore[attr-defined]
    assert FieldVisit.objects.filter(person__in=[w["recent"], w["active"]]).count() == 2
    assert not Household.objects.filter(pk=w["household"].pk).exists()  # type: ignore[attr-defined]
    assert not AccessEvent.objects.filter(pk=w["old_line"].pk).exists()  # type: ignore[attr-defined]
    assert AccessEvent.objects.filter(pk=w["new_line"].pk).exists()  # type: ignore[attr-defined]
    assert list(ImportRun.objects.values_list("filename", flat=True)) == ["new.csv"]
    prunes = AccessEvent.objects.filter(action="prune")
    per_person = prunes.exclude(person_id=None)
    assert set(per_person.values_list("person_id", flat=True)) == {w["gone"].pk, w["moved"].pk}  # type: ignore[attr-defined]
    assert set(per_person.values_list("username", flat=True)) == {"system"}
    assert per_person.first().what == f"retention: record removed, case closed {PAST_CASE:%Y-%m-%d}"  # type: ignore[union-attr]
    summary = prunes.get(person_id=None)
    assert summary.what == "retention: 2 people, 2 field visits, 1 households, 1 access log, 1 import runs"


def test_a_second_prune_finds_nothing_left() -> None:
    _world()
    register_prune(now=NOW)
    assert sum(register_prune(now=NOW).removed.values()) == 0


def test_a_dry_run_counts_but_changes_nothing_not_even_the_log() -> None:
    _world()
    counts = (
        Person.objects.count(),
        FieldVisit.objects.count(),
        Household.objects.count(),
        ImportRun.objects.count(),
    )
    lines = AccessEvent.objects.count()
    report = register_prune(now=NOW, dry_run=True)
    assert (report.dry_run, report.removed["people"], report.removed["access_log"]) == (True, 2, 1)
    after = (
        Person.objects.count(),
        FieldVisit.objects.count(),
        Household.objects.count(),
        ImportRun.objects.count(),
    )
    assert after == counts
    assert AccessEvent.objects.count() == lines


def test_the_command_prints_what_it_removed_per_kind() -> None:
    PersonFactory(
        status=PersonStatus.CLOSED, closed_at=timezone.now() - dt.timedelta(days=Person.RETENTION_DAYS + 2)
    )
    out = io.StringIO()
    call_command("register_prune", "--dry-run", stdout=out)
    assert "Would remove 1 people" in out.getvalue()
    assert Person.objects.count() == 1
    out = io.StringIO()
    call_command("register_prune", stdout=out)
    text = out.getvalue()
    assert "Removed 1 people" in text
    assert "Removed 0 field visits" in text
    assert "Removed 0 import runs" in text
    assert "Kept: people 10 years after closing" in text
    assert not Person.objects.exists()


def test_the_daily_task_prunes_and_says_how_many_rows_went() -> None:
    PersonFactory(
        status=PersonStatus.CLOSED, closed_at=timezone.now() - dt.timedelta(days=Person.RETENTION_DAYS + 2)
    )
    assert prune_register.run() == 1
    assert not Person.objects.exists()


def test_the_beat_runs_the_prune_daily() -> None:
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["prune-register"]
    assert (entry["task"], entry["schedule"]) == ("node.register.tasks.prune_register", 86400.0)
