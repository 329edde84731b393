"""What this node receives: pulled page by page after its cursor, verified, applied once."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from common.db import bulk_insert
from common.isolation import apply_isolated
from contracts.client import HubAPI, PulledMessage, PullPage
from contracts.envelope import KeyResolver, claimed_keyids, parse_envelope, parse_payload_type
from contracts.errors import ContractError, NoApplierError, UnknownMessageTypeError, UnsupportedVersionError
from contracts.messages import MESSAGE_TYPES, Event, upcast
from node.exchange.locks import exclusive, sync_error_record
from node.exchange.models import InboxMessage, SyncState
from node.exchange.verification import Outcomes, outcomes_ahead, page_outcomes, sealed_entries
from node.federation.models import PeerKey
from node.federation.selectors import enrolment_get, hub_client, hub_key_resolver, peer_keys_resolver
from node.federation.services import directory_refresh

logger = logging.getLogger("node.exchange")

Applier = Callable[[list[Event[Any]]], dict[int, ContractError]]
"""Applies a page of events of one type (upcast to its current version) at once; returns the
errors by position, and every other event is applied."""
_APPLIERS: dict[str, Applier] = {}


def applier_register(message_type: str, applier: Applier | None) -> Applier | None:
    """Apps register how they apply a page of a received message type (see their
    ``AppConfig.ready``); a message of a type nobody applies is kept as *unhandled* until one
    does (``inbox_unhandled_replay``). Returns the applier it replaces; ``None`` removes the
    type's applier."""
    previous = _APPLIERS.pop(message_type, None)
    if applier is not None:
        _APPLIERS[message_type] = applier
    return previous


def appliers() -> frozenset[str]:
    """The message types this node applies."""
    return frozenset(_APPLIERS)


# What a newer release or a plug-in would read: kept as unhandled, never as a dead letter.
_NOT_YET_READ = (UnknownMessageTypeError, UnsupportedVersionError)


@dataclass
class PullReport:
    applied: int = 0
    duplicates: int = 0
    rejected: int = 0
    pages: int = 0
    unhandled: int = 0


def inbox_pull(
    *, client: HubAPI | None = None, limit: int = 500, max_pages: int = 50, wait: float = 0
) -> PullReport:
    """Pull new messages after the cursor, verify them and apply each once.

    With ``wait``, the first request long-polls: the hub answers as soon as something arrives.
    ``client`` is the hub (the enrolled one when not given).
    """
    report = PullReport()
    with exclusive("inbox-pull") as acquired:
        if not acquired:
            return report
        hub: HubAPI = client if client is not None else hub_client()
        state, _ = SyncState.objects.get_or_create(pk=1)
        cursor = state.cursor
        hub_keys = hub_key_resolver()
        node_code = enrolment_get().node_code

        def fetch_ahead(after: str, peer_keys: KeyResolver) -> tuple[PullPage, Outcomes | None]:
            page = hub.pull(after=after, limit=limit)
            return page, outcomes_ahead(page, peer_keys=peer_keys, hub_keys=hub_keys, node_code=node_code)

        # While a page is applied, the next one is fetched and its signatures checked (they need
        # nothing from the database but the keys, read beforehand): a node catching up keeps
        # both cores busy instead of waiting for the hub, the link, or Ed25519. A page fetched
        # ahead is only read; the cursor moves when a page's transaction commits.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="inbox-prefetch") as ahead:
            coming: Future[tuple[PullPage, Outcomes | None]] | None = None
            for number in range(max_pages):
                try:
                    page, checked = (
                        coming.result()
                        if coming is not None
                        else (hub.pull(after=cursor, limit=limit, wait=wait if number == 0 else 0), None)
                    )
                except ContractError as exc:
                    sync_error_record(text=f"pull: {exc.code}: {exc.message}")
                    raise
                report.pages += 1
                if checked is None and page.messages and _needs_directory(page.messages):
                    directory_refresh(client=hub)
                more = page.has_more and number + 1 < max_pages
                coming = (
                    ahead.submit(fetch_ahead, page.next_cursor, peer_keys_resolver(None)) if more else None
                )
                with transaction.atomic():
                    inbox_accept_page(page.messages, report, seal=page.seal, checked=checked)
                    cursor = page.next_cursor
                    SyncState.objects.filter(pk=1).update(
                        cursor=cursor, last_pull_at=timezone.now(), last_error="", hub_log_size=page.log_size
                    )
                if coming is None:
                    break
        if report.pages and not report.applied + report.rejected + report.duplicates + report.unhandled:
            SyncState.objects.filter(pk=1).update(last_pull_at=timezone.now())
    return report


def _needs_directory(messages: list[PulledMessage]) -> bool:
    """Whether a message is signed by a key this node does not know yet (a newly enrolled peer)."""
    keyids: set[str] = set().union(*(claimed_keyids(pulled.envelope) for pulled in messages))
    known = set(PeerKey.objects.filter(keyid__in=keyids).values_list("keyid", flat=True))
    return bool(keyids - known)


def inbox_accept_page(
    messages: list[PulledMessage],
    report: PullReport,
    *,
    seal: dict[str, Any] | None = None,
    checked: Outcomes | None = None,
) -> None:
    """Verify and apply a page of pulled messages in a few queries (call inside a transaction).

    Same outcome as ``inbox_accept`` for each message in turn: applied once, or recorded as
    rejected with its reason; a message already in the inbox changes nothing. With the hub's
    ``seal`` over the page, its one signature stands for every receipt's own; ``checked`` are
    the verdicts of a page verified ahead (``verification.outcomes_ahead``).
    """
    if not messages:
        return
    seen = set(
        InboxMessage.objects.filter(log_index__any=[m.log_index for m in messages]).values_list(
            "log_index", flat=True
        )
    )
    fresh = [m for m in messages if m.log_index not in seen]
    report.duplicates += len(messages) - len(fresh)
    if checked is not None:
        outcomes = [checked[m.log_index] for m in fresh]
    else:
        hub_keys = hub_key_resolver()
        vouched = sealed_entries(messages, seal, hub_keys=hub_keys, node_code=enrolment_get().node_code)
        peer_keys = peer_keys_resolver(
            set().union(*(claimed_keyids(m.envelope) for m in fresh)) if fresh else set()
        )
        outcomes = page_outcomes(fresh, peer_keys=peer_keys, hub_keys=hub_keys, vouched=vouched)
    rows: list[InboxMessage] = []
    verified: list[tuple[PulledMessage, Event[Any]]] = []
    for pulled, outcome in zip(fresh, outcomes, strict=True):
        if isinstance(outcome, _NOT_YET_READ):
            rows.append(_unhandled_row(pulled, outcome))
        elif isinstance(outcome, ContractError):
            rows.append(_inbox_row(pulled, None, error=outcome))
        else:
            verified.append((pulled, outcome))
    known_ids = set(
        InboxMessage.objects.filter(message_id__any=[e.id for _, e in verified]).values_list(
            "message_id", flat=True
        )
    )
    by_type: dict[str, list[tuple[PulledMessage, Event[Any]]]] = {}
    for pulled, event in verified:
        if event.id in known_ids:
            report.duplicates += 1  # the same message under another index: applying again changes nothing
            continue
        known_ids.add(event.id)
        by_type.setdefault(event.type, []).append((pulled, event))
    for message_type, items in by_type.items():
        if message_type not in _APPLIERS:
            # Nobody here applies it yet: kept, with its cursor safe, until an applier arrives.
            missing = NoApplierError(f"This node has no applier for {message_type} yet.")
            rows.extend(_inbox_row(pulled, event, error=missing, unhandled=True) for pulled, event in items)
            continue
        # One message that cannot be applied is narrowed down and kept as a dead letter; the
        # others are applied in their order (common.isolation).
        errors = apply_isolated(_applier_for(message_type), [event for _, event in items])
        for position, (pulled, event) in enumerate(items):
            rows.append(_inbox_row(pulled, event, error=errors.get(position)))
    _inbox_store(rows)
    for row in rows:
        if row.status == InboxMessage.Status.APPLIED:
            report.applied += 1
        elif row.status == InboxMessage.Status.UNHANDLED:
            report.unhandled += 1
            logger.warning("kept message at log index %d unhandled: %s", row.log_index, row.reason)
        else:
            report.rejected += 1
            logger.error("rejected message at log index %d: %s", row.log_index, row.reason)


def inbox_accept(pulled: PulledMessage, report: PullReport) -> None:
    """Verify and apply one pulled message (a page of one)."""
    with transaction.atomic():
        inbox_accept_page([pulled], report)


def _applier_for(message_type: str) -> Applier:
    def apply(events: list[Event[Any]]) -> dict[int, ContractError]:
        return _apply_many(message_type, events)

    return apply


def _apply_many(message_type: str, events: list[Event[Any]]) -> dict[int, ContractError]:
    # Appliers work with the current version; the inbox keeps the version as signed.
    return _APPLIERS[message_type]([upcast(event) for event in events])


def _inbox_store(rows: list[InboxMessage]) -> None:
    """Insert the page's inbox rows; a row the database refuses (a value no check foresaw) is
    kept as a dead letter with its signed bytes and the reason, instead of stopping the page."""

    def store(batch: list[InboxMessage]) -> dict[int, ContractError]:
        bulk_insert(InboxMessage, batch)
        return {}

    for position, error in apply_isolated(store, rows).items():
        row = rows[position]
        bare = InboxMessage(
            log_index=row.log_index,
            status=InboxMessage.Status.REJECTED,
            reason=f"{error.code}: {error.message}"[:2000],
            envelope=row.envelope,
            receipt=row.receipt,
        )
        bulk_insert(InboxMessage, [bare])
        rows[position] = bare


def _unhandled_row(pulled: PulledMessage, error: ContractError) -> InboxMessage:
    """A message of a type (or version) this node cannot read yet: its signature verified, and
    it is kept, named by the type its envelope says, to be read once this node can."""
    row = _inbox_row(pulled, None, error=error, unhandled=True)
    # It verified, so its payload type parsed; should it not, nothing else names it.
    with contextlib.suppress(ContractError):
        row.type, row.version = parse_payload_type(parse_envelope(pulled.envelope).payload_type)
    return row


def _inbox_row(
    pulled: PulledMessage,
    event: Event[Any] | None,
    *,
    error: ContractError | None,
    unhandled: bool = False,
) -> InboxMessage:
    status = InboxMessage.Status
    return InboxMessage(
        message_id=event.id if event else None,
        log_index=pulled.log_index,
        source=event.source if event else "",
        sequence=event.sequence if event else None,
        type=event.type if event else "",
        version=event.dataversion if event else "",
        status=status.UNHANDLED if unhandled else status.REJECTED if error else status.APPLIED,
        reason=f"{error.code}: {error.message}" if error else "",
        envelope=json.dumps(pulled.envelope, separators=(",", ":")).encode(),
        receipt=json.dumps(pulled.receipt, separators=(",", ":")).encode(),
    )


def inbox_unhandled_replay(*, message_type: str | None = None, page_size: int = 500) -> PullReport:
    """Check and apply again, in log order, the kept messages whose type this node now reads
    and applies (after an upgrade or a plug-in); the others stay as they are.

    Each message is verified again from its signed bytes and the hub's receipt, exactly as when
    it was pulled, so a replay trusts nothing it did not trust then.
    """
    report = PullReport()
    ready = [t for t in _replayable() if message_type in (None, t)]
    after = 0
    while ready:
        with transaction.atomic():
            rows = list(
                InboxMessage.objects.select_for_update()
                .filter(status=InboxMessage.Status.UNHANDLED, type__in=ready, log_index__gt=after)
                .order_by("log_index")[:page_size]
            )
            if not rows:
                break
            pulled = [
                PulledMessage(
                    log_index=row.log_index,
                    envelope=json.loads(bytes(row.envelope)),
                    receipt=json.loads(bytes(row.receipt)),
                )
                for row in rows
            ]
            InboxMessage.objects.filter(log_index__any=[row.log_index for row in rows]).delete()
            inbox_accept_page(pulled, report)
            after = rows[-1].log_index
        report.pages += 1
    if report.applied or report.rejected:
        logger.info("replayed unhandled messages: %d applied, %d rejected", report.applied, report.rejected)
    return report


def inbox_unhandled_ready() -> bool:
    """Whether a kept message waits for a type this node now applies (one cheap query)."""
    return InboxMessage.objects.filter(status=InboxMessage.Status.UNHANDLED, type__in=_replayable()).exists()


def _replayable() -> list[str]:
    """The types a kept message may be applied as now: known to this release, and applied here."""
    return sorted(t for t in appliers() if t in MESSAGE_TYPES)
