"""Services of the federated catalogue fitted to a person: what fits (groups, risks, age,
language), in which order (own municipality, same country, the rest of the federation), with
which reasons, and the one step from a suggestion to a referral."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from common.catalogue.services import SERVICE, Published, catalogue_apply
from contracts.catalogue import ServiceV1_2
from contracts.errors import UnknownServiceError
from node.federation.models import Enrolment, Peer
from node.register import services
from node.register.access import Actor
from node.register.models import AccessEvent, Person, Referral
from node.register.suggestions import Suggestion, person_suggestions, suggestion_get
from tests.node.register_factories import PersonFactory, actor

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
TODAY = timezone.localdate()


def _service(origin: str, name: str, *, status: str = "active", **fields: Any) -> uuid.UUID:
    """A service as the catalogue receives it from ``origin``'s node."""
    data = ServiceV1_2.model_validate(
        {
            "id": uuid.uuid4(),
            "revision": 1,
            "status": status,
            "name": {"mk": name, "en": name},
            "organization": {"name": {"en": "Municipality"}},
        }
        | fields
    )
    with transaction.atomic():
        assert catalogue_apply(SERVICE, [Published(origin, uuid.uuid4(), NOW, data)]) == {}
    return data.id


@pytest.fixture(autouse=True)
def butel(db: None) -> None:
    Enrolment.objects.create(
        node_code="MK-BUTEL",
        node_name="Бутел",
        hub_url="http://127.0.0.1:9",
        hub_public_key="x",
        hub_keyid="x",
    )
    Peer.objects.create(code="MK-CAIR", name="Чаир", country="MK")
    Peer.objects.create(code="RS-RUMA", name="Рума", country="RS")


def _born(age: int) -> dt.date:
    return TODAY.replace(year=TODAY.year - age) - dt.timedelta(days=1)


def _person(**fields: Any) -> Person:
    values: dict[str, Any] = {
        "birth_date": _born(36),
        "language": "mk",
        "sex": "male",
        "target_groups": ["roma"],
        "risk_types": ["unemployment"],
    } | fields
    person: Person = PersonFactory(**values)
    return person


def _names(found: list[Suggestion]) -> list[str]:
    return [suggestion.name["en"] for suggestion in found]


def test_services_of_the_own_municipality_come_first_then_the_country_then_the_federation() -> None:
    _service("RS-RUMA", "Ruma: Roma mediators", target_groups=["roma"], languages=["mk", "sr-Latn"])
    _service("MK-CAIR", "Čair: employment club", taxonomy_terms=["employment"])
    _service("MK-BUTEL", "Butel: job training", taxonomy_terms=["training"])
    found = person_suggestions(person=_person())
    assert _names(found) == ["Butel: job training", "Čair: employment club", "Ruma: Roma mediators"]
    assert [(s.place, s.here, s.origin) for s in found] == [
        ("municipality", True, "MK-BUTEL"),
        ("country", False, "MK-CAIR"),
        ("federation", False, "RS-RUMA"),
    ]


def test_each_suggestion_says_why_it_fits_in_words() -> None:
    _service("MK-BUTEL", "Butel: job training", taxonomy_terms=["training", "employment"])
    _service(
        "MK-CAIR", "Čair: employment club", taxonomy_terms=["employment"], minimum_age=18, maximum_age=64
    )
    _service("RS-RUMA", "Ruma: Roma mediators", target_groups=["roma"], languages=["mk", "sr-Latn"])
    [butel, cair, ruma] = person_suggestions(person=_person())
    assert butel.reasons == ["Answers Unemployment: Employment, Training and skills", "In this municipality"]
    assert cair.reasons == [
        "Answers Unemployment: Employment",
        "Takes people aged 18 to 64; the person is 36",
        "In another municipality of this country: Чаир",
    ]
    assert ruma.reasons == [
        "Serves Roma community",
        "Speaks Macedonian",
        "In another country of the federation: Рума",
    ]


def test_the_reasons_are_in_the_caseworkers_language() -> None:
    _service("MK-CAIR", "Čair: Roma mediators", target_groups=["roma"], languages=["mk"], minimum_age=18)
    with translation.override("mk"):
        [found] = person_suggestions(person=_person(risk_types=[]))
    assert found.reasons == [
        "Наменета за: Ромска заедница",
        "Прима лица на возраст од 18 години нагоре; лицето има 36",
        "Зборува: Македонски",
        "Во друга општина во државата: Чаир",
    ]


@pytest.mark.parametrize("language", ["mk", "bg", "sr", "sr-latn", "sq"])
def test_every_kind_of_reason_is_translated_into_each_language(language: str) -> None:
    _service("MK-BUTEL", "here", target_groups=["roma"], taxonomy_terms=["employment"], languages=["mk"])
    _service("MK-CAIR", "country", target_groups=["roma"], minimum_age=18, maximum_age=64)
    _service("RS-RUMA", "federation", target_groups=["roma"], minimum_age=18)
    _service("BG-PLOVDIV", "young", target_groups=["roma"], maximum_age=40)
    person = _person()
    english = [reason for s in person_suggestions(person=person) for reason in s.reasons]
    with translation.override(language):
        translated = [reason for s in person_suggestions(person=person) for reason in s.reasons]
    assert len(english) == len(translated) == 13
    assert [reason for reason in translated if reason in english or "%(" in reason] == []


def test_within_one_place_the_better_fit_comes_first() -> None:
    _service("MK-BUTEL", "answers the risk", taxonomy_terms=["employment"])
    _service(
        "MK-BUTEL",
        "serves the group and answers the risk",
        target_groups=["roma"],
        taxonomy_terms=["training"],
    )
    _service("MK-BUTEL", "serves the group", target_groups=["roma"])
    found = person_suggestions(person=_person())
    assert _names(found) == ["serves the group and answers the risk", "serves the group", "answers the risk"]
    assert [s.score for s in found] == [5, 3, 2]


def test_a_service_made_for_the_persons_age_or_language_fits_better_than_one_for_everyone() -> None:
    _service("MK-BUTEL", "for everyone", target_groups=["neet"])
    _service("MK-BUTEL", "for young people", target_groups=["neet"], minimum_age=15, maximum_age=29)
    _service("MK-BUTEL", "up to 29", target_groups=["neet"], maximum_age=29)
    _service(
        "MK-BUTEL",
        "in Macedonian, for young people",
        target_groups=["neet"],
        languages=["mk"],
        minimum_age=15,
    )
    found = person_suggestions(person=_person(birth_date=_born(22), target_groups=["neet"], risk_types=[]))
    assert [s.score for s in found] == [5, 4, 4, 3]
    assert (found[0].name["en"], {found[1].name["en"], found[2].name["en"]}, found[3].name["en"]) == (
        "in Macedonian, for young people",
        {"for young people", "up to 29"},
        "for everyone",
    )


def test_a_woman_is_offered_the_services_for_women() -> None:
    _service("MK-BUTEL", "Women's counselling", target_groups=["women"])
    assert _names(person_suggestions(person=_person(sex="male"))) == []
    [found] = person_suggestions(person=_person(sex="female"))
    assert found.reasons[0] == "Serves Women"


@pytest.mark.parametrize(("age", "fits"), [(14, False), (15, True), (29, True), (30, False)])
def test_a_service_takes_only_people_of_its_ages(age: int, fits: bool) -> None:
    _service(
        "BG-PLOVDIV", "One-stop shop for young people", target_groups=["neet"], minimum_age=15, maximum_age=29
    )
    found = person_suggestions(person=_person(birth_date=_born(age), target_groups=["neet"]))
    assert _names(found) == (["One-stop shop for young people"] if fits else [])


def test_a_service_that_speaks_other_languages_only_is_left_out() -> None:
    _service("BG-PLOVDIV", "In Bulgarian", target_groups=["roma"], languages=["bg"])
    _service("MK-CAIR", "In Albanian and Macedonian", target_groups=["roma"], languages=["sq", "mk"])
    _service("MK-CAIR", "No language named", target_groups=["roma"])
    assert _names(person_suggestions(person=_person())) == ["In Albanian and Macedonian", "No language named"]
    assert _names(person_suggestions(person=_person(language="bg"))) == ["No language named", "In Bulgarian"]


def test_serbian_in_either_script_fits_a_serbian_speaker() -> None:
    _service("RS-RUMA", "Savetovalište", target_groups=["roma"], languages=["sr-Latn"])
    [found] = person_suggestions(person=_person(language="sr-Cyrl"))
    assert found.name["en"] == "Savetovalište"


def test_services_that_fit_neither_group_nor_risk_or_are_withdrawn_or_inactive_are_left_out() -> None:
    _service("MK-BUTEL", "For the elderly", target_groups=["elderly"], taxonomy_terms=["home_care"])
    _service("MK-BUTEL", "Withdrawn", status="defunct", target_groups=["roma"])
    _service("MK-BUTEL", "Paused", status="inactive", target_groups=["roma"])
    assert person_suggestions(person=_person()) == []


def test_a_person_without_groups_or_risks_is_offered_nothing() -> None:
    _service("MK-BUTEL", "For everyone", taxonomy_terms=["counselling"])
    assert person_suggestions(person=_person(target_groups=[], risk_types=[])) == []


def test_a_service_already_referred_to_is_left_out_until_the_referral_is_closed() -> None:
    worker = actor()
    person = _person(team=worker.staff.team)
    service = _service("MK-BUTEL", "Job club", target_groups=["roma"])
    referral = services.referral_record(
        actor=worker, person=person, date=TODAY, destination="catalogue_service", service_id=service
    )
    assert person_suggestions(person=person) == []
    services.referral_status_set(actor=worker, referral=referral, status="declined")
    assert [s.service_id for s in person_suggestions(person=person)] == [service]


def test_only_the_best_rows_are_read_however_large_the_catalogue() -> None:
    for n in range(5):
        _service("MK-CAIR", f"club {n}", target_groups=["roma"])
    person = _person()
    with CaptureQueriesContext(connection) as few:
        assert len(person_suggestions(person=person, limit=3)) == 3
    for n in range(20):
        _service("RS-RUMA", f"far club {n}", target_groups=["roma"])
    with CaptureQueriesContext(connection) as many:
        assert len(person_suggestions(person=person, limit=3)) == 3
    assert len(many.captured_queries) == len(few.captured_queries)


def test_without_an_enrolment_every_service_is_of_the_federation() -> None:
    Enrolment.objects.all().delete()
    _service("MK-BUTEL", "Job club", target_groups=["roma"])
    assert [s.place for s in person_suggestions(person=_person())] == ["federation"]


# --- from a suggestion to a referral --------------------------------------------------------------


@pytest.fixture
def worker() -> Actor:
    return actor()


def test_a_suggestion_becomes_a_referral_with_its_reasons_in_one_step(worker: Actor) -> None:
    person = _person(team=worker.staff.team)
    service = _service("MK-CAIR", "Čair: employment club", taxonomy_terms=["employment"])
    referral = services.suggestion_refer(actor=worker, person=person, service_id=service)
    assert (referral.destination, referral.service_id, referral.service_origin, referral.date) == (
        "catalogue_service",
        service,
        "MK-CAIR",
        TODAY,
    )
    assert (
        referral.reason == "Answers Unemployment: Employment; In another municipality of this country: Чаир"
    )
    assert AccessEvent.objects.get(person_id=person.pk).what == "referral"
    assert person_suggestions(person=person) == []


def test_the_caseworkers_own_reason_replaces_the_suggestions(worker: Actor) -> None:
    person = _person(team=worker.staff.team)
    service = _service("MK-BUTEL", "Job club", target_groups=["roma"])
    referral = services.suggestion_refer(
        actor=worker, person=person, service_id=service, reason="  Asked for it at the visit. "
    )
    assert referral.reason == "Asked for it at the visit."


def test_a_referral_to_a_service_not_in_the_catalogue_is_refused_and_logged(worker: Actor) -> None:
    person = _person(team=worker.staff.team)
    missing = uuid.uuid4()
    assert suggestion_get(person=person, service_id=missing) is None
    with pytest.raises(UnknownServiceError) as refused:
        services.suggestion_refer(actor=worker, person=person, service_id=missing)
    assert refused.value.code == "unknown-service"
    assert Referral.objects.count() == 0
    event = AccessEvent.objects.get(person_id=person.pk)
    assert (event.allowed, event.code) == (False, "unknown-service")
