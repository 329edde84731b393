"""The hub's federated catalogue: projected from its own log, searchable, readable through the
Open Referral HSDS API and the public portal."""

from __future__ import annotations

import io
import json
import uuid
from typing import Any

import pytest
from django.test import Client
from pydantic import BaseModel

from common.catalogue.models import FederatedEntry, FederatedService
from contracts.catalogue import CatalogueWithdrawalV1, LocationV1, OrganizationV1, ServiceAtLocationV1
from hub.exchange.projections import projection_rebuild, projection_run
from tests.factories import service_data, signed_message
from tests.hub.conftest import NodeClient, operator_client

pytestmark = pytest.mark.django_db


class Publisher:
    def __init__(self, node: NodeClient) -> None:
        self.node, self.sequence = node, 0

    def send(self, message_type: str, data: BaseModel) -> None:
        self.sequence += 1
        envelope = signed_message(
            key=self.node.key,
            source=self.node.code,
            message_type=message_type,
            data=data,
            sequence=self.sequence,
        )
        response = self.node.post("/api/v1/messages", json.dumps({"messages": [envelope.to_wire()]}).encode())
        assert response.json()["results"][0]["status"] == "accepted", response.content


def _ruma_catalogue(ruma: Publisher) -> dict[str, Any]:
    org = OrganizationV1(
        id=uuid.uuid4(),
        revision=1,
        status="active",
        organization_type="social_work_centre",
        name={"sr-Cyrl": "Центар за социјални рад Рума", "sr-Latn": "Centar za socijalni rad Ruma"},
    )
    place = LocationV1.model_validate(
        {
            "id": uuid.uuid4(),
            "revision": 1,
            "status": "active",
            "organization_id": org.id,
            "name": {"sr-Cyrl": "Шалтер сала"},
            "address": {"address_1": "Главна 1", "city": "Рума", "country": "RS"},
            "latitude": 45.0,
            "longitude": 19.8,
            "schedules": [
                {"byday": ["MO", "TU", "WE", "TH", "FR"], "opens_at": "07:30", "closes_at": "15:30"}
            ],
        }
    )
    service = service_data(
        name={"sr-Cyrl": "Народна кухиња", "en": "Soup kitchen"},
        organization={"name": {"sr-Cyrl": "Центар за социјални рад Рума"}},
        organization_id=org.id,
        taxonomy_terms=("food",),
        target_groups=("social_assistance_recipient",),
    )
    at = ServiceAtLocationV1(
        id=uuid.uuid4(), revision=1, status="active", service_id=service.id, location_id=place.id
    )
    for message_type, data in (
        ("catalogue.organization", org),
        ("catalogue.location", place),
        ("catalogue.service", service),
        ("catalogue.service_at_location", at),
    ):
        ruma.send(message_type, data)
    return {"organization": org, "location": place, "service": service, "at": at}


@pytest.fixture
def ruma(db: None) -> Publisher:
    from tests.hub.conftest import enrolled_node

    return Publisher(enrolled_node("RS-RUMA", "Рума"))


def test_the_hub_reads_every_catalogue_message_of_its_log_into_its_catalogue(
    ruma: Publisher, butel: NodeClient
) -> None:
    entries = _ruma_catalogue(ruma)
    report = projection_run(name="catalogue")
    assert (report.read, report.applied, report.refused) == (4, 4, 0)
    row = FederatedService.objects.get(service_id=entries["service"].id)
    assert (row.origin, row.revision, row.organization_id) == ("RS-RUMA", 1, entries["organization"].id)
    # Its location's city and its organisation's Latin name are part of what search finds.
    assert " ruma " in row.search_key
    assert " socialni " in row.search_key
    assert {o.weekday for o in row.openings.all()} == {0, 1, 2, 3, 4}  # from the location's hours
    assert FederatedEntry.objects.count() == 3
    assert projection_run(name="catalogue").read == 0  # nothing new: nothing read again


def test_the_projection_counts_each_message_once_however_many_pages_it_reads(ruma: Publisher) -> None:
    from hub.exchange.models import ProjectionCursor

    _ruma_catalogue(ruma)
    report = projection_run(name="catalogue", page_size=1)
    state = ProjectionCursor.objects.get(name="catalogue")
    assert (report.read, report.applied) == (4, 4)
    assert (state.position, state.applied_total, state.refused_total) == (4, 4, 0)


def test_a_withdrawal_and_a_hijack_at_the_hub_follow_the_same_rules_as_at_nodes(
    ruma: Publisher, butel: NodeClient
) -> None:
    entries = _ruma_catalogue(ruma)
    hijacker = Publisher(butel)
    hijacker.send(
        "catalogue.service", service_data(id=entries["service"].id, revision=9, name={"en": "Mine"})
    )
    ruma.send(
        "catalogue.withdrawal",
        CatalogueWithdrawalV1(entry_type="service", id=entries["service"].id, revision=2),
    )
    report = projection_run(name="catalogue")
    assert (report.applied, report.refused) == (5, 1)
    row = FederatedService.objects.get(service_id=entries["service"].id)
    assert (row.status, row.revision, row.data["name"]["en"]) == ("defunct", 2, "Soup kitchen")
    assert Client().get("/api/hsds/services").json()["total_items"] == 0


def test_the_catalogue_rebuilds_from_the_log_alone(ruma: Publisher) -> None:
    _ruma_catalogue(ruma)
    projection_run(name="catalogue")
    before = list(FederatedService.objects.values_list("service_id", "revision", "search_key"))
    report = projection_rebuild(name="catalogue")
    assert report.applied == 4
    assert list(FederatedService.objects.values_list("service_id", "revision", "search_key")) == before


def test_the_hsds_api_lists_services_and_organisations_and_nests_a_full_service(ruma: Publisher) -> None:
    entries = _ruma_catalogue(ruma)
    projection_run(name="catalogue")
    client = Client()
    root = client.get("/api/hsds/").json()
    assert root["version"] == "3.0"
    page = client.get("/api/hsds/services", {"search": "narodna kuhinja", "lang": "sr-Latn"}).json()
    assert {k: page[k] for k in ("total_items", "total_pages", "page_number", "size", "empty")} == {
        "total_items": 1,
        "total_pages": 1,
        "page_number": 1,
        "size": 1,
        "empty": False,
    }
    listed = page["contents"][0]
    assert (listed["id"], listed["name"], listed["organization_id"]) == (
        str(entries["service"].id),
        "Narodna kuhinja",  # no Latin text: the Cyrillic, letter for letter in Latin
        str(entries["organization"].id),
    )
    full = client.get(f"/api/hsds/services/{entries['service'].id}", {"lang": "en"}).json()
    assert full["name"] == "Soup kitchen"
    assert full["organization"]["name"] == "Centar za socijalni rad Ruma"  # no English: the Latin Serbian
    (at,) = full["service_at_locations"]
    assert at["location"]["addresses"][0]["city"] == "Рума"
    assert at["location"]["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    assert full["attributes"][0]["taxonomy_term"]["code"] == "food"
    orgs = client.get("/api/hsds/organizations", {"search": "centar ruma"}).json()
    assert [o["id"] for o in orgs["contents"]] == [str(entries["organization"].id)]
    org = client.get(f"/api/hsds/organizations/{entries['organization'].id}").json()
    assert [s["id"] for s in org["services"]] == [str(entries["service"].id)]
    terms = client.get("/api/hsds/taxonomy_terms", {"lang": "mk", "per_page": 100}).json()
    assert terms["total_items"] == len(terms["contents"]) >= 15


def test_the_hsds_api_filters_by_taxonomy_term_and_pages(ruma: Publisher) -> None:
    from common.catalogue.hsds import term_id

    _ruma_catalogue(ruma)
    for n in range(3):
        ruma.send(
            "catalogue.service", service_data(name={"en": f"Extra {n}"}, taxonomy_terms=("counselling",))
        )
    projection_run(name="catalogue")
    client = Client()
    food = client.get("/api/hsds/services", {"taxonomy_term_id": term_id("food")}).json()
    assert food["total_items"] == 1
    second = client.get("/api/hsds/services", {"per_page": 2, "page": 2}).json()
    assert (second["total_items"], second["total_pages"], second["size"], second["last_page"]) == (
        4,
        2,
        2,
        True,
    )


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"per_page": "0"}, "per_page"),
        ({"page": "x"}, "page"),
        ({"taxonomy_term_id": "astrology"}, "taxonomy_term_id"),
        ({"modified_after": "yesterday"}, "modified_after"),
        ({"organization_id": "not-a-uuid"}, "organization_id"),
    ],
)
def test_the_hsds_api_refuses_bad_parameters_with_a_stable_code(params: dict[str, str], field: str) -> None:
    response = Client().get("/api/hsds/services", params)
    assert (response.status_code, response.json()["code"]) == (400, "invalid-search")
    assert response.json()["detail"]["field"] == field


def test_an_unknown_or_withdrawn_service_is_not_found(db: None) -> None:
    response = Client().get(f"/api/hsds/services/{uuid.uuid4()}")
    assert (response.status_code, response.json()["code"]) == (404, "not-found")


def test_the_public_portal_finds_a_service_from_latin_input_in_the_asked_language(ruma: Publisher) -> None:
    _ruma_catalogue(ruma)
    projection_run(name="catalogue")
    page = Client().get("/portal/", {"q": "narodna kuhinja", "lang": "sr-latn"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Narodna kuhinja" in html  # a Latin page reads Serbian Cyrillic in Latin letters
    assert "Ruma" in html
    assert "Народна кухиња" not in html
    assert 'lang="sr-latn"' in html
    assert "https://" not in html.split("<footer>")[0].split("</head>")[0]  # no external assets
    refused = Client().get("/portal/", {"target_group": "astronauts"})
    assert refused.status_code == 400
    assert "astronauts" in refused.content.decode()


def _logged_as_an_earlier_hub_did(publisher: Publisher, data: BaseModel) -> int:
    """Put ``data`` in the log as a hub with looser checks would have: a message is sent and
    logged, then its stored bytes are those of a correctly signed message that today's checks
    would refuse at ingest."""
    from hub.exchange.models import Message

    publisher.send("catalogue.service", service_data())
    index = Message.objects.order_by("-log_index").values_list("log_index", flat=True)[0]
    envelope = signed_message(
        key=publisher.node.key,
        source=publisher.node.code,
        message_type="catalogue.service",
        data=data,
        sequence=publisher.sequence,
    )
    Message.objects.filter(log_index=index).update(envelope=json.dumps(envelope.to_wire()).encode())
    return index


def test_a_logged_message_the_catalogue_cannot_apply_is_set_aside_and_the_rest_is_applied(
    ruma: Publisher,
) -> None:
    from hub.exchange.selectors import projection_dead_letters

    before = service_data(name={"en": "Before the poison"})
    ruma.send("catalogue.service", before)
    poison = _logged_as_an_earlier_hub_did(ruma, service_data().model_copy(update={"revision": 2**70}))
    after = service_data(name={"en": "After the poison"})
    ruma.send("catalogue.service", after)
    report = projection_run(name="catalogue")
    assert report.position == poison + 1
    assert set(FederatedService.objects.values_list("service_id", flat=True)) == {before.id, after.id}
    [dead] = projection_dead_letters()
    assert (dead.consumer, dead.log_index, dead.code) == ("catalogue", poison, "schema-violation")
    assert projection_run(name="catalogue").read == 0  # it moved on for good: nothing is read again


def test_a_dead_letter_of_the_catalogue_is_listed_and_discarded_by_the_operator_command(
    ruma: Publisher,
) -> None:
    from django.core.management import call_command

    poison = _logged_as_an_earlier_hub_did(ruma, service_data().model_copy(update={"revision": 2**70}))
    projection_run(name="catalogue")
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_code:
        call_command("dead_letters", stdout=out)
    assert exit_code.value.code == 1
    assert f"catalogue #{poison}  schema-violation" in out.getvalue()
    call_command("dead_letters", "--discard", str(poison), "--note", "bad revision from RS-RUMA", stdout=out)
    out = io.StringIO()
    call_command("dead_letters", stdout=out)
    assert out.getvalue().strip() == "0 open dead letter(s)"


def test_a_dead_letter_still_refused_on_retry_stays_open(ruma: Publisher) -> None:
    from django.core.management import call_command

    poison = _logged_as_an_earlier_hub_did(ruma, service_data().model_copy(update={"revision": 2**70}))
    projection_run(name="catalogue")
    out = io.StringIO()
    call_command("dead_letters", "--retry", str(poison), stdout=out)
    assert out.getvalue().startswith(f"catalogue: log index {poison}: still refused: schema-violation")
    with pytest.raises(SystemExit):
        call_command("dead_letters", stdout=io.StringIO())


def test_the_hubs_dead_letters_show_on_its_dashboard_status_and_metrics(ruma: Publisher) -> None:
    poison = _logged_as_an_earlier_hub_did(ruma, service_data().model_copy(update={"revision": 2**70}))
    projection_run(name="catalogue")
    client = operator_client()
    assert f"#{poison}" in client.get("/").content.decode()
    status = client.get("/api/v1/sync-status").json()
    assert [(d["log_index"], d["code"]) for d in status["hub_dead_letters"]] == [(poison, "schema-violation")]
    assert 'socialhub_hub_dead_letters{consumer="catalogue"} 1.0' in client.get("/metrics").content.decode()
