"""A period's release, from draft to the hub: computed and protected (``release_draft``), seen
and approved by a supervisor (``release_approve``), which writes it to the outbox.

A draft is recomputed whenever asked: unchanged counts under an unchanged policy leave it as it
is; changed ones replace it (a draft has not left). Once a revision is approved it never changes:
the register changing under it makes the next revision's draft, protected with everything the
earlier revisions published (what they hid stays hidden).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from common.disclosure import CellKey, cell_key
from contracts.control import StatisticsPolicy
from contracts.errors import (
    InvalidPeriodError,
    NotFoundError,
    ReleaseNotDraftError,
    ReleaseStaleError,
    RoleNotAllowedError,
)
from contracts.indicators import period_bounds
from contracts.statistics import DataValueSetV2
from node.exchange.outbox import outbox_enqueue
from node.federation.selectors import enrolment_get
from node.register.access import Actor
from node.register.models import StaffRole
from node.statistics.compute import period_cells
from node.statistics.models import Release, ReleaseStatus
from node.statistics.protection import Published, protect

MESSAGE_TYPE = "statistics.data_value_set"


def _period(period: str, today: dt.date) -> str:
    try:
        first, _ = period_bounds(period)
    except ValueError as exc:
        raise InvalidPeriodError(str(exc), detail={"field": "period"}) from None
    if first > today:
        raise InvalidPeriodError(f"{period} has not begun.", detail={"field": "period"})
    return period


def counts_digest(raw: dict[CellKey, int]) -> str:
    canonical = json.dumps(sorted([key[0], list(map(list, key[1])), value] for key, value in raw.items()))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _published(release: Release) -> Published:
    return {cell_key(c["indicator"], c["categories"]): c["value"] for c in release.cells}


def _stands(release: Release, policy: StatisticsPolicy) -> bool:
    """Whether ``release``, protected from the same counts, needs no new draft under ``policy``:
    a release stands (a new policy alone does not revise what was released); a draft stands
    unless the policy changed."""
    return release.status == ReleaseStatus.RELEASED or release.policy == policy.model_dump(mode="json")


def release_draft(*, period: str, policy: StatisticsPolicy, today: dt.date | None = None) -> Release:
    """The period's draft, computed now from the register and protected under ``policy``."""
    _period(period, today or timezone.localdate())
    raw = period_cells(period)
    digest = counts_digest(raw)
    with transaction.atomic():
        revisions = list(Release.objects.select_for_update().filter(period=period).order_by("revision"))
        latest = revisions[-1] if revisions else None
        if latest is not None and latest.raw_digest == digest and _stands(latest, policy):
            return latest
        earlier = [_published(r) for r in revisions if r.status == ReleaseStatus.RELEASED]
        protected = protect(raw, policy, earlier=earlier)
        fields: dict[str, Any] = {
            "computed_at": timezone.now(),
            "raw_digest": digest,
            "policy": policy.model_dump(mode="json"),
            "cells": protected.cells,
        }
        if latest is not None and latest.status == ReleaseStatus.DRAFT:
            for name, value in fields.items():
                setattr(latest, name, value)
            latest.save()
            return latest
        revision = latest.revision + 1 if latest is not None else 1
        return Release.objects.create(period=period, revision=revision, **fields)


def release_message(release: Release, *, approved_at: dt.datetime) -> DataValueSetV2:
    """The message that carries ``release``: checked against the contract before it is written."""
    return DataValueSetV2.model_validate(
        {
            "period": release.period,
            "org_unit": enrolment_get().node_code,
            "revision": release.revision,
            "approved_at": approved_at,
            "policy": StatisticsPolicy.model_validate(release.policy).reference(),
            "cells": release.cells,
        }
    )


def release_approve(*, actor: Actor, release_id: Any) -> Release:
    """A supervisor approves a draft exactly as it was shown: it is written to the outbox for the
    hub, and locked. Refused when the register changed since it was computed."""
    if actor.role != StaffRole.SUPERVISOR:
        raise RoleNotAllowedError("Only a supervisor approves the statistics.", detail={"role": actor.role})
    with transaction.atomic():
        release = Release.objects.select_for_update().filter(pk=release_id).first()
        if release is None:
            raise NotFoundError(detail={"release": str(release_id)})
        if release.status != ReleaseStatus.DRAFT:
            raise ReleaseNotDraftError(detail={"period": release.period, "revision": release.revision})
        if counts_digest(period_cells(release.period)) != release.raw_digest:
            raise ReleaseStaleError(detail={"period": release.period})
        now = timezone.now()
        row = outbox_enqueue(message_type=MESSAGE_TYPE, data=release_message(release, approved_at=now))
        release.status = ReleaseStatus.RELEASED
        release.approved_by = actor.user
        release.approved_at = now
        release.message_id = row.message_id
        release.save(update_fields=["status", "approved_by", "approved_at", "message_id"])
        return release
