"""Who may see what in the register, and the access log that records every read and change."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.utils import timezone

from contracts.errors import NotStaffError, OtherTeamError, RoleNotAllowedError, UnknownCodeError
from node.register import services
from node.register.models import AccessEvent, StaffRole
from node.register.selectors import (
    access_log_for_person,
    access_log_for_staff,
    access_log_recent,
    people_search,
    person_get,
    worklist,
)
from tests.node.register_factories import PersonFactory, UserFactory, actor

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_the_refusals_have_their_exact_codes_and_statuses() -> None:
    assert (RoleNotAllowedError.code, RoleNotAllowedError.http_status) == ("role-not-allowed", 403)
    assert (OtherTeamError.code, OtherTeamError.http_status) == ("other-team", 403)
    assert (NotStaffError.code, NotStaffError.http_status) == ("not-register-staff", 403)


def test_an_auditor_may_read_a_person_but_not_change_them_and_the_refusal_is_logged() -> None:
    auditor = actor(StaffRole.AUDITOR)
    person = PersonFactory()
    assert person_get(actor=auditor, person_id=person.pk) == person
    with pytest.raises(RoleNotAllowedError):
        services.person_update(actor=auditor, person=person, fields={"phone": "070 000 000"})
    lines = list(AccessEvent.objects.filter(person_id=person.pk).order_by("at", "pk"))
    assert [(e.action, e.allowed, e.code) for e in lines] == [
        ("view", True, ""),
        ("update", False, "role-not-allowed"),
    ]
    person.refresh_from_db()
    assert person.phone == ""


def test_a_caseworker_sees_only_their_team_unless_given_every_team() -> None:
    worker = actor()
    other = PersonFactory()
    with pytest.raises(OtherTeamError):
        person_get(actor=worker, person_id=other.pk)
    assert AccessEvent.objects.get(person_id=other.pk, allowed=False).code == "other-team"
    roaming = actor(all_teams=True)
    assert person_get(actor=roaming, person_id=other.pk) == other


def test_a_supervisor_sees_every_team() -> None:
    assert person_get(actor=actor(StaffRole.SUPERVISOR), person_id=PersonFactory().pk)


def test_a_user_without_a_register_role_is_refused_and_the_attempt_carries_their_name() -> None:
    user = UserFactory(username="stranger")
    person = PersonFactory()
    with pytest.raises(NotStaffError):
        person_get(actor=user, person_id=person.pk)
    line = AccessEvent.objects.get(person_id=person.pk)
    assert (line.username, line.action, line.allowed, line.code) == (
        "stranger",
        "view",
        False,
        "not-register-staff",
    )


def test_a_search_is_logged_with_how_many_it_found_but_not_what_was_typed() -> None:
    worker = actor()
    PersonFactory(team=worker.staff.team, given_name="Марија", family_name="Јованоска")
    found = people_search(actor=worker, query="Marija Jovanoska")
    assert len(found) == 1
    line = AccessEvent.objects.get(action="search")
    assert (line.what, line.person_id, line.allowed) == ("people search: 1 found", None, True)
    assert "marija" not in line.what.lower()
    assert "jovanoska" not in line.what.lower()


def test_showing_the_worklist_is_logged_as_a_read() -> None:
    worker = actor()
    PersonFactory(team=worker.staff.team, caseworker=worker.user)
    worklist(actor=worker)
    line = AccessEvent.objects.get(action="view")
    assert line.what == "worklist: 1 people, 0 flags, 0 sessions"
    assert line.username == worker.user.username


def test_a_caseworker_may_not_read_the_access_log_and_the_attempt_is_logged() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team)
    with pytest.raises(RoleNotAllowedError):
        access_log_for_person(actor=worker, person_id=person.pk)
    with pytest.raises(RoleNotAllowedError):
        access_log_for_staff(actor=worker, user_id=worker.user.pk)
    with pytest.raises(RoleNotAllowedError):
        access_log_recent(actor=worker)
    refused = AccessEvent.objects.filter(action="audit", allowed=False)
    assert refused.count() == 3
    assert set(refused.values_list("code", flat=True)) == {"role-not-allowed"}


def test_an_auditor_reads_a_persons_log_and_the_reading_goes_on_that_log() -> None:
    worker = actor()
    person = PersonFactory(team=worker.staff.team)
    person_get(actor=worker, person_id=person.pk, why="home visit")
    auditor = actor(StaffRole.AUDITOR)
    lines = access_log_for_person(actor=auditor, person_id=person.pk)
    assert [(e.action, e.username, e.why) for e in lines] == [("view", worker.user.username, "home visit")]
    newest = AccessEvent.objects.filter(person_id=person.pk).order_by("-at", "-pk").first()
    assert newest is not None
    assert (newest.action, newest.username, newest.what) == (
        "audit",
        auditor.user.username,
        "access log of the person",
    )


def test_a_supervisor_reads_a_staff_members_log_with_their_refused_attempts() -> None:
    worker = actor()
    other = PersonFactory()
    with pytest.raises(OtherTeamError):
        person_get(actor=worker, person_id=other.pk)
    people_search(actor=worker, query="x")
    lines = access_log_for_staff(actor=actor(StaffRole.SUPERVISOR), user_id=worker.user.pk)
    assert [(e.action, e.allowed, e.code) for e in lines] == [
        ("search", True, ""),
        ("view", False, "other-team"),
    ]
    assert AccessEvent.objects.get(action="audit").what == f"access log of user {worker.user.pk}"


def test_the_recent_log_filters_by_action_and_by_refused_attempts() -> None:
    worker = actor()
    mine, other = PersonFactory(team=worker.staff.team), PersonFactory()
    person_get(actor=worker, person_id=mine.pk)
    with pytest.raises(OtherTeamError):
        person_get(actor=worker, person_id=other.pk)
    people_search(actor=worker, query="")
    auditor = actor(StaffRole.AUDITOR)
    assert [e.action for e in access_log_recent(actor=auditor, action="search")] == ["search"]
    assert [e.person_id for e in access_log_recent(actor=auditor, refused_only=True)] == [other.pk]
    assert [e.person_id for e in access_log_recent(actor=auditor, action="view")] == [other.pk, mine.pk]


def test_an_unknown_action_filter_is_refused_with_its_code() -> None:
    with pytest.raises(UnknownCodeError, match="not an access-log action"):
        access_log_recent(actor=actor(StaffRole.AUDITOR), action="peek")
    assert AccessEvent.objects.get(action="audit").code == "unknown-code"


# --- pages ------------------------------------------------------------------------------------


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_audit_pages_answer_an_auditor() -> None:
    auditor = actor(StaffRole.AUDITOR)
    worker = actor()
    person = PersonFactory(team=worker.staff.team)
    person_get(actor=worker, person_id=person.pk)
    client = _client(auditor.user)
    index = client.get("/register/audit/")
    assert index.status_code == 200
    assert f"/register/audit/people/{person.pk}/" in index.content.decode()
    assert f"/register/audit/staff/{worker.user.pk}/" in index.content.decode()
    assert client.get(f"/register/audit/people/{person.pk}/").status_code == 200
    page = client.get(f"/register/audit/staff/{worker.user.pk}/")
    assert page.status_code == 200
    assert worker.user.username in page.content.decode()
    assert client.get("/register/audit/?action=view&refused=1").status_code == 200


def test_the_audit_index_refuses_an_unknown_action_filter_with_422() -> None:
    page = _client(actor(StaffRole.AUDITOR).user).get("/register/audit/?action=peek")
    assert page.status_code == 422
    assert "unknown-code" in page.content.decode()


def test_the_audit_pages_refuse_a_caseworker_with_403_and_log_it() -> None:
    worker = actor()
    client = _client(worker.user)
    for url in (
        "/register/audit/",
        f"/register/audit/people/{uuid.uuid4()}/",
        f"/register/audit/staff/{worker.user.pk}/",
    ):
        page = client.get(url)
        assert page.status_code == 403
        assert "role-not-allowed" in page.content.decode()
    assert AccessEvent.objects.filter(action="audit", allowed=False, code="role-not-allowed").count() == 3


def test_the_audit_pages_refuse_a_user_without_a_register_role_with_403() -> None:
    user = UserFactory()
    page = _client(user).get("/register/audit/")
    assert page.status_code == 403
    assert "not-register-staff" in page.content.decode()
    assert AccessEvent.objects.get(username=user.username).code == "not-register-staff"


def test_the_audit_pages_send_an_anonymous_visitor_to_log_in() -> None:
    page = Client().get("/register/audit/")
    assert page.status_code == 302
    assert page["Location"].startswith("/register/login/")
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("mk", "Дневник на пристап"),
        ("bg", "Дневник на достъпа"),
        ("sr", "Дневник приступа"),
        ("sr-latn", "Dnevnik pristupa"),
        ("sq", "Regjistri i aksesit"),
        ("en", "Access log"),
    ],
)
def test_the_audit_index_speaks_each_language(lang: str, heading: str) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(actor(StaffRole.AUDITOR).user)
    page = client.get("/register/audit/")
    assert page.status_code == 200
    assert page["Content-Language"] == lang
    assert f"<h1>{heading}</h1>" in page.content.decode()
