from __future__ import annotations

import datetime as dt
import functools
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Length

from contracts.errors import InvalidCursorError, UnknownLogIndexError
from contracts.log import (
    EMPTY_ROOT,
    HASH_SIZE,
    ConsistencyProof,
    InclusionProof,
    consistency_path,
    inclusion_path,
    node_hash,
    tree_hash,
)
from hub.exchange.models import (
    LogState,
    MemberSync,
    Message,
    ProjectionCursor,
    ProjectionDeadLetter,
    TreeHeadRecord,
)
from hub.federation.models import Member

CURSOR_PATTERN = r"^[0-9]{1,18}$"
_CURSOR = re.compile(CURSOR_PATTERN)


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


def message_feed(
    *, member_code: str, after: int, limit: int, log_size: int, max_bytes: int | None = None
) -> FeedPage:
    """Messages for ``member_code`` after ``after`` in log order, never its own; at most
    ``limit`` of them and, past the first, no more than ``max_bytes`` of envelopes and receipts
    (default ``HUB_MAX_PULL_BYTES``): a page of large sealed cases stays as small as a page of
    catalogue entries, and a single entry larger than the bound still comes, alone.

    ``log_size`` is the log's size read before this query; every entry up to it has committed
    (entries are appended in index order under the log's lock). A page that is not full has
    read everything up to there, so its cursor moves to ``log_size`` even when the last entries
    were this member's own or addressed to others: the member's lag then says zero, not the
    number of entries it will never be sent.
    """
    budget = settings.HUB_MAX_PULL_BYTES if max_bytes is None else max_bytes
    wanted = (
        Message.objects.filter(log_index__gt=after, log_index__lte=log_size)
        .exclude(source__code=member_code)
        .filter(Q(broadcast=True) | Q(recipient_rows__member__code=member_code))
        .order_by("log_index")
    )
    # Sizes first, payloads after: the bytes read are the bytes sent.
    sized = wanted.annotate(size=Length("envelope") + Length("receipt"))
    sizes = list(sized.values_list("log_index", "size")[: limit + 1])
    chosen: list[int] = []
    total = 0
    for index, size in sizes[:limit]:
        if chosen and total + size > budget:
            break
        chosen.append(index)
        total += size
    has_more = len(chosen) < len(sizes)
    rows = list(
        Message.objects.filter(log_index__any=chosen)
        .order_by("log_index")
        .values_list("log_index", "envelope", "receipt", "leaf_hash")
    )
    return FeedPage(
        rows=[(index, bytes(envelope), bytes(receipt)) for index, envelope, receipt, _ in rows],
        leaf_hashes=[bytes(leaf) for *_, leaf in rows],
        next_cursor=chosen[-1] if has_more else max(after, log_size),
        has_more=has_more,
    )


# --- the Merkle log ------------------------------------------------------------------------


class LogTree:
    """Merkle tree hashes of ranges of the hub's log, read from ``Message.leaf_hash``.

    Any range a proof needs splits into perfect subtrees (RFC 9162 §2.1.1's k); hashes of
    perfect subtrees of ``cache_min_width`` leaves or more are kept in this process (at most
    ``capacity``, least recently used out first), which is sound because an entry never changes
    once written: a new tree head or a proof then reads only a few short runs of leaves.
    """

    def __init__(
        self, *, capacity: int = 1 << 18, cache_min_width: int = 256, read_max_width: int = 1 << 16
    ) -> None:
        self._capacity = capacity
        self._cache_min_width = cache_min_width
        # Perfect subtrees wider than this are hashed half by half, so no read holds more leaves.
        self._read_max_width = read_max_width
        self._cache: OrderedDict[tuple[int, int], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def subtree(self, start: int, end: int) -> bytes:
        """``MTH(D[start:end])``: the hash of leaves ``start`` to ``end - 1`` (from 0), that is of
        log indexes ``start + 1`` to ``end``."""
        parts: list[bytes] = []
        while end - start > 1 and (end - start) & (end - start - 1):
            k = 1 << ((end - start - 1).bit_length() - 1)
            parts.append(self._perfect(start, k))
            start += k
        root = self._perfect(start, end - start)
        for left in reversed(parts):
            root = node_hash(left, root)
        return root

    def root(self, size: int) -> str:
        return EMPTY_ROOT if size == 0 else self.subtree(0, size).hex()

    def _perfect(self, offset: int, width: int) -> bytes:
        """The hash of the perfect subtree of ``width`` (a power of two) leaves from ``offset``."""
        if width < self._cache_min_width:
            return tree_hash(self._leaves(offset, width))
        with self._lock:
            cached = self._cache.get((offset, width))
            if cached is not None:
                self._cache.move_to_end((offset, width))
                return cached
        if width > self._read_max_width:
            half = width // 2
            digest = node_hash(self._perfect(offset, half), self._perfect(offset + half, half))
            self._remember({(offset, width): digest})
            return digest
        # One read for the whole subtree; every inner node wide enough is remembered on the way.
        level = self._leaves(offset, width)
        found: dict[tuple[int, int], bytes] = {}
        span = 1
        while len(level) > 1:
            level = [node_hash(level[i], level[i + 1]) for i in range(0, len(level), 2)]
            span *= 2
            if span >= self._cache_min_width:
                found.update({(offset + i * span, span): h for i, h in enumerate(level)})
        self._remember(found)
        return level[0]

    def _remember(self, digests: dict[tuple[int, int], bytes]) -> None:
        with self._lock:
            self._cache.update(digests)
            while len(self._cache) > self._capacity:
                self._cache.popitem(last=False)

    def _leaves(self, offset: int, width: int) -> list[bytes]:
        hashes = [
            bytes(h)
            for h in Message.objects.filter(log_index__gt=offset, log_index__lte=offset + width)
            .order_by("log_index")
            .values_list("leaf_hash", flat=True)
        ]
        if len(hashes) != width or any(len(h) != HASH_SIZE for h in hashes):
            # Indexes are dense and never change: a gap or a blank leaf means the store is broken.
            # Hashing on would sign or serve a root of a log that does not exist.
            raise RuntimeError(f"log entries {offset + 1}..{offset + width} are incomplete in the store")
        return hashes


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
    """RFC 9162's proof that entry ``log_index`` (leaf ``log_index - 1``) is in the tree of
    ``tree_size`` entries."""
    _check_range(log_index, tree_size)
    path = inclusion_path(leaf_index=log_index - 1, tree_size=tree_size, subtree=log_tree().subtree)
    return InclusionProof(
        leaf_index=log_index - 1, tree_size=tree_size, inclusion_path=tuple(node.hex() for node in path)
    )


def consistency_proof(*, first: int, second: int) -> ConsistencyProof:
    """RFC 9162's proof that the tree of ``first`` entries is a prefix of the tree of ``second``."""
    _check_range(first, second)
    path = consistency_path(first=first, second=second, subtree=log_tree().subtree)
    return ConsistencyProof(first=first, second=second, consistency_path=tuple(node.hex() for node in path))


def log_root(tree_size: int) -> str:
    return log_tree().root(tree_size)


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


@dataclass(frozen=True)
class ProjectionView:
    """How far one of the hub's projections of its log has read, and how far it is behind."""

    name: str
    position: int
    behind: int
    applied_total: int
    refused_total: int
    last_refusal: str


def projection_overview(*, names: Iterable[str] = (), size: int | None = None) -> list[ProjectionView]:
    """Every projection that has read the log, and each of ``names`` that has not yet (at 0), by
    name; ``behind`` counts from ``size``, the log's size (read here when not given)."""
    size = log_size() if size is None else size
    cursors = {cursor.name: cursor for cursor in ProjectionCursor.objects.all()}
    for name in names:
        cursors.setdefault(name, ProjectionCursor(name=name))
    return [
        ProjectionView(
            name=name,
            position=cursor.position,
            behind=max(size - cursor.position, 0),
            applied_total=cursor.applied_total,
            refused_total=cursor.refused_total,
            last_refusal=cursor.last_refusal,
        )
        for name, cursor in sorted(cursors.items())
    ]
