from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from common.catalogue.models import FederatedService
from contracts.envelope import open_envelope, parse_envelope
from contracts.messages import read_message
from node.catalogue.models import Service
from node.exchange.models import OutboxMessage
from tests.factories import resolver_for
from tests.node.conftest import Federation

NEW_SERVICE = {
    "name": {"mk": "Мобилен тим", "en": "Mobile team"},
    "description": {"en": "Visits at home."},
    "organization_name": {"mk": "Општина Бутел"},
    "target_groups": ["elderly"],
    "languages": ["mk", "sq"],
    "city": "Скопје",
    "address_1": "ул. Петар Ацев 2",
    "country": "MK",
}


@pytest.fixture
def caseworker(db: None) -> APIClient:
    client = APIClient()
    client.force_authenticate(User.objects.create_user("caseworker"))
    return client


def _own_message(federation: Federation, row: OutboxMessage) -> Any:
    resolver = resolver_for(federation.node_key, "MK-BUTEL")
    return read_message(open_envelope(parse_envelope(bytes(row.envelope)), resolve_key=resolver))


def test_creating_a_service_writes_a_signed_message_to_the_outbox(
    federation: Federation, caseworker: APIClient
) -> None:
    response = caseworker.post("/api/v1/services", NEW_SERVICE, format="json")
    assert response.status_code == 201, response.content
    row = OutboxMessage.objects.get()
    event = _own_message(federation, row)
    assert (event.type, event.source, event.sequence) == ("catalogue.service", "MK-BUTEL", 1)
    assert str(event.data.id) == response.json()["id"]
    assert event.data.name == NEW_SERVICE["name"]
    # The node's own entry is part of the federated catalogue straight away.
    assert FederatedService.objects.get().origin == "MK-BUTEL"


def test_editing_a_service_publishes_a_new_revision_with_the_next_sequence(
    federation: Federation, caseworker: APIClient
) -> None:
    service_id = caseworker.post("/api/v1/services", NEW_SERVICE, format="json").json()["id"]
    response = caseworker.patch(f"/api/v1/services/{service_id}", {"phone": "+389 2 111 222"}, format="json")
    assert response.json()["revision"] == 2
    last = _own_message(federation, OutboxMessage.objects.order_by("-sequence").first())
    assert (last.sequence, last.data.revision, last.data.contact.phone) == (2, 2, "+389 2 111 222")


def test_withdrawing_a_service_removes_it_from_the_catalogue_and_tells_the_federation(
    federation: Federation, caseworker: APIClient
) -> None:
    service_id = caseworker.post("/api/v1/services", NEW_SERVICE, format="json").json()["id"]
    assert caseworker.delete(f"/api/v1/services/{service_id}").status_code == 200
    last = _own_message(federation, OutboxMessage.objects.order_by("-sequence").first())
    assert last.data.status == "defunct"
    assert caseworker.get("/api/v1/catalogue").json()["count"] == 0


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"name": {"de": "Mobiles Team"}}, "name.de.[key]", "unknown-language"),
        ({"target_groups": ["astronauts"]}, "target_groups.0", "unknown-code"),
        ({"taxonomy_terms": ["astrology"]}, "taxonomy_terms.0", "unknown-code"),
        ({"name": {}}, "name", "schema-violation"),
    ],
)
def test_an_invalid_service_is_refused_with_the_field_named_and_nothing_is_stored(
    federation: Federation, caseworker: APIClient, change: dict[str, Any], field: str, code: str
) -> None:
    response = caseworker.post("/api/v1/services", NEW_SERVICE | change, format="json")
    assert (response.status_code, response.json()["code"]) == (422, code)
    assert field in [d["field"] for d in response.json()["detail"]]
    assert (Service.objects.count(), OutboxMessage.objects.count()) == (0, 0)


def test_an_anonymous_visitor_may_read_the_catalogue_but_not_change_it(federation: Federation) -> None:
    client = APIClient()
    assert client.get("/api/v1/catalogue").status_code == 200
    response = client.post("/api/v1/services", NEW_SERVICE, format="json")
    assert (response.status_code, response.json()["code"]) == (401, "not-authenticated")
    assert Service.objects.count() == 0


def test_a_node_that_is_not_enrolled_refuses_to_publish(db: None, caseworker: APIClient) -> None:
    response = caseworker.post("/api/v1/services", NEW_SERVICE, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "not-enrolled")
    assert Service.objects.count() == 0


def test_the_home_page_shows_the_federated_catalogue_in_the_visitors_language(
    federation: Federation, caseworker: APIClient
) -> None:
    caseworker.post("/api/v1/services", NEW_SERVICE, format="json")
    page = APIClient().get("/", HTTP_ACCEPT_LANGUAGE="mk").content.decode()
    assert ("Мобилен тим" in page, "Mobile team" in page) == (True, False)
    assert "MK-BUTEL" in page


def test_staff_add_a_service_in_the_admin_with_one_input_per_language_and_it_is_published(
    federation: Federation,
) -> None:
    from django.test import Client

    from node.catalogue.models import Organization
    from node.catalogue.services import entry_create

    organization = entry_create(
        Organization, fields={"organization_type": "municipality", "name": {"mk": "Општина Бутел"}}
    )
    client = Client()
    client.force_login(User.objects.create_superuser("staff"))
    form = client.get("/admin/catalogue/service/add/").content.decode()
    assert 'name="name__sr-Latn"' in form
    assert 'name="eligibility_description__sq"' in form
    response = client.post(
        "/admin/catalogue/service/add/",
        {
            "status": "active",
            "organization": str(organization.id),
            "name__mk": "Мобилен тим",
            "name__en": "Mobile team",
            "target_groups": ["elderly"],
            "taxonomy_terms": ["home_care"],
            "languages": ["mk"],
            "schedules": "[]",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    service = Service.objects.get()
    assert (service.name, service.organization_id) == (
        {"mk": "Мобилен тим", "en": "Mobile team"},
        organization.id,
    )
    event = _own_message(federation, OutboxMessage.objects.order_by("-sequence").first())
    assert event.data.organization.name == {"mk": "Општина Бутел"}  # the organisation's own name
    change = client.get(f"/admin/catalogue/service/{service.id}/change/").content.decode()
    assert 'name="name__mk" value="Мобилен тим"' in change
    refused = client.post(
        "/admin/catalogue/service/add/",
        {"status": "active", "name__en": "No organisation name", "schedules": "[]"},
    )
    assert refused.status_code == 200
    assert "organization.name" in refused.content.decode()
    assert Service.objects.count() == 1
