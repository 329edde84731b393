"""The node's watch over the hub's log: nobody has to take the hub's word for what it logged.

Every few seconds the node fetches the hub's latest signed tree head and accepts it only if it
extends the last head it accepted (an RFC 9162 consistency proof); then it checks that each
message it sent is in the log, at the index its receipt names (an RFC 9162 inclusion proof of the
receipt). Both are checked by ``contracts.log``, which raises ``LogInconsistentError`` or
``BadLogProofError``. Any
failure raises an alarm with the signed evidence and stops accepting heads until an operator
looks; sync itself goes on (the hub may be wrong, the messages are still signed by senders).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from contracts.client import HubAPI
from contracts.control import TreeHead, read_control
from contracts.envelope import b64_decode, parse_envelope
from contracts.errors import BadLogProofError, ContractError, LogInconsistentError
from contracts.log import verify_consistency, verify_inclusion
from node.exchange.models import LogAlarm, OutboxMessage, TreeHeadSeen
from node.federation.selectors import hub_client, hub_key_resolver

logger = logging.getLogger("node.exchange.log")


@dataclass
class LogCheckReport:
    tree_size: int = 0
    new_head: bool = False
    proven: int = 0
    alarm: str = ""


def log_check(*, client: HubAPI | None = None, max_inclusions: int = 200) -> LogCheckReport:
    """Accept the hub's newest tree head if it extends the last one; prove our sent messages.

    ``client`` is the hub (the enrolled one when not given)."""
    report = LogCheckReport()
    if LogAlarm.objects.filter(acknowledged_at__isnull=True).exists():
        report.alarm = "an alarm is open; acknowledge it with: manage.py log_alarms --acknowledge"
        return report
    hub: HubAPI = client if client is not None else hub_client()
    raw = hub.tree_head()
    head = read_control(raw, model=TreeHead, resolve_key=hub_key_resolver())
    last = TreeHeadSeen.objects.order_by("-tree_size").first()
    try:
        if last is not None:
            old = TreeHead(tree_size=last.tree_size, root_hash=last.root_hash, timestamp=head.timestamp)
            proof = None
            if 0 < old.tree_size < head.tree_size:
                proof = hub.consistency_proof(first=old.tree_size, second=head.tree_size)
            verify_consistency(old=old, new=head, proof=proof)
    except LogInconsistentError as exc:
        _alarm(exc, evidence={"accepted_head": bytes(last.envelope).decode(), "new_head": raw})  # type: ignore[union-attr]
        report.alarm = exc.code
        return report
    if last is None or head.tree_size > last.tree_size:
        TreeHeadSeen.objects.get_or_create(
            tree_size=head.tree_size,
            defaults={"root_hash": head.root_hash, "envelope": parse_envelope(raw).to_bytes()},
        )
        report.new_head = True
    report.tree_size = head.tree_size
    # Our own messages, now covered by the head: each receipt must be the entry at its index.
    pending = OutboxMessage.objects.filter(
        sent_at__isnull=False, included_at__isnull=True, log_index__lte=head.tree_size
    ).order_by("log_index")[:max_inclusions]
    for row in pending:
        entry = b64_decode(parse_envelope(bytes(row.receipt or b"")).payload)
        inclusion = hub.inclusion_proof(log_index=row.log_index or 0, tree_size=head.tree_size)
        try:
            verify_inclusion(entry=entry, log_index=row.log_index or 0, head=head, proof=inclusion)
        except BadLogProofError as exc:
            _alarm(exc, evidence={"head": raw, "message_id": str(row.message_id), "log_index": row.log_index})
            report.alarm = exc.code
            return report
        row.included_at = timezone.now()
        row.save(update_fields=["included_at"])
        report.proven += 1
    return report


@transaction.atomic
def _alarm(error: ContractError, *, evidence: dict[str, object]) -> None:
    LogAlarm.objects.create(code=error.code, message=error.message, evidence=evidence)
    logger.critical("the hub's log failed a check: %s: %s", error.code, error.message)


def alarms_acknowledge() -> int:
    """Mark every open alarm as seen by an operator; checking resumes with the next run."""
    return LogAlarm.objects.filter(acknowledged_at__isnull=True).update(acknowledged_at=timezone.now())
