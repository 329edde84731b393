"""Search over the federated catalogue: the same answers on SQLite and on PostgreSQL (this suite
runs on both), Latin input finding Cyrillic text and the reverse, filters, ranking."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.db import transaction

from common.catalogue.selectors import Search, catalogue_search
from common.catalogue.services import SERVICE, Published, catalogue_apply
from common.search import matches, query_words, search_key
from contracts.catalogue import ServiceV1_2
from contracts.errors import InvalidSearchError

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)  # a Monday: 11:00 in Skopje, 12:00 in Sofia


def _service(origin: str, name: dict[str, str], **fields: Any) -> uuid.UUID:
    data = ServiceV1_2.model_validate(
        {
            "id": uuid.uuid4(),
            "revision": 1,
            "status": "active",
            "name": name,
            "organization": {"name": {"en": "Municipality"}},
        }
        | fields
    )
    with transaction.atomic():
        errors = catalogue_apply(SERVICE, [Published(origin, uuid.uuid4(), NOW, data)])
    assert errors == {}
    return data.id


def _found(query: str = "", **filters: Any) -> list[uuid.UUID]:
    return [row.service_id for row in catalogue_search(Search(query=query, at=NOW, **filters))]


@pytest.fixture
def catalogue(db: None) -> dict[str, uuid.UUID]:
    return {
        "sr": _service(
            "RS-SMITROVICA",
            {"sr-Cyrl": "Канцеларија за смањење сиромаштва", "en": "Poverty reduction office"},
            description={"sr-Cyrl": "Центар за социјални рад прима кориснике из суседних општина."},
            target_groups=["social_assistance_recipient"],
            taxonomy_terms=["counselling", "referral"],
            languages=["sr-Cyrl", "sr-Latn"],
            schedules=[{"byday": ["MO", "TU", "WE", "TH", "FR"], "opens_at": "08:00", "closes_at": "15:00"}],
        ),
        "mk": _service(
            "MK-CAIR",
            {"mk": "Платформа за социјална и економска помош"},
            description={"mk": "Помош од Центарот за социјална работа и Агенцијата за вработување."},
            target_groups=["roma", "unemployed"],
            taxonomy_terms=["financial_assistance"],
            languages=["mk", "sq"],
            schedules=[{"byday": ["SA"], "opens_at": "09:00", "closes_at": "13:00"}],
        ),
        "bg": _service(
            "BG-PLOVDIV",
            {"bg": "Център за младежи „Едно гише“", "en": "One-stop shop for young people"},
            description={"bg": "Социално подпомагане и консултации за младежи в Пловдив."},
            target_groups=["neet"],
            taxonomy_terms=["employment", "counselling"],
            languages=["bg", "en"],
            schedules=[{"byday": ["MO"], "opens_at": "11:30", "closes_at": "18:00"}],
        ),
        "latin": _service(
            "RS-RUMA",
            {"sr-Latn": "Savetovalište za porodicu Ruma"},
            description={"sr-Latn": "Socijalna pomoć i savetovanje za porodice u Rumi."},
            target_groups=["single_parent"],
            taxonomy_terms=["counselling"],
            languages=["sr-Latn"],
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Serbian: Latin input finds Cyrillic text, with and without diacritics.
        ("siromaštva", "sr"),
        ("siromastva", "sr"),
        ("kancelarija smanjenje", "sr"),
        # Macedonian: Latin (with č/ǵ/ḱ-less spellings) finds Cyrillic.
        ("platforma ekonomska", "mk"),
        ("pomosh vrabotuvanje", "mk"),
        # Bulgarian: the official Latin spelling (ts, sh, ch) finds Cyrillic.
        ("mladezhi plovdiv", "bg"),
        ("tsentar edno gishe", "bg"),
        # Cyrillic input finds Latin text.
        ("Саветовалиште Рума", "latin"),
        ("породицу", "latin"),
    ],
)
def test_latin_input_finds_cyrillic_entries_and_cyrillic_input_finds_latin_ones(
    catalogue: dict[str, uuid.UUID], query: str, expected: str
) -> None:
    assert _found(query) == [catalogue[expected]]


def test_one_word_finds_every_language_that_spells_it(catalogue: dict[str, uuid.UUID]) -> None:
    # социјална (mk, sr), социално (bg) and socijalna (sr-Latn) share the key "social…".
    assert set(_found("socijal")) == {catalogue["sr"], catalogue["mk"], catalogue["bg"], catalogue["latin"]}
    assert set(_found("СОЦИЈАЛ")) == set(_found("socijal"))  # case folding


def test_a_name_match_ranks_above_a_description_match(catalogue: dict[str, uuid.UUID]) -> None:
    found = _found("centar")
    # The Plovdiv centre has it in its name; the others only in their descriptions.
    assert found[0] == catalogue["bg"]
    assert set(found) == {catalogue["bg"], catalogue["sr"], catalogue["mk"]}


def test_every_word_must_match(catalogue: dict[str, uuid.UUID]) -> None:
    assert _found("socijal plovdiv") == [catalogue["bg"]]
    assert _found("socijal astronaut") == []


def test_taxonomy_and_target_group_labels_are_searchable_in_every_language(
    catalogue: dict[str, uuid.UUID],
) -> None:
    # "Counselling" is a taxonomy label, not in any entry's own text.
    assert set(_found("counselling")) == {catalogue["sr"], catalogue["bg"], catalogue["latin"]}
    assert catalogue["mk"] in _found("ромска")  # the Roma target group's Macedonian label


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"origins": ("MK-CAIR", "BG-PLOVDIV")}, {"mk", "bg"}),
        ({"target_group": "roma"}, {"mk"}),
        ({"taxonomy_term": "counselling"}, {"sr", "bg", "latin"}),
        ({"language": "sq"}, {"mk"}),
        ({"open_now": True}, {"sr", "bg"}),  # Monday 11:00 in Serbia, 12:00 in Bulgaria
        ({"query": "socijal", "taxonomy_term": "counselling", "language": "sr-Latn"}, {"sr", "latin"}),
    ],
)
def test_filters_narrow_the_results(
    catalogue: dict[str, uuid.UUID], filters: dict[str, Any], expected: set[str]
) -> None:
    assert set(_found(**filters)) == {catalogue[name] for name in expected}


def test_open_now_uses_each_countrys_own_time(catalogue: dict[str, uuid.UUID]) -> None:
    # 09:45 UTC: 10:45 in Serbia (open), 11:45 in Bulgaria (open from 11:30).
    early = dt.datetime(2026, 11, 23, 9, 15, tzinfo=dt.UTC)  # 10:15 Belgrade, 11:15 Sofia
    found = {row.service_id for row in catalogue_search(Search(open_now=True, at=early))}
    assert found == {catalogue["sr"]}


def test_a_withdrawn_entry_is_gone_from_results(catalogue: dict[str, uuid.UUID]) -> None:
    withdrawn = ServiceV1_2.model_validate(
        {
            "id": catalogue["latin"],
            "revision": 2,
            "status": "defunct",
            "name": {"sr-Latn": "Savetovalište za porodicu Ruma"},
            "organization": {"name": {"en": "Municipality"}},
        }
    )
    with transaction.atomic():
        catalogue_apply(SERVICE, [Published("RS-RUMA", uuid.uuid4(), NOW, withdrawn)])
    assert _found("savetovaliste") == []


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"target_group": "astronauts"}, "target_group"),
        ({"taxonomy_term": "astrology"}, "taxonomy_term"),
        ({"language": "de"}, "language"),
        ({"query": "x" * 201}, "q"),
    ],
)
def test_an_unknown_filter_value_is_refused_with_a_stable_code(filters: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidSearchError) as raised:
        Search(**filters)
    assert raised.value.code == "invalid-search"
    assert raised.value.detail["field"] == field


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Чаир", "Cair"),
        ("Čair", "chair"),
        ("Стрелча", "strelcha"),
        ("Ђурђево", "djurdjevo"),
        ("Ќерка", "kjerka"),
        ("Щастие", "shtastie"),
        ("информация", "informacija"),
        ("Qendra për punë sociale", "pune"),
    ],
)
def test_the_search_key_folds_scripts_spellings_case_and_accents_alike(text: str, query: str) -> None:
    assert matches(search_key(text), query_words(query))


def test_the_api_searches_and_reports_bad_filters(catalogue: dict[str, uuid.UUID]) -> None:
    from rest_framework.test import APIClient

    client = APIClient()
    body = client.get("/api/v1/catalogue", {"q": "siromastva"}).json()
    assert [row["service_id"] for row in body["results"]] == [str(catalogue["sr"])]
    refused = client.get("/api/v1/catalogue", {"target_group": "astronauts"})
    assert (refused.status_code, refused.json()["code"]) == (400, "invalid-search")


def test_the_caseworker_page_needs_a_login_and_shows_each_entrys_provenance(
    catalogue: dict[str, uuid.UUID],
) -> None:
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    anonymous = client.get("/catalogue/", {"q": "siromastva"})
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")
    client.force_login(User.objects.create_user("caseworker"))
    page = client.get("/catalogue/", {"q": "siromastva", "lang": "sr"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Канцеларија за смањење сиромаштва" in html
    assert "RS-SMITROVICA" in html  # provenance: the publishing node and revision
    portal = client.get("/portal/", {"q": "siromastva"}).content.decode()
    assert "RS-SMITROVICA</code>" not in portal  # the public page leaves provenance out
