"""The caseworkers' pages of the register: each page and form, its exact status, what the
service it calls stored, what a refusal shows (its code, the input kept, nothing stored), and
that the pages speak the interface's language (labels, never codes; dates, never ISO strings)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from uuid import uuid4

import pytest
from django.test import Client
from django.utils import timezone

from node.register.models import (
    AccessEvent,
    CounsellingPlan,
    CounsellingSession,
    FieldVisit,
    Flag,
    Household,
    Outcome,
    Person,
    Referral,
    RiskAssessment,
    ServiceDelivery,
    SessionStatus,
    StaffRole,
)
from tests.node.register_factories import PersonFactory, SettlementFactory, StaffFactory, UserFactory
from tests.node.register_pages import fitting_service

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _client(staff: Any, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(staff.user)
    return client


@pytest.fixture
def caseworker() -> Any:
    return StaffFactory(role=StaffRole.CASEWORKER)


@pytest.fixture
def person(caseworker: Any) -> Person:
    return PersonFactory(
        team=caseworker.team,
        caseworker=caseworker.user,
        given_name="Жаклина",
        family_name="Ристовска",
        risk_types=["unemployment", "poverty"],
        risk_level="high",
        target_groups=["roma"],
        birth_date=dt.date(1990, 5, 17),
    )


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- who may come in ---------------------------------------------------------------------


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in() -> None:
    response = Client().get("/register/")
    assert (response.status_code, response["Location"]) == (302, "/register/login/?next=/register/")


def test_a_user_without_a_register_role_is_told_so_in_their_language() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="mk")
    client.force_login(UserFactory())
    response = client.get("/register/people/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Немате улога во регистарот" in page
    assert "not-register-staff" in page
    assert "Traceback" not in page


def test_a_person_of_another_team_is_refused_and_the_attempt_is_logged(person: Person) -> None:
    stranger = StaffFactory(role=StaffRole.CASEWORKER)
    response = _client(stranger).get(f"/register/people/{person.pk}/")
    assert response.status_code == 403
    assert "other-team" in response.content.decode()
    event = AccessEvent.objects.get(person_id=person.pk)
    assert (event.allowed, event.code, event.username) == (False, "other-team", stranger.user.username)


def test_a_visit_for_another_teams_person_is_refused_and_nothing_is_stored(person: Person) -> None:
    stranger = StaffFactory(role=StaffRole.CASEWORKER)
    response = _client(stranger).post(
        f"/register/people/{person.pk}/visit/", {"date": TODAY.isoformat(), "consent_to_record": "on"}
    )
    assert response.status_code == 403
    assert FieldVisit.objects.count() == 0


def test_an_auditor_reads_a_person_but_may_not_record_a_visit(person: Person) -> None:
    auditor = StaffFactory(role=StaffRole.AUDITOR, team=None)
    client = _client(auditor)
    assert client.get(f"/register/people/{person.pk}/").status_code == 200
    response = client.post(f"/register/people/{person.pk}/visit/", {"date": TODAY.isoformat()})
    assert (response.status_code, "role-not-allowed" in response.content.decode()) == (403, True)
    assert FieldVisit.objects.count() == 0


# --- the front page -----------------------------------------------------------------------


def test_the_front_page_sends_register_staff_to_their_worklist(caseworker: Any) -> None:
    response = _client(caseworker).get("/")
    assert (response.status_code, response["Location"]) == (302, "/register/")


def test_the_front_page_speaks_the_visitors_language_and_shows_no_codes() -> None:
    fitting_service()
    page = Client(HTTP_ACCEPT_LANGUAGE="mk").get("/").content.decode()
    assert '<html lang="mk">' in page
    assert "Најава" in page
    assert "Обука за вработување" in page
    assert "roma" not in page
    assert "social_assistance_recipient" not in page


# --- worklist and search ------------------------------------------------------------------


def test_the_worklist_shows_my_people_the_open_flags_with_their_reason_and_overdue_sessions(
    caseworker: Any, person: Person
) -> None:
    Flag.objects.create(
        person=person, rule="high_risk", reason="The latest risk assessment rates the risk high."
    )
    plan = CounsellingPlan.objects.create(
        person=person, title="Три средби", started=TODAY - dt.timedelta(days=30)
    )
    CounsellingSession.objects.create(
        plan=plan, person=person, number=2, status=SessionStatus.SCHEDULED, date=TODAY - dt.timedelta(days=3)
    )
    response = _client(caseworker, "mk").get("/register/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Жаклина Ристовска" in page
    assert "The latest risk assessment rates the risk high." in page
    assert "Висок ризик" in page  # the rule's name
    assert "средба 2 од 3" in page
    assert "Задоцнето" in page  # overdue


def test_a_latin_spelling_finds_a_cyrillic_name_with_its_number_age_settlement_and_risk(
    caseworker: Any, person: Person
) -> None:
    response = _client(caseworker, "mk").get("/register/people/", {"q": "Zaklina"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Жаклина Ристовска" in page
    assert person.reference in page
    assert "Визбегово" in page
    assert "Ризик: Висок" in page
    age = TODAY.year - 1990 - ((TODAY.month, TODAY.day) < (5, 17))
    assert f"{age} години" in page


def test_a_search_finds_no_one_of_another_team(person: Person) -> None:
    stranger = StaffFactory(role=StaffRole.CASEWORKER)
    page = _client(stranger).get("/register/people/", {"q": "Zaklina"}).content.decode()
    assert "Ристовска" not in page


# --- a new person -------------------------------------------------------------------------


def _new_person(**fields: str) -> dict[str, Any]:
    return {
        "reference": "BUT-2026-09999",
        "given_name": "Марија",
        "family_name": "Јованоска",
        "sex": "female",
        "birth_date": "1988-03-02",
        "language": "mk",
        "settlement": SettlementFactory().code,
        "target_groups": ["roma"],
    } | fields


def test_a_caseworker_registers_a_person_and_is_sent_to_their_page(caseworker: Any) -> None:
    response = _client(caseworker).post("/register/people/new/", _new_person(), follow=True)
    person = Person.objects.get(reference="BUT-2026-09999")
    assert response.redirect_chain == [(f"/register/people/{person.pk}/", 302)]
    assert (person.caseworker, person.team) == (caseworker.user, caseworker.team)
    assert _messages(response) == ["Марија Јованоска is registered."]


def test_a_duplicate_person_is_refused_with_its_code_and_the_input_is_kept(
    caseworker: Any, person: Person
) -> None:
    response = _client(caseworker).post(
        "/register/people/new/",
        _new_person(given_name="Zaklina", family_name="Ristovska", birth_date="1990-05-17"),
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "duplicate-person" in page
    assert 'value="Zaklina"' in page
    assert Person.objects.count() == 1


# --- the person's page --------------------------------------------------------------------


def test_the_person_page_shows_labels_and_dates_in_macedonian_and_logs_the_view(
    caseworker: Any, person: Person
) -> None:
    FieldVisit.objects.create(
        person=person,
        date=dt.date(2026, 3, 4),
        team=person.team,
        settlement=person.settlement,
        risk_types=["poverty"],
        consent_to_record=True,
    )
    Flag.objects.create(
        person=person,
        rule="no_contact_90_days",
        reason="No contact recorded.",
        status="dismissed",
        decision_note="Се преселила кај ќерката.",
        decided_by=caseworker.user,
        decided_at=timezone.now(),
    )
    response = _client(caseworker, "mk").get(f"/register/people/{person.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ризик: Висок" in page
    assert "Невработеност" in page
    assert "17 Мај 1990" in page
    assert "04 Март 2026" in page
    assert "2026-03-04" not in page.replace('datetime="2026-03-04"', "")
    assert "Се преселила кај ќерката." in page  # a decided flag is still shown, with its decision
    assert ">unemployment<" not in page
    assert "high_risk" not in page
    event = AccessEvent.objects.get(person_id=person.pk)
    assert (event.action, event.allowed) == ("view", True)


def test_the_person_page_shows_the_household_and_its_members(caseworker: Any, person: Person) -> None:
    from node.register.models import Household

    home = Household.objects.create(
        team=person.team, settlement=person.settlement, address="ул. 1 бр. 2", size=3
    )
    person.household, person.household_role = home, "head"
    person.save()
    PersonFactory(
        team=person.team, household=home, household_role="child", given_name="Марко", family_name="Ристовски"
    )
    page = _client(caseworker, "mk").get(f"/register/people/{person.pk}/").content.decode()
    assert "ул. 1 бр. 2" in page
    assert "Марко Ристовски" in page


def test_a_suggested_service_is_shown_with_its_reasons_and_becomes_a_referral_in_one_step(
    caseworker: Any, person: Person
) -> None:
    service = fitting_service()
    client = _client(caseworker, "mk")
    page = client.get(f"/register/people/{person.pk}/").content.decode()
    assert "Обука за вработување" in page
    assert str(service.service_id) in page
    response = client.post(
        f"/register/people/{person.pk}/referral/",
        {
            "date": TODAY.isoformat(),
            "destination": "catalogue_service",
            "service_id": str(service.service_id),
        },
        follow=True,
    )
    referral = Referral.objects.get()
    assert (referral.destination, referral.service_id, referral.status) == (
        "catalogue_service",
        service.service_id,
        "sent",
    )
    [message] = _messages(response)
    assert "Обука за вработување" in message
    assert not UUID.search(message)
    page = response.content.decode()
    assert 'class="refer"' not in page  # an open referral's service is not offered again


# --- each entry's form --------------------------------------------------------------------


def test_each_form_renders_with_date_inputs_and_labels(caseworker: Any, person: Person) -> None:
    CounsellingPlan.objects.create(person=person, title="План", started=TODAY)
    client = _client(caseworker, "mk")
    for kind in ("visit", "assessment", "plan", "session", "referral", "delivery", "outcome"):
        response = client.get(f"/register/people/{person.pk}/{kind}/")
        assert response.status_code == 200, kind
        assert 'type="date"' in response.content.decode(), kind


def test_an_unknown_kind_of_entry_is_not_found(caseworker: Any, person: Person) -> None:
    assert _client(caseworker).get(f"/register/people/{person.pk}/party/").status_code == 404


def test_a_field_visit_is_recorded_and_announced_by_its_date_not_its_id(
    caseworker: Any, person: Person
) -> None:
    response = _client(caseworker, "mk").post(
        f"/register/people/{person.pk}/visit/",
        {
            "date": "2026-03-04",
            "findings": "Живее сама.",
            "risk_types": ["poverty"],
            "consent_to_record": "on",
        },
        follow=True,
    )
    visit = FieldVisit.objects.get()
    assert (visit.findings, visit.risk_types, visit.consent_to_record) == ("Живее сама.", ["poverty"], True)
    assert response.redirect_chain == [(f"/register/people/{person.pk}/", 302)]
    assert _messages(response) == ["Теренската посета од 04 Март 2026 е зачувана."]


def test_a_future_visit_is_refused_with_its_code_the_input_kept_nothing_stored_and_the_attempt_logged(
    caseworker: Any, person: Person
) -> None:
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    response = _client(caseworker, "mk").post(
        f"/register/people/{person.pk}/visit/", {"date": tomorrow, "findings": "Не е дома."}
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "future-date" in page
    assert "Датумот е во иднината" in page
    assert "Не е дома." in page
    assert f'value="{tomorrow}"' in page
    assert FieldVisit.objects.count() == 0
    event = AccessEvent.objects.get(person_id=person.pk, allowed=False)
    assert (event.code, event.what) == ("future-date", "field visit")


def test_a_visit_without_a_date_is_refused_as_an_invalid_date(caseworker: Any, person: Person) -> None:
    response = _client(caseworker).post(f"/register/people/{person.pk}/visit/", {"date": ""})
    assert (response.status_code, "invalid-date" in response.content.decode()) == (422, True)
    assert FieldVisit.objects.count() == 0


def test_a_risk_assessment_becomes_the_persons_current_risk(caseworker: Any, person: Person) -> None:
    response = _client(caseworker).post(
        f"/register/people/{person.pk}/assessment/",
        {
            "date": TODAY.isoformat(),
            "risk_types": ["disability"],
            "level": "medium",
            "assessor": "Б. Стојанова",
            "basis": "Разговор и документи.",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.risk_types, person.risk_level) == (["disability"], "medium")


def test_an_assessment_without_an_assessor_is_refused_and_nothing_is_stored(
    caseworker: Any, person: Person
) -> None:
    response = _client(caseworker).post(
        f"/register/people/{person.pk}/assessment/",
        {
            "date": TODAY.isoformat(),
            "risk_types": ["disability"],
            "level": "medium",
            "assessor": "",
            "basis": "x",
        },
    )
    page = response.content.decode()
    assert (response.status_code, "missing-assessor" in page) == (422, True)
    assert 'id="field-assessor"' in page
    assert "field-error" in page
    assert RiskAssessment.objects.count() == 0


def test_a_plan_and_its_sessions_are_numbered_session_2_of_3(caseworker: Any, person: Person) -> None:
    client = _client(caseworker, "mk")
    assert (
        client.post(
            f"/register/people/{person.pk}/plan/",
            {"title": "Три средби", "started": TODAY.isoformat(), "sessions_planned": 3},
        ).status_code
        == 302
    )
    plan = CounsellingPlan.objects.get()
    client.post(
        f"/register/people/{person.pk}/session/",
        {"plan": str(plan.pk), "status": "held", "date": TODAY.isoformat()},
    )
    form = client.get(f"/register/people/{person.pk}/session/").content.decode()
    assert "ова ќе биде средба 2 од 3" in form
    response = client.post(
        f"/register/people/{person.pk}/session/",
        {"plan": str(plan.pk), "status": "held", "date": TODAY.isoformat(), "topic": "Вработување"},
        follow=True,
    )
    assert _messages(response) == ["Советодавната средба 2 од 3 е зачувана."]
    assert list(plan.sessions.values_list("number", flat=True).order_by("number")) == [1, 2]
    assert "средба 2 од 3" in response.content.decode()


def test_a_referral_to_a_catalogue_service_without_the_service_is_refused(
    caseworker: Any, person: Person
) -> None:
    response = _client(caseworker).post(
        f"/register/people/{person.pk}/referral/",
        {"date": TODAY.isoformat(), "destination": "catalogue_service"},
    )
    assert (response.status_code, "unknown-service" in response.content.decode()) == (422, True)
    assert Referral.objects.count() == 0


def test_a_referrals_status_is_changed_with_what_came_of_it(caseworker: Any, person: Person) -> None:
    referral = Referral.objects.create(person=person, date=TODAY, destination="employment_agency")
    client = _client(caseworker, "mk")
    assert client.get(f"/register/referrals/{referral.pk}/status/").status_code == 200
    response = client.post(
        f"/register/referrals/{referral.pk}/status/",
        {"status": "accepted", "outcome": "Пријавена."},
        follow=True,
    )
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("accepted", "Пријавена.")
    [message] = _messages(response)
    assert "Прифатено" in message


def test_a_service_delivered_and_an_outcome_are_recorded(caseworker: Any, person: Person) -> None:
    service = fitting_service()
    client = _client(caseworker)
    assert (
        client.post(
            f"/register/people/{person.pk}/delivery/",
            {
                "date": TODAY.isoformat(),
                "kind": "training",
                "quantity": 2,
                "service_id": str(service.service_id),
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"/register/people/{person.pk}/outcome/", {"date": TODAY.isoformat(), "outcome": "employed"}
        ).status_code
        == 302
    )
    delivery = ServiceDelivery.objects.get()
    assert (delivery.kind, delivery.quantity, delivery.service_id) == ("training", 2, service.service_id)
    assert Outcome.objects.get().outcome == "employed"


# --- flags --------------------------------------------------------------------------------


def test_a_flag_is_confirmed_with_a_note(caseworker: Any, person: Person) -> None:
    flag = Flag.objects.create(person=person, rule="high_risk", reason="High.")
    response = _client(caseworker, "mk").post(
        f"/register/flags/{flag.pk}/decide/",
        {"decision": "confirmed", "note": "Потврдено на терен."},
        follow=True,
    )
    flag.refresh_from_db()
    assert (flag.status, flag.decision_note, flag.decided_by) == (
        "confirmed",
        "Потврдено на терен.",
        caseworker.user,
    )
    assert response.redirect_chain == [(f"/register/people/{person.pk}/", 302)]


def test_a_flag_decision_without_a_note_is_refused_and_the_flag_stays_open(
    caseworker: Any, person: Person
) -> None:
    flag = Flag.objects.create(person=person, rule="high_risk", reason="High.")
    response = _client(caseworker).post(
        f"/register/flags/{flag.pk}/decide/", {"decision": "dismissed", "note": " "}
    )
    assert (response.status_code, "invalid-register-entry" in response.content.decode()) == (422, True)
    flag.refresh_from_db()
    assert flag.status == "open"


def test_a_flag_decided_twice_is_refused_as_decided(caseworker: Any, person: Person) -> None:
    flag = Flag.objects.create(person=person, rule="high_risk", reason="High.")
    client = _client(caseworker)
    client.post(f"/register/flags/{flag.pk}/decide/", {"decision": "dismissed", "note": "Не."})
    response = client.post(f"/register/flags/{flag.pk}/decide/", {"decision": "confirmed", "note": "Да."})
    assert (response.status_code, "flag-decided" in response.content.decode()) == (409, True)


def test_a_rules_reason_is_told_in_the_pages_language_from_the_data_it_used(
    caseworker: Any, person: Person
) -> None:
    Flag.objects.create(
        person=person,
        rule="high_risk",
        reason="The latest risk assessment rates the risk high.",
        evidence={
            "assessment": str(uuid4()),
            "date": "2026-11-20",
            "level": "high",
            "risk_types": ["poverty"],
            "assessor": "Ана Стојанова",
        },
    )
    page = _client(caseworker, "mk").get("/register/").content.decode()
    assert (
        "Последната проценка на ризик, направена на 20 Ноември 2026 од Ана Стојанова,"
        " го оценува ризикот како висок (Сиромаштија)."
    ) in page
    assert "The latest risk assessment rates the risk high." not in page


def test_a_latin_interface_shows_the_settlement_and_the_labels_in_latin_script(
    caseworker: Any, person: Person
) -> None:
    page = _client(caseworker, "sr-latn").get(f"/register/people/{person.pk}/").content.decode()
    assert '<html lang="sr-latn">' in page
    assert "Vizbegovo" in page
    assert "Визбегово" not in page
    assert "Rizik: Visok" in page


def test_the_new_person_form_offers_the_settlements_and_the_vocabulary_by_name(caseworker: Any) -> None:
    SettlementFactory()
    response = _client(caseworker, "sr-latn").get("/register/people/new/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<option value="vizbegovo">Vizbegovo</option>' in page
    assert "Ženski" in page
    assert 'type="date"' in page


def test_a_malformed_form_for_another_teams_person_shows_nothing_of_theirs(person: Person) -> None:
    stranger = StaffFactory(role=StaffRole.CASEWORKER)
    response = _client(stranger).post(f"/register/people/{person.pk}/assessment/", {"level": "enormous"})
    assert response.status_code == 403
    assert "Ристовска" not in response.content.decode()


def test_a_choice_outside_the_vocabulary_is_answered_400_with_the_field_marked(
    caseworker: Any, person: Person
) -> None:
    response = _client(caseworker).post(
        f"/register/people/{person.pk}/assessment/",
        {"date": TODAY.isoformat(), "level": "enormous", "assessor": "Б. С.", "basis": "x"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Please correct the marked fields." in page
    assert 'value="Б. С."' in page
    assert RiskAssessment.objects.count() == 0


@pytest.mark.parametrize("language", ["mk", "bg", "sr", "sr-latn", "sq"])
def test_every_page_speaks_each_language_of_the_federation(
    caseworker: Any, person: Person, language: str
) -> None:
    Flag.objects.create(person=person, rule="high_risk", reason="High.", evidence={"risk_level": "high"})
    CounsellingPlan.objects.create(person=person, title="План", started=TODAY)
    fitting_service()
    client = _client(caseworker, language)
    pages = {
        "/register/": ("Worklist", "My people", "Sessions due"),
        "/register/people/?q=Zaklina": ("People", "person found", "Register a new person"),
        f"/register/people/{person.pk}/": (
            "Timeline",
            "Suggested services",
            "Details",
            'class="refer">Refer<',
        ),
        f"/register/people/{person.pk}/session/": ("Record a counselling session", "Topic"),
        f"/register/people/{person.pk}/household/": ("Change the household", "no longer in any household"),
    }
    for url, english in pages.items():
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in page
        assert [text for text in english if text in page] == [], url


def _new_person_form(settlement: str, **fields: str) -> dict[str, str]:
    return {
        "reference": "BUT-2026-09001",
        "given_name": "Ивана",
        "family_name": "Ристовска",
        "sex": "female",
        "birth_date": "2012-04-02",
        "language": "mk",
        "settlement": settlement,
        "household_role": "child",
    } | fields


def test_a_new_person_joins_the_household_of_a_member_named_by_register_number(
    caseworker: Any, person: Person
) -> None:
    response = _client(caseworker, "mk").post(
        "/register/people/new/", _new_person_form(person.settlement.code, household_of=person.reference)
    )
    assert response.status_code == 302
    child = Person.objects.get(reference="BUT-2026-09001")
    person.refresh_from_db()
    assert person.household is not None
    assert (child.household, child.household_role) == (person.household, "child")
    page = _client(caseworker, "mk").get(f"/register/people/{person.pk}/").content.decode()
    assert "Ивана Ристовска" in page  # listed among the household's members


def test_a_new_person_gets_a_new_household_at_the_address_given(caseworker: Any) -> None:
    settlement = SettlementFactory()
    response = _client(caseworker, "mk").post(
        "/register/people/new/", _new_person_form(settlement.code, household_address="Бутел 1, бр. 12")
    )
    assert response.status_code == 302
    child = Person.objects.get(reference="BUT-2026-09001")
    assert child.household is not None
    assert (child.household.address, child.household.settlement) == ("Бутел 1, бр. 12", settlement)


def test_a_household_member_outside_the_caseload_is_refused_and_nothing_is_stored(caseworker: Any) -> None:
    stranger = PersonFactory()  # another team's
    response = _client(caseworker, "mk").post(
        "/register/people/new/", _new_person_form(stranger.settlement.code, household_of=stranger.reference)
    )
    assert response.status_code == 422
    assert "invalid-register-entry" in response.content.decode()
    assert not Person.objects.filter(reference="BUT-2026-09001").exists()
    assert Household.objects.count() == 0
    refused = AccessEvent.objects.get(allowed=False)
    assert (refused.action, refused.code) == ("create", "invalid-register-entry")


def test_a_refused_person_leaves_no_new_household_behind(caseworker: Any, person: Person) -> None:
    response = _client(caseworker, "mk").post(
        "/register/people/new/",
        _new_person_form(person.settlement.code, reference=person.reference, household_address="Нова 5"),
    )
    assert response.status_code == 409
    assert Household.objects.count() == 0
    refused = AccessEvent.objects.filter(allowed=False)
    assert list(refused.values_list("code", flat=True)) == ["duplicate-person"]


# --- the household, changed after registration ----------------------------------------------


def test_a_person_moves_into_the_household_of_a_member_and_the_empty_one_is_removed(
    caseworker: Any, person: Person
) -> None:
    alone = Household.objects.create(team=person.team, settlement=person.settlement, address="Стара 3")
    mover = PersonFactory(team=person.team, household=alone, household_role="head", given_name="Ана")
    response = _client(caseworker, "mk").post(
        f"/register/people/{mover.pk}/household/",
        {"household_of": person.reference.lower(), "household_role": "partner"},
        follow=True,
    )
    assert response.redirect_chain == [(f"/register/people/{mover.pk}/", 302)]
    mover.refresh_from_db()
    person.refresh_from_db()
    assert person.household is not None
    assert (mover.household, mover.household_role) == (person.household, "partner")
    assert not Household.objects.filter(pk=alone.pk).exists()  # its address was only theirs
    assert _messages(response) == [f"Домаќинството на {mover} е зачувано: {person.household}."]
    event = AccessEvent.objects.get(person_id=mover.pk, action="update")
    assert (event.what, event.allowed) == ("household: moved", True)


def test_a_person_leaves_their_household_and_its_other_members_keep_it(
    caseworker: Any, person: Person
) -> None:
    home = Household.objects.create(team=person.team, settlement=person.settlement, address="ул. 1 бр. 2")
    person.household, person.household_role = home, "head"
    person.save()
    child = PersonFactory(team=person.team, household=home, household_role="child")
    response = _client(caseworker).post(f"/register/people/{person.pk}/household/", {"leave": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.household, person.household_role) == (None, "")
    child.refresh_from_db()
    assert child.household == home


def test_a_new_household_at_an_address_and_a_role_alone_are_changes_of_their_own(
    caseworker: Any, person: Person
) -> None:
    client = _client(caseworker)
    assert (
        client.post(f"/register/people/{person.pk}/household/", {"household_address": "Нова 5"}).status_code
        == 302
    )
    person.refresh_from_db()
    assert person.household is not None
    assert (person.household.address, person.household.settlement) == ("Нова 5", person.settlement)
    home = person.household
    assert (
        client.post(f"/register/people/{person.pk}/household/", {"household_role": "parent"}).status_code
        == 302
    )
    person.refresh_from_db()
    assert (person.household, person.household_role) == (home, "parent")
    changes = AccessEvent.objects.filter(person_id=person.pk, action="update").order_by("at")
    assert list(changes.values_list("what", flat=True)) == ["household: moved", "household: role"]


def test_a_household_of_someone_outside_the_caseload_is_refused_nothing_changes_and_it_is_logged(
    caseworker: Any, person: Person
) -> None:
    stranger = PersonFactory()  # another team's
    response = _client(caseworker).post(
        f"/register/people/{person.pk}/household/", {"household_of": stranger.reference}
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "invalid-register-entry" in page
    assert 'aria-invalid="true"' in page
    person.refresh_from_db()
    assert person.household is None
    assert Household.objects.count() == 0
    refused = AccessEvent.objects.get(allowed=False)
    assert (refused.action, refused.person_id, refused.code) == (
        "update",
        person.pk,
        "invalid-register-entry",
    )


def test_an_auditor_may_not_change_a_household(person: Person) -> None:
    auditor = StaffFactory(role=StaffRole.AUDITOR, team=None)
    response = _client(auditor).post(
        f"/register/people/{person.pk}/household/", {"household_address": "Нова 5"}
    )
    assert response.status_code == 403
    assert "role-not-allowed" in response.content.decode()
    assert Household.objects.count() == 0


def test_the_household_form_offers_the_three_ways_and_keeps_the_current_role(
    caseworker: Any, person: Person
) -> None:
    person.household_role = "head"
    person.save()
    page = _client(caseworker, "mk").get(f"/register/people/{person.pk}/household/").content.decode()
    assert 'name="household_of"' in page
    assert 'name="household_address"' in page
    assert 'name="leave"' in page
    assert '<option value="head" selected>' in page
    person_page = _client(caseworker, "mk").get(f"/register/people/{person.pk}/").content.decode()
    assert f"/register/people/{person.pk}/household/" in person_page
