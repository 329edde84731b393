"""Importing an Open Referral HSDS data package: valid records imported and published, each
broken row reported with its code and left out, with everything that refers to it."""

from __future__ import annotations

import csv
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from common.catalogue.models import FederatedService
from common.catalogue.selectors import Search, catalogue_search
from node.catalogue.importer import ImportFormatError, catalogue_import
from node.catalogue.models import Location, Organization, Service, ServiceAtLocation
from node.exchange.models import OutboxMessage
from tests.node.conftest import Federation

ORG, BROKEN_ORG, PLACE = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
GOOD, UNKNOWN_TERM, NO_NAME, ORPHAN = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def _write(folder: Path, name: str, rows: list[dict[str, Any]]) -> None:
    with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=sorted({k for row in rows for k in row}))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    _write(
        tmp_path,
        "organizations",
        [
            {
                "id": ORG,
                "name": "Центар за социјални рад Рума",
                "name@en": "Centre for Social Work Ruma",
                "x_organization_type": "social_work_centre",
                "email": "csr@example.org",
            },
            {"id": BROKEN_ORG, "name": "", "x_organization_type": "social_work_centre"},
        ],
    )
    _write(
        tmp_path,
        "locations",
        [
            {
                "id": PLACE,
                "organization_id": ORG,
                "name": "Шалтер сала",
                "latitude": "45.0",
                "longitude": "19.8",
            }
        ],
    )
    _write(
        tmp_path,
        "addresses",
        [
            {"location_id": PLACE, "address_1": "Главна 1", "city": "Рума", "country": "RS"},
            {"organization_id": ORG, "address_1": "Орловићева 5", "city": "Рума", "country": "RS"},
        ],
    )
    _write(
        tmp_path,
        "accessibility",
        [{"location_id": PLACE, "description": "Рампа на улазу.", "description@en": "A ramp at the door."}],
    )
    _write(
        tmp_path,
        "services",
        [
            {
                "id": GOOD,
                "organization_id": ORG,
                "name": "Народна кухиња",
                "name@en": "Soup kitchen",
                "x_taxonomy_terms": "food",
                "x_target_groups": "social_assistance_recipient elderly",
            },
            {
                "id": UNKNOWN_TERM,
                "organization_id": ORG,
                "name": "Астрологија",
                "x_taxonomy_terms": "astrology",
            },
            {"id": NO_NAME, "organization_id": ORG, "name": ""},
            {"id": ORPHAN, "organization_id": BROKEN_ORG, "name": "Сироче"},
            {"id": "not-a-uuid", "organization_id": ORG, "name": "Без ид"},
        ],
    )
    _write(tmp_path, "service_at_locations", [{"id": uuid.uuid4(), "service_id": GOOD, "location_id": PLACE}])
    _write(
        tmp_path,
        "schedules",
        [{"service_id": GOOD, "byday": "MO,WE,FR", "opens_at": "11:00", "closes_at": "14:00"}],
    )
    _write(tmp_path, "languages", [{"service_id": GOOD, "code": "sr-Cyrl"}])
    return tmp_path


def test_a_csv_package_imports_its_valid_records_and_reports_each_broken_row(
    federation: Federation, package: Path
) -> None:
    report = catalogue_import(package, language="sr-Cyrl")
    refused = {(e.table, e.row, e.code) for e in report.errors}
    assert refused == {
        ("organizations", 2, "schema-violation"),  # no name
        ("services", 2, "unknown-code"),
        ("services", 3, "schema-violation"),
        ("services", 4, "unknown-reference"),  # its organisation was refused
        ("services", 5, "schema-violation"),  # id not a UUID
    }
    assert (Organization.objects.count(), Location.objects.count(), Service.objects.count()) == (1, 1, 1)
    assert ServiceAtLocation.objects.count() == 1
    service = Service.objects.get()
    assert (service.id, service.name) == (GOOD, {"sr-Cyrl": "Народна кухиња", "en": "Soup kitchen"})
    assert service.schedules == [{"byday": ["MO", "WE", "FR"], "opens_at": "11:00", "closes_at": "14:00"}]
    # Published: one message per imported record, and searchable at once (Latin input).
    assert OutboxMessage.objects.count() == 4
    assert [r.service_id for r in catalogue_search(Search(query="narodna kuhinja"))] == [GOOD]
    assert " ruma " in FederatedService.objects.get(service_id=GOOD).search_key  # its location's city


def test_an_organisations_address_and_a_locations_accessibility_come_from_their_tables(
    federation: Federation, package: Path
) -> None:
    catalogue_import(package, language="sr-Cyrl")
    organization, place = Organization.objects.get(), Location.objects.get()
    assert (organization.address_1, organization.city) == ("Орловићева 5", "Рума")
    assert (place.address_1, place.city) == ("Главна 1", "Рума")
    assert place.accessibility == {"sr-Cyrl": "Рампа на улазу.", "en": "A ramp at the door."}


def test_importing_the_same_package_again_changes_nothing(federation: Federation, package: Path) -> None:
    catalogue_import(package, language="sr-Cyrl")
    sent = OutboxMessage.objects.count()
    again = catalogue_import(package, language="sr-Cyrl")
    assert again.imported == 0
    assert again.unchanged["services"] == 1
    assert OutboxMessage.objects.count() == sent


def test_a_dry_run_checks_everything_and_imports_nothing(federation: Federation, package: Path) -> None:
    report = catalogue_import(package, language="sr-Cyrl", dry_run=True)
    assert len(report.errors) == 5
    assert (Service.objects.count(), OutboxMessage.objects.count()) == (0, 0)


def test_an_entry_another_node_published_is_refused_as_not_owner(
    federation: Federation, package: Path
) -> None:
    from django.utils import timezone

    FederatedService.objects.create(
        service_id=GOOD, origin="MK-CAIR", revision=1, status="active", data={}, published_at=timezone.now()
    )
    report = catalogue_import(package, language="sr-Cyrl")
    assert ("services", 1, "not-owner") in {(e.table, e.row, e.code) for e in report.errors}
    assert not Service.objects.filter(id=GOOD).exists()


def test_a_nested_json_package_as_the_hsds_api_serves_it_imports_too(
    federation: Federation, tmp_path: Path
) -> None:
    nested = [
        {
            "id": str(GOOD),
            "name": "Soup kitchen",
            "organization_id": str(ORG),
            "organization": {"id": str(ORG), "name": "Red Cross Ruma", "x_organization_type": "ngo"},
            "attributes": [{"taxonomy_term": {"code": "food"}}],
            "service_at_locations": [
                {
                    "id": str(uuid.uuid4()),
                    "location_id": str(PLACE),
                    "location": {
                        "id": str(PLACE),
                        "organization_id": str(ORG),
                        "name": "Kitchen",
                        "addresses": [{"address_1": "Glavna 1", "city": "Ruma", "country": "RS"}],
                    },
                }
            ],
        }
    ]
    path = tmp_path / "services.json"
    path.write_text(json.dumps(nested))
    report = catalogue_import(path)
    assert report.errors == []
    assert report.created == {"organizations": 1, "locations": 1, "services": 1, "service_at_locations": 1}
    assert Service.objects.get().taxonomy_terms == ["food"]


@pytest.mark.parametrize("content", ["{not json", '{"something": 1}', "42"])
def test_a_file_that_is_no_hsds_package_is_refused_whole(
    federation: Federation, tmp_path: Path, content: str
) -> None:
    path = tmp_path / "package.json"
    path.write_text(content)
    with pytest.raises(ImportFormatError):
        catalogue_import(path)
    assert Service.objects.count() == 0


def test_the_command_prints_row_errors_and_exits_non_zero(
    federation: Federation, package: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        call_command("catalogue_import", str(package), "--language", "sr-Cyrl")
    assert exited.value.code == 1
    out, err = capsys.readouterr()
    assert "imported 4 records; 5 refused" in out
    assert "services.csv row 2 (id " in err
    assert "unknown-code" in err
