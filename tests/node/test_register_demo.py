"""The demo's synthetic registers: each node's register has its programme's shape, the same seed
gives the same register, and ``demo_node`` fills it once."""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from node.federation.models import Enrolment
from node.register.access import actor_of
from node.register.demo import PROFILES, register_demo_fill
from node.register.models import (
    TIMELINE_MODELS,
    CounsellingSession,
    Flag,
    Household,
    Outcome,
    Person,
    Referral,
    ServiceDelivery,
    SessionStatus,
    Settlement,
    Staff,
    StaffRole,
    Team,
)
from node.register.selectors import people_search, worklist
from tests.node.conftest import Federation

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SERBIAN = ("RS-ADA", "RS-NCRNJA", "RS-SMITROVICA", "RS-RUMA")


def _age(birth: dt.date) -> int:
    return TODAY.year - birth.year - ((TODAY.month, TODAY.day) < (birth.month, birth.day))


def _with_group(group: str) -> int:
    return sum(group in groups for groups in Person.objects.values_list("target_groups", flat=True))


def test_butel_has_about_800_people_at_risk_and_560_on_cash_assistance() -> None:
    counts = register_demo_fill(profile="MK-BUTEL", seed=1)
    assert Person.objects.count() == counts["person"] == 800
    assert _with_group("social_assistance_recipient") == 560
    assert 0.3 < _with_group("roma") / 800 < 0.6
    # Field visits with risk types, the three-session plan, referrals to the Employment Agency
    # and to social-protection rights.
    assert not Person.objects.exclude(fieldvisit__risk_types=[]).filter(fieldvisit__isnull=True).exists()
    sessions = CounsellingSession.objects.values("plan").annotate(n=Count("id")).values_list("n", flat=True)
    assert set(sessions) == {3}
    destinations = set(Referral.objects.values_list("destination", flat=True))
    assert {"employment_agency", "social_protection_right"} <= destinations
    assert set(Person.objects.values_list("language", flat=True)) <= {"mk", "sq"}


def test_butel_plans_have_sessions_held_missed_and_scheduled_ahead() -> None:
    register_demo_fill(profile="MK-BUTEL", seed=1)
    statuses = set(CounsellingSession.objects.values_list("status", flat=True))
    assert statuses == {SessionStatus.HELD, SessionStatus.MISSED, SessionStatus.SCHEDULED}
    assert CounsellingSession.objects.filter(status=SessionStatus.SCHEDULED, date__gt=TODAY).exists()


def test_it_links_delivered_packages_to_the_nodes_own_catalogue_services(federation: Federation) -> None:
    call_command("catalogue_import", "deploy/demo-data/MK-BUTEL", "--language", "en", stdout=StringIO())
    register_demo_fill(profile="MK-BUTEL", seed=1)
    packages = ServiceDelivery.objects.filter(kind="food_package")
    assert packages.exists()
    # Butel's "Emergency help – food and hygiene packages".
    assert set(packages.values_list("service_id", flat=True)) == {_service_id("MK-BUTEL", "Emergency help")}


def _service_id(node: str, name: str) -> uuid.UUID:
    with open(f"deploy/demo-data/{node}/services.csv", encoding="utf-8") as file:
        return uuid.UUID(next(row["id"] for row in csv.DictReader(file) if row["name"].startswith(name)))


def test_a_register_without_a_catalogue_delivers_services_unlinked() -> None:
    register_demo_fill(profile="MK-CUCER", seed=1)
    assert ServiceDelivery.objects.exists()
    assert not ServiceDelivery.objects.filter(service_id__isnull=False).exists()


def test_cucer_is_smaller_than_butel_with_the_same_shape_and_some_albanian_speakers() -> None:
    register_demo_fill(profile="MK-CUCER", seed=1)
    people = Person.objects.count()
    assert 100 <= people < 800
    assert _with_group("social_assistance_recipient") > people / 2
    assert Person.objects.filter(language="sq").exists()
    assert set(CounsellingSession.objects.values_list("number", flat=True)) == {1, 2, 3}


def test_cair_serves_the_vulnerable_groups_of_its_strategy_mostly_in_albanian() -> None:
    register_demo_fill(profile="MK-CAIR", seed=1)
    people = Person.objects.count()
    assert Person.objects.filter(language="sq").count() > people / 2
    for group in (
        "unemployed",
        "roma",
        "women",
        "single_parent",
        "disability",
        "social_assistance_recipient",
    ):
        assert _with_group(group) > 0, group


def test_strelcha_supported_36_and_trained_16_who_are_in_training_or_employed() -> None:
    register_demo_fill(profile="BG-STRELCHA", seed=1)
    assert Person.objects.count() == 36
    trained = set(ServiceDelivery.objects.filter(kind="training").values_list("person_id", flat=True))
    assert len(trained) == 16
    outcomes = Outcome.objects.filter(person_id__in=trained, outcome__in=("in_training", "employed"))
    assert set(outcomes.values_list("person_id", flat=True)) == trained
    assert Referral.objects.values("person").distinct().count() > 18
    assert set(Person.objects.values_list("language", flat=True)) == {"bg"}


def test_plovdiv_has_150_neets_aged_15_to_29() -> None:
    register_demo_fill(profile="BG-PLOVDIV", seed=1)
    assert Person.objects.count() == 150
    assert _with_group("neet") == 150
    ages = {_age(birth) for birth in Person.objects.values_list("birth_date", flat=True)}
    assert min(ages) >= 15
    assert max(ages) <= 29
    kinds = set(ServiceDelivery.objects.values_list("kind", flat=True))
    assert kinds <= {"counselling", "training"}


@pytest.mark.parametrize("node", SERBIAN)
def test_serbian_nodes_map_first_and_at_least_half_of_their_beneficiaries_are_women(node: str) -> None:
    register_demo_fill(profile=node, seed=1)
    people = Person.objects.count()
    assert Person.objects.filter(sex="female").count() >= people / 2
    # Social mapping first: every person's earliest entry is the visit that found them.
    for person in Person.objects.all()[:50]:
        first = min(
            (row.date, model._meta.model_name)
            for model in TIMELINE_MODELS
            for row in model._default_manager.filter(person=person)
            if not (model is CounsellingSession and row.status == SessionStatus.SCHEDULED)
        )
        visit = person.fieldvisit_set.order_by("date").first()
        assert visit is not None
        assert first[0] == visit.date
    assert set(Person.objects.values_list("language", flat=True)) <= {"sr-Cyrl", "sr-Latn"}


def test_ada_registers_some_hungarian_names_in_latin_script() -> None:
    register_demo_fill(profile="RS-ADA", seed=1)
    assert Person.objects.filter(family_name__in=("Nagy", "Kovács", "Tóth", "Szabó")).exists()


def test_the_same_seed_gives_the_same_register() -> None:
    # Teams, settlements and users have counters for ids, which a second fill does not reuse:
    # compare them by code and user name.
    counters = {"team_id", "caseworker_id", "settlement_id", "recorded_by_id"}

    def rows(model: Any, *related: str) -> list[Any]:
        found = model._default_manager.order_by("pk").values(
            *[f.attname for f in model._meta.concrete_fields], *related
        )
        return [{k: v for k, v in row.items() if k not in counters} for row in found]

    def snapshot() -> list[Any]:
        found = [rows(Person, "team__code", "caseworker__username", "settlement__code")]
        found += [rows(Household, "team__code", "settlement__code")]
        found += [rows(model, "recorded_by__username") for model in TIMELINE_MODELS]
        found += [sorted(Flag.objects.values_list("person_id", "rule", "reason"))]
        return found

    register_demo_fill(profile="RS-NCRNJA", seed=7, today=TODAY)
    first = snapshot()
    _empty_register()
    register_demo_fill(profile="RS-NCRNJA", seed=7, today=TODAY)
    assert snapshot() == first
    _empty_register()
    register_demo_fill(profile="RS-NCRNJA", seed=8, today=TODAY)
    assert snapshot()[0] != first[0]


def _empty_register() -> None:
    Flag.objects.all().delete()
    Person.objects.all().delete()
    Household.objects.all().delete()
    Staff.objects.all().delete()
    Team.objects.all().delete()
    Settlement.objects.all().delete()
    get_user_model().objects.all().delete()


def test_the_register_shows_a_caseworker_sessions_due_and_flags_for_no_contact() -> None:
    counts = register_demo_fill(profile="MK-BUTEL", seed=1)
    assert counts["flag"] == Flag.objects.count() > 0
    assert {"high_risk", "missed_session", "no_contact_90_days"} <= set(
        Flag.objects.values_list("rule", flat=True)
    )
    caseworker = actor_of(get_user_model().objects.get(username="caseworker"))
    day = worklist(actor=caseworker)
    assert day.my_people
    assert day.open_flags
    assert day.sessions_due
    supervisor = actor_of(get_user_model().objects.get(username="supervisor"))
    assert supervisor.sees_all_teams


def test_latin_spelling_finds_the_demos_cyrillic_names() -> None:
    register_demo_fill(profile="MK-BUTEL", seed=1)
    person = Person.objects.filter(given_name__startswith="Љ").first() or Person.objects.first()
    assert person is not None
    supervisor = actor_of(get_user_model().objects.get(username="supervisor"))
    query = f"{person.search_key.split()[0]} {person.search_key.split()[1]}"
    assert person in list(people_search(actor=supervisor, query=query))


def test_it_writes_the_demo_staff_with_roles_and_no_usable_password() -> None:
    register_demo_fill(profile="BG-STRELCHA", seed=1)
    roles = dict(Staff.objects.values_list("user__username", "role"))
    assert roles["caseworker"] == StaffRole.CASEWORKER
    assert roles["supervisor"] == StaffRole.SUPERVISOR
    assert roles["auditor"] == StaffRole.AUDITOR
    assert not get_user_model().objects.get(username="caseworker").has_usable_password()


# --- demo_node --------------------------------------------------------------------------------


@pytest.fixture
def demo(federation: Federation, settings: Any) -> Federation:
    settings.SOCIALHUB_ENV = "demo"
    Enrolment.objects.update(node_code="BG-STRELCHA")
    return federation


def _demo_node() -> str:
    out = StringIO()
    call_command("demo_node", "--admin", "admin:demo-admin", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_demo_node_fills_the_register_once_and_gives_the_demo_logins_their_passwords(
    demo: Federation,
) -> None:
    out = _demo_node()
    assert "register: 36 synthetic people" in out
    first = set(Person.objects.values_list("id", flat=True))
    users = get_user_model().objects
    for username in ("caseworker", "supervisor", "auditor"):
        assert users.get(username=username).check_password(f"demo-{username}")
    again = _demo_node()
    assert "register: 36 synthetic people" not in again
    assert set(Person.objects.values_list("id", flat=True)) == first


def test_demo_node_links_the_register_to_the_catalogue_it_imported(demo: Federation) -> None:
    _demo_node()
    assert ServiceDelivery.objects.filter(kind="training", service_id__isnull=False).exists()


def test_every_profile_is_one_of_the_demos_nodes() -> None:
    from deploy.demo import NODES

    assert set(PROFILES) == {node.code for node in NODES}
