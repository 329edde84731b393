"""The ranges of every number and the rules of every text a contract can carry.

Whatever one party accepts, every other party must be able to store: PostgreSQL's ``bigint``
and ``integer`` columns, SQLite's 64-bit ``INTEGER``, PostgreSQL ``text`` and ``jsonb`` (which
refuse the NUL character) and UTF-8 (which cannot hold an unpaired surrogate). A value outside
them would pass the hub at ingest and then fail at every receiver, on every try. So the bounds
are declared here, once, and every model in ``contracts`` builds its fields from them.

Invariants:
- no integer field is unbounded: 64-bit signed at most, tighter where the meaning allows, and
  never wider than the column a receiver stores it in (``Revision`` and ``Count`` fit a
  PostgreSQL ``integer``; sequences, log indexes and sizes a ``bigint``);
- every free text is ``StorableText``: it refuses NUL and unpaired surrogates and has a maximum
  length; its JSON Schema states the rule as a ``pattern`` that validators apply alike, with or
  without ECMA-262's ``u`` flag;
- identifiers (node codes, key ids, hashes, base64) have a pattern of their own that admits
  neither character, and a maximum length.

A test walks every registered model and fails on an integer without both bounds or a string
without a length limit and such a pattern (``tests/contracts/test_bounds.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

import annotated_types
from pydantic import Field, GetJsonSchemaHandler, StringConstraints
from pydantic_core import CoreSchema

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
"""PostgreSQL ``bigint`` and SQLite ``INTEGER``: the widest integer any receiver stores."""
INT32_MAX = 2**31 - 1
"""PostgreSQL ``integer`` (Django's ``IntegerField`` and ``PositiveIntegerField``)."""

Int64 = Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]
NonNegativeInt64 = Annotated[int, Field(ge=0, le=INT64_MAX)]
PositiveInt64 = Annotated[int, Field(ge=1, le=INT64_MAX)]

SequenceNumber = PositiveInt64
"""A sender's sequence number: from 1, one more per message; stored as ``bigint``."""
LogIndex = PositiveInt64
"""A place in the hub's log, from 1; stored as ``bigint``."""
LogSize = NonNegativeInt64
"""A number of log entries, or a cursor into the log (0 before the first entry)."""
Revision = Annotated[int, Field(ge=1, le=INT32_MAX)]
"""A catalogue entry's or a statistics period's revision: one more per change, so 2**31 - 1
is out of reach of any real entry; receivers keep it in an ``integer`` column."""
Count = Annotated[int, Field(ge=0, le=INT32_MAX)]
"""A number of things a node holds (backlog, dead letters, alarms); an ``integer`` column."""
Age = Annotated[int, Field(ge=0, le=120)]
"""A person's age in years."""
Year = Annotated[int, Field(ge=1900, le=2100)]
"""A calendar year in a person's record (e.g. the year of birth)."""

# --- text ---------------------------------------------------------------------------------

TEXT_PATTERN = r"^(?:[^\x00\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$"
"""What the JSON Schemas say of free text: no NUL, no unpaired surrogate. The second branch
admits a surrogate *pair*, so a validator that matches UTF-16 code units (ECMA-262 without the
``u`` flag) accepts the characters beyond U+FFFF that one matching code points (with ``u``,
Python's ``re``) sees as one; both refuse a lone surrogate."""

_NUL_FREE = r"^[^\x00]*$"
"""What pydantic checks itself. Its Rust regex engine cannot name a surrogate, and needs none:
pydantic refuses a lone surrogate in any constrained string as ``string_unicode`` (it must be
UTF-8), and its JSON parser refuses one written as an escape (``json_invalid``)."""


@dataclass(frozen=True, slots=True)
class _TextRuleInSchema:
    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        json_schema: dict[str, Any] = handler(schema)
        json_schema["pattern"] = TEXT_PATTERN
        return json_schema


@dataclass(frozen=True, slots=True)
class StorableText(annotated_types.GroupedMetadata):
    """The one rule for free text: ``Annotated[str, StorableText(max_length=300)]``.

    Refuses NUL and unpaired surrogates, limits the length (in code points) and optionally
    strips surrounding white space first, as ``StringConstraints`` does.
    """

    max_length: int
    min_length: int = 0
    strip_whitespace: bool = False

    def __iter__(self) -> Iterator[object]:
        yield StringConstraints(
            min_length=self.min_length or None,
            max_length=self.max_length,
            strip_whitespace=self.strip_whitespace or None,
            pattern=_NUL_FREE,
        )
        yield _TextRuleInSchema()


# --- identifiers ----------------------------------------------------------------------------

NODE_CODE_PATTERN = r"^[A-Z]{2}-[A-Z0-9]{2,20}$"
NodeCode = Annotated[str, StringConstraints(pattern=NODE_CODE_PATTERN, max_length=23)]
"""A member's code: country, hyphen, name (``MK-CAIR``)."""

KEY_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9:._-]*$"
KeyId = Annotated[str, StringConstraints(pattern=KEY_ID_PATTERN, max_length=200)]
"""A signing key's id; ours are ``ed25519:`` and the base64url SHA-256 of the public key."""

Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$", max_length=64)]

BASE64_PATTERN = r"^[A-Za-z0-9+/_-]*={0,2}$"
"""Standard or URL-safe base64, padded or not (DSSE allows either)."""
BASE64URL_PATTERN = r"^[A-Za-z0-9_-]*$"
PublicKeyText = Annotated[str, StringConstraints(pattern=BASE64URL_PATTERN, min_length=40, max_length=60)]
"""An Ed25519 public key: base64url of its 32 raw bytes."""
SignatureText = Annotated[str, StringConstraints(pattern=BASE64URL_PATTERN, min_length=40, max_length=200)]
"""An Ed25519 signature in base64url."""

MESSAGE_TYPE_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$"
MessageTypeName = Annotated[str, StringConstraints(pattern=MESSAGE_TYPE_PATTERN, max_length=80)]
"""``catalogue.service``; the hub stores it in a column of 80 characters."""
VERSION_PATTERN = r"^[0-9]{1,4}\.[0-9]{1,4}$"
Version = Annotated[str, StringConstraints(pattern=VERSION_PATTERN, max_length=9)]
"""``major.minor``; the hub stores it in a column of 10 characters."""

ERROR_CODE_PATTERN = r"^[a-z][a-z0-9-]*$"
ErrorCode = Annotated[str, StringConstraints(pattern=ERROR_CODE_PATTERN, max_length=40)]
"""A stable error code (``contracts.errors``); a node keeps it in a column of 40 characters."""


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def is_storable(text: str) -> bool:
    """Whether ``text`` holds neither NUL nor an unpaired surrogate (which no database keeps)."""
    return _UNSTORABLE.search(text) is None


def storable(text: str, max_length: int) -> str:
    """``text`` made fit for ``StorableText(max_length=...)``: NUL and surrogates replaced by
    U+FFFD, cut to length. For what we write ourselves from what others sent (an error's field
    path names their keys), never for what we accept from them, which is refused instead."""
    return _UNSTORABLE.sub("\ufffd", text)[:max_length]
