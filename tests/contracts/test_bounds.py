"""Every number a contract can carry has a range that fits the databases, and every text refuses
what PostgreSQL and UTF-8 cannot hold: checked over every model, through its JSON Schema."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from typing import Annotated, Any

import jsonschema
import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

import contracts
from contracts.bounds import INT64_MAX, INT64_MIN, TEXT_PATTERN, StorableText, storable
from contracts.messages import MESSAGE_TYPES

# Fields that carry any JSON by design; the reader limits their nesting (contracts.limits).
FREE_JSON = {
    "ErrorBody.detail": "details of an error, shaped by the error",
    "PushResult.detail": "details of a refusal, shaped by the error",
    "EnrolmentResponse.directory": "the signed directory envelope, read with read_control",
    "InclusionProof.proof": "the proof in its library's serialised form",
    "ConsistencyProof.proof": "the proof in its library's serialised form",
}
STRING_FORMATS = {"uuid", "date-time"}


def _contract_models() -> dict[str, type[BaseModel]]:
    """Every pydantic model defined in ``contracts``, and the event model of every registered
    type and version: a model added later is walked without being listed here."""
    found: dict[str, type[BaseModel]] = {}
    for module_info in pkgutil.iter_modules(contracts.__path__):
        module = importlib.import_module(f"contracts.{module_info.name}")
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
                and not value.__pydantic_generic_metadata__["parameters"]
            ):
                found[f"{module.__name__}.{name}"] = value
    for name, mtype in MESSAGE_TYPES.items():
        for version in mtype.versions:
            found[f"event {name} {version}"] = mtype.event_model(version)
    return found


MODELS = _contract_models()


class _Walk:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.problems: list[str] = []
        self.seen: set[str] = set()

    def schema(self, node: dict[str, Any], path: str) -> None:
        if "$ref" in node:
            name = node["$ref"].removeprefix("#/$defs/")
            if name not in self.seen:
                self.seen.add(name)
                self.schema(self.root["$defs"][name], name)
            return
        for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
            for part in node.get(key, ()):
                self.schema(part, path)
        kinds = node.get("type")
        kinds = set(kinds) if isinstance(kinds, list) else {kinds} if kinds else set()
        composite = any(key in node for key in ("anyOf", "oneOf", "allOf", "$ref", "enum", "const"))
        if not kinds and not composite and path not in FREE_JSON:
            self.problems.append(f"{path}: any JSON value, unconstrained")
        if "integer" in kinds or "number" in kinds:
            self.number(node, path)
        if "string" in kinds:
            self.string(node, path)
        if "object" in kinds:
            self.object(node, path)
        if "array" in kinds and isinstance(node.get("items"), dict):
            self.schema(node["items"], f"{path}[]")

    def number(self, node: dict[str, Any], path: str) -> None:
        low = node.get("minimum", node.get("exclusiveMinimum"))
        high = node.get("maximum", node.get("exclusiveMaximum"))
        if low is None or high is None:
            self.problems.append(f"{path}: a number without both a minimum and a maximum")
        elif low < INT64_MIN or high > INT64_MAX:
            self.problems.append(f"{path}: a range {low}..{high} wider than 64 bits")

    def string(self, node: dict[str, Any], path: str) -> None:
        if "enum" in node or "const" in node or node.get("format") in STRING_FORMATS:
            return
        pattern = node.get("pattern")
        if "maxLength" not in node:
            self.problems.append(f"{path}: a string without maxLength")
        if pattern is None:
            self.problems.append(f"{path}: a string without a pattern")
        elif any(re.search(pattern, text) for text in ("\x00", "a\x00b", "\ud800", "a\udc00")):
            self.problems.append(f"{path}: pattern {pattern!r} admits NUL or a lone surrogate")

    def object(self, node: dict[str, Any], path: str) -> None:
        for name, field in node.get("properties", {}).items():
            self.schema(field, f"{path}.{name}")
        extra = node.get("additionalProperties")
        if path in FREE_JSON:
            return
        if "patternProperties" in node:
            # Keys with a pattern: pydantic writes the pattern as patternProperties, which
            # only binds the keys it matches unless no other key is allowed.
            for key_pattern, value in node["patternProperties"].items():
                self.string({**node.get("propertyNames", {}), "pattern": key_pattern}, f"{path}{{key}}")
                self.schema(value, f"{path}{{}}")
            if extra is not False:
                self.problems.append(f"{path}: keys that match no pattern are allowed")
            return
        if isinstance(extra, dict):
            if "propertyNames" not in node:
                self.problems.append(f"{path}: a map with keys of any string")
            else:
                self.schema({"type": "string", **node["propertyNames"]}, f"{path}{{key}}")
            self.schema(extra, f"{path}{{}}")
        elif extra is True or ("properties" not in node and extra is None):
            self.problems.append(f"{path}: an object with any fields")


@pytest.mark.parametrize("name", sorted(MODELS))
def test_no_model_carries_an_unbounded_integer_or_an_unconstrained_string(name: str) -> None:
    model = MODELS[name]
    for mode in ("validation", "serialization"):
        schema = model.model_json_schema(mode=mode)
        walk = _Walk(schema)
        walk.schema(schema, model.__name__)
        assert walk.problems == [], walk.problems


def test_the_walk_finds_every_kind_of_unbounded_field() -> None:
    class Loose(BaseModel):
        count: int
        name: str
        capped: Annotated[str, StorableText(max_length=10)]
        labels: dict[str, int]
        anything: Any

    schema = Loose.model_json_schema()
    walk = _Walk(schema)
    walk.schema(schema, "Loose")
    assert sorted(walk.problems) == [
        "Loose.anything: any JSON value, unconstrained",
        "Loose.count: a number without both a minimum and a maximum",
        "Loose.labels: a map with keys of any string",
        "Loose.labels{}: a number without both a minimum and a maximum",
        "Loose.name: a string without a pattern",
        "Loose.name: a string without maxLength",
    ]


def test_every_registered_type_and_every_api_body_is_walked() -> None:
    names = {model.__name__ for model in MODELS.values()}
    expected = {"Envelope", "Receipt", "TreeHead", "PageSeal", "Directory", "PushRequest", "PushResponse"}
    assert (
        expected | {"PullResponse", "SyncReport", "HealthResponse", "ErrorBody", "EnrolmentRequest"} <= names
    )
    assert sum(name.startswith("event ") for name in MODELS) == sum(
        len(t.versions) for t in MESSAGE_TYPES.values()
    )


Text = TypeAdapter(Annotated[str, StorableText(max_length=12, min_length=1)])
TEXT_SCHEMA = jsonschema.Draft202012Validator(Text.json_schema())


@pytest.mark.parametrize(
    "text",
    ["a\x00b", "\x00", "a\ud800", "x\udfff", "thirteen char"],
    ids=["NUL", "only NUL", "lone high surrogate", "lone low surrogate", "too long"],
)
def test_storable_text_is_refused_alike_by_the_model_and_by_its_json_schema(text: str) -> None:
    with pytest.raises(ValidationError):
        Text.validate_python(text)
    with pytest.raises(jsonschema.ValidationError):
        TEXT_SCHEMA.validate(text)


@pytest.mark.parametrize(
    "raw",
    [b'"a\\u0000b"', b'"a\\ud800"', b'"\\udc00z"'],
    ids=["NUL escape", "lone high surrogate escape", "lone low surrogate escape"],
)
def test_storable_text_refuses_nul_and_lone_surrogates_written_as_json_escapes(raw: bytes) -> None:
    with pytest.raises(ValidationError):
        Text.validate_json(raw, strict=True)
    with pytest.raises(jsonschema.ValidationError):
        TEXT_SCHEMA.validate(json.loads(raw))


@pytest.mark.parametrize(
    "text", ["Бутел", "Čair 😀", "tab\there", "\u2028line"], ids=["Cyrillic", "emoji", "tab", "separator"]
)
def test_storable_text_accepts_any_other_character_in_model_and_schema(text: str) -> None:
    assert Text.validate_json(json.dumps(text), strict=True) == text
    TEXT_SCHEMA.validate(json.loads(json.dumps(text)))


def test_the_schema_pattern_admits_a_surrogate_pair_as_a_validator_matching_utf16_units_sees_it() -> None:
    # What a validator without ECMA-262's u flag matches: the two code units of U+1F600.
    assert re.fullmatch(TEXT_PATTERN.strip("^$"), "\ud83d\ude00")
    assert re.fullmatch(TEXT_PATTERN.strip("^$"), "\ud83d") is None


def test_storable_makes_any_text_fit_and_leaves_storable_text_alone() -> None:
    assert storable("a\x00b\ud800c", 10) == "a\ufffdb\ufffdc"
    assert storable("x" * 20, 5) == "xxxxx"
    assert storable("Бутел 😀", 20) == "Бутел 😀"
