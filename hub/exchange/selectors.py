from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from pymerkle import BaseMerkleTree

from contracts.errors import InvalidCursorError, UnknownLogIndexError
from contracts.log import ALGORITHM, EMPTY_ROOT, ConsistencyProof, InclusionProof
from hub.exchange.models import LogState, MemberSync, Message, ProjectionDeadLetter, TreeHeadRecord
from hub.federation.models import Member

_CURSOR = re.compile(r"^[0-9]{1,18}$")


def cursor_parse(cursor: str) -> int:
    """A cursor is the last log index the node has seen, as decimal text."""
    if not _CURSOR.match(cursor):
        raise InvalidCursorError(f"{cursor[:40]!r} is not a cursor; start from '0'.")
    return int(cursor)


@dataclass(frozen=True)
class FeedPage:
    rows: list[tuple[int, bytes, bytes]]
    """(log index, envelope, receipt) in log order."""
    leaf_hashes: list[bytes]
    """Each row's Merkle leaf hash, in the same order (what a page seal covers)."""
    next_cursor: int
    has_more: bool


def message_feed(*, member_code: str, after: int, limit: int, log_size: int) -> FeedPage:
    """Messages for ``member_code`` after ``after`` in log order, never its own.

    ``log_size`` is the log's size read before this query; every entry up to it has committed
    (entries are appended in index order under the log's lock). A page that is not full has
    read everything up to there, so its cursor moves to ``log_size`` even when the last entries
    were this member's own or addressed to others: the member's lag then says zero, not the
    number of entries it will never be sent.
    """
    rows = list(
        Message.objects.filter(log_index__gt=after, log_index__lte=log_size)
        .exclude(source__code=member_code)
        .filter(Q(broadcast=True) | Q(recipient_rows__member__code=member_code))
        .order_by("log_index")
        .values_list("log_index", "envelope", "receipt", "leaf_hash")[: limit + 1]
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    return FeedPage(
        rows=[(index, bytes(envelope), bytes(receipt)) for index, envelope, receipt, _ in rows],
        leaf_hashes=[bytes(leaf) for *_, leaf in rows],
        next_cursor=rows[-1][0] if has_more else max(after, log_size),
        has_more=has_more,
    )


# --- the Merkle log ------------------------------------------------------------------------


class LogTree(BaseMerkleTree):  # type: ignore[misc]
    """pymerkle's tree over the hub's log, reading leaf hashes from ``Message.leaf_hash``.

    Roots of full subtrees are cached in this process (bounded), which is sound because an
    entry never changes once written; so a new tree head costs only the new entries.
    """

    def __init__(self) -> None:
        super().__init__(algorithm=ALGORITHM, capacity=64 * 1024 * 1024)

    def _encode_entry(self, data: bytes) -> bytes:
        return data

    def _store_leaf(self, data: bytes, digest: bytes) -> int:
        raise NotImplementedError("Entries are appended by ingest, in the same transaction as the message.")

    def _get_leaf(self, index: int) -> bytes:
        return bytes(Message.objects.values_list("leaf_hash", flat=True).get(log_index=index))

    def _get_leaves(self, offset: int, width: int) -> list[bytes]:
        hashes = (
            Message.objects.filter(log_index__gt=offset, log_index__lte=offset + width)
            .order_by("log_index")
            .values_list("leaf_hash", flat=True)
        )
        return [bytes(h) for h in hashes]

    def _get_size(self) -> int:
        return log_size()


@functools.lru_cache(maxsize=1)
def log_tree() -> LogTree:
    return LogTree()


def log_size() -> int:
    """Entries in the log, which is also its highest index (indexes are dense)."""
    size = LogState.objects.values_list("size", flat=True).first()
    return size or 0


def _check_range(index: int, size: int) -> None:
    current = log_size()
    if not 1 <= size <= current:
        raise UnknownLogIndexError(f"The log has {current} entries; there is no tree of size {size}.")
    if not 1 <= index <= size:
        raise UnknownLogIndexError(f"Entry {index} is not in the tree of size {size}.")


def inclusion_proof(*, log_index: int, tree_size: int) -> InclusionProof:
    """Proof that entry ``log_index`` is in the tree of ``tree_size`` entries."""
    _check_range(log_index, tree_size)
    proof = log_tree().prove_inclusion(log_index, tree_size)
    return InclusionProof(log_index=log_index, tree_size=tree_size, proof=proof.serialize())


def consistency_proof(*, first: int, second: int) -> ConsistencyProof:
    """Proof that the tree of ``first`` entries is a prefix of the tree of ``second``."""
    _check_range(first, second)
    proof = log_tree().prove_consistency(first, second)
    return ConsistencyProof(first=first, second=second, proof=proof.serialize())


def log_root(tree_size: int) -> str:
    if tree_size == 0:
        return EMPTY_ROOT
    root: bytes = log_tree().get_root(tree_size)
    return root.hex()


def tree_head_latest() -> TreeHeadRecord | None:
    return TreeHeadRecord.objects.order_by("-tree_size").first()


def log_entries(*, start: int, end: int) -> list[tuple[int, bytes]]:
    """Entries ``start``..``end`` (inclusive) as (log index, receipt envelope bytes)."""
    rows = (
        Message.objects.filter(log_index__gte=start, log_index__lte=end)
        .order_by("log_index")
        .values_list("log_index", "receipt")
    )
    return [(index, bytes(receipt)) for index, receipt in rows]


# --- sync status ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberSyncView:
    code: str
    name: str
    country: str
    enrolled_at: dt.datetime | None
    last_seen_at: dt.datetime | None
    pulled_at: dt.datetime | None
    cursor: int
    inbox_lag: int
    pushed_at: dt.datetime | None
    accepted_total: int
    duplicate_total: int
    refused_total: int
    last_refusal: str
    outbox_pending: int | None
    outbox_dead: int | None
    inbox_dead: int | None
    log_alarms: int | None
    last_error: str
    reported_at: dt.datetime | None


def sync_overview() -> list[MemberSyncView]:
    """Every member's sync state: what the hub sees and what the node last reported."""
    size = log_size()
    views = []
    for member in Member.objects.select_related("sync").order_by("code"):
        sync = getattr(member, "sync", None) or MemberSync()  # never pulled nor pushed: defaults
        reported = sync.reported_at is not None
        views.append(
            MemberSyncView(
                code=member.code,
                name=member.name,
                country=member.country,
                enrolled_at=member.enrolled_at,
                last_seen_at=member.last_seen_at,
                pulled_at=sync.pulled_at,
                cursor=sync.cursor,
                inbox_lag=max(0, size - sync.cursor),
                pushed_at=sync.pushed_at,
                accepted_total=sync.accepted_total,
                duplicate_total=sync.duplicate_total,
                refused_total=sync.refused_total,
                last_refusal=sync.last_refusal,
                outbox_pending=sync.outbox_pending if reported else None,
                outbox_dead=sync.outbox_dead if reported else None,
                inbox_dead=sync.inbox_dead if reported else None,
                log_alarms=sync.log_alarms if reported else None,
                last_error=sync.node_last_error or sync.last_refusal,
                reported_at=sync.reported_at,
            )
        )
    return views


def projection_dead_letters() -> QuerySet[ProjectionDeadLetter]:
    """Open dead letters of the hub's own consumers of its log, oldest entry first."""
    return ProjectionDeadLetter.objects.filter(resolved_at__isnull=True).order_by("consumer", "log_index")


def projection_dead_letter_counts() -> dict[str, int]:
    """Open dead letters per consumer of the hub's log."""
    rows = projection_dead_letters().order_by().values_list("consumer").annotate(n=Count("id"))
    return {consumer: count for consumer, count in rows}
