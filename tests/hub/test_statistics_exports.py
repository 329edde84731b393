"""The ministry's exports, checked against the standards' own published schemas: SDMX-JSON 2.0
(the SDMX TWG's data-message schema) keeps every cell with CONF_STATUS and OBS_STATUS; the DHIS2
data value set and ADX leave out suppressed cells and lower-bound sums, which DHIS2 cannot flag;
CSV has a column per breakdown and the flags."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.test import Client

from tests.hub.conftest import NodeClient

pytestmark = pytest.mark.django_db

STANDARDS = Path(__file__).resolve().parents[1] / "standards"
EXPORT = "/api/v1/statistics/export/"
BY_AGE = {"indicator": "field_visits", "period_from": "2026-Q3", "by": "age_band", "level": "municipality"}


def _export(client: Client, token: str, fmt: str, **params: Any) -> Any:
    response = client.get(EXPORT + fmt, params, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content[:300]
    return response


def test_sdmx_json_is_valid_against_the_official_schema_and_carries_the_flags(
    client: Client, token: str, federation: dict[str, NodeClient]
) -> None:
    response = _export(client, token, "sdmx-json", **BY_AGE)
    assert response["Content-Type"].startswith("application/vnd.sdmx.data+json; version=2.0.0")
    message = json.loads(response.content)
    schema = json.loads((STANDARDS / "sdmx-json-2.0.0" / "sdmx-json-data-schema.json").read_text())
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(message)] == []
    structure = message["data"]["structures"][0]
    dimensions = [d["id"] for d in structure["dimensions"]["observation"]]
    assert dimensions == ["INDICATOR", "REF_AREA", "AGE_BAND", "TIME_PERIOD"]
    attributes = [a["id"] for a in structure["attributes"]["observation"]]
    conf, obs = attributes.index("CONF_STATUS"), attributes.index("OBS_STATUS")
    areas = [v["id"] for v in structure["dimensions"]["observation"][1]["values"]]
    bands = [v["id"] for v in structure["dimensions"]["observation"][2]["values"]]
    key = f"0:{areas.index('MK-BUTEL')}:{bands.index('15-17')}:0"
    value, *flags = message["data"]["dataSets"][0]["observations"][key]
    conf_codes = [v["id"] for v in structure["attributes"]["observation"][conf]["values"]]
    obs_codes = [v["id"] for v in structure["attributes"]["observation"][obs]["values"]]
    assert (value, conf_codes[flags[conf]], obs_codes[flags[obs]]) == (None, "A", "Q")
    free = message["data"]["dataSets"][0]["observations"][
        f"0:{areas.index('MK-BUTEL')}:{bands.index('18-24')}:0"
    ]
    assert (free[0], conf_codes[free[1 + conf]]) == (60, "F")


def test_the_dhis2_data_value_set_leaves_out_what_dhis2_cannot_flag(
    client: Client, token: str, federation: dict[str, NodeClient]
) -> None:
    values = json.loads(_export(client, token, "dhis2", **BY_AGE).content)["dataValues"]
    butel = {v["categoryOptionCombo"]: v for v in values if v["orgUnit"] == "MK-BUTEL"}
    assert "AGE_15_17" not in butel  # suppressed in Butel
    assert butel["AGE_18_24"] == {
        "dataElement": "FIELD_VISITS_BY_AGE_BAND",
        "period": "2026Q3",
        "orgUnit": "MK-BUTEL",
        "value": "60",
        "categoryOptionCombo": "AGE_18_24",
    }
    assert all("comment" not in v and "followup" not in v for v in values)
    # A sum with a suppressed part is a lower bound: not sent as if it were the total.
    country = json.loads(_export(client, token, "dhis2", **(BY_AGE | {"level": "country"})).content)[
        "dataValues"
    ]
    assert {(v["orgUnit"], v["categoryOptionCombo"]) for v in country} >= {("MK", "AGE_18_24")}
    assert ("MK", "AGE_15_17") not in {(v["orgUnit"], v["categoryOptionCombo"]) for v in country}


def test_adx_is_valid_against_the_adx_schema_with_periods_and_category_attributes(
    client: Client, token: str, federation: dict[str, NodeClient]
) -> None:
    from lxml import etree

    body = _export(client, token, "adx", **(BY_AGE | {"by": "sex,age_band"})).content
    document = etree.fromstring(body)
    schema_files = sorted((STANDARDS / "adx").glob("*.xsd"))
    assert schema_files, "the ADX schema is vendored in tests/standards/adx"
    schema = etree.XMLSchema(etree.parse(str(schema_files[0])))
    assert schema.validate(document), schema.error_log
    ns = {"adx": "urn:ihe:qrph:adx:2015"}
    group = document.find("adx:group[@orgUnit='MK-BUTEL']", ns)
    assert group is not None
    assert (group.get("period"), group.get("dataSet")) == ("2026-07-01/P3M", "SOCIAL_INCLUSION")
    values = {(v.get("SEX"), v.get("AGE_BAND")): v.get("value") for v in group.findall("adx:dataValue", ns)}
    assert values[("SX_FEMALE", "AGE_18_24")] == "31"  # as Butel published it
    assert ("SX_MALE", "AGE_15_17") not in values


def test_csv_has_a_column_per_breakdown_and_the_flags(
    client: Client, token: str, federation: dict[str, NodeClient]
) -> None:
    response = _export(client, token, "csv", **BY_AGE)
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="field_visits_2026-Q3_2026-Q3_municipality.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    butel = {row["age_band"]: row for row in rows if row["area"] == "MK-BUTEL"}
    assert (butel["15-17"]["value"], butel["15-17"]["conf_status"], butel["15-17"]["obs_status"]) == (
        "",
        "A",
        "Q",
    )
    assert (butel["18-24"]["value"], butel["18-24"]["conf_status"]) == ("60", "F")
    cucer = {row["age_band"]: row for row in rows if row["area"] == "MK-CUCER"}
    assert (cucer["18-24"]["value"], cucer["18-24"]["obs_status"], cucer["18-24"]["missing"]) == (
        "",
        "M",
        "MK-CUCER",
    )


def test_an_unknown_export_format_is_404_with_its_code(client: Client, token: str) -> None:
    response = client.get(EXPORT + "xlsx", BY_AGE, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert (response.status_code, response.json()["code"]) == (404, "not-found")


def test_exports_are_the_ministrys_alone(client: Client) -> None:
    response = client.get(EXPORT + "csv", BY_AGE)
    assert (response.status_code, response.json()["code"]) == (401, "not-authenticated")
