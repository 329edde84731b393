from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from contracts.asyncapi import DOCUMENT, document, main
from contracts.messages import MESSAGE_TYPES
from tests.node_tools import run_tool


def test_the_committed_asyncapi_document_is_what_the_contracts_generate() -> None:
    assert main(["--check"]) == 0
    assert json.loads(DOCUMENT.read_text()) == document()


def test_the_asyncapi_parser_finds_the_document_valid_and_an_edited_one_invalid(tmp_path: Path) -> None:
    result = run_tool("validate_asyncapi.mjs", str(DOCUMENT))
    assert result.returncode == 0, result.stdout + result.stderr
    broken = document()
    broken["operations"]["sendCatalogueService"]["channel"] = {"$ref": "#/channels/nowhere"}
    target = DOCUMENT.parent / ".broken-asyncapi.json"  # beside the schemas its refs point to
    try:
        target.write_text(json.dumps(broken))
        refused = run_tool("validate_asyncapi.mjs", str(target))
    finally:
        target.unlink()
    assert refused.returncode == 1
    assert "nowhere" in refused.stdout


def test_every_type_has_a_channel_a_send_and_a_receive_unless_only_the_hub_reads_it() -> None:
    doc = document()
    addresses = {channel["address"] for channel in doc["channels"].values()}
    assert addresses == set(MESSAGE_TYPES)
    sends = {op["channel"]["$ref"] for op in doc["operations"].values() if op["action"] == "send"}
    receives = {op["channel"]["$ref"] for op in doc["operations"].values() if op["action"] == "receive"}
    assert len(sends) == len(MESSAGE_TYPES)
    hub_only = {f"#/channels/{n.replace('.', '_')}" for n, t in MESSAGE_TYPES.items() if t.routing == "hub"}
    assert receives == sends - hub_only


def test_every_message_example_is_valid_against_the_schema_its_payload_refers_to() -> None:
    messages = document()["components"]["messages"]
    assert len(messages) == sum(len(t.versions) for t in MESSAGE_TYPES.values())
    for key, message in messages.items():
        schema = json.loads((DOCUMENT.parent / message["payload"]["schema"]["$ref"]).read_text())
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        for example in message["examples"]:
            errors = [e.message for e in validator.iter_errors(example["payload"])]
            assert errors == [], key
