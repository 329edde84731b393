from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import random
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from pydantic import BaseModel, ValidationError

from common.db import bulk_insert
from common.isolation import apply_isolated
from contracts.api import SyncReport
from contracts.bounds import storable
from contracts.client import PulledMessage, PullPage, PushResult
from contracts.control import CONTROL_VERSION, RECEIPT_TYPE, PageSeal, Receipt, page_digest, read_control
from contracts.envelope import (
    KeyResolver,
    b64_decode,
    claimed_keyids,
    open_envelope,
    parse_envelope,
    payload_type_for,
)
from contracts.errors import (
    ContractError,
    NotADeadLetterError,
    ReceiptMismatchError,
    RevokedKeyError,
    SchemaViolationError,
    UnknownKeyError,
    UnknownMessageTypeError,
    WrongTypeError,
    validation_detail,
)
from contracts.log import leaf_hash
from contracts.messages import MESSAGE_TYPES, Event, new_message_id, read_message, upcast, write_message_bytes
from node.exchange.models import InboxMessage, OutboxMessage, SyncState
from node.federation.models import Enrolment, PeerKey
from node.federation.selectors import (
    enrolment_get,
    hub_client,
    hub_key_resolver,
    node_signing_key,
    peer_keys_resolver,
)
from node.federation.services import directory_refresh

logger = logging.getLogger("node.exchange")

Applier = Callable[[list[Event[Any]]], dict[int, ContractError]]
"""Applies a page of events of one type (upcast to its current version) at once; returns the
errors by position, and every other event is applied."""
_APPLIERS: dict[str, Applier] = {}


def applier_register(message_type: str, applier: Applier | None) -> Applier | None:
    """Apps register how they apply a page of a received message type (see their
    ``AppConfig.ready``); a type nobody applies is only recorded in the inbox. Returns the
    applier it replaces; ``None`` removes the type's applier."""
    previous = _APPLIERS.pop(message_type, None)
    if applier is not None:
        _APPLIERS[message_type] = applier
    return previous


# --- outbox ------------------------------------------------------------------------------


@transaction.atomic
def outbox_enqueue(*, message_type: str, data: BaseModel, recipients: tuple[str, ...] = ()) -> OutboxMessage:
    """Sign ``data`` as this node's next message and keep it until the hub has receipted it.

    Call it inside the transaction that makes the change: both commit or neither does.
    """
    # Lock the enrolment row so that concurrent writers take sequence numbers one at a time.
    enrolment = Enrolment.objects.select_for_update().filter(pk=enrolment_get().pk).get()
    sequence = (OutboxMessage.objects.aggregate(m=Max("sequence"))["m"] or 0) + 1
    message_id = new_message_id()
    if message_type not in MESSAGE_TYPES:
        raise UnknownMessageTypeError(f"Message type {message_type!r} is not known.")
    version = MESSAGE_TYPES[message_type].current
    envelope = write_message_bytes(
        message_id=message_id,
        source=enrolment.node_code,
        message_type_name=message_type,
        sequence=sequence,
        data=data,
        key=node_signing_key(),
        time=timezone.now(),
        recipients=recipients,
        version=version,
    )
    row = OutboxMessage.objects.create(
        message_id=message_id, sequence=sequence, type=message_type, version=version, envelope=envelope
    )
    transaction.on_commit(lambda: _send_soon("node.exchange.tasks.push_outbox"))
    return row


def _send_soon(task_name: str) -> None:
    """Queue a task by its registered name: the task module imports this one, not the reverse."""
    from celery import current_app

    try:
        current_app.tasks[task_name].delay()
    except Exception:  # the broker may be down; the beat schedule will push later anyway
        logger.warning(
            "could not queue an immediate push; the next scheduled push will send it", exc_info=True
        )


@dataclass
class PushReport:
    sent: int = 0
    refused: int = 0
    dead: int = 0
    batches: int = 0


# Refusals that may pass once the federation catches up (a key the hub has not listed yet):
# the message waits and is sent again. Every other refusal is final for these signed bytes.
RETRYABLE_REFUSALS = frozenset({"unknown-key", "hub-unavailable"})


def backoff_delay(attempts: int) -> dt.timedelta:
    """Exponential backoff with full jitter: uniformly up to base * 2^attempts, capped."""
    ceiling = min(settings.NODE_PUSH_BACKOFF_MAX, settings.NODE_PUSH_BACKOFF_BASE * 2 ** min(attempts, 30))
    return dt.timedelta(seconds=random.uniform(0, ceiling))  # noqa: S311 - jitter, not a secret


def _pending_outbox() -> Any:
    return OutboxMessage.objects.filter(sent_at__isnull=True, dead_at__isnull=True)


def outbox_push(*, batch_size: int = 200, max_batches: int = 50) -> PushReport:
    """Send due messages in sequence order; mark each sent only on a verified receipt.

    A failed request backs its batch off (exponential, full jitter) and raises; a message the
    hub refuses for good becomes a dead letter with the hub's code and message.
    """
    report = PushReport()
    with _exclusive("outbox-push") as acquired:
        if not acquired:
            return report
        client = hub_client()
        for _ in range(max_batches):
            now = timezone.now()
            # Strictly in sequence order: only the due rows before the first one still backing
            # off go out, since the hub refuses a sequence lower than one it already logged.
            rows = []
            for row in _pending_outbox().order_by("sequence")[:batch_size]:
                if row.next_attempt_at is not None and row.next_attempt_at > now:
                    break
                rows.append(row)
            if not rows:
                break
            try:
                results = client.push([bytes(row.envelope) for row in rows])
            except ContractError as exc:
                _record_error(f"push: {exc.code}: {exc.message}")
                delay = backoff_delay(max(row.attempts for row in rows) + 1)  # one delay: order holds
                for row in rows:
                    row.attempts += 1
                    row.last_error = f"{exc.code}: {exc.message}"[:2000]
                    row.next_attempt_at = now + delay
                OutboxMessage.objects.bulk_update(rows, ["attempts", "last_error", "next_attempt_at"])
                raise
            report.batches += 1
            progressed = _apply_push_results(rows, results, report)
            if not progressed:
                break
        SyncState.objects.update_or_create(pk=1, defaults={"last_push_at": timezone.now()})
    return report


@transaction.atomic
def _apply_push_results(rows: list[OutboxMessage], results: list[PushResult], report: PushReport) -> bool:
    by_id = {str(row.message_id): row for row in rows}
    progressed = False
    now = timezone.now()
    hub_keys = hub_key_resolver()
    for result in results:
        row = by_id.get(result.message_id)
        if row is None:
            continue
        row.attempts += 1
        if result.status in ("accepted", "duplicate") and result.receipt is not None:
            receipt = _verified_receipt(result.receipt, row=row, hub_keys=hub_keys)
            row.sent_at, row.log_index, row.receipt = (
                now,
                receipt.log_index,
                json.dumps(result.receipt).encode(),
            )
            row.last_error, row.next_attempt_at = "", None
            report.sent += 1
            progressed = True
        elif result.code in RETRYABLE_REFUSALS:
            row.last_error = f"{result.code}: {result.message}"[:2000]
            row.next_attempt_at = now + backoff_delay(row.attempts)
            report.refused += 1
        else:
            row.last_error = f"{result.code}: {result.message}"[:2000]
            row.dead_at, row.dead_code = now, (result.code or "refused")[:60]
            report.dead += 1
            progressed = True
            logger.error(
                "dead letter: the hub refused message %s (#%d) for good: %s",
                row.message_id,
                row.sequence,
                row.last_error,
            )
        row.save(
            update_fields=[
                "sent_at",
                "log_index",
                "receipt",
                "attempts",
                "last_error",
                "next_attempt_at",
                "dead_at",
                "dead_code",
            ]
        )
    return progressed


def _verified_receipt(raw: dict[str, Any], *, row: OutboxMessage, hub_keys: KeyResolver) -> Receipt:
    receipt = read_control(raw, model=Receipt, resolve_key=hub_keys)
    # Our own message, from our own outbox: its payload needs no second verification.
    payload = b64_decode(parse_envelope(bytes(row.envelope)).payload)
    if receipt.message_id != row.message_id or receipt.payload_sha256 != hashlib.sha256(payload).hexdigest():
        raise ReceiptMismatchError(f"The receipt is for {receipt.message_id}, not for {row.message_id}.")
    return receipt


# --- inbox -------------------------------------------------------------------------------


@dataclass
class PullReport:
    applied: int = 0
    duplicates: int = 0
    rejected: int = 0
    pages: int = 0


def inbox_pull(*, limit: int = 500, max_pages: int = 50, wait: float = 0) -> PullReport:
    """Pull new messages after the cursor, verify them and apply each once.

    With ``wait``, the first request long-polls: the hub answers as soon as something arrives.
    """
    report = PullReport()
    with _exclusive("inbox-pull") as acquired:
        if not acquired:
            return report
        client = hub_client()
        state, _ = SyncState.objects.get_or_create(pk=1)
        cursor = state.cursor
        hub_keys = hub_key_resolver()
        node_code = enrolment_get().node_code

        def fetch_ahead(after: str, peer_keys: KeyResolver) -> tuple[PullPage, _Outcomes | None]:
            page = client.pull(after=after, limit=limit)
            return page, _check_ahead(page, peer_keys=peer_keys, hub_keys=hub_keys, node_code=node_code)

        # While a page is applied, the next one is fetched and its signatures checked (they need
        # nothing from the database but the keys, read beforehand): a node catching up keeps
        # both cores busy instead of waiting for the hub, the link, or Ed25519. A page fetched
        # ahead is only read; the cursor moves when a page's transaction commits.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="inbox-prefetch") as ahead:
            coming: Future[tuple[PullPage, _Outcomes | None]] | None = None
            for number in range(max_pages):
                try:
                    page, checked = (
                        coming.result()
                        if coming is not None
                        else (client.pull(after=cursor, limit=limit, wait=wait if number == 0 else 0), None)
                    )
                except ContractError as exc:
                    _record_error(f"pull: {exc.code}: {exc.message}")
                    raise
                report.pages += 1
                if checked is None and page.messages and _needs_directory(page.messages):
                    directory_refresh()
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
        if report.pages and not report.applied + report.rejected + report.duplicates:
            SyncState.objects.filter(pk=1).update(last_pull_at=timezone.now())
    return report


_Outcomes = dict[int, "Event[Any] | ContractError"]
"""Each message's verified event, or why it is refused, by log index."""


def _check_ahead(
    page: PullPage, *, peer_keys: KeyResolver, hub_keys: KeyResolver, node_code: str
) -> _Outcomes | None:
    """Verify a page before its turn, with every key of the directory as read when it was
    fetched; nothing (check it in turn) when a key was unknown, since the directory is then
    refreshed first."""
    if not page.messages:
        return None
    vouched = _sealed_entries(page.messages, page.seal, hub_keys=hub_keys, node_code=node_code)
    outcomes = _verify_page(page.messages, peer_keys=peer_keys, hub_keys=hub_keys, vouched=vouched)
    if any(isinstance(outcome, UnknownKeyError) for outcome in outcomes):
        return None
    return {m.log_index: outcome for m, outcome in zip(page.messages, outcomes, strict=True)}


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
    checked: _Outcomes | None = None,
) -> None:
    """Verify and apply a page of pulled messages in a few queries (call inside a transaction).

    Same outcome as ``inbox_accept`` for each message in turn: applied once, or recorded as
    rejected with its reason; a message already in the inbox changes nothing. With the hub's
    ``seal`` over the page, its one signature stands for every receipt's own; ``checked`` are
    the verdicts of a page verified ahead (``_check_ahead``).
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
        vouched = _sealed_entries(messages, seal, hub_keys=hub_keys, node_code=enrolment_get().node_code)
        peer_keys = peer_keys_resolver(
            set().union(*(claimed_keyids(m.envelope) for m in fresh)) if fresh else set()
        )
        outcomes = _verify_page(fresh, peer_keys=peer_keys, hub_keys=hub_keys, vouched=vouched)
    rows: list[InboxMessage] = []
    verified: list[tuple[PulledMessage, Event[Any]]] = []
    for pulled, outcome in zip(fresh, outcomes, strict=True):
        if isinstance(outcome, ContractError):
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
        # One message that cannot be applied is narrowed down and kept as a dead letter; the
        # others are applied in their order (common.isolation).
        errors = apply_isolated(_applier_for(message_type), [event for _, event in items])
        for position, (pulled, event) in enumerate(items):
            rows.append(_inbox_row(pulled, event, error=errors.get(position)))
    _inbox_store(rows)
    for row in rows:
        if row.status == InboxMessage.Status.APPLIED:
            report.applied += 1
        else:
            report.rejected += 1
            logger.error("rejected message at log index %d: %s", row.log_index, row.reason)


def _applier_for(message_type: str) -> Applier:
    def apply(events: list[Event[Any]]) -> dict[int, ContractError]:
        return _apply_many(message_type, events)

    return apply


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


def _apply_many(message_type: str, events: list[Event[Any]]) -> dict[int, ContractError]:
    applier = _APPLIERS.get(message_type)
    # Appliers work with the current version; the inbox keeps the version as signed.
    return applier([upcast(event) for event in events]) if applier is not None else {}


def _inbox_row(
    pulled: PulledMessage, event: Event[Any] | None, *, error: ContractError | None
) -> InboxMessage:
    return InboxMessage(
        message_id=event.id if event else None,
        log_index=pulled.log_index,
        source=event.source if event else "",
        sequence=event.sequence if event else None,
        type=event.type if event else "",
        version=event.dataversion if event else "",
        status=InboxMessage.Status.REJECTED if error else InboxMessage.Status.APPLIED,
        reason=f"{error.code}: {error.message}" if error else "",
        envelope=json.dumps(pulled.envelope, separators=(",", ":")).encode(),
        receipt=json.dumps(pulled.receipt, separators=(",", ":")).encode(),
    )


def inbox_accept(pulled: PulledMessage, report: PullReport) -> None:
    """Verify and apply one pulled message (a page of one)."""
    with transaction.atomic():
        inbox_accept_page([pulled], report)


def _sealed_entries(
    messages: list[PulledMessage], seal: dict[str, Any] | None, *, hub_keys: KeyResolver, node_code: str
) -> dict[int, bytes]:
    """The receipts' entries (signed payloads) by log index, when the hub's page seal vouches
    for every receipt on the page; otherwise nothing, and each receipt is verified on its own.

    Any doubt answers nothing: no seal, a seal that does not verify or names another member or
    another number of messages, a receipt that is not one, or a digest that does not match
    (a receipt changed on the way; the one changed is then refused by its own check).
    """
    if seal is None:
        return {}
    receipt_type = payload_type_for(RECEIPT_TYPE, CONTROL_VERSION)
    try:
        stated = read_control(seal, model=PageSeal, resolve_key=hub_keys)
        entries: dict[int, bytes] = {}
        for pulled in messages:
            envelope = parse_envelope(pulled.receipt)
            if envelope.payload_type != receipt_type:
                raise WrongTypeError("A receipt on the page is not a receipt.")
            entries[pulled.log_index] = b64_decode(envelope.payload)
    except (ContractError, ValueError) as exc:
        logger.warning("page seal not used: %s", exc)
        return {}
    digest = page_digest([leaf_hash(entries[pulled.log_index]) for pulled in messages])
    if (stated.member, stated.count, stated.receipts_sha256) != (node_code, len(messages), digest):
        logger.warning("page seal not used: it does not cover this page's receipts")
        return {}
    return entries


def _verify_page(
    messages: list[PulledMessage],
    *,
    peer_keys: KeyResolver,
    hub_keys: KeyResolver,
    vouched: dict[int, bytes],
) -> list[Event[Any] | ContractError]:
    """Each message's verified event, or the reason it is refused, in order.

    A large page is split into ``NODE_VERIFY_THREADS`` runs checked side by side: most of the
    time goes to Ed25519, which releases Python's global lock, so the runs use several cores.
    Nothing here touches the database; the key resolvers were loaded beforehand.
    """

    def check(run: list[PulledMessage]) -> list[Event[Any] | ContractError]:
        outcomes: list[Event[Any] | ContractError] = []
        for pulled in run:
            try:
                outcomes.append(
                    _verified_event(
                        pulled, peer_keys=peer_keys, hub_keys=hub_keys, entry=vouched.get(pulled.log_index)
                    )
                )
            except ContractError as exc:
                outcomes.append(exc)
        return outcomes

    threads = min(settings.NODE_VERIFY_THREADS, len(messages) // _VERIFY_RUN_MIN)
    if threads < 2:
        return check(messages)
    size = -(-len(messages) // threads)
    runs = [messages[start : start + size] for start in range(0, len(messages), size)]
    with ThreadPoolExecutor(max_workers=len(runs), thread_name_prefix="inbox-verify") as pool:
        return [outcome for outcomes in pool.map(check, runs) for outcome in outcomes]


_VERIFY_RUN_MIN = 50  # smaller pages are checked in the calling thread


def _verified_event(
    pulled: PulledMessage, *, peer_keys: KeyResolver, hub_keys: KeyResolver, entry: bytes | None = None
) -> Event[Any]:
    """The message's event once every check passed. ``entry`` is the receipt's signed payload
    when the hub's page seal already vouched for it; otherwise the receipt's own signature is
    verified."""
    # 1. The origin's signature over the payload, with a key the signed directory lists.
    verified = open_envelope(parse_envelope(pulled.envelope), resolve_key=peer_keys)
    # 2. The payload, strictly, as its type and version (a newer minor as the newest we know).
    event = read_message(verified, accept_newer_minor=True)
    # 3. The hub's receipt: signed by the pinned hub key (itself, or by the page seal that
    #    vouches for it), for this very payload and log index.
    receipt = (
        read_control(pulled.receipt, model=Receipt, resolve_key=hub_keys)
        if entry is None
        else _vouched_receipt(entry)
    )
    # 4. A key revoked since: valid only for what the hub logged before the revocation.
    if verified.valid_until is not None and receipt.received_at >= verified.valid_until:
        raise RevokedKeyError(f"Key {verified.keyid} was revoked before the hub logged this message.")
    if (
        receipt.message_id != event.id
        or receipt.log_index != pulled.log_index
        or receipt.payload_sha256 != hashlib.sha256(verified.payload).hexdigest()
    ):
        raise ReceiptMismatchError(f"The hub's receipt does not match message {event.id}.")
    return event


def _vouched_receipt(entry: bytes) -> Receipt:
    try:
        return Receipt.model_validate_json(entry, strict=True)
    except ValidationError as exc:
        raise SchemaViolationError(
            "The hub's receipt does not match its schema.", detail=validation_detail(exc)
        ) from exc


def _record_error(text: str) -> None:
    logger.warning("sync error: %s", text)
    SyncState.objects.update_or_create(
        pk=1, defaults={"last_error": text[:2000], "last_error_at": timezone.now()}
    )


_LOCAL_LOCKS: dict[str, threading.Lock] = {}


@contextmanager
def _exclusive(name: str) -> Iterator[bool]:
    """One push and one pull at a time per node: across worker processes with an advisory
    lock (PostgreSQL), across the threads of the single embedded worker with a thread lock."""
    if connection.vendor != "postgresql":
        # One process (the embedded setup); its worker threads take turns.
        lock = _LOCAL_LOCKS.setdefault(name, threading.Lock())
        acquired = lock.acquire(blocking=False)
        try:
            yield acquired
        finally:
            if acquired:
                lock.release()
        return
    lock_id = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [lock_id])
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_id])


# --- dead letters ------------------------------------------------------------------------


@transaction.atomic
def dead_letter_retry_outbox(*, message_id: Any) -> OutboxMessage:
    """Send a refused message's content again, as a new message with this node's next
    sequence number (the refused signed bytes can never be accepted)."""
    row = OutboxMessage.objects.select_for_update().filter(message_id=message_id).first()
    if row is None or row.dead_at is None or row.resolved_at is not None:
        raise NotADeadLetterError(f"Outbox message {message_id} is not an unresolved dead letter.")
    event = json.loads(b64_decode(parse_envelope(bytes(row.envelope)).payload))
    model = MESSAGE_TYPES[event["type"]].versions[event["dataversion"]]
    fresh = outbox_enqueue(
        message_type=event["type"],
        data=model.model_validate(event["data"]),
        recipients=tuple(event["recipients"]),
    )
    row.resolved_at, row.resolution = timezone.now(), f"retried as {fresh.message_id}"
    row.save(update_fields=["resolved_at", "resolution"])
    return fresh


def dead_letter_retry_inbox(*, log_index: int) -> InboxMessage:
    """Check and apply a rejected message again (after a directory refresh or a fix)."""
    row = InboxMessage.objects.filter(log_index=log_index).first()
    if row is None or row.status != InboxMessage.Status.REJECTED or row.resolved_at is not None:
        raise NotADeadLetterError(f"Inbox entry {log_index} is not an unresolved dead letter.")
    if not bytes(row.receipt):
        raise NotADeadLetterError(
            f"Inbox entry {log_index} was stored without its receipt; it cannot be re-checked."
        )
    pulled = PulledMessage(
        log_index=row.log_index,
        envelope=json.loads(bytes(row.envelope)),
        receipt=json.loads(bytes(row.receipt)),
    )
    with transaction.atomic():
        row.delete()
        inbox_accept(pulled, PullReport())
    return InboxMessage.objects.get(log_index=log_index)


def dead_letter_discard(
    *, outbox_message_id: Any = None, inbox_log_index: int | None = None, note: str
) -> None:
    """Close a dead letter without sending or applying it; the row stays as the record."""
    rows = (
        OutboxMessage.objects.filter(message_id=outbox_message_id, dead_at__isnull=False)
        if outbox_message_id is not None
        else InboxMessage.objects.filter(log_index=inbox_log_index or 0, status=InboxMessage.Status.REJECTED)
    )
    if not rows.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolution=f"discarded: {note}"[:200]
    ):
        raise NotADeadLetterError("That is not an unresolved dead letter.")


def sync_report() -> None:
    """Tell the hub how this node stands, for the federation's status page."""
    from node.exchange.selectors import sync_status

    status = sync_status()
    hub_client().sync_report(
        SyncReport(
            outbox_pending=status.outbox_pending,
            outbox_dead=status.outbox_dead,
            inbox_dead=status.inbox_dead,
            log_alarms=len(status.log_alarms),
            # What is wrong now, in the node's own words; else the last sync error it saw.
            last_error=storable("; ".join(status.problems) or status.last_error, 2000),
        )
    )
