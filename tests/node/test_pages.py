"""The node's pages as a new user meets them: a withdrawal is called one, a saved service is
named, times read as the locale writes them, a service's addresses stay together, a text falls
back to its reader's closest language, and a Latin page reads Latin."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import translation
from django.utils.html import strip_tags

from common.catalogue.models import FederatedService
from common.entities import vocabulary_name
from common.languages import place_name, text_in
from node.catalogue.models import Location, Organization, Service, ServiceAtLocation
from node.catalogue.services import entry_create
from node.exchange.models import SyncState
from node.federation.models import Peer
from tests.node.conftest import Federation

SERBIAN_ONLY = {"sr-Cyrl": "Народна кухиња"}
ADD = "/admin/catalogue/service/add/"


@pytest.fixture
def staff(federation: Federation) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("staff"))
    return client


def _service(**fields: Any) -> Service:
    return entry_create(
        Service, fields={"name": SERBIAN_ONLY, "organization_name": {"sr-Cyrl": "ЦСР Рума"}} | fields
    )


def _added(staff: Client, **fields: Any) -> Any:
    organization = entry_create(
        Organization, fields={"organization_type": "municipality", "name": {"mk": "Општина Бутел"}}
    )
    data = {"status": "active", "organization": str(organization.id), "name__mk": "Мобилен тим"} | fields
    return staff.post(ADD, data, HTTP_ACCEPT_LANGUAGE="mk")


# --- a text's language ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "shown"),
    [
        ("mk", "Народна кухиња"),
        ("bg", "Народна кухиња"),
        ("sr-Latn", "Narodna kuhinja"),
        ("sr-Cyrl", "Народна кухиња"),
        ("en", "Soup kitchen"),
        ("sq", "Soup kitchen"),
    ],
)
def test_a_serbian_entry_is_read_in_serbian_before_english_by_a_reader_of_a_close_language(
    tag: str, shown: str
) -> None:
    assert text_in(SERBIAN_ONLY | {"en": "Soup kitchen"}, tag) == shown


def test_a_serbian_latin_text_is_written_in_cyrillic_for_a_serbian_cyrillic_reader() -> None:
    assert (text_in({"sr-Latn": "Narodna kuhinja"}, "sr-Cyrl"), text_in({}, "mk")) == ("Народна кухиња", "")


def test_a_code_is_named_in_the_closest_language_it_has_a_name_in() -> None:
    with translation.override("mk"):
        assert vocabulary_name({"sr-Cyrl": "Стари", "en": "Elderly"}, "elderly") == "Стари"
    with translation.override("sq"):
        assert vocabulary_name({}, "elderly") == "elderly"


def test_a_members_name_is_transliterated_by_its_countrys_rules_for_a_latin_reader_only() -> None:
    assert [
        place_name("Чучер-Сандево", code="MK-CUCER", tag="sr-Latn"),
        place_name("Стрелча", code="BG-STRELCHA", tag="en"),
        place_name("Сремска Митровица", code="RS-SREMSKA", tag="sq"),
        place_name("Бутел", code="MK-BUTEL", tag="mk"),
    ] == ["Čučer-Sandevo", "Strelcha", "Sremska Mitrovica", "Бутел"]


def test_the_macedonian_catalogue_page_shows_a_serbian_only_service_in_serbian(staff: Client) -> None:
    _service(description={"sr-Cyrl": "Топли оброк.", "en": "A hot meal."})
    page = staff.get("/catalogue/?lang=mk")
    assert page.status_code == 200
    assert ("Народна кухиња" in page.content.decode(), "A hot meal." in page.content.decode()) == (
        True,
        False,
    )


def test_the_portal_in_serbian_latin_writes_names_and_places_in_latin(staff: Client) -> None:
    Peer.objects.filter(code="MK-BUTEL").update(name="Бутел")
    _service(address_1="Главна 1", city="Рума", country="RS")
    page = Client().get("/portal/?lang=sr-latn")
    body = page.content.decode()
    assert page.status_code == 200
    assert [text in body for text in ("Narodna kuhinja", "Glavna 1, Ruma", ">Butel<")] == [True, True, True]
    assert [text in body for text in ("Народна", "Главна", "Бутел")] == [False, False, False]


# --- addresses and times -------------------------------------------------------------------------


def test_a_services_two_addresses_are_one_entry_beside_one_label(staff: Client) -> None:
    service = _service(address_1="Главна 1", city="Рума", country="RS")
    location = entry_create(
        Location,
        fields={
            "organization": entry_create(
                Organization, fields={"organization_type": "municipality", "name": {"mk": "Рума"}}
            ).id,
            "name": {"sr-Cyrl": "МЗ Путинци"},
            "address_1": "Школска 4",
            "city": "Путинци",
            "country": "RS",
        },
    )
    entry_create(ServiceAtLocation, fields={"service": service.id, "location": location.id})
    body = staff.get("/catalogue/?lang=mk").content.decode()
    where = body[body.index('<dt class="where">') : body.index("</dd>", body.index('<dd class="where">'))]
    assert where.count("<dt") == 1
    assert where.count("<li>") == 2


def test_the_caseworkers_page_writes_the_publication_time_as_the_locale_does(staff: Client) -> None:
    _service()
    FederatedService.objects.update(published_at=dt.datetime(2026, 3, 4, 9, 5, tzinfo=dt.UTC))
    body = staff.get("/catalogue/?lang=mk").content.decode()
    assert "4.03.2026 10:05" in body  # Skopje time, in Macedonian order
    assert "2026-03-04" not in body.replace('datetime="2026-03-04', "")


def test_the_sync_panel_writes_the_last_push_and_pull_as_the_locale_does(staff: Client) -> None:
    when = dt.datetime(2026, 3, 4, 9, 5, tzinfo=dt.UTC)
    SyncState.objects.create(last_push_at=when, last_pull_at=when)
    body = staff.get("/admin/", HTTP_ACCEPT_LANGUAGE="mk").content.decode()
    assert body.count("4.03.2026 10:05") == 2
    assert when.isoformat() not in body


# --- the add-service form ------------------------------------------------------------------------


def test_the_add_service_form_starts_with_the_name_and_speaks_the_readers_language(staff: Client) -> None:
    page = staff.get(ADD, HTTP_ACCEPT_LANGUAGE="mk")
    body = page.content.decode()
    assert page.status_code == 200
    assert (
        body.index('name="name__mk"')
        < body.index('name="organization"')
        < body.index('name="description__mk"')
    )
    assert body.index('name="name__mk"') < body.index("<details") < body.index('name="name__en"')
    assert [text in body for text in ("Каде и кога", "За кого е", "Други јазици", "Додај работно време")] == [
        True
    ] * 4
    assert [text in body for text in ("Where and when", "Other languages", '"byday"')] == [False] * 3


def test_opening_hours_given_in_rows_are_saved_as_the_published_list(staff: Client) -> None:
    response = _added(
        staff,
        **{
            "schedules-rows": "3",
            "schedules-0-byday": ["MO", "TU"],
            "schedules-0-opens_at": "08:00",
            "schedules-0-closes_at": "16:00",
            "schedules-2-byday": ["SA"],
            "schedules-2-opens_at": "09:00:00",
            "schedules-2-closes_at": "12:00",
        },
    )
    assert response.status_code == 302
    assert Service.objects.get().schedules == [
        {"byday": ["MO", "TU"], "opens_at": "08:00", "closes_at": "16:00"},
        {"byday": ["SA"], "opens_at": "09:00", "closes_at": "12:00"},
    ]
    change = staff.get(f"/admin/catalogue/service/{Service.objects.get().id}/change/").content.decode()
    assert 'name="schedules-rows" value="3"' in change  # the two saved and a blank one
    assert 'name="schedules-1-byday" value="SA" checked' in change


def test_a_row_of_hours_with_days_but_no_times_is_refused_and_nothing_is_stored(staff: Client) -> None:
    response = _added(staff, **{"schedules-rows": "1", "schedules-0-byday": ["MO"]})
    assert response.status_code == 200
    assert "Ред 1: изберете барем еден ден и кога се отвора и затвора." in response.content.decode()
    assert Service.objects.count() == 0


def test_a_saved_service_is_announced_by_its_name_in_the_readers_language(staff: Client) -> None:
    response = _added(staff, name__en="Mobile team")
    assert response.status_code == 302
    (message,) = [strip_tags(str(m)) for m in get_messages(response.wsgi_request)]
    assert "„Мобилен тим“" in message or "“Мобилен тим”" in message
    assert str(Service.objects.get().id) not in message


# --- a withdrawal --------------------------------------------------------------------------------


def test_the_delete_page_of_a_service_offers_to_withdraw_it_and_says_it_is_not_erased(staff: Client) -> None:
    service = _service()
    url = f"/admin/catalogue/service/{service.id}/delete/"
    page = staff.get(url, HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Withdraw the service “Народна кухиња” from the federation?" in body
    assert "It is not erased" in body
    assert "will be deleted" not in body
    done = staff.post(url, {"post": "yes"}, HTTP_ACCEPT_LANGUAGE="en")
    assert done.status_code == 302
    assert Service.objects.get().status == Service.Status.DEFUNCT
    (message,) = [str(m) for m in get_messages(done.wsgi_request)]
    assert (
        message
        == "The service “Народна кухиња” was withdrawn from the federation: it stays here as withdrawn."
    )


def test_a_service_with_places_can_be_withdrawn_for_nothing_is_erased(staff: Client) -> None:
    service = _service()
    location = entry_create(
        Location,
        fields={
            "organization": entry_create(
                Organization, fields={"organization_type": "municipality", "name": {"mk": "Рума"}}
            ).id,
            "name": {"sr-Cyrl": "МЗ"},
            "address_1": "Школска 4",
            "city": "Путинци",
            "country": "RS",
        },
    )
    entry_create(ServiceAtLocation, fields={"service": service.id, "location": location.id})
    done = staff.post(f"/admin/catalogue/service/{service.id}/delete/", {"post": "yes"})
    assert done.status_code == 302
    assert (Service.objects.get().status, ServiceAtLocation.objects.count()) == (Service.Status.DEFUNCT, 1)


def test_the_list_offers_withdrawal_in_the_readers_language_not_deletion(staff: Client) -> None:
    service = _service()
    body = staff.get("/admin/catalogue/service/", HTTP_ACCEPT_LANGUAGE="mk").content.decode()
    assert "Повлечи ги избраните услуги од федерацијата" in body
    assert 'value="delete_selected"' not in body
    form = {"action": "withdraw_selected", "_selected_action": [str(service.id)]}
    confirm = staff.post("/admin/catalogue/service/", form, HTTP_ACCEPT_LANGUAGE="mk")
    assert confirm.status_code == 200
    assert "Не се бришат" in confirm.content.decode()
    done = staff.post("/admin/catalogue/service/", form | {"post": "yes"}, HTTP_ACCEPT_LANGUAGE="mk")
    assert done.status_code == 302
    assert Service.objects.get().status == Service.Status.DEFUNCT
    assert [str(m) for m in get_messages(done.wsgi_request)] == [
        "1 запис е повлечен од федерацијата: останува тука како повлечен."
    ]


def test_the_change_page_links_to_a_withdrawal_not_a_deletion(staff: Client) -> None:
    body = staff.get(
        f"/admin/catalogue/service/{_service().id}/change/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'class="deletelink">Withdraw from the federation</a>' in body


def test_the_admin_list_writes_when_an_entry_changed_as_the_locale_does(staff: Client) -> None:
    service = _service()
    Service.objects.filter(pk=service.pk).update(updated_at=dt.datetime(2026, 3, 4, 9, 5, tzinfo=dt.UTC))
    page = staff.get("/admin/catalogue/service/", HTTP_ACCEPT_LANGUAGE="mk")
    assert page.status_code == 200
    assert '<td class="field-updated_at nowrap">4. Март 2026 10:05</td>' in page.content.decode()
