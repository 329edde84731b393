from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contracts.keys import b64u_decode
from contracts.schema_export import SCHEMA_DIR, differences, main
from tests.factories import signed_service_message


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


def test_a_signed_message_payload_validates_against_its_published_schema() -> None:
    envelope = signed_service_message(key=Ed25519PrivateKey.generate(), source="MK-BUTEL")
    schema = json.loads((SCHEMA_DIR / "catalogue.service" / "1.1.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(json.loads(b64u_decode(envelope.payload)))
    broken = json.loads(b64u_decode(envelope.payload)) | {"surprise": 1}
    with pytest.raises(jsonschema.ValidationError, match="surprise"):
        jsonschema.Draft202012Validator(schema).validate(broken)
