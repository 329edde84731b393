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
from dataclasses import dataclass, field
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
    diff = _Diff(old_root=old, new_root=new)
    diff.compare(old, new, "")
    return diff.changes


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


@dataclass
class _Diff:
    """Walks two versions of a schema side by side, collecting classified changes."""

    old_root: dict[str, Any]
    new_root: dict[str, Any]
    changes: list[Change] = field(default_factory=list)
    seen: set[tuple[int, int]] = field(default_factory=set)

    def compare(self, old: dict[str, Any], new: dict[str, Any], path: str) -> None:
        key = (id(old), id(new))
        if key in self.seen:  # recursive definitions
            return
        self.seen.add(key)
        old_types, new_types = _types(old, self.old_root), _types(new, self.new_root)
        if old_types != new_types:
            if new_types == old_types | {"null"}:
                self.changes.append(
                    Change(path, "type-widened-to-nullable", True, "old readers would meet null")
                )
            else:
                self.changes.append(
                    Change(
                        path,
                        "type-changed",
                        True,
                        f"{'|'.join(sorted(old_types))} → {'|'.join(sorted(new_types))}",
                    )
                )
            return
        old_variants, new_variants = _variants(old, self.old_root), _variants(new, self.new_root)
        if len(old_variants) != 1 or len(new_variants) != 1:
            # Unions of the same types: compare variant by variant in order.
            for o, n in zip(old_variants, new_variants, strict=False):
                self.compare(o, n, path)
            return
        o, n = old_variants[0], new_variants[0]
        self._compare_enum(o, n, path)
        self._compare_constraints(o, n, path)
        if "properties" in o or "properties" in n:
            self._compare_object(o, n, path)
        for items_key in ("items", "additionalProperties"):
            if isinstance(o.get(items_key), dict) and isinstance(n.get(items_key), dict):
                self.compare(o[items_key], n[items_key], f"{path}[]")
        if isinstance(o.get("prefixItems"), list) and isinstance(n.get("prefixItems"), list):
            for index, (a, b) in enumerate(zip(o["prefixItems"], n["prefixItems"], strict=False)):
                self.compare(a, b, f"{path}[{index}]")

    def _compare_enum(self, o: dict[str, Any], n: dict[str, Any], path: str) -> None:
        old_values = o.get("enum", [o["const"]] if "const" in o else None)
        new_values = n.get("enum", [n["const"]] if "const" in n else None)
        if old_values is None or new_values is None:
            if old_values is None and new_values is not None:
                self.changes.append(Change(path, "enum-introduced", True, f"now limited to {new_values}"))
            elif old_values is not None and new_values is None:
                self.changes.append(
                    Change(path, "enum-lifted", False, "any value of the type is now allowed")
                )
            return
        removed = [v for v in old_values if v not in new_values]
        added = [v for v in new_values if v not in old_values]
        if removed:
            self.changes.append(Change(path, "enum-narrowed", True, f"removed {removed}"))
        if added:
            self.changes.append(
                # Readers check codes against their own list, so an older reader refuses a new code.
                Change(path, "enum-widened", True, f"added {added}; readers of older minors refuse it")
            )

    def _compare_constraints(self, o: dict[str, Any], n: dict[str, Any], path: str) -> None:
        for name, narrows_when_larger in _NARROWS_WHEN_LARGER.items():
            a, b = o.get(name), n.get(name)
            if a == b:
                continue
            if a is None:
                self.changes.append(Change(path, "constraint-added", True, f"{name} {b}"))
            elif b is None:
                self.changes.append(Change(path, "constraint-removed", False, f"{name} was {a}"))
            elif (b > a) == narrows_when_larger:
                self.changes.append(Change(path, "constraint-narrowed", True, f"{name} {a} → {b}"))
            else:
                self.changes.append(Change(path, "constraint-widened", False, f"{name} {a} → {b}"))
        if o.get("pattern") != n.get("pattern"):
            self.changes.append(
                Change(path, "pattern-changed", True, f"{o.get('pattern')!r} → {n.get('pattern')!r}")
            )

    def _compare_object(self, o: dict[str, Any], n: dict[str, Any], path: str) -> None:
        old_props, new_props = o.get("properties", {}), n.get("properties", {})
        old_required, new_required = set(o.get("required", ())), set(n.get("required", ()))
        for name in old_props:
            where = f"{path}.{name}" if path else name
            if name not in new_props:
                self.changes.append(
                    Change(where, "field-removed", True, "readers of the new version refuse or lose it")
                )
            else:
                self.compare(old_props[name], new_props[name], where)
                if name in new_required and name not in old_required:
                    self.changes.append(Change(where, "field-made-required", True, "old data may lack it"))
                elif name in old_required and name not in new_required:
                    self.changes.append(Change(where, "field-made-optional", True, "old readers require it"))
        for name in new_props:
            if name in old_props:
                continue
            where = f"{path}.{name}" if path else name
            if name in new_required:
                self.changes.append(Change(where, "new-required-field", True, "old data lacks it"))
            else:
                # Receiving nodes read a newer minor with the newest model they know, ignoring the
                # fields they do not know (contracts.messages.read_message(accept_newer_minor=True)).
                self.changes.append(
                    Change(where, "new-optional-field", False, "readers of older minors ignore it")
                )
        if o.get("additionalProperties") is not False and n.get("additionalProperties") is False:
            self.changes.append(Change(path, "object-closed", True, "unknown fields are now refused"))


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
