"""Send probe messages from this node: python -m node.manage probe_send [--count N] [--bytes N]."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=1)
        parser.add_argument("--bytes", type=int, default=0, help="Send parcels of this many bytes instead.")
        parser.add_argument("--text", default="probe")

    def handle(self, *args: Any, **options: Any) -> None:
        from node.exchange.outbox import outbox_enqueue
        from tests.plugins.probe.family import ProbeNoteV1, ProbeParcelV1

        for _ in range(options["count"]):
            with transaction.atomic():
                if options["bytes"]:
                    row = outbox_enqueue(
                        message_type="probe.parcel",
                        data=ProbeParcelV1(note_id=uuid.uuid4(), filler="x" * options["bytes"]),
                    )
                else:
                    row = outbox_enqueue(
                        message_type="probe.note",
                        data=ProbeNoteV1(note_id=uuid.uuid4(), text=options["text"]),
                    )
            self.stdout.write(str(row.message_id))
