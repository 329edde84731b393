"""The register's back office: its pages in the staff's language, codes shown by their names,
the register's search, saves through the services (validated and logged), the access log read
only, and the register's rules for the admin user as for anyone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from contracts.vocabulary import RISK_LEVEL_LABELS, TARGET_GROUP_LABELS
from node.register.models import AccessEvent, FieldVisit, Household, Person, Staff, StaffRole
from tests.node.register_factories import PersonFactory, SettlementFactory, TeamFactory
from tests.node_tools import run_browser_plan

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "artefacts"

pytestmark = pytest.mark.django_db

PAGES = (
    "/admin/register/person/",
    "/admin/register/person/add/",
    "/admin/register/household/",
    "/admin/register/household/add/",
    "/admin/register/flag/",
    "/admin/register/accessevent/",
    "/admin/register/staff/",
    "/admin/register/staff/add/",
    "/admin/register/team/",
    "/admin/register/settlement/",
)


@pytest.fixture
def supervisor(admin_user: Any) -> Staff:
    staff: Staff = Staff.objects.create(user=admin_user, role=StaffRole.SUPERVISOR, team=TeamFactory())
    return staff


def _person_form(**fields: Any) -> dict[str, Any]:
    team = TeamFactory(code="butel-mobile", name="Мобилен тим")
    return {
        "reference": "BUT-2026-77001",
        "given_name": "Сузана",
        "family_name": "Аслани",
        "sex": "female",
        "birth_date": "1979-11-23",
        "language": "mk",
        "phone": "",
        "team": team.pk,
        "settlement": SettlementFactory().pk,
        "household_role": "",
        "target_groups": ["roma"],
        # The timeline's inlines are read only; their management forms are still posted.
        **{
            f"{prefix}-{suffix}": value
            for prefix in (
                "counselling_plans",
                "fieldvisit_set",
                "riskassessment_set",
                "counsellingsession_set",
                "referral_set",
                "servicedelivery_set",
                "outcome_set",
            )
            for suffix, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
        },
    } | fields


@pytest.mark.parametrize("page", PAGES)
def test_each_page_of_the_register_renders_in_macedonian(
    admin_client: Client, supervisor: Staff, page: str
) -> None:
    PersonFactory(risk_level="high", target_groups=["roma"])
    response = admin_client.get(page, HTTP_ACCEPT_LANGUAGE="mk")
    assert response.status_code == 200


def test_the_people_list_names_codes_and_columns_in_macedonian(
    admin_client: Client, supervisor: Staff
) -> None:
    PersonFactory(risk_level="high", target_groups=["roma"])
    page = admin_client.get("/admin/register/person/", HTTP_ACCEPT_LANGUAGE="mk").content.decode()
    expected = (
        RISK_LEVEL_LABELS["high"]["mk"],
        TARGET_GROUP_LABELS["roma"]["mk"],
        "Регистарски број",  # register number
        "Ниво на ризик",  # risk level (column and filter)
        "целна група",  # the target-group filter ("По целна група")
        "Лица",  # people
    )
    assert [text for text in expected if text not in page] == []
    assert "Register number" not in page
    assert ">high<" not in page


def test_a_persons_page_shows_the_timeline_with_named_codes(admin_client: Client, supervisor: Staff) -> None:
    person = PersonFactory()
    FieldVisit.objects.create(
        person=person,
        date="2026-02-03",
        team=person.team,
        settlement=person.settlement,
        findings="Нема струја",
        risk_types=["poverty"],
        consent_to_record=True,
    )
    response = admin_client.get(f"/admin/register/person/{person.pk}/change/", HTTP_ACCEPT_LANGUAGE="mk")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Нема струја" in page
    assert "Сиромаштија" in page  # poverty, by its name
    assert "Теренски посети" in page  # the inline's title: field visits
    view = AccessEvent.objects.get(action="view")
    assert (view.person_id, view.why, view.allowed) == (person.pk, "admin", True)


def test_the_admin_search_finds_a_cyrillic_name_from_its_latin_spelling(
    admin_client: Client, supervisor: Staff
) -> None:
    found = PersonFactory(given_name="Жаклина", family_name="Ѓорѓиевска")
    other = PersonFactory(given_name="Марко", family_name="Илиевски")
    page = admin_client.get("/admin/register/person/", {"q": "zaklina gjorgjievska"}).content.decode()
    assert f"/admin/register/person/{found.pk}/change/" in page
    assert f"/admin/register/person/{other.pk}/change/" not in page


def test_adding_a_person_goes_through_the_service_and_is_logged_with_the_admin_as_actor(
    admin_client: Client, supervisor: Staff
) -> None:
    response = admin_client.post("/admin/register/person/add/", _person_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get()
    assert person.search_key == " suzana aslani but 2026 77001 "
    created = AccessEvent.objects.get(action="create")
    assert (created.person_id, created.username, created.why, created.allowed) == (
        person.pk,
        supervisor.user.username,
        "admin",
        True,
    )


def test_a_change_in_the_admin_is_logged_with_the_fields_it_changed(
    admin_client: Client, supervisor: Staff
) -> None:
    admin_client.post("/admin/register/person/add/", _person_form())
    person = Person.objects.get()
    form = _person_form(phone="070 555 111", team=person.team_id, settlement=person.settlement_id)
    response = admin_client.post(f"/admin/register/person/{person.pk}/change/", form)
    assert response.status_code == 302
    assert Person.objects.get().phone == "070 555 111"
    assert AccessEvent.objects.get(action="update").what == "person: phone"


def test_the_admin_refuses_what_the_service_refuses_with_its_code_and_logs_the_attempt(
    admin_client: Client, supervisor: Staff
) -> None:
    response = admin_client.post("/admin/register/person/add/", _person_form(birth_date="2999-01-01"))
    assert response.status_code == 200
    assert "future-date" in response.content.decode()
    assert Person.objects.count() == 0
    refused = AccessEvent.objects.get()
    assert (refused.action, refused.allowed, refused.code) == ("create", False, "future-date")


def test_a_superuser_without_a_role_sees_no_one_is_told_to_take_one_and_cannot_save(
    admin_client: Client,
) -> None:
    PersonFactory()
    listing = admin_client.get("/admin/register/person/", HTTP_ACCEPT_LANGUAGE="en")
    page = listing.content.decode()
    assert "You have no role in the register" in page
    assert "/admin/register/staff/add/?user=" in page
    assert "0 people" in page
    response = admin_client.post("/admin/register/person/add/", _person_form())
    assert "not-register-staff" in response.content.decode()
    assert Person.objects.count() == 1
    assert AccessEvent.objects.get().code == "not-register-staff"


def test_a_caseworker_sees_only_their_teams_people_in_the_admin(
    admin_client: Client, admin_user: Any
) -> None:
    team = TeamFactory()
    Staff.objects.create(user=admin_user, role=StaffRole.CASEWORKER, team=team)
    mine, theirs = PersonFactory(team=team), PersonFactory()
    page = admin_client.get("/admin/register/person/").content.decode()
    assert f"/admin/register/person/{mine.pk}/change/" in page
    assert f"/admin/register/person/{theirs.pk}/change/" not in page
    refused = admin_client.get(f"/admin/register/person/{theirs.pk}/change/")
    assert refused.status_code == 302
    assert AccessEvent.objects.get(allowed=False).code == "other-team"


def test_a_household_is_added_through_its_service(admin_client: Client, supervisor: Staff) -> None:
    form = {"team": supervisor.team_id, "settlement": SettlementFactory().pk, "address": "ул. 1", "size": "3"}
    assert admin_client.post("/admin/register/household/add/", form).status_code == 302
    assert Household.objects.get().address == "ул. 1"
    assert AccessEvent.objects.get(action="create").what == "household"


def test_the_access_log_is_read_only_even_for_a_superuser(admin_client: Client, supervisor: Staff) -> None:
    person = PersonFactory()
    admin_client.get(f"/admin/register/person/{person.pk}/change/")
    event = AccessEvent.objects.get()
    assert admin_client.get("/admin/register/accessevent/add/").status_code == 403
    assert (
        admin_client.post(f"/admin/register/accessevent/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    page = admin_client.get(f"/admin/register/accessevent/{event.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    assert AccessEvent.objects.filter(pk=event.pk).exists()


def test_staff_are_given_a_role_in_the_admin(admin_client: Client, supervisor: Staff) -> None:
    user = get_user_model().objects.create_user("field-worker")
    form = {"user": user.pk, "role": StaffRole.CASEWORKER, "team": supervisor.team_id}
    assert admin_client.post("/admin/register/staff/add/", form).status_code == 302
    assert Staff.objects.get(user=user).role == "caseworker"


def test_a_supervisor_finds_a_person_in_the_macedonian_admin_and_reads_their_timeline(
    transactional_db: None, live_server: Any, tmp_path: Path
) -> None:
    user = get_user_model().objects.create_superuser("back-office", password="synthetic-pass-1")
    Staff.objects.create(user=user, role=StaffRole.SUPERVISOR, team=TeamFactory())
    person = PersonFactory(
        given_name="Жаклина", family_name="Ѓорѓиевска", risk_level="high", target_groups=["roma"]
    )
    FieldVisit.objects.create(
        person=person,
        date="2026-02-03",
        team=person.team,
        settlement=person.settlement,
        findings="Нема струја во куќата",
        risk_types=["poverty"],
        consent_to_record=True,
    )
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    plan = {
        "viewport": {"width": 1024, "height": 768},
        "locale": "mk",
        "steps": [
            {"goto": f"{live_server.url}/admin/login/?next=/admin/register/person/"},
            {"fill": "input[name=username]", "value": "back-office"},
            {"fill": "input[name=password]", "value": "synthetic-pass-1"},
            {"press": "input[name=password]", "key": "Enter"},
            {"waitForText": "Регистарски број"},
            {"fill": "input[name=q]", "value": "zaklina"},
            {"press": "input[name=q]", "key": "Enter"},
            {"waitForText": "Ѓорѓиевска"},
            {"screenshot": str(ARTEFACTS / "register-admin-people-mk.png"), "fullPage": True},
            {"click": f"a[href^='/admin/register/person/{person.pk}/change/']"},
            {"waitForText": "Нема струја во куќата"},
            {"waitForText": "Теренски посети"},
            {"screenshot": str(ARTEFACTS / "register-admin-person-mk.png"), "fullPage": True},
        ],
    }
    report = run_browser_plan(plan, tmp_path=tmp_path)
    assert report["ok"], [step for step in report["steps"] if not step["ok"]]
    assert (report["offsiteRequests"], report["failedRequests"], report["consoleErrors"]) == ([], [], [])
    assert AccessEvent.objects.filter(action="view", person_id=person.pk, allowed=True).count() == 1


def test_the_people_list_filters_by_target_group_and_risk_level(
    admin_client: Client, supervisor: Staff
) -> None:
    roma = PersonFactory(target_groups=["roma", "unemployed"], risk_level="high")
    other = PersonFactory(target_groups=["elderly"], risk_level="low")
    for query in ({"target_group": "roma"}, {"risk_level": "high"}):
        page = admin_client.get("/admin/register/person/", query).content.decode()
        assert f"/admin/register/person/{roma.pk}/change/" in page, query
        assert f"/admin/register/person/{other.pk}/change/" not in page, query
