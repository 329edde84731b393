"""Limits on JSON received from another party, checked on the bytes before any parser runs.

Python's ``json`` module recurses once per level of nesting and raises ``RecursionError`` on
deep input (a few thousand levels), which no ``except ValueError`` catches; other parsers have
limits of their own. So every reader of received JSON (the hub's request bodies, an envelope,
a signed payload, the client's answers from the hub) first measures the nesting with a cheap
scan of the bytes and refuses anything deeper than ``MAX_JSON_DEPTH`` with a coded error.

The scan counts ``[``/``{`` against ``]``/``}`` outside strings. It does not validate: bytes
that are not JSON pass it and are refused by the parser after it as before.

Invariants:
- no JSON deeper than ``MAX_JSON_DEPTH`` reaches a parser; the refusal is ``JSONTooDeepError``
  (``json-too-deep``), never a ``RecursionError``;
- a signed payload is at most ``MAX_PAYLOAD_BYTES`` (``PayloadTooLargeError``,
  ``payload-too-large``); a request body is limited by the hub's ``HUB_MAX_BODY_BYTES``
  (``body-too-large``);
- the deepest contract is far shallower than the limit (a test measures every schema).
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from contracts.errors import JSONTooDeepError, MalformedJSONError

MAX_JSON_DEPTH = 32
"""Deepest nesting of arrays and objects accepted in any received JSON. The deepest payload
any schema allows nests 6 levels (a statistics event: its data, cells, a cell, its protection,
the noise); a pulled page of envelopes 6."""

MAX_PAYLOAD_BYTES = 1_500_000
"""Largest signed payload: a sealed case of 1,000,000 bytes of plaintext (``contracts.cases``)
is about 1,400,000 bytes of base64url, plus its event around it."""

MAX_PAYLOAD_BASE64 = 4 * -(-MAX_PAYLOAD_BYTES // 3)
"""``MAX_PAYLOAD_BYTES`` as padded base64: the longest ``payload`` an envelope may carry."""

_STRUCTURE = b'"[]{}'
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in _STRUCTURE)
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def json_depth(raw: bytes | str) -> int:
    """How deeply the arrays and objects of ``raw`` nest (0 for a scalar), counting brackets
    outside strings; an unterminated string ends the count, since no parser gets past it.

    Every step but the last runs in C over the bytes: escaped backslashes go first, then
    escaped quotes (what is left of an escape cannot end a string), then everything but quotes
    and brackets; what lies between the quotes that remain is inside a string.
    """
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if b"\\" in data:  # base64 has none: a batch of envelopes skips two copies
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    structure = data.translate(None, _NOT_STRUCTURE)
    brackets = b"".join(structure.split(b'"')[0::2])
    return max(itertools.accumulate(_STEP[b] for b in brackets), default=0)


def check_json_depth(raw: bytes | str, *, what: str = "The JSON", limit: int = MAX_JSON_DEPTH) -> None:
    """Raise ``JSONTooDeepError`` if ``raw`` nests deeper than ``limit``."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    # No more opening brackets than the limit cannot nest deeper than it: most bodies stop
    # here, at the cost of two byte counts.
    if data.count(b"[") + data.count(b"{") <= limit:
        return
    depth = json_depth(data)
    if depth > limit:
        raise JSONTooDeepError(
            f"{what} nests {depth} levels deep; at most {limit} are accepted.",
            detail={"depth": depth, "limit": limit},
        )


def loads_bounded(raw: bytes | str, *, what: str = "The body") -> Any:
    """``json.loads`` for received bytes: too deep is ``JSONTooDeepError``, not JSON (or not
    UTF-8) is ``MalformedJSONError``."""
    check_json_depth(raw, what=what)
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise MalformedJSONError(f"{what} is not valid JSON.") from exc
