from __future__ import annotations

import copy
import json
import shutil
import subprocess
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


@pytest.mark.parametrize(
    ("edit", "path", "rule", "breaking"),
    [
        (
            lambda s: s["properties"]["sequence"].update(maximum=2**31 - 1),
            "sequence",
            "constraint-narrowed",
            True,
        ),
        (lambda s: s["properties"]["sequence"].pop("maximum"), "sequence", "constraint-removed", False),
        (lambda s: s["properties"]["time"].pop("format"), "time", "constraint-removed", False),
        (lambda s: s["properties"]["type"].pop("pattern"), "type", "constraint-removed", False),
        (lambda s: s["properties"]["type"].update(pattern="^[a-z.]+$"), "type", "pattern-changed", True),
        (lambda s: s["properties"]["time"].update(format="date"), "time", "format-changed", True),
    ],
)
def test_the_rules_of_strings_and_numbers_are_classified(
    edit: Any, path: str, rule: str, breaking: bool
) -> None:
    assert _rules(_edited(edit)).get((path, rule)) is breaking


def test_a_pattern_or_a_bound_where_there_was_none_is_breaking() -> None:
    loose = _edited(
        lambda s: [s["properties"]["sequence"].pop("maximum"), s["properties"]["type"].pop("pattern")]
    )
    changes = {(c.path, c.rule, c.detail): c.breaking for c in compare(loose, SERVICE)}
    assert changes[("sequence", "constraint-added", "maximum 9223372036854775807")] is True
    assert (
        changes[("type", "constraint-added", f"pattern {SERVICE['properties']['type']['pattern']!r}")] is True
    )


def _names(schema: dict[str, Any]) -> dict[str, Any]:
    return schema["$defs"]["ServiceV1"]["properties"]["name"]


def test_keys_of_a_map_are_compared_too() -> None:
    free_keys = _edited(lambda s: _names(s).pop("propertyNames"))
    assert _rules(free_keys) == {("data.name{key}", "constraint-removed"): False}
    assert {(c.path, c.rule) for c in compare(free_keys, SERVICE)} == {("data.name{key}", "constraint-added")}
    fewer_languages = _edited(lambda s: _names(s)["propertyNames"]["enum"].remove("sq"))
    assert _rules(fewer_languages) == {("data.name{key}", "enum-narrowed"): True}
    by_pattern = _edited(lambda s: _names(s).update(patternProperties={"^[a-z]{2}$": {"type": "string"}}))
    assert _rules(by_pattern) == {("data.name{key}", "pattern-changed"): True}


def _published(tmp_path: Path) -> tuple[Path, Path]:
    """A registry as published, and a copy of it to edit."""
    published = _registry(tmp_path / "published", {"1.0": SERVICE})
    current = tmp_path / "current"
    shutil.copytree(published, current)
    return published, current


def _tighten(current: Path) -> None:
    target = current / "catalogue.service" / "1.0.json"
    target.write_text(json.dumps(_edited(lambda s: s["properties"]["sequence"].update(maximum=2**31 - 1))))


def test_the_gate_fails_on_a_published_version_tightened_in_place(tmp_path: Path, capsys: Any) -> None:
    published, current = _published(tmp_path)
    _tighten(current)
    accepted = tmp_path / "accepted.json"
    assert main(["--dir", str(current), "--published", str(published), "--accepted", str(accepted)]) == 1
    out, err = capsys.readouterr()
    assert "BREAKING   sequence: constraint-narrowed — maximum 9223372036854775807 → 2147483647" in out
    assert "the published catalogue.service 1.0 was edited in place with 1 breaking changes" in err


def test_the_gate_passes_a_published_version_edited_only_compatibly(tmp_path: Path) -> None:
    published, current = _published(tmp_path)
    target = current / "catalogue.service" / "1.0.json"
    target.write_text(
        json.dumps(_edited(lambda s: s["properties"]["sequence"].update(description="From 1.")))
    )
    assert (
        main(["--dir", str(current), "--published", str(published), "--accepted", str(tmp_path / "a")]) == 0
    )


def test_the_gate_fails_on_a_published_version_removed(tmp_path: Path, capsys: Any) -> None:
    published, current = _published(tmp_path)
    (current / "catalogue.service" / "1.0.json").unlink()
    assert (
        main(["--dir", str(current), "--published", str(published), "--accepted", str(tmp_path / "a")]) == 1
    )
    assert "(root): version-removed" in capsys.readouterr().out


def test_an_accepted_edit_passes_and_any_other_edit_of_that_version_fails_again(tmp_path: Path) -> None:
    published, current = _published(tmp_path)
    _tighten(current)
    accepted = tmp_path / "accepted.json"
    arguments = ["--dir", str(current), "--published", str(published), "--accepted", str(accepted)]
    assert main([*arguments, "--accept", "nothing deployed yet"]) == 0
    [record] = json.loads(accepted.read_text())["accepted"]
    assert (record["type"], record["version"], record["reason"]) == (
        "catalogue.service",
        "1.0",
        "nothing deployed yet",
    )
    assert main(arguments) == 0
    target = current / "catalogue.service" / "1.0.json"
    target.write_text(json.dumps(_edited(lambda s: s["properties"]["sequence"].update(maximum=1000))))
    assert main(arguments) == 1


def test_the_gate_compares_with_the_schemas_committed_at_a_git_revision(tmp_path: Path, capsys: Any) -> None:
    registry = _registry(tmp_path, {"1.0": SERVICE})

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "published")
    _tighten(registry)
    arguments = ["--dir", str(registry), "--accepted", str(tmp_path / "accepted.json")]
    assert main([*arguments, "--against", "HEAD"]) == 1
    assert "catalogue.service 1.0 as published at HEAD → now (not accepted)" in capsys.readouterr().out
