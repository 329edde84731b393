from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from contracts.errors import (
    DuplicatePersonError,
    FlagDecidedError,
    FutureDateError,
    InvalidDateError,
    MissingAssessorError,
    NotStaffError,
    OtherTeamError,
    RoleNotAllowedError,
    UnknownCodeError,
    UnknownServiceError,
    UnknownSettlementError,
)
from node.register import services
from node.register.models import AccessEvent, Flag, Person, RiskAssessment, SessionStatus, StaffRole
from node.register.selectors import people_search, person_get, person_timeline, worklist
from tests.node.register_factories import PersonFactory, SettlementFactory, UserFactory, actor

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _person_fields(**fields: object) -> dict[str, object]:
    return {
        "reference": "BUT-2026-00001",
        "given_name": "Марија",
        "family_name": "Јованоска",
        "sex": "female",
        "birth_date": "1988-03-02",
        "settlement": SettlementFactory().code,
        "target_groups": ["roma", "social_assistance_recipient"],
    } | fields


def test_a_caseworker_registers_a_person_in_their_own_team_and_the_creation_is_logged() -> None:
    worker = actor()
    person = services.person_create(actor=worker, fields=_person_fields())
    assert person.team == worker.staff.team
    assert person.target_groups == ["roma", "social_assistance_recipient"]
    event = AccessEvent.objects.get(person_id=person.pk)
    assert (event.action, event.allowed, event.username) == ("create", True, worker.user.username)


def test_a_duplicate_person_is_refused_and_the_attempt_is_logged() -> None:
    worker = actor()
    services.person_create(actor=worker, fields=_person_fields())
    with pytest.raises(DuplicatePersonError, match="same name and date of birth"):
        services.person_create(
            actor=worker,
            fields=_person_fields(reference="BUT-2026-00002", given_name="Marija", family_name="Jovanoska"),
        )
    assert Person.objects.count() == 1
    refused = AccessEvent.objects.get(allowed=False)
    assert refused.code == "duplicate-person"


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"birth_date": "1988-02-30"}, InvalidDateError),
        ({"birth_date": str(TODAY + dt.timedelta(days=1))}, FutureDateError),
        ({"settlement": "atlantis"}, UnknownSettlementError),
        ({"target_groups": ["pirates"]}, UnknownCodeError),
    ],
)
def test_a_person_with_bad_details_is_refused_with_its_code(
    fields: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        services.person_create(actor=actor(), fields=_person_fields(**fields))
    assert Person.objects.count() == 0
    assert AccessEvent.objects.get().allowed is False


def test_a_user_without_a_register_role_is_refused_and_logged() -> None:
    user = UserFactory()
    with pytest.raises(NotStaffError):
        services.person_create(actor=user, fields=_person_fields())
    event = AccessEvent.objects.get()
    assert (event.username, event.code) == (user.username, "not-register-staff")


def test_an_auditor_may_not_record_a_visit() -> None:
    person = PersonFactory()
    with pytest.raises(RoleNotAllowedError):
        services.visit_record(
            actor=actor(StaffRole.AUDITOR), person=person, date=TODAY, consent_to_record=True
        )
    assert person.fieldvisit_set.count() == 0


def test_a_caseworker_of_another_team_may_neither_read_nor_write_the_person() -> None:
    person = PersonFactory()
    other = actor()
    with pytest.raises(OtherTeamError):
        person_get(actor=other, person_id=person.pk)
    with pytest.raises(OtherTeamError):
        services.visit_record(actor=other, person=person, date=TODAY, consent_to_record=True)
    assert list(AccessEvent.objects.values_list("action", "code")) == [
        ("create", "other-team"),
        ("view", "other-team"),
    ]


def test_a_visit_in_the_future_is_refused() -> None:
    person = PersonFactory()
    worker = actor(team=person.team)
    with pytest.raises(FutureDateError):
        services.visit_record(
            actor=worker, person=person, date=TODAY + dt.timedelta(days=2), consent_to_record=True
        )


def test_an_assessment_without_an_assessor_is_refused_and_one_with_sets_the_current_risk() -> None:
    person = PersonFactory()
    worker = actor(team=person.team)
    with pytest.raises(MissingAssessorError):
        services.assessment_record(
            actor=worker,
            person=person,
            date=TODAY,
            risk_types=["poverty"],
            level="high",
            assessor=" ",
            basis="visit",
        )
    services.assessment_record(
        actor=worker,
        person=person,
        date=TODAY,
        risk_types=["unemployment", "poverty"],
        level="high",
        assessor="Социјален работник",
        basis="Field visit and household income",
    )
    person.refresh_from_db()
    assert (person.risk_types, person.risk_level) == (["poverty", "unemployment"], "high")
    assert RiskAssessment.objects.count() == 1


def test_the_three_session_plan_numbers_its_sessions_and_refuses_a_fourth() -> None:
    person = PersonFactory()
    worker = actor(team=person.team)
    plan = services.plan_create(actor=worker, person=person, title="Советување", started=TODAY)
    numbers = [
        services.session_record(actor=worker, plan=plan, date=TODAY, topic=f"t{n}").number for n in range(3)
    ]
    assert numbers == [1, 2, 3]
    with pytest.raises(Exception, match="has 3 sessions"):
        services.session_record(actor=worker, plan=plan, date=TODAY)


def test_a_scheduled_session_shows_on_the_worklist_and_is_held_in_its_place() -> None:
    person = PersonFactory()
    worker = actor(team=person.team)
    person.caseworker = worker.user
    person.save()
    plan = services.plan_create(actor=worker, person=person, title="Plan", started=TODAY)
    services.session_record(
        actor=worker, plan=plan, date=TODAY + dt.timedelta(days=3), status=SessionStatus.SCHEDULED
    )
    assert [s.number for s in worklist(actor=worker).sessions_due] == [1]
    held = services.session_record(actor=worker, plan=plan, date=TODAY, topic="Вработување")
    assert (held.number, held.status) == (1, "held")
    assert worklist(actor=worker).sessions_due == []


def test_a_referral_to_an_unknown_catalogue_service_is_refused() -> None:
    person = PersonFactory()
    with pytest.raises(UnknownServiceError):
        services.referral_record(
            actor=actor(team=person.team),
            person=person,
            date=TODAY,
            destination="catalogue_service",
            service_id=uuid.uuid4(),
        )
    assert person.referral_set.count() == 0


def test_a_flag_is_decided_once_with_a_note() -> None:
    person = PersonFactory()
    worker = actor(team=person.team)
    flag = Flag.objects.create(
        person=person, rule="no_contact_90_days", reason="No contact since 2026-01-01", evidence={}
    )
    decided = services.flag_decide(actor=worker, flag=flag, decision="dismissed", note="Moved in with family")
    assert (decided.status, decided.decided_by) == ("dismissed", worker.user)
    with pytest.raises(FlagDecidedError):
        services.flag_decide(actor=worker, flag=flag, decision="confirmed", note="again")


def test_search_finds_a_cyrillic_name_from_its_latin_spelling_within_the_caseload_only() -> None:
    person = PersonFactory(given_name="Жаклина", family_name="Ѓорѓиевска")
    worker = actor(team=person.team)
    PersonFactory(given_name="Zhaklina", family_name="Gjorgjievska")  # another team's
    assert list(people_search(actor=worker, query="zaklina gjorgjievska")) == [person]
    assert list(people_search(actor=worker, query="Gorgievska")) == [person]


def test_the_timeline_lists_every_kind_of_entry_newest_first() -> None:
    person = PersonFactory()
    worker = actor(team=person.team)
    services.visit_record(
        actor=worker, person=person, date=TODAY - dt.timedelta(days=5), consent_to_record=True
    )
    services.outcome_record(actor=worker, person=person, date=TODAY, outcome="employed")
    services.delivery_record(
        actor=worker, person=person, date=TODAY - dt.timedelta(days=1), kind="food_package"
    )
    assert [item.kind for item in person_timeline(person=person)] == [
        "outcome",
        "servicedelivery",
        "fieldvisit",
    ]
