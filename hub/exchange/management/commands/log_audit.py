"""Verify the whole log: every entry a receipt the hub signed, dense, and every signed tree
head the Merkle root of exactly the entries before it.

    python -m hub.manage log_audit                          # the live log
    python -m hub.manage log_audit --export snapshot.json   # write a snapshot for an auditor
    python -m hub.manage log_audit --snapshot snapshot.json [--hub-key KEY]

A snapshot is checked with the hub key it names unless ``--hub-key`` (base64url public key)
gives the one the auditor trusts. Exits 1 and lists every problem when the log fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from contracts.envelope import TrustedKey, mapping_resolver
from contracts.keys import key_id, load_public_key, public_key_text
from contracts.log import audit
from hub.exchange.models import Message, TreeHeadRecord
from hub.federation.selectors import hub_signing_key


def _live_entries() -> Iterator[tuple[int, object]]:
    rows = Message.objects.order_by("log_index").values_list("log_index", "receipt")
    for index, receipt in rows.iterator(chunk_size=2000):
        yield index, json.loads(bytes(receipt))


def _live_heads() -> Iterator[object]:
    for envelope in TreeHeadRecord.objects.order_by("tree_size").values_list("envelope", flat=True):
        yield json.loads(bytes(envelope))


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--export", type=Path, help="Write the log and its tree heads to this file.")
        parser.add_argument("--snapshot", type=Path, help="Audit this snapshot instead of the live log.")
        parser.add_argument("--hub-key", help="The hub public key to trust (base64url).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["export"]:
            self._export(options["export"])
            return
        if options["snapshot"]:
            snapshot = json.loads(options["snapshot"].read_text())
            public = load_public_key(options["hub_key"] or snapshot["hub_public_key"])
            entries: Any = ((e["log_index"], e["receipt"]) for e in snapshot["entries"])
            heads: Any = snapshot["tree_heads"]
        else:
            public = hub_signing_key().public_key()
            entries, heads = _live_entries(), _live_heads()
        resolve = mapping_resolver({key_id(public): TrustedKey(owner="hub", public_key=public)})
        report = audit(
            entries=entries,
            tree_heads=heads,
            resolve_key=resolve,
            progress=lambda n: self.stderr.write(f"  {n:,} entries checked…"),
        )
        for problem in report.problems:
            self.stdout.write(f"PROBLEM {problem}")
        summary = f"{report.entries:,} entries and {report.tree_heads} tree heads checked"
        if not report.ok:
            raise CommandError(f"{summary}: {len(report.problems)} problem(s)")
        self.stdout.write(f"{summary}: the log is intact")

    def _export(self, path: Path) -> None:
        public = hub_signing_key().public_key()
        snapshot = {
            "hub_keyid": key_id(public),
            "hub_public_key": public_key_text(public),
            "entries": [{"log_index": i, "receipt": r} for i, r in _live_entries()],
            "tree_heads": list(_live_heads()),
        }
        path.write_text(json.dumps(snapshot, separators=(",", ":")))
        self.stdout.write(
            f"wrote {len(snapshot['entries']):,} entries and {len(snapshot['tree_heads'])} heads to {path}"
        )
