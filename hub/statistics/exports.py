"""The ministry's answers as files other systems read: CSV, SDMX-JSON 2.0 data messages, DHIS2
data value sets (JSON) and ADX (XML).

Codes are stable and declared here once:

- an indicator's table is one DHIS2 data element (a data element has one category combination):
  ``PEOPLE_AT_RISK`` for the total, ``PEOPLE_AT_RISK_BY_SEX_AGE_BAND`` for the table by sex and
  age band;
- a breakdown is a DHIS2 category (``SEX``, ``AGE_BAND``, …) and its categories are category
  options with a short prefix (``SX_FEMALE``, ``AGE_18_24``, ``RISK_POVERTY``), so that a code
  is unique across categories and a combination stays under DHIS2's 50 characters
  (``SX_FEMALE__AGE_18_24``, the options in the table's order);
- an area is an organisation unit by its code: the municipality's member code, the region's name,
  the country's ISO code, ``FEDERATION``.

What DHIS2 cannot carry is left out of its exports, never sent without its flag: suppressed cells
(DHIS2 has no flag for them; ``followup`` is a data-quality mark and comments are a route for
personal data), sums that are only lower bounds because a contribution was suppressed, and areas
without a release. A noised value goes as its value, without its margin. CSV and SDMX-JSON keep
every cell with its flags (``CONF_STATUS``, ``OBS_STATUS``) and its margin.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any
from xml.etree import ElementTree

from django.utils import timezone

from contracts.indicators import (
    CATEGORY_CODES,
    CATEGORY_LABELS,
    DISAGGREGATION_NAMES,
    INDICATORS_BY_CODE,
    period_adx,
    period_bounds,
    period_type,
)
from hub.statistics.selectors import Observation, Query

ADX_NAMESPACE = "urn:ihe:qrph:adx:2015"
DATASET_CODE = "SOCIAL_INCLUSION"
FEDERATION_ORG_UNIT = "FEDERATION"

_OPTION_PREFIX = {
    "sex": "SX",
    "age_band": "AGE",
    "risk_type": "RISK",
    "target_group": "TG",
    "referral_destination": "REF",
    "referral_status": "RST",
    "outcome": "OUT",
    "delivered": "SRV",
}


def data_element_code(indicator: str, table: Sequence[str]) -> str:
    return indicator.upper() + ("_BY_" + "_".join(name.upper() for name in table) if table else "")


def category_code(disaggregation: str) -> str:
    return disaggregation.upper()


def option_code(disaggregation: str, code: str) -> str:
    text = code.upper().replace("-", "_").replace("+", "PLUS")
    return f"{_OPTION_PREFIX[disaggregation]}_{text}"


def option_combo_code(categories: dict[str, str]) -> str:
    return "__".join(option_code(name, code) for name, code in categories.items())


def org_unit_code(observation: Observation) -> str:
    return FEDERATION_ORG_UNIT if observation.level == "federation" else observation.area


def dhis2_period(period: str) -> str:
    """DHIS2's period: ``202606`` (month), ``2026Q2`` (quarter), ``2026`` (year)."""
    return period.replace("-", "")


def _exportable_to_dhis2(observation: Observation) -> bool:
    return observation.value is not None and not observation.lower_bound and observation.reporting > 0


# --- CSV -----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "indicator", "period", "level", "area", "categories", "value", "conf_status", "obs_status",
    "lower_bound", "suppressed", "reporting", "missing", "margin95", "revised", "revision",
)  # fmt: skip


def to_csv(query: Query, rows: list[Observation]) -> bytes:
    """One line per cell, with a column per breakdown of the table; suppressed cells have an
    empty value and their flags."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*CSV_COLUMNS[:4], *query.table, *CSV_COLUMNS[5:]])
    for row in rows:
        writer.writerow(
            [
                query.indicator,
                row.period,
                row.level,
                row.area,
                *(row.categories[name] for name in query.table),
                "" if row.value is None else row.value,
                row.conf_status,
                row.obs_status,
                str(row.lower_bound).lower(),
                row.suppressed,
                row.reporting,
                " ".join(row.missing),
                "" if row.margin95 is None else f"{row.margin95:g}",
                str(row.revised).lower(),
                "" if row.revision is None else row.revision,
            ]
        )
    return out.getvalue().encode("utf-8-sig")


# --- DHIS2 data value set (JSON) -----------------------------------------------------------


def to_dhis2(query: Query, rows: list[Observation]) -> bytes:
    """A DHIS2 data value set with codes as identifiers (import with ``idScheme=CODE``); what
    DHIS2 cannot flag is left out (see the module's note)."""
    element = data_element_code(query.indicator, query.table)
    values: list[dict[str, str]] = []
    for row in rows:
        if not _exportable_to_dhis2(row):
            continue
        value = {
            "dataElement": element,
            "period": dhis2_period(row.period),
            "orgUnit": org_unit_code(row),
            "value": str(row.value),
        }
        if row.categories:
            value["categoryOptionCombo"] = option_combo_code(row.categories)
        values.append(value)
    return json.dumps({"dataValues": values}, ensure_ascii=False, indent=1).encode()


# --- ADX (XML) -----------------------------------------------------------------------------


def to_adx(query: Query, rows: list[Observation], *, exported: dt.datetime | None = None) -> bytes:
    """An ADX message: a ``group`` per area and period (``2026-06-01/P1M``), a ``dataValue`` per
    cell with its breakdowns as category-code attributes (``SEX="SX_FEMALE"``); what DHIS2
    cannot flag is left out, as in its data value sets."""
    ElementTree.register_namespace("", ADX_NAMESPACE)
    root = ElementTree.Element(
        f"{{{ADX_NAMESPACE}}}adx", {"exported": (exported or timezone.now()).isoformat(timespec="seconds")}
    )
    element = data_element_code(query.indicator, query.table)
    groups: dict[tuple[str, str], ElementTree.Element] = {}
    for row in rows:
        if not _exportable_to_dhis2(row):
            continue
        key = (org_unit_code(row), row.period)
        group = groups.get(key)
        if group is None:
            group = ElementTree.SubElement(
                root,
                f"{{{ADX_NAMESPACE}}}group",
                {"orgUnit": key[0], "period": period_adx(row.period), "dataSet": DATASET_CODE},
            )
            groups[key] = group
        attributes = {"dataElement": element, "value": str(row.value)}
        attributes |= {category_code(name): option_code(name, code) for name, code in row.categories.items()}
        ElementTree.SubElement(group, f"{{{ADX_NAMESPACE}}}dataValue", attributes)
    body: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


# --- SDMX-JSON 2.0 data message ------------------------------------------------------------

SDMX_JSON_SCHEMA = (
    "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/develop/data-message/tools/schemas/2.0.0/"
    "sdmx-json-data-schema.json"
)
SDMX_AGENCY = "SOCIALHUB"
SDMX_DATAFLOW = "SOCIAL_INCLUSION"
SDMX_DATAFLOW_URN = f"urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow={SDMX_AGENCY}:{SDMX_DATAFLOW}(1.0.0)"


def _names(labels: dict[str, str], language: str) -> dict[str, Any]:
    return {"name": labels.get(language) or labels["en"], "names": dict(labels)}


def sdmx_code(code: str) -> str:
    """A category as an SDMX code (letters, digits, ``_@$-``): ``65+`` is ``65_PLUS``."""
    return code.replace("+", "_PLUS")


def _period_sdmx(period: str) -> str:
    """SDMX's reporting periods: ``2026-M06``, ``2026-Q2``, ``2026-A1``."""
    kind = period_type(period)
    if kind == "month":
        return f"{period[:4]}-M{period[5:]}"
    if kind == "quarter":
        return period
    return f"{period}-A1"


def to_sdmx_json(
    query: Query, rows: list[Observation], *, language: str = "en", prepared: dt.datetime | None = None
) -> bytes:
    """An SDMX-JSON 2.0 data message: one flat data set whose observations are keyed by every
    dimension (indicator, area, each breakdown, period); every observation carries
    ``CONF_STATUS`` and ``OBS_STATUS``, and the sums their lower-bound mark, the count of
    suppressed contributions and their margin."""
    definition = INDICATORS_BY_CODE[query.indicator]
    areas = sorted({row.area for row in rows})
    dimensions: list[dict[str, Any]] = [
        {
            "id": "INDICATOR",
            "name": "Indicator",
            "keyPosition": 0,
            "values": [{"id": query.indicator, **_names(dict(definition.names), language)}],
        },
        {
            "id": "REF_AREA",
            "name": "Reference area",
            "keyPosition": 1,
            "values": [{"id": area, "name": area} for area in areas],
        },
    ]
    for position, name in enumerate(query.table, start=2):
        dimensions.append(
            {
                "id": category_code(name),
                **_names(dict(DISAGGREGATION_NAMES[name]), language),
                "keyPosition": position,
                "values": [
                    {"id": sdmx_code(code), **_names(dict(CATEGORY_LABELS[name][code]), language)}
                    for code in (query.filters.get(name) or CATEGORY_CODES[name])
                ],
            }
        )
    periods = list(query.periods)
    dimensions.append(
        {
            "id": "TIME_PERIOD",
            "name": "Time period",
            "keyPosition": len(dimensions),
            "roles": ["TIME_PERIOD"],
            "values": [
                {
                    "value": _period_sdmx(period),
                    "start": f"{period_bounds(period)[0].isoformat()}T00:00:00Z",
                    "end": f"{period_bounds(period)[1].isoformat()}T23:59:59Z",
                }
                for period in periods
            ],
        }
    )
    conf = ["F", "A", "D"]
    obs = ["A", "Q", "M"]
    attributes: list[dict[str, Any]] = [
        {
            "id": "CONF_STATUS",
            "name": "Confidentiality status",
            "relationship": {"observation": {}},
            "values": [
                {"id": code, "name": name}
                for code, name in zip(
                    conf, ("Free", "Confidential: primary", "Confidential: secondary"), strict=True
                )
            ],
        },
        {
            "id": "OBS_STATUS",
            "name": "Observation status",
            "relationship": {"observation": {}},
            "values": [
                {"id": code, "name": name}
                for code, name in zip(
                    obs,
                    (
                        "Normal value",
                        "Missing value; suppressed",
                        "Missing value; data cannot exist or not reported",
                    ),
                    strict=True,
                )
            ],
        },
        {
            "id": "LOWER_BOUND",
            "name": "The sum is a lower bound: a contribution was suppressed",
            "relationship": {"observation": {}},
            "values": [{"value": False}, {"value": True}],
        },
        {
            "id": "SUPPRESSED_CONTRIBUTIONS",
            "name": "Municipalities whose contribution was suppressed",
            "relationship": {"observation": {}},
            "values": [],
        },
        {
            "id": "MARGIN_95",
            "name": "95 % margin of the noise added (differential privacy)",
            "relationship": {"observation": {}},
            "values": [],
        },
    ]
    suppressed_values: list[int] = []
    margin_values: list[float] = []
    observations: dict[str, list[Any]] = {}
    area_index = {area: i for i, area in enumerate(areas)}
    period_index = {period: i for i, period in enumerate(periods)}
    table_codes = [list(query.filters.get(name) or CATEGORY_CODES[name]) for name in query.table]
    for row in rows:
        key = [0, area_index[row.area]]
        key += [
            codes.index(row.categories[name]) for name, codes in zip(query.table, table_codes, strict=True)
        ]
        key.append(period_index[row.period])
        if row.suppressed not in suppressed_values:
            suppressed_values.append(row.suppressed)
        margin_index: int | None = None
        if row.margin95 is not None:
            if row.margin95 not in margin_values:
                margin_values.append(row.margin95)
            margin_index = margin_values.index(row.margin95)
        observations[":".join(map(str, key))] = [
            row.value,
            conf.index(row.conf_status),
            obs.index(row.obs_status),
            int(row.lower_bound),
            suppressed_values.index(row.suppressed),
            margin_index,
        ]
    # As text: the schema's compValues take a value that is an integer *or* a number (oneOf),
    # which no whole number satisfies.
    attributes[3]["values"] = [{"value": str(value)} for value in suppressed_values]
    attributes[4]["values"] = [{"value": f"{value:g}"} for value in margin_values]
    if not margin_values:  # no noise: no margin attribute (its list of values may not be empty)
        attributes.pop()
        for cells in observations.values():
            cells.pop()
    message = {
        "meta": {
            "schema": SDMX_JSON_SCHEMA,
            "id": f"{query.indicator}-{periods[0]}-{periods[-1]}-{query.level}",
            "test": False,
            "prepared": (prepared or timezone.now()).isoformat(timespec="seconds"),
            "contentLanguages": [language],
            "sender": {"id": SDMX_AGENCY, "name": "Social protection exchange hub"},
        },
        "data": {
            "structures": [
                {
                    "structure": SDMX_DATAFLOW_URN,
                    "name": "Social inclusion indicators",
                    "dimensions": {"dataSet": [], "series": [], "observation": dimensions},
                    "measures": {"observation": [{"id": "OBS_VALUE", "name": "Value"}]},
                    "attributes": {"dataSet": [], "series": [], "observation": attributes},
                }
            ],
            "dataSets": [
                {
                    "structure": 0,
                    "action": "Information",
                    "links": [{"rel": "dataflow", "urn": SDMX_DATAFLOW_URN}],
                    "observations": observations,
                }
            ],
        },
    }
    return json.dumps(message, ensure_ascii=False, default=str).encode()
