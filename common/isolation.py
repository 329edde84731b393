"""Applying a page of log messages so that one that cannot be applied never blocks the rest.

Every consumer of the hub's log (a node's inbox, the hub's own projections) applies a page of
messages in one transaction. If applying the page fails with an error that is about the data (a
value the database cannot store, a bug met by one odd message), the page is split in halves,
each applied in its own savepoint, down to the single messages that fail: those become dead
letters with the evidence, the others are applied in their order, and the cursor moves on.

An error about the database itself (connection lost, database locked) is not about any one
message: it is raised, the page's transaction rolls back, and the page is tried again later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.db import InterfaceError, OperationalError, transaction

from contracts.errors import ApplyFailedError, ContractError

logger = logging.getLogger("socialhub.isolation")

ItemT = TypeVar("ItemT")
Applier = Callable[[list[ItemT]], dict[int, ContractError]]

# Errors of the database, not of a message: retried as a whole, never a dead letter.
TRANSIENT: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)


def apply_isolated(apply: Applier[ItemT], items: Sequence[ItemT]) -> dict[int, ContractError]:
    """``apply(items)``, with each item that makes it fail narrowed down and refused as
    ``apply-failed``; returns the refusals by position, like ``apply`` itself.

    Call inside a transaction. The items are applied in their order; an item refused here has
    changed nothing (its savepoint rolled back)."""
    if not items:
        return {}
    try:
        with transaction.atomic():
            return apply(list(items))
    except TRANSIENT:
        raise
    except Exception as exc:
        if len(items) == 1:
            logger.exception("a message could not be applied; it becomes a dead letter")
            return {0: exc if isinstance(exc, ContractError) else failure(exc)}
    middle = len(items) // 2
    refused = apply_isolated(apply, items[:middle])
    refused.update(
        {middle + position: error for position, error in apply_isolated(apply, items[middle:]).items()}
    )
    return refused


def failure(exc: BaseException) -> ApplyFailedError:
    """The dead letter's reason: what failed, in words an operator can search for."""
    text = f"{type(exc).__name__}: {exc}"
    return ApplyFailedError(
        f"Could not be applied: {text[:500]}", detail={"exception": type(exc).__name__, "error": text[:2000]}
    )
