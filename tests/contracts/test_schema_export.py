from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from pydantic import BaseModel

from contracts.envelope import b64_decode
from contracts.messages import MESSAGE_TYPES
from contracts.schema_export import SCHEMA_DIR, differences, main
from tests.factories import signed_message
from tests.strategies import model_instances

KEY = Ed25519PrivateKey.generate()


def test_the_committed_schemas_are_exactly_what_the_models_generate() -> None:
    assert differences() == []
    assert main(["--check"]) == 0


def test_the_check_fails_on_a_schema_edited_by_hand_and_names_the_file(tmp_path: Path) -> None:
    copy = tmp_path / "schemas"
    shutil.copytree(SCHEMA_DIR, copy)
    target = copy / "catalogue.service" / "1.0.json"
    schema = json.loads(target.read_text())
    del schema["properties"]["sequence"]
    target.write_text(json.dumps(schema))
    (copy / "catalogue.service" / "0.9.json").write_text("{}")
    problems = differences(copy)
    assert any(p.startswith("catalogue.service/1.0.json: differs") for p in problems)
    assert any(p.startswith("catalogue.service/0.9.json: no model") for p in problems)


@pytest.mark.parametrize(
    "path", sorted(SCHEMA_DIR.rglob("*.json")), ids=lambda p: str(p.relative_to(SCHEMA_DIR))
)
def test_every_schema_is_a_valid_draft_2020_12_schema(path: Path) -> None:
    schema = json.loads(path.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    ("name", "version"), [(n, v) for n, t in MESSAGE_TYPES.items() for v in t.versions], ids=str
)
def test_every_signed_payload_validates_against_its_published_schema(name: str, version: str) -> None:
    schema = json.loads((SCHEMA_DIR / name / f"{version}.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    recipients = ("MK-CAIR",) if MESSAGE_TYPES[name].routing == "direct" else ()

    @settings(max_examples=15, deadline=None)
    @given(data=model_instances(MESSAGE_TYPES[name].versions[version]))
    def validates(data: BaseModel) -> None:
        envelope = signed_message(
            key=KEY, source="MK-BUTEL", message_type=name, data=data, version=version, recipients=recipients
        )
        payload = json.loads(b64_decode(envelope.payload))
        validator.validate(payload)
        with pytest.raises(jsonschema.ValidationError, match="surprise"):
            validator.validate(payload | {"surprise": 1})

    validates()
