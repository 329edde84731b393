"""Messages that could not be delivered or applied, and what an operator can do with them.

python -m node.manage dead_letters                           # list; exit 1 if any is open
python -m node.manage dead_letters --retry-outbox MESSAGE_ID # send its content again
python -m node.manage dead_letters --retry-inbox LOG_INDEX   # check and apply it again
python -m node.manage dead_letters --retry-all
python -m node.manage dead_letters --discard-outbox MESSAGE_ID --note "why"
python -m node.manage dead_letters --discard-inbox LOG_INDEX --note "why"
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from contracts.errors import ContractError
from node.exchange.dead_letters import dead_letter_discard, dead_letter_retry_inbox, dead_letter_retry_outbox
from node.exchange.models import InboxMessage, OutboxMessage
from node.exchange.selectors import dead_letters_inbox, dead_letters_outbox


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--retry-outbox", metavar="MESSAGE_ID")
        group.add_argument("--retry-inbox", metavar="LOG_INDEX", type=int)
        group.add_argument("--retry-all", action="store_true")
        group.add_argument("--discard-outbox", metavar="MESSAGE_ID")
        group.add_argument("--discard-inbox", metavar="LOG_INDEX", type=int)
        parser.add_argument("--note", default="", help="Why it is discarded (kept with the record).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self._act(options)
        except ContractError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc

    def _act(self, options: dict[str, Any]) -> None:
        if options["retry_outbox"]:
            fresh = dead_letter_retry_outbox(message_id=options["retry_outbox"])
            self.stdout.write(f"queued again as {fresh.message_id} (#{fresh.sequence})")
        elif options["retry_inbox"] is not None:
            row = dead_letter_retry_inbox(log_index=options["retry_inbox"])
            self.stdout.write(f"log index {row.log_index}: {row.status} {row.reason}".rstrip())
        elif options["retry_all"]:
            for out in list(dead_letters_outbox()):
                self._act({**options, "retry_outbox": str(out.message_id), "retry_all": False})
            for inbox in list(dead_letters_inbox()):
                self._act(
                    {**options, "retry_inbox": inbox.log_index, "retry_all": False, "retry_outbox": None}
                )
        elif options["discard_outbox"] or options["discard_inbox"] is not None:
            if not options["note"]:
                raise CommandError("Say why with --note; it is kept with the record.")
            dead_letter_discard(
                outbox_message_id=options["discard_outbox"],
                inbox_log_index=options["discard_inbox"],
                note=options["note"],
            )
            self.stdout.write("discarded")
        else:
            self._list()

    def _list(self) -> None:
        outbox: list[OutboxMessage] = list(dead_letters_outbox())
        inbox: list[InboxMessage] = list(dead_letters_inbox())
        for row in outbox:
            self.stdout.write(f"outbox {row.message_id} #{row.sequence} {row.type}: {row.last_error}")
        for entry in inbox:
            self.stdout.write(
                f"inbox  {entry.log_index} {entry.type or '?'} from {entry.source or '?'}: {entry.reason}"
            )
        if outbox or inbox:
            raise CommandError(f"{len(outbox)} outgoing and {len(inbox)} incoming dead letter(s)")
        self.stdout.write("no dead letters")
