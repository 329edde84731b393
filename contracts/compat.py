"""The compatibility gate: every schema version against the one before it.

    python -m contracts.compat [--dir contracts/schemas]

Within one major version a change must keep both directions working, as a schema registry's
FULL mode does: data written under the old schema still reads under the new one (BACKWARD) and
data written under the new one still reads under the old one (FORWARD), given that readers
ignore what they do not know only where the schema allows it. A new major version may break
anything; it then needs an upcaster.

Invariants:
- every change found is classified by a named rule and located by its field path;
- ``breaking`` changes between versions of the same major make the gate fail, naming each;
- the gate reads only the committed JSON files, so it checks what was published.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contracts.schema_export import SCHEMA_DIR

# For each numeric constraint: does a larger new value narrow (True) or widen (False) what is accepted?
_NARROWS_WHEN_LARGER = {
    "minLength": True,
    "minItems": True,
    "minProperties": True,
    "minimum": True,
    "exclusiveMinimum": True,
    "maxLength": False,
    "maxItems": False,
    "maxProperties": False,
    "maximum": False,
    "exclusiveMaximum": False,
}


@dataclass(frozen=True)
class Change:
    path: str
    rule: str
    breaking: bool
    detail: str

    def __str__(self) -> str:
        kind = "BREAKING" if self.breaking else "compatible"
        return f"{kind:<10} {self.path or '(root)'}: {self.rule} — {self.detail}"


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every difference between two versions of one payload schema, classified."""
    changes: list[Change] = []
    _compare(old, new, "", old, new, changes, seen=set())
    return changes


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"only local $defs references are supported, not {ref}")
        schema = root["$defs"][ref.removeprefix("#/$defs/")]
    return schema


def _variants(schema: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        return [v for part in schema["anyOf"] for v in _variants(part, root)]
    return [schema]


def _types(schema: dict[str, Any], root: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for variant in _variants(schema, root):
        kind = variant.get("type")
        if isinstance(kind, list):
            found.update(kind)
        elif isinstance(kind, str):
            found.add(kind)
        elif "const" in variant:
            found.add(type(variant["const"]).__name__)
        elif "enum" in variant:
            found.add("enum")
        else:
            found.add("any")
    return found


def _compare(
    old: dict[str, Any],
    new: dict[str, Any],
    path: str,
    old_root: dict[str, Any],
    new_root: dict[str, Any],
    changes: list[Change],
    seen: set[tuple[int, int]],
) -> None:
    key = (id(old), id(new))
    if key in seen:  # recursive definitions
        return
    seen.add(key)
    old_types, new_types = _types(old, old_root), _types(new, new_root)
    if old_types != new_types:
        if new_types == old_types | {"null"}:
            changes.append(Change(path, "type-widened-to-nullable", True, "old readers would meet null"))
        else:
            changes.append(
                Change(
                    path,
                    "type-changed",
                    True,
                    f"{'|'.join(sorted(old_types))} → {'|'.join(sorted(new_types))}",
                )
            )
        return
    old_variants, new_variants = _variants(old, old_root), _variants(new, new_root)
    if len(old_variants) != 1 or len(new_variants) != 1:
        # Unions of the same types: compare variant by variant in order.
        for o, n in zip(old_variants, new_variants, strict=False):
            _compare(o, n, path, old_root, new_root, changes, seen)
        return
    o, n = old_variants[0], new_variants[0]
    _compare_enum(o, n, path, changes)
    _compare_constraints(o, n, path, changes)
    if "properties" in o or "properties" in n:
        _compare_object(o, n, path, old_root, new_root, changes, seen)
    for items_key in ("items", "additionalProperties"):
        if isinstance(o.get(items_key), dict) and isinstance(n.get(items_key), dict):
            _compare(o[items_key], n[items_key], f"{path}[]", old_root, new_root, changes, seen)
    if isinstance(o.get("prefixItems"), list) and isinstance(n.get("prefixItems"), list):
        for index, (a, b) in enumerate(zip(o["prefixItems"], n["prefixItems"], strict=False)):
            _compare(a, b, f"{path}[{index}]", old_root, new_root, changes, seen)


def _compare_enum(o: dict[str, Any], n: dict[str, Any], path: str, changes: list[Change]) -> None:
    old_values = o.get("enum", [o["const"]] if "const" in o else None)
    new_values = n.get("enum", [n["const"]] if "const" in n else None)
    if old_values is None or new_values is None:
        if old_values is None and new_values is not None:
            changes.append(Change(path, "enum-introduced", True, f"now limited to {new_values}"))
        elif old_values is not None and new_values is None:
            changes.append(Change(path, "enum-lifted", False, "any value of the type is now allowed"))
        return
    removed = [v for v in old_values if v not in new_values]
    added = [v for v in new_values if v not in old_values]
    if removed:
        changes.append(Change(path, "enum-narrowed", True, f"removed {removed}"))
    if added:
        changes.append(
            # Readers check codes against their own list, so an older reader refuses a new code.
            Change(path, "enum-widened", True, f"added {added}; readers of older minors refuse it")
        )


def _compare_constraints(o: dict[str, Any], n: dict[str, Any], path: str, changes: list[Change]) -> None:
    for name, narrows_when_larger in _NARROWS_WHEN_LARGER.items():
        a, b = o.get(name), n.get(name)
        if a == b:
            continue
        if a is None:
            changes.append(Change(path, "constraint-added", True, f"{name} {b}"))
        elif b is None:
            changes.append(Change(path, "constraint-removed", False, f"{name} was {a}"))
        elif (b > a) == narrows_when_larger:
            changes.append(Change(path, "constraint-narrowed", True, f"{name} {a} → {b}"))
        else:
            changes.append(Change(path, "constraint-widened", False, f"{name} {a} → {b}"))
    if o.get("pattern") != n.get("pattern"):
        changes.append(Change(path, "pattern-changed", True, f"{o.get('pattern')!r} → {n.get('pattern')!r}"))


def _compare_object(
    o: dict[str, Any],
    n: dict[str, Any],
    path: str,
    old_root: dict[str, Any],
    new_root: dict[str, Any],
    changes: list[Change],
    seen: set[tuple[int, int]],
) -> None:
    old_props, new_props = o.get("properties", {}), n.get("properties", {})
    old_required, new_required = set(o.get("required", ())), set(n.get("required", ()))
    for name in old_props:
        where = f"{path}.{name}" if path else name
        if name not in new_props:
            changes.append(
                Change(where, "field-removed", True, "readers of the new version refuse or lose it")
            )
        else:
            _compare(old_props[name], new_props[name], where, old_root, new_root, changes, seen)
            if name in new_required and name not in old_required:
                changes.append(Change(where, "field-made-required", True, "old data may lack it"))
            elif name in old_required and name not in new_required:
                changes.append(Change(where, "field-made-optional", True, "old readers require it"))
    for name in new_props:
        if name in old_props:
            continue
        where = f"{path}.{name}" if path else name
        if name in new_required:
            changes.append(Change(where, "new-required-field", True, "old data lacks it"))
        else:
            # Receiving nodes read a newer minor with the newest model they know, ignoring the
            # fields they do not know (contracts.messages.read_message(accept_newer_minor=True)).
            changes.append(Change(where, "new-optional-field", False, "readers of older minors ignore it"))
    if o.get("additionalProperties") is not False and n.get("additionalProperties") is False:
        changes.append(Change(path, "object-closed", True, "unknown fields are now refused"))


def _version_key(path: Path) -> tuple[int, int]:
    major, minor = path.stem.split(".")
    return int(major), int(minor)


@dataclass(frozen=True)
class Verdict:
    message_type: str
    old_version: str
    new_version: str
    changes: list[Change]

    @property
    def same_major(self) -> bool:
        return self.old_version.split(".")[0] == self.new_version.split(".")[0]

    @property
    def failing(self) -> list[Change]:
        return [c for c in self.changes if c.breaking] if self.same_major else []


def check_directory(directory: Path = SCHEMA_DIR) -> list[Verdict]:
    verdicts = []
    for type_dir in sorted(p for p in directory.iterdir() if p.is_dir()):
        versions = sorted(type_dir.glob("*.json"), key=_version_key)
        for old_path, new_path in itertools.pairwise(versions):
            old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (old_path, new_path))
            verdicts.append(Verdict(type_dir.name, old_path.stem, new_path.stem, compare(old, new)))
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dir", type=Path, default=SCHEMA_DIR)
    args = parser.parse_args(argv)
    verdicts = check_directory(args.dir)
    failing = 0
    for verdict in verdicts:
        print(f"{verdict.message_type} {verdict.old_version} → {verdict.new_version}:")
        if not verdict.changes:
            print("  no change")
        for change in verdict.changes:
            print(f"  {change}")
        for change in verdict.failing:
            failing += 1
            print(
                f"error: {verdict.message_type} {verdict.new_version} breaks {change.path} ({change.rule}) "
                f"without a new major version",
                file=sys.stderr,
            )
    print(f"{len(verdicts)} version steps compared, {failing} breaking changes without a major bump")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
