from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q

from contracts.errors import InvalidCursorError
from hub.exchange.models import Message

_CURSOR = re.compile(r"^[0-9]{1,18}$")


def cursor_parse(cursor: str) -> int:
    """A cursor is the last log index the node has seen, as decimal text."""
    if not _CURSOR.match(cursor):
        raise InvalidCursorError(f"{cursor[:40]!r} is not a cursor; start from '0'.")
    return int(cursor)


@dataclass(frozen=True)
class FeedPage:
    rows: list[tuple[int, bytes, bytes]]
    next_cursor: int
    has_more: bool


def message_feed(*, member_code: str, after: int, limit: int) -> FeedPage:
    """Messages for ``member_code`` after ``after`` in log order, never its own."""
    rows = list(
        Message.objects.filter(log_index__gt=after)
        .exclude(source__code=member_code)
        .filter(Q(broadcast=True) | Q(recipient_rows__member__code=member_code))
        .order_by("log_index")
        .values_list("log_index", "envelope", "receipt")[: limit + 1]
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    return FeedPage(
        rows=[(index, bytes(envelope), bytes(receipt)) for index, envelope, receipt in rows],
        next_cursor=rows[-1][0] if rows else after,
        has_more=has_more,
    )


def log_head() -> int:
    last = Message.objects.order_by("-log_index").values_list("log_index", flat=True).first()
    return last or 0
