from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from contracts.compat import compare, main
from contracts.schema_export import SCHEMA_DIR

SERVICE = json.loads((SCHEMA_DIR / "catalogue.service" / "1.0.json").read_text())


def _edited(edit: Any) -> dict[str, Any]:
    schema = copy.deepcopy(SERVICE)
    edit(schema)
    return schema


def _rules(new: dict[str, Any]) -> dict[tuple[str, str], bool]:
    return {(c.path, c.rule): c.breaking for c in compare(SERVICE, new)}


def test_identical_schemas_have_no_change() -> None:
    assert compare(SERVICE, copy.deepcopy(SERVICE)) == []


def test_a_new_optional_field_is_compatible() -> None:
    new = _edited(lambda s: s["$defs"]["ServiceV1"]["properties"].update(cost={"type": "string"}))
    assert _rules(new) == {("data.cost", "new-optional-field"): False}


@pytest.mark.parametrize(
    ("edit", "path", "rule"),
    [
        (lambda s: s["$defs"]["ServiceV1"]["properties"].pop("languages"), "data.languages", "field-removed"),
        (lambda s: s["properties"]["sequence"].update(type="string"), "sequence", "type-changed"),
        (
            lambda s: (
                s["$defs"]["ServiceV1"]["properties"].update(fee={"type": "integer"}),
                s["$defs"]["ServiceV1"]["required"].append("fee"),
            ),
            "data.fee",
            "new-required-field",
        ),
        (
            lambda s: s["$defs"]["ServiceV1"]["properties"]["status"]["enum"].remove("inactive"),
            "data.status",
            "enum-narrowed",
        ),
        (lambda s: s["properties"]["sequence"].update(minimum=10), "sequence", "constraint-narrowed"),
        (lambda s: s["properties"]["source"].update(pattern="^[A-Z]+$"), "source", "pattern-changed"),
    ],
)
def test_a_breaking_change_is_named_by_field_and_rule(edit: Any, path: str, rule: str) -> None:
    assert _rules(_edited(edit)).get((path, rule)) is True


def test_a_new_enum_value_breaks_readers_that_check_codes_against_their_own_list() -> None:
    new = _edited(lambda s: s["$defs"]["ServiceV1"]["properties"]["status"]["enum"].append("paused"))
    assert _rules(new) == {("data.status", "enum-widened"): True}


def _registry(tmp_path: Path, versions: dict[str, dict[str, Any]]) -> Path:
    root = tmp_path / "schemas"
    (root / "catalogue.service").mkdir(parents=True)
    for version, schema in versions.items():
        (root / "catalogue.service" / f"{version}.json").write_text(json.dumps(schema))
    return root


def test_the_gate_fails_on_a_breaking_change_without_a_major_bump(tmp_path: Path, capsys: Any) -> None:
    broken = _edited(lambda s: s["$defs"]["ServiceV1"]["properties"].pop("languages"))
    assert main(["--dir", str(_registry(tmp_path, {"1.0": SERVICE, "1.1": broken}))]) == 1
    assert "catalogue.service 1.1 breaks data.languages (field-removed)" in capsys.readouterr().err


def test_the_gate_passes_a_compatible_minor_and_a_breaking_major(tmp_path: Path) -> None:
    compatible = _edited(lambda s: s["$defs"]["ServiceV1"]["properties"].update(cost={"type": "string"}))
    breaking = _edited(lambda s: s["$defs"]["ServiceV1"]["properties"].pop("languages"))
    assert (
        main(["--dir", str(_registry(tmp_path, {"1.0": SERVICE, "1.1": compatible, "2.0": breaking}))]) == 0
    )


def test_the_gate_passes_the_committed_schemas(tmp_path: Path) -> None:
    shutil.copytree(SCHEMA_DIR, tmp_path / "copy")
    assert main(["--dir", str(tmp_path / "copy")]) == 0
