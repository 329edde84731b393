"""The register's API: each endpoint's statuses and codes, nothing stored on a refusal, and the
access log written for every read and change, refused attempts included."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from node.register.access import Actor
from node.register.models import (
    AccessEvent,
    CounsellingPlan,
    CounsellingSession,
    FieldVisit,
    Flag,
    Outcome,
    Person,
    Referral,
    RiskAssessment,
    ServiceDelivery,
    StaffRole,
)
from tests.node.register_factories import PersonFactory, SettlementFactory, UserFactory, actor

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = str(TODAY - dt.timedelta(days=1))
PEOPLE = "/api/v1/register/people"


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.default_format = "json"  # the node's APIs read JSON only
    client.force_authenticate(user)
    return client


def _refused(response: Any, status: int, code: str) -> None:
    assert (response.status_code, response.json()["code"]) == (status, code), response.json()
    assert set(response.json()) == {"code", "message", "detail"}


@pytest.fixture
def worker() -> Actor:
    return actor()


@pytest.fixture
def person(worker: Actor) -> Person:
    person: Person = PersonFactory(team=worker.staff.team, given_name="Жаклина", family_name="Ѓорѓиевска")
    return person


def _new_person(**fields: Any) -> dict[str, Any]:
    return {
        "reference": "BUT-2026-90001",
        "given_name": "Марија",
        "family_name": "Јованоска",
        "sex": "female",
        "birth_date": "1988-03-02",
        "settlement": SettlementFactory().code,
        "target_groups": ["roma"],
    } | fields


# --- people --------------------------------------------------------------------------------------


def test_a_caseworker_registers_a_person_and_gets_it_back_with_201(worker: Actor) -> None:
    response = _client(worker.user).post(PEOPLE, _new_person(), format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["reference"], body["team"], body["settlement"]) == (
        "BUT-2026-90001",
        worker.staff.team.code,
        "vizbegovo",
    )
    event = AccessEvent.objects.get(person_id=body["id"])
    assert (event.action, event.allowed, event.username) == ("create", True, worker.user.username)


@pytest.mark.parametrize(
    ("fields", "status", "code"),
    [
        ({"birth_date": "1988-02-30"}, 422, "invalid-date"),
        ({"birth_date": str(TODAY + dt.timedelta(days=3))}, 422, "future-date"),
        ({"settlement": "atlantis"}, 422, "unknown-settlement"),
        ({"target_groups": ["pirates"]}, 422, "unknown-code"),
        ({"sex": "robot"}, 422, "unknown-code"),
        ({"given_name": ""}, 422, "invalid-register-entry"),
        ({"household": "not-a-uuid"}, 400, "invalid-input"),
        ({"team": "no-such-team"}, 400, "invalid-input"),
    ],
)
def test_a_person_with_bad_details_is_refused_with_its_code_and_nothing_is_stored(
    worker: Actor, fields: dict[str, Any], status: int, code: str
) -> None:
    response = _client(worker.user).post(PEOPLE, _new_person(**fields), format="json")
    _refused(response, status, code)
    assert Person.objects.count() == 0


def test_a_person_without_a_birth_date_is_refused_as_an_invalid_date(worker: Actor) -> None:
    fields = _new_person()
    del fields["birth_date"]
    _refused(_client(worker.user).post(PEOPLE, fields, format="json"), 422, "invalid-date")


def test_a_duplicate_person_is_refused_with_409_and_the_attempt_is_logged(worker: Actor) -> None:
    client = _client(worker.user)
    assert client.post(PEOPLE, _new_person(), format="json").status_code == 201
    response = client.post(
        PEOPLE, _new_person(given_name="Marija", family_name="Jovanoska", reference="X-2"), format="json"
    )
    _refused(response, 409, "duplicate-person")
    assert Person.objects.count() == 1
    assert (
        AccessEvent.objects.filter(allowed=False).values_list("code", flat=True).get() == "duplicate-person"
    )


def test_an_auditor_may_not_register_anyone_and_the_attempt_is_logged() -> None:
    auditor = actor(StaffRole.AUDITOR)
    _refused(_client(auditor.user).post(PEOPLE, _new_person(), format="json"), 403, "role-not-allowed")
    assert Person.objects.count() == 0
    refused = AccessEvent.objects.get()
    assert (refused.allowed, refused.code, refused.username) == (
        False,
        "role-not-allowed",
        auditor.user.username,
    )


def test_a_user_without_a_role_in_the_register_is_refused_and_logged() -> None:
    user = UserFactory()
    client = _client(user)
    _refused(client.post(PEOPLE, _new_person(), format="json"), 403, "not-register-staff")
    _refused(client.get(PEOPLE), 403, "not-register-staff")
    _refused(client.get("/api/v1/register/worklist"), 403, "not-register-staff")
    _refused(client.get("/api/v1/register/flags"), 403, "not-register-staff")
    assert list(AccessEvent.objects.values_list("username", "code")) == [
        (user.username, "not-register-staff"),
        (user.username, "not-register-staff"),
    ]


@pytest.mark.parametrize("path", [PEOPLE, "/api/v1/register/worklist", "/api/v1/register/flags"])
def test_an_anonymous_visitor_reads_nothing_of_the_register(path: str) -> None:
    _refused(APIClient().get(path), 401, "not-authenticated")


def test_search_finds_a_cyrillic_name_from_its_latin_spelling_in_the_caseload_only(
    worker: Actor, person: Person
) -> None:
    PersonFactory(given_name="Zhaklina", family_name="Gjorgjievska")  # another team's
    response = _client(worker.user).get(PEOPLE, {"q": "zaklina gjorgjievska"})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(person.pk)]
    search = AccessEvent.objects.get(action="search")
    assert (search.what, search.allowed) == ("people search: 1 found", True)


def test_a_search_page_out_of_bounds_is_refused_as_invalid_input(worker: Actor) -> None:
    _refused(_client(worker.user).get(PEOPLE, {"limit": "0"}), 400, "invalid-input")


def test_a_persons_record_holds_the_timeline_and_the_flags_and_its_reading_is_logged(
    worker: Actor, person: Person
) -> None:
    client = _client(worker.user)
    assert (
        client.post(
            f"{PEOPLE}/{person.pk}/visits", {"date": YESTERDAY, "consent_to_record": True}
        ).status_code
        == 201
    )
    Flag.objects.create(person=person, rule="no_contact_90_days", reason="No contact", evidence={})
    response = client.get(f"{PEOPLE}/{person.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["person"]["id"] == str(person.pk)
    assert [(item["kind"], item["date"]) for item in body["timeline"]] == [("fieldvisit", YESTERDAY)]
    assert [flag["rule"] for flag in body["flags"]] == ["no_contact_90_days"]
    view = AccessEvent.objects.get(action="view")
    assert (view.person_id, view.what, view.allowed) == (person.pk, "person record", True)


def test_another_teams_person_is_refused_with_other_team_and_the_attempt_is_logged(worker: Actor) -> None:
    stranger = PersonFactory()
    client = _client(worker.user)
    _refused(client.get(f"{PEOPLE}/{stranger.pk}"), 403, "other-team")
    _refused(
        client.patch(f"{PEOPLE}/{stranger.pk}", {"phone": "070 000 000"}, format="json"), 403, "other-team"
    )
    _refused(
        client.post(f"{PEOPLE}/{stranger.pk}/visits", {"date": YESTERDAY, "consent_to_record": True}),
        403,
        "other-team",
    )
    assert FieldVisit.objects.count() == 0
    assert Person.objects.get(pk=stranger.pk).phone == ""
    assert sorted(AccessEvent.objects.filter(person_id=stranger.pk).values_list("action", "code")) == [
        ("create", "other-team"),
        ("update", "other-team"),
        ("view", "other-team"),
    ]


def test_an_unknown_person_is_not_found(worker: Actor) -> None:
    client = _client(worker.user)
    missing = uuid.uuid4()
    _refused(client.get(f"{PEOPLE}/{missing}"), 404, "not-found")
    _refused(client.patch(f"{PEOPLE}/{missing}", {"phone": "1"}, format="json"), 404, "not-found")
    _refused(client.get(f"{PEOPLE}/{missing}/visits"), 404, "not-found")
    _refused(
        client.post(f"{PEOPLE}/{missing}/outcomes", {"date": YESTERDAY, "outcome": "employed"}),
        404,
        "not-found",
    )


def test_a_persons_details_are_changed_with_patch_and_the_change_is_logged(
    worker: Actor, person: Person
) -> None:
    response = _client(worker.user).patch(
        f"{PEOPLE}/{person.pk}", {"phone": "070 123 456", "target_groups": ["unemployed"]}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["phone"], response.json()["target_groups"]) == ("070 123 456", ["unemployed"])
    update = AccessEvent.objects.get(action="update")
    assert (update.what, update.allowed) == ("person: phone, target_groups", True)


def test_a_patch_with_a_future_birth_date_changes_nothing(worker: Actor, person: Person) -> None:
    tomorrow = str(TODAY + dt.timedelta(days=1))
    response = _client(worker.user).patch(
        f"{PEOPLE}/{person.pk}", {"phone": "1", "birth_date": tomorrow}, format="json"
    )
    _refused(response, 422, "future-date")
    assert Person.objects.get(pk=person.pk).phone == ""


# --- the timeline ------------------------------------------------------------------------------


def test_each_kind_of_entry_is_recorded_with_201_and_listed(worker: Actor, person: Person) -> None:
    client = _client(worker.user)
    base = f"{PEOPLE}/{person.pk}"
    posts = {
        "visits": {
            "date": YESTERDAY,
            "findings": "Нема вода",
            "risk_types": ["poverty"],
            "consent_to_record": True,
        },
        "assessments": {
            "date": YESTERDAY,
            "risk_types": ["unemployment"],
            "level": "high",
            "assessor": "Социјален работник",
            "basis": "Интервју",
        },
        "plans": {"title": "Три средби", "started": YESTERDAY},
        "sessions": {"date": YESTERDAY, "topic": "Вработување"},
        "referrals": {"date": YESTERDAY, "destination": "employment_agency", "reason": "Бара работа"},
        "deliveries": {"date": YESTERDAY, "kind": "food_package", "quantity": 2},
        "outcomes": {"date": YESTERDAY, "outcome": "employed"},
    }
    for kind, body in posts.items():
        response = client.post(f"{base}/{kind}", body, format="json")
        assert response.status_code == 201, (kind, response.json())
        listed = client.get(f"{base}/{kind}")
        assert listed.status_code == 200
        assert [row["id"] for row in listed.json()["results"]] == [response.json()["id"]], kind
    counts = [
        model.objects.filter(person=person).count()
        for model in (
            FieldVisit,
            RiskAssessment,
            CounsellingPlan,
            CounsellingSession,
            Referral,
            ServiceDelivery,
            Outcome,
        )
    ]
    assert counts == [1] * 7
    assert Person.objects.get(pk=person.pk).risk_level == "high"
    assert AccessEvent.objects.filter(action="create", allowed=True, person_id=person.pk).count() == 7
    assert AccessEvent.objects.filter(action="view", allowed=True, person_id=person.pk).count() == 7


@pytest.mark.parametrize(
    ("kind", "body", "status", "code"),
    [
        ("visits", {"date": "2026-13-01", "consent_to_record": True}, 422, "invalid-date"),
        ("visits", {"date": "2999-01-01", "consent_to_record": True}, 422, "future-date"),
        ("visits", {"date": YESTERDAY, "settlement": "atlantis"}, 422, "unknown-settlement"),
        ("visits", {"date": YESTERDAY, "risk_types": ["dragons"]}, 422, "unknown-code"),
        (
            "assessments",
            {"date": YESTERDAY, "risk_types": ["poverty"], "level": "high", "basis": "x"},
            422,
            "missing-assessor",
        ),
        (
            "assessments",
            {"date": YESTERDAY, "risk_types": ["poverty"], "level": "extreme", "assessor": "A", "basis": "x"},
            422,
            "unknown-code",
        ),
        ("plans", {"title": "", "started": YESTERDAY}, 422, "invalid-register-entry"),
        ("plans", {"title": "Plan", "started": YESTERDAY, "sessions_planned": 0}, 400, "invalid-input"),
        ("sessions", {"date": YESTERDAY}, 422, "invalid-register-entry"),
        (
            "referrals",
            {"date": YESTERDAY, "destination": "catalogue_service", "service_id": str(uuid.uuid4())},
            422,
            "unknown-service",
        ),
        ("referrals", {"date": YESTERDAY, "destination": "the_moon"}, 422, "unknown-code"),
        (
            "deliveries",
            {"date": YESTERDAY, "kind": "food_package", "service_id": "nope"},
            400,
            "invalid-input",
        ),
        ("outcomes", {"date": YESTERDAY, "outcome": "became_king"}, 422, "unknown-code"),
    ],
)
def test_a_bad_entry_is_refused_with_its_code_and_nothing_is_stored(
    worker: Actor, person: Person, kind: str, body: dict[str, Any], status: int, code: str
) -> None:
    before = AccessEvent.objects.count()
    _refused(_client(worker.user).post(f"{PEOPLE}/{person.pk}/{kind}", body, format="json"), status, code)
    stored = [
        model.objects.count()
        for model in (
            FieldVisit,
            RiskAssessment,
            CounsellingPlan,
            CounsellingSession,
            Referral,
            ServiceDelivery,
            Outcome,
        )
    ]
    assert stored == [0] * 7
    if status == 422:  # refused by the service: the attempt is in the log
        assert AccessEvent.objects.filter(allowed=False, code=code).count() == 1
    else:  # refused before anyone's data was touched
        assert AccessEvent.objects.count() == before


def test_an_auditor_reads_a_persons_entries_but_may_not_add_one(person: Person) -> None:
    auditor = actor(StaffRole.AUDITOR)
    client = _client(auditor.user)
    assert client.get(f"{PEOPLE}/{person.pk}/visits").status_code == 200
    _refused(
        client.post(f"{PEOPLE}/{person.pk}/visits", {"date": YESTERDAY, "consent_to_record": True}),
        403,
        "role-not-allowed",
    )
    assert FieldVisit.objects.count() == 0


# --- referrals, flags, worklist ------------------------------------------------------------------


def _referral(worker: Actor, person: Person) -> str:
    response = _client(worker.user).post(
        f"{PEOPLE}/{person.pk}/referrals",
        {"date": YESTERDAY, "destination": "employment_agency"},
        format="json",
    )
    assert response.status_code == 201
    referral_id: str = response.json()["id"]
    return referral_id


def test_a_referrals_status_is_set_and_logged(worker: Actor, person: Person) -> None:
    referral = _referral(worker, person)
    response = _client(worker.user).post(
        f"/api/v1/register/referrals/{referral}/status",
        {"status": "accepted", "outcome": "Интервју"},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["outcome"]) == ("accepted", "Интервју")
    assert AccessEvent.objects.filter(action="update", what="referral status: accepted").count() == 1


def test_a_referral_status_outside_the_vocabulary_is_refused(worker: Actor, person: Person) -> None:
    referral = _referral(worker, person)
    client = _client(worker.user)
    _refused(
        client.post(f"/api/v1/register/referrals/{referral}/status", {"status": "lost"}), 422, "unknown-code"
    )
    _refused(client.post(f"/api/v1/register/referrals/{referral}/status", {}), 400, "invalid-input")
    _refused(
        client.post(f"/api/v1/register/referrals/{uuid.uuid4()}/status", {"status": "accepted"}),
        404,
        "not-found",
    )
    assert Referral.objects.get().status == "sent"


def test_open_flags_of_the_caseload_are_listed_and_decided_once(worker: Actor, person: Person) -> None:
    flag = Flag.objects.create(
        person=person, rule="high_risk", reason="High risk", evidence={"level": "high"}
    )
    Flag.objects.create(person=PersonFactory(), rule="high_risk", reason="Another team's", evidence={})
    client = _client(worker.user)
    listed = client.get("/api/v1/register/flags")
    assert (listed.status_code, [row["id"] for row in listed.json()["results"]]) == (200, [str(flag.pk)])
    path = f"/api/v1/register/flags/{flag.pk}/decision"
    _refused(client.post(path, {"decision": "confirmed", "note": ""}), 422, "invalid-register-entry")
    _refused(client.post(path, {"decision": "maybe", "note": "?"}), 422, "unknown-code")
    decided = client.post(path, {"decision": "confirmed", "note": "Посета закажана"})
    assert (decided.status_code, decided.json()["status"], decided.json()["decided_by"]) == (
        200,
        "confirmed",
        worker.user.username,
    )
    _refused(client.post(path, {"decision": "dismissed", "note": "again"}), 409, "flag-decided")
    _refused(
        client.post(
            f"/api/v1/register/flags/{uuid.uuid4()}/decision", {"decision": "confirmed", "note": "x"}
        ),
        404,
        "not-found",
    )
    assert client.get("/api/v1/register/flags").json()["count"] == 0
    assert AccessEvent.objects.filter(action="decide", allowed=True).count() == 1


def test_another_teams_flag_is_not_decided(worker: Actor) -> None:
    flag = Flag.objects.create(person=PersonFactory(), rule="high_risk", reason="High risk", evidence={})
    response = _client(worker.user).post(
        f"/api/v1/register/flags/{flag.pk}/decision", {"decision": "dismissed", "note": "not mine"}
    )
    _refused(response, 403, "other-team")
    assert Flag.objects.get(pk=flag.pk).status == "open"


def test_the_worklist_shows_my_people_and_the_flags_waiting_for_me(worker: Actor) -> None:
    mine = PersonFactory(team=worker.staff.team, caseworker=worker.user)
    Flag.objects.create(person=mine, rule="high_risk", reason="High risk", evidence={})
    response = _client(worker.user).get("/api/v1/register/worklist")
    assert response.status_code == 200
    body = response.json()
    assert ([p["id"] for p in body["my_people"]], body["my_people_total"]) == ([str(mine.pk)], 1)
    assert ([f["rule"] for f in body["open_flags"]], body["open_flags_total"]) == (["high_risk"], 1)
    assert body["sessions_due"] == []
