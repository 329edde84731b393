"""JSON Schemas (draft 2020-12) of every signed payload, generated from the models.

    python -m contracts.schema_export            write contracts/schemas/<type>/<version>.json
    python -m contracts.schema_export --check    fail if the committed files differ from the models

Invariants: the committed files are exactly what the models generate (CI runs ``--check``);
a schema describes the bytes that are signed, i.e. the payload inside the envelope.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import BaseModel

from contracts.control import (
    CONTROL_VERSION,
    DIRECTORY_TYPE,
    RECEIPT_TYPE,
    STATISTICS_POLICY_TYPE,
    TREE_HEAD_TYPE,
    Directory,
    Receipt,
    StatisticsPolicy,
    TreeHead,
)
from contracts.directory import DIRECTORY_VERSIONS, KEY_ROTATION_TYPE, DirectoryV2, KeyRotationV2
from contracts.messages import MESSAGE_TYPES

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:socialhub:schema:"


def payload_models() -> dict[tuple[str, str], type[BaseModel]]:
    """Every signed payload type and version, and the model that defines it."""
    models: dict[tuple[str, str], type[BaseModel]] = {
        (name, version): mtype.event_model(version)
        for name, mtype in MESSAGE_TYPES.items()
        for version in mtype.versions
    }
    models[(RECEIPT_TYPE, CONTROL_VERSION)] = Receipt
    models[(DIRECTORY_TYPE, CONTROL_VERSION)] = Directory
    models[(DIRECTORY_TYPE, "2.0")] = DirectoryV2
    models[(TREE_HEAD_TYPE, CONTROL_VERSION)] = TreeHead
    models[(STATISTICS_POLICY_TYPE, CONTROL_VERSION)] = StatisticsPolicy
    models.update(MEMBER_STATEMENTS)
    return models


MEMBER_STATEMENTS: dict[tuple[str, str], type[BaseModel]] = {(KEY_ROTATION_TYPE, "2.0"): KeyRotationV2}
"""What a member signs and presents to the hub itself, outside the exchange: ``control.key_rotation``
2.0, which the hub applies at once (its 1.0 is an exchanged event)."""


def render(message_type: str, version: str, model: type[BaseModel]) -> str:
    schema = model.model_json_schema(mode="validation")
    schema = {
        "$schema": DIALECT,
        "$id": f"{ID_PREFIX}{message_type}:{version}",
        "title": f"{message_type} {version}",
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def generated() -> dict[Path, str]:
    return {
        Path(message_type) / f"{version}.json": render(message_type, version, model)
        for (message_type, version), model in sorted(payload_models().items())
    }


def differences(directory: Path = SCHEMA_DIR) -> list[str]:
    """What differs between the committed schema files and the models, one line each."""
    expected = generated()
    found = {
        path.relative_to(directory): path.read_text(encoding="utf-8") for path in directory.rglob("*.json")
    }
    problems = [
        f"{path}: missing; run python -m contracts.schema_export" for path in expected if path not in found
    ]
    problems += [
        f"{path}: differs from the model; run python -m contracts.schema_export"
        for path in expected
        if path in found and found[path] != expected[path]
    ]
    problems += [f"{path}: no model defines it any more" for path in found if path not in expected]
    return problems


def write(directory: Path = SCHEMA_DIR) -> list[Path]:
    written = []
    for path, text in generated().items():
        target = directory / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="Only compare; exit 1 on any difference.")
    args = parser.parse_args(argv)
    if args.check:
        problems = differences()
        for line in problems:
            print(line, file=sys.stderr)
        print(f"{len(generated())} schemas checked, {len(problems)} problems")
        return 1 if problems else 0
    for path in write():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def registry() -> list[dict[str, object]]:
    """What a party speaks: every type with its versions, current version and routing."""
    entries: list[dict[str, object]] = []
    for name, mtype in sorted(MESSAGE_TYPES.items()):
        statements = sorted(v for (t, v) in MEMBER_STATEMENTS if t == name)
        entries.append(
            {
                "type": name,
                "versions": sorted({*mtype.versions, *statements}),
                "current": statements[-1] if statements else mtype.current,
                # A statement the hub applies when the member presents it: routed to nobody.
                "routing": "hub-applied" if statements else mtype.routing,
            }
        )
    control_versions = {DIRECTORY_TYPE: list(DIRECTORY_VERSIONS)}
    entries += [
        {
            "type": name,
            "versions": control_versions.get(name, [CONTROL_VERSION]),
            "current": control_versions.get(name, [CONTROL_VERSION])[-1],
            "routing": "hub-signed",
        }
        for name in (DIRECTORY_TYPE, RECEIPT_TYPE, TREE_HEAD_TYPE)
    ]
    return entries


def schema_for(message_type: str, version: str) -> dict[str, object] | None:
    model = payload_models().get((message_type, version))
    if model is None:
        return None
    loaded: dict[str, object] = json.loads(render(message_type, version, model))
    return loaded


def speaks() -> dict[str, list[str]]:
    """The versions of each exchanged type this implementation reads, for advertising."""
    return {name: sorted(mtype.versions) for name, mtype in sorted(MESSAGE_TYPES.items())}
