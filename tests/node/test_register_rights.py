"""The person's own rights: the subject-access export, rectification and erasure."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from contracts.errors import (
    InvalidDateError,
    InvalidRegisterEntryError,
    OtherTeamError,
    RoleNotAllowedError,
)
from node.register import rights, services
from node.register.access import Actor
from node.register.models import (
    TIMELINE_MODELS,
    AccessEvent,
    CounsellingPlan,
    Flag,
    Household,
    Person,
    StaffRole,
)
from tests.node.register_factories import PersonFactory, UserFactory, actor

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = TODAY - dt.timedelta(days=3)


def _file(person: Person, worker: Actor) -> Flag:
    """A file with one entry of every kind, a plan and a decided flag."""
    services.visit_record(
        actor=worker, person=person, date=DAY, risk_types=["poverty"], consent_to_record=True
    )
    services.assessment_record(
        actor=worker,
        person=person,
        date=DAY,
        risk_types=["unemployment"],
        level="high",
        assessor="Е. Рамадани",
        basis="Интервју",
    )
    plan = services.plan_create(actor=worker, person=person, title="Три советувања", started=DAY)
    services.session_record(actor=worker, plan=plan, date=DAY, topic="CV")
    services.referral_record(actor=worker, person=person, date=DAY, destination="employment_agency")
    services.delivery_record(actor=worker, person=person, date=DAY, kind="food_package", quantity=2)
    services.outcome_record(actor=worker, person=person, date=DAY, outcome="employed")
    flag = Flag.objects.create(
        person=person, rule="high_risk", reason="High.", evidence={"risk_level": "high"}
    )
    return services.flag_decide(actor=worker, flag=flag, decision="confirmed", note="Посета договорена")


# --- subject access ---------------------------------------------------------------------------


def test_the_export_holds_the_whole_file_with_labels_in_the_persons_language() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team, language="sq", target_groups=["roma"])
    _file(person, worker)
    export = rights.person_export(actor=worker, person=person)
    assert (export["format"], export["version"], export["language"]) == (
        "socialhub.register.subject-access",
        "1.0",
        "sq",
    )
    assert export["person"]["reference"] == person.reference
    assert export["person"]["sex"] == {"code": "female", "label": "Femër"}
    assert export["person"]["target_groups"][0]["code"] == "roma"
    assert export["person"]["risk_level"] == {"code": "high", "label": "I lartë"}
    kinds = sorted(entry["type"] for entry in export["timeline"])
    assert kinds == sorted(model._meta.model_name for model in TIMELINE_MODELS)
    visit = next(e for e in export["timeline"] if e["type"] == "fieldvisit")
    assert visit["risk_types"] == [{"code": "poverty", "label": "Varfëri"}]
    assert visit["consent_to_record"] is True
    assert export["counselling_plans"][0]["sessions"][0]["number"] == 1
    [flag] = export["flags"]
    assert (flag["rule"]["code"], flag["status"]["code"], flag["decision_note"]) == (
        "high_risk",
        "confirmed",
        "Посета договорена",
    )
    assert flag["decided_by"] == worker.user.username
    actions = [line["action"]["code"] for line in export["access_log"]]
    assert actions.count("create") == 7
    assert actions.count("decide") == 1
    # The export's own line is written after it is made, and is there for the next one.
    assert AccessEvent.objects.filter(person_id=person.pk, action="export").count() == 1


def test_the_export_speaks_the_persons_language_in_the_models_labels_too() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team, language="mk")
    services.visit_record(actor=worker, person=person, date=DAY, consent_to_record=True)
    export = rights.person_export(actor=worker, person=person)
    assert export["person"]["status"] == {"code": "active", "label": "Активен случај"}
    assert export["timeline"][0]["type_label"] == "теренска посета"


def test_the_export_names_the_other_members_of_the_household_only_by_their_number() -> None:
    worker = actor()
    household = services.household_create(actor=worker, settlement=PersonFactory().settlement)
    person = PersonFactory(team=worker.staff.team, household=household, household_role="head")
    PersonFactory(team=worker.staff.team, household=household, given_name="Другa")
    export = rights.person_export(actor=worker, person=person)
    assert export["household"]["other_members"] == 1
    assert "Другa" not in json.dumps(export, ensure_ascii=False)


def test_an_export_of_another_teams_person_is_refused_and_logged() -> None:
    worker = actor()
    person = PersonFactory()
    with pytest.raises(OtherTeamError):
        rights.person_export(actor=worker, person=person)
    line = AccessEvent.objects.get(person_id=person.pk)
    assert (line.action, line.allowed, line.code) == ("export", False, "other-team")


def _client(user: object, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_export_page_is_written_in_the_persons_language() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team, language="sq")
    _file(person, worker)
    page = _client(worker.user).get(f"/register/people/{person.pk}/export/")
    assert page.status_code == 200
    assert page["Content-Language"] == "sq"
    body = page.content.decode()
    assert '<html lang="sq">' in body
    assert "Varfëri" in body
    assert "Femër" in body
    assert "Посета договорена" in body


def test_the_export_downloads_as_json_both_ways() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team)
    client = _client(worker.user)
    for url in (
        f"/register/people/{person.pk}/export.json",
        f"/register/people/{person.pk}/export/?format=json",
    ):
        answer = client.get(url)
        assert answer.status_code == 200
        assert answer["Content-Type"] == "application/json"
        assert answer["Content-Disposition"] == f'attachment; filename="subject-access-{person.pk}.json"'
        assert answer.json()["format"] == "socialhub.register.subject-access"
    assert AccessEvent.objects.filter(person_id=person.pk, action="export", allowed=True).count() == 2


def test_the_export_pages_refuse_another_teams_person_with_403_and_log_it() -> None:
    worker = actor()
    person = PersonFactory()
    client = _client(worker.user)
    page = client.get(f"/register/people/{person.pk}/export/")
    assert page.status_code == 403
    assert "other-team" in page.content.decode()
    answer = client.get(f"/register/people/{person.pk}/export.json")
    assert (answer.status_code, answer.json()["code"]) == (403, "other-team")
    assert AccessEvent.objects.filter(person_id=person.pk, action="export", code="other-team").count() == 2


def test_the_export_page_answers_404_for_nobody_302_for_a_visitor_and_403_for_a_stranger() -> None:
    person = PersonFactory()
    assert (
        _client(actor().user).get("/register/people/00000000-0000-4000-8000-000000000000/export/").status_code
        == 404
    )
    assert Client().get(f"/register/people/{person.pk}/export/").status_code == 302
    stranger = _client(UserFactory()).get(f"/register/people/{person.pk}/export/")
    assert stranger.status_code == 403
    assert "not-register-staff" in stranger.content.decode()


# --- rectification ----------------------------------------------------------------------------


def test_a_supervisor_rectifies_and_the_log_names_the_fields_not_the_values() -> None:
    supervisor = actor(StaffRole.SUPERVISOR)
    person = PersonFactory(phone="070 111 111")
    rights.person_rectify(
        actor=supervisor,
        person=person,
        fields={"family_name": "Петровски", "phone": "070 222 333", "sex": "female"},
        why="The person asked: name misspelt at the field visit.",
    )
    person.refresh_from_db()
    assert (person.family_name, person.phone) == ("Петровски", "070 222 333")
    line = AccessEvent.objects.get(person_id=person.pk)
    assert (line.action, line.what, line.why) == (
        "rectify",
        "rectified: family_name, phone",
        "The person asked: name misspelt at the field visit.",
    )
    assert "Петровски" not in line.what
    assert "222" not in line.what
    assert "petrovski" in person.search_key


def test_a_caseworker_may_not_rectify_and_the_attempt_is_logged() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team)
    with pytest.raises(RoleNotAllowedError):
        rights.person_rectify(actor=worker, person=person, fields={"phone": "1"}, why="asked")
    line = AccessEvent.objects.get(person_id=person.pk)
    assert (line.action, line.allowed, line.code, line.why) == ("rectify", False, "role-not-allowed", "asked")


def test_a_rectification_without_why_or_with_a_bad_value_changes_nothing() -> None:
    supervisor = actor(StaffRole.SUPERVISOR)
    person = PersonFactory()
    with pytest.raises(InvalidRegisterEntryError, match="Say why"):
        rights.person_rectify(actor=supervisor, person=person, fields={"phone": "1"}, why=" ")
    with pytest.raises(InvalidDateError):
        rights.person_rectify(
            actor=supervisor, person=person, fields={"phone": "1", "birth_date": "1990-13-01"}, why="asked"
        )
    with pytest.raises(InvalidRegisterEntryError, match="cannot be rectified: team"):
        rights.person_rectify(actor=supervisor, person=person, fields={"team": "x"}, why="asked")
    person.refresh_from_db()
    assert person.phone == ""
    codes = list(
        AccessEvent.objects.filter(person_id=person.pk).order_by("at", "pk").values_list("code", flat=True)
    )
    assert codes == ["invalid-register-entry", "invalid-date", "invalid-register-entry"]


# --- erasure ----------------------------------------------------------------------------------


def test_erasure_leaves_no_row_of_the_person_but_keeps_the_log() -> None:
    supervisor = actor(StaffRole.SUPERVISOR)
    household = services.household_create(actor=supervisor, settlement=PersonFactory().settlement)
    person = PersonFactory(team=supervisor.staff.team, household=household)
    _file(person, supervisor)
    before = AccessEvent.objects.filter(person_id=person.pk).count()
    removed = rights.person_erase(actor=supervisor, person=person, why="The person asked for erasure.")
    assert removed == {
        "people": 1,
        "field_visits": 1,
        "risk_assessments": 1,
        "counselling_plans": 1,
        "counselling_sessions": 1,
        "referrals": 1,
        "services_delivered": 1,
        "outcomes": 1,
        "flags": 1,
        "households": 1,
    }
    assert not Person.objects.filter(pk=person.pk).exists()
    for model in (*TIMELINE_MODELS, CounsellingPlan, Flag):
        assert not model._default_manager.filter(person_id=person.pk).exists()
    assert not Household.objects.filter(pk=household.pk).exists()
    lines = AccessEvent.objects.filter(person_id=person.pk)
    assert lines.count() == before + 1
    erase = lines.get(action="erase")
    assert erase.why == "The person asked for erasure."
    assert erase.what.startswith("erased: 1 people, 1 field visits")


def test_erasure_keeps_a_household_someone_still_lives_in() -> None:
    supervisor = actor(StaffRole.SUPERVISOR)
    household = services.household_create(actor=supervisor, settlement=PersonFactory().settlement)
    person = PersonFactory(household=household)
    PersonFactory(household=household)
    assert rights.person_erase(actor=supervisor, person=person, why="asked")["households"] == 0
    assert Household.objects.filter(pk=household.pk).exists()


def test_a_caseworker_or_an_auditor_may_not_erase_and_an_erasure_needs_a_why() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team)
    with pytest.raises(RoleNotAllowedError):
        rights.person_erase(actor=worker, person=person, why="asked")
    with pytest.raises(RoleNotAllowedError):
        rights.person_erase(actor=actor(StaffRole.AUDITOR), person=person, why="asked")
    with pytest.raises(InvalidRegisterEntryError, match="Say why"):
        rights.person_erase(actor=actor(StaffRole.SUPERVISOR), person=person, why="")
    assert Person.objects.filter(pk=person.pk).exists()
    codes = list(
        AccessEvent.objects.filter(person_id=person.pk, action="erase").values_list("code", flat=True)
    )
    assert sorted(codes) == ["invalid-register-entry", "role-not-allowed", "role-not-allowed"]


# --- the supervisor's pages -------------------------------------------------------------------


def test_a_supervisor_rectifies_on_the_page_and_lands_on_the_persons_log() -> None:
    supervisor = actor(StaffRole.SUPERVISOR)
    person = PersonFactory(given_name="Ана")
    client = _client(supervisor.user, "mk")
    form = client.get(f"/register/people/{person.pk}/rectify/")
    assert form.status_code == 200
    assert 'value="Ана"' in form.content.decode()
    answer = client.post(
        f"/register/people/{person.pk}/rectify/",
        {
            "reference": person.reference,
            "given_name": "Анa",
            "family_name": person.family_name,
            "sex": "female",
            "birth_date": "1990-05-17",
            "language": "mk",
            "phone": "",
            "why": "Грешка во пишувањето",
        },
    )
    assert answer.status_code == 302
    assert answer["Location"] == f"/register/audit/people/{person.pk}/"
    line = AccessEvent.objects.get(person_id=person.pk, action="rectify")
    assert (line.what, line.why) == ("rectified: given_name", "Грешка во пишувањето")
    assert "Исправката е зачувана." in client.get(answer["Location"]).content.decode()


def test_the_rectify_page_answers_422_without_why_and_403_to_a_caseworker() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team)
    fields = {
        "reference": person.reference,
        "given_name": "X",
        "family_name": person.family_name,
        "sex": "female",
        "birth_date": "1990-05-17",
        "language": "mk",
        "why": "asked",
    }
    refused = _client(worker.user).post(f"/register/people/{person.pk}/rectify/", fields)
    assert refused.status_code == 403
    assert "role-not-allowed" in refused.content.decode()
    supervisor = _client(actor(StaffRole.SUPERVISOR).user)
    assert supervisor.post(f"/register/people/{person.pk}/rectify/", fields | {"why": ""}).status_code == 422
    bad = supervisor.post(f"/register/people/{person.pk}/rectify/", fields | {"birth_date": "2999-01-01"})
    assert bad.status_code == 422
    assert "in the future" in bad.content.decode()
    person.refresh_from_db()
    assert person.given_name == "Ана"


def test_a_supervisor_erases_on_the_page_and_a_caseworker_is_refused_with_403() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team)
    refused = _client(worker.user).post(f"/register/people/{person.pk}/erase/", {"why": "asked"})
    assert refused.status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()
    client = _client(actor(StaffRole.SUPERVISOR).user, "mk")
    assert client.get(f"/register/people/{person.pk}/erase/").status_code == 200
    assert client.post(f"/register/people/{person.pk}/erase/", {"why": ""}).status_code == 422
    done = client.post(f"/register/people/{person.pk}/erase/", {"why": "Барање на лицето"})
    assert done.status_code == 200
    assert "1 лица" in done.content.decode()
    assert not Person.objects.filter(pk=person.pk).exists()
    assert (
        AccessEvent.objects.get(person_id=person.pk, action="erase", allowed=True).why == "Барање на лицето"
    )
    assert client.get(f"/register/people/{person.pk}/erase/").status_code == 404


# --- one app: the rights pages in the register's chrome, linked from the person and the menu ----


def _links(page: str, person: Person) -> dict[str, bool]:
    return {
        "export": f'href="/register/people/{person.pk}/export/"' in page,
        "rectify": f'href="/register/people/{person.pk}/rectify/"' in page,
        "erase": f'href="/register/people/{person.pk}/erase/"' in page,
        "log": f'href="/register/audit/people/{person.pk}/"' in page,
        "menu log": 'href="/register/audit/"' in page,
    }


def test_the_person_page_and_the_menu_offer_each_role_only_the_rights_pages_it_may_use() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team)
    pages = {
        role: _client(who.user).get(f"/register/people/{person.pk}/").content.decode()
        for role, who in (
            ("caseworker", worker),
            ("supervisor", actor(StaffRole.SUPERVISOR)),
            ("auditor", actor(StaffRole.AUDITOR)),
        )
    }
    assert _links(pages["caseworker"], person) == {
        "export": True,
        "rectify": False,
        "erase": False,
        "log": False,
        "menu log": False,
    }
    assert all(_links(pages["supervisor"], person).values())
    assert _links(pages["auditor"], person) == {
        "export": True,
        "rectify": False,
        "erase": False,
        "log": True,
        "menu log": True,
    }


def test_the_rights_pages_share_the_registers_menu_and_language_switcher_and_no_lang_links() -> None:
    supervisor = actor(StaffRole.SUPERVISOR)
    person = PersonFactory()
    client = _client(supervisor.user, "bg")
    for url in (
        "/register/audit/",
        f"/register/audit/people/{person.pk}/",
        f"/register/audit/staff/{supervisor.user.pk}/",
        f"/register/people/{person.pk}/rectify/",
        f"/register/people/{person.pk}/erase/",
    ):
        page = client.get(url)
        body = page.content.decode()
        assert (page.status_code, page["Content-Language"]) == (200, "bg"), url
        assert '<html lang="bg">' in body
        assert 'class="skip" href="#main"' in body
        assert 'action="/register/language/"' in body
        assert "Дневник на достъпа" in body  # the menu's "Access log", in Bulgarian
        assert "?lang=" not in body
        assert "register/rights.css" not in body


def test_the_export_page_has_the_registers_chrome_but_no_language_switcher() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team, language="sq")
    body = _client(worker.user, "mk").get(f"/register/people/{person.pk}/export/").content.decode()
    assert '<html lang="sq">' in body
    assert 'class="skip" href="#main"' in body
    assert 'action="/register/language/"' not in body  # the page is in the person's language
    assert f'href="/register/people/{person.pk}/"' in body


def test_a_line_of_the_log_links_to_the_persons_page_only_while_they_are_in_the_register() -> None:
    supervisor = actor(StaffRole.SUPERVISOR)
    person = PersonFactory()
    client = _client(supervisor.user)
    client.get(f"/register/people/{person.pk}/")
    index = client.get("/register/audit/").content.decode()
    assert f'href="/register/people/{person.pk}/"' in index
    assert f'href="/register/audit/staff/{supervisor.user.pk}/"' in index
    before = client.get(f"/register/audit/people/{person.pk}/").content.decode()
    assert f'href="/register/people/{person.pk}/"' in before
    rights.person_erase(actor=supervisor, person=person, why="The person asked for erasure.")
    index = client.get("/register/audit/").content.decode()
    assert f'href="/register/audit/people/{person.pk}/"' in index
    assert f'href="/register/people/{person.pk}/"' not in index
    after = client.get(f"/register/audit/people/{person.pk}/").content.decode()
    assert f'href="/register/people/{person.pk}/"' not in after
    assert "no longer in the register" in after


def test_an_auditors_worklist_is_the_latest_of_the_access_log_and_a_search() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team)
    with pytest.raises(OtherTeamError):
        rights.person_export(actor=actor(), person=person)
    auditor = actor(StaffRole.AUDITOR, team=None)
    page = _client(auditor.user).get("/register/")
    body = page.content.decode()
    assert page.status_code == 200
    assert 'action="/register/people/"' in body
    assert "other-team" in body
    assert f'href="/register/audit/people/{person.pk}/"' in body
    assert "Register a new person" not in body
    reads = AccessEvent.objects.filter(username=auditor.user.username, action="audit", allowed=True)
    assert reads.count() == 1  # reading the log on the start page is logged too


def test_the_rectify_and_erase_forms_are_refused_to_a_caseworker_and_an_auditor_and_logged() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team)
    for who in (worker, actor(StaffRole.AUDITOR)):
        for kind in ("rectify", "erase"):
            page = _client(who.user).get(f"/register/people/{person.pk}/{kind}/")
            assert page.status_code == 403
            assert "role-not-allowed" in page.content.decode()
            assert 'name="why"' not in page.content.decode()
    refused = AccessEvent.objects.filter(person_id=person.pk, allowed=False)
    assert sorted(refused.values_list("action", "code")) == [
        ("erase", "role-not-allowed"),
        ("erase", "role-not-allowed"),
        ("rectify", "role-not-allowed"),
        ("rectify", "role-not-allowed"),
    ]
