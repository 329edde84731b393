"""The compatibility gate: every schema version against the one before it, and against itself
as it was published.

    python -m contracts.compat [--dir contracts/schemas]
    python -m contracts.compat --against REV       also: every version as committed at REV
    python -m contracts.compat --published DIR     also: every version as found in DIR
    python -m contracts.compat --against REV --accept "why"   record this edit as accepted

Within one major version a change must keep both directions working, as a schema registry's
FULL mode does: data written under the old schema still reads under the new one (BACKWARD) and
data written under the new one still reads under the old one (FORWARD), given that readers
ignore what they do not know only where the schema allows it. A new major version may break
anything; it then needs an upcaster.

A version once published is compared with its own published form by the same rules: a
breaking edit to it (a tightened bound, say) would meet data and readers that already exist,
so the gate fails on it unless that very edit, from the published file to the new one (both
by SHA-256), is recorded in ``compat_accepted.json`` with its reason. ``make lint`` runs the
gate against the branch's merge base with ``main``.

Invariants:
- every change found is classified by a named rule and located by its field path;
- ``breaking`` changes between versions of the same major make the gate fail, naming each;
- a breaking edit of a published version fails unless exactly that edit was accepted;
- the gate reads only committed JSON files, so it checks what was published.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import itertools
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contracts.schema_export import SCHEMA_DIR

ACCEPTED_FILE = Path(__file__).resolve().parent / "compat_accepted.json"

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
        self._compare_keys(o, n, path)
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
        for name in ("pattern", "format"):
            a, b = o.get(name), n.get(name)
            if a == b:
                continue
            if a is None:
                self.changes.append(Change(path, "constraint-added", True, f"{name} {b!r}"))
            elif b is None:
                self.changes.append(Change(path, "constraint-removed", False, f"{name} was {a!r}"))
            else:
                # Whether one pattern admits less than another cannot be decided in general.
                self.changes.append(Change(path, f"{name}-changed", True, f"{a!r} → {b!r}"))

    def _compare_keys(self, o: dict[str, Any], n: dict[str, Any], path: str) -> None:
        """The keys of a map: ``propertyNames`` and ``patternProperties`` (keys by pattern)."""
        where = f"{path}{{key}}"
        old_names, new_names = o.get("propertyNames"), n.get("propertyNames")
        if isinstance(old_names, dict) and isinstance(new_names, dict):
            self.compare({"type": "string", **old_names}, {"type": "string", **new_names}, where)
        elif old_names is None and isinstance(new_names, dict):
            self.changes.append(Change(where, "constraint-added", True, f"propertyNames {new_names}"))
        elif isinstance(old_names, dict) and new_names is None:
            self.changes.append(Change(where, "constraint-removed", False, "propertyNames lifted"))
        old_patterns, new_patterns = o.get("patternProperties", {}), n.get("patternProperties", {})
        if set(old_patterns) != set(new_patterns):
            self.changes.append(
                Change(where, "pattern-changed", True, f"{sorted(old_patterns)} → {sorted(new_patterns)}")
            )
        for key_pattern in set(old_patterns) & set(new_patterns):
            self.compare(old_patterns[key_pattern], new_patterns[key_pattern], f"{path}[]")

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


@dataclass(frozen=True)
class Edit:
    """A published version whose schema file is no longer what was published."""

    message_type: str
    version: str
    published_sha256: str
    new_sha256: str
    changes: list[Change]
    accepted: str | None = None
    """The recorded reason, when exactly this edit was accepted."""

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.breaking]

    @property
    def failing(self) -> list[Change]:
        return [] if self.accepted is not None else self.breaking

    def record(self, reason: str) -> dict[str, str]:
        return {
            "type": self.message_type,
            "version": self.version,
            "published_sha256": self.published_sha256,
            "new_sha256": self.new_sha256,
            "reason": reason,
        }


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_accepted(path: Path = ACCEPTED_FILE) -> list[dict[str, str]]:
    if not path.exists():
        return []
    accepted: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))["accepted"]
    return accepted


def check_published(
    published: Path, directory: Path = SCHEMA_DIR, accepted: list[dict[str, str]] | None = None
) -> list[Edit]:
    """Every version under ``published`` against the same version under ``directory``."""
    reasons = {
        (a["type"], a["version"], a["published_sha256"], a["new_sha256"]): a["reason"] for a in accepted or []
    }
    edits = []
    for old_path in sorted(published.rglob("*.json")):
        relative = old_path.relative_to(published)
        message_type, version = relative.parent.name, relative.stem
        old_text = old_path.read_text(encoding="utf-8")
        new_path = directory / relative
        if not new_path.exists():
            changes = [Change("", "version-removed", True, "readers and data of this version exist")]
            new_text = ""
        else:
            new_text = new_path.read_text(encoding="utf-8")
            if new_text == old_text:
                continue
            changes = compare(json.loads(old_text), json.loads(new_text))
        key = (message_type, version, _sha256(old_text), _sha256(new_text) if new_text else "")
        edits.append(Edit(*key, changes=changes, accepted=reasons.get(key)))
    return edits


def published_at(revision: str, directory: Path, into: Path) -> Path:
    """The schema files under ``directory`` as committed at git ``revision``, copied into ``into``."""

    def git(*args: str, cwd: Path = directory) -> str:
        return subprocess.run(
            ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, encoding="utf-8"
        ).stdout

    top = Path(git("rev-parse", "--show-toplevel").strip()).resolve()
    git = functools.partial(git, cwd=top)
    prefix = directory.resolve().relative_to(top).as_posix()
    for name in git("ls-tree", "-r", "--name-only", revision, "--", prefix).splitlines():
        if name.endswith(".json"):
            target = into / Path(name).relative_to(prefix)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(git("show", f"{revision}:{name}"), encoding="utf-8")
    return into


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
    parser.add_argument("--against", metavar="REV", help="Also compare each version with itself at git REV.")
    parser.add_argument("--published", type=Path, metavar="DIR", help="Or with itself as found in DIR.")
    parser.add_argument("--accepted", type=Path, default=ACCEPTED_FILE, help="Recorded accepted edits.")
    parser.add_argument("--accept", metavar="REASON", help="Record the breaking edits found as accepted.")
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
    if args.against or args.published:
        with tempfile.TemporaryDirectory() as scratch:
            published = args.published or published_at(args.against, args.dir, Path(scratch))
            edits = check_published(published, args.dir, load_accepted(args.accepted))
            if args.accept:
                _record(args.accepted, [e for e in edits if e.breaking and e.accepted is None], args.accept)
                edits = check_published(published, args.dir, load_accepted(args.accepted))
        failing += _report_edits(edits, args.against or str(args.published))
    return 1 if failing else 0


def _report_edits(edits: list[Edit], baseline: str) -> int:
    failing = 0
    for edit in edits:
        reason = edit.accepted or ""
        status = (
            "not accepted" if edit.accepted is None else f"accepted: {reason[:60]}{'…' * (len(reason) > 60)}"
        )
        print(f"{edit.message_type} {edit.version} as published at {baseline} → now ({status}):")
        for change in edit.changes or [Change("", "no-rule-changed", False, "only descriptions differ")]:
            print(f"  {change}")
        if edit.failing:
            failing += len(edit.failing)
            rules = ", ".join(sorted({c.rule for c in edit.failing}))
            print(
                f"error: the published {edit.message_type} {edit.version} was edited in place with "
                f"{len(edit.failing)} breaking changes ({rules}); "
                f"publish a new major version instead, or record this edit "
                f"({edit.published_sha256[:12]} → {edit.new_sha256[:12]}) with --accept REASON",
                file=sys.stderr,
            )
    print(f"{len(edits)} published versions edited, {failing} breaking changes not accepted")
    return failing


def _record(path: Path, edits: list[Edit], reason: str) -> None:
    """Add ``edits`` to the accepted file, replacing an earlier record of the same published file."""
    replaced = {(e.message_type, e.version, e.published_sha256) for e in edits}
    kept = [
        a for a in load_accepted(path) if (a["type"], a["version"], a["published_sha256"]) not in replaced
    ]
    records = sorted([*kept, *(e.record(reason) for e in edits)], key=lambda a: (a["type"], a["version"]))
    document = {
        "description": "Edits of published schema versions that break a rule of the compatibility "
        "gate and were accepted, each from the published file to the new one (SHA-256), with why. "
        "Written by python -m contracts.compat --against REV --accept REASON.",
        "accepted": records,
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
