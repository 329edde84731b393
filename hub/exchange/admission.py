"""Refusals a family can tell at ingest from what the hub holds (a statistics set under a policy
the hub never signed, an older revision than the one held): checked after the message's own
contract, before it is logged, so a refused message leaves no trace in the log.

An app registers its checks from its ``AppConfig.ready``; each raises a ``ContractError``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from contracts.messages import Event, upcast

Admission = Callable[[Event[Any]], None]
"""Sees the event at its type's current version."""

_CHECKS: dict[str, list[Admission]] = {}


def admission_register(message_type: str, check: Admission) -> None:
    checks = _CHECKS.setdefault(message_type, [])
    if check not in checks:
        checks.append(check)


def admission_check(event: Event[Any]) -> None:
    checks = _CHECKS.get(event.type)
    if not checks:
        return
    current = upcast(event)
    for check in checks:
        check(current)
