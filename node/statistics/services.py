"""A period's release, from draft to the hub: computed and protected (``release_draft``), seen
and approved by a supervisor (``release_approve``), which writes it to the outbox.

A draft is recomputed whenever asked: unchanged counts under an unchanged policy leave it as it
is; changed ones replace it (a draft has not left). Once a revision is approved it never changes:
the register changing under it makes the next revision's draft, protected with everything the
earlier revisions published (what they hid stays hidden).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from common.disclosure import CellKey, cell_key
from contracts.client import HubAPI
from contracts.control import StatisticsPolicy, read_control
from contracts.errors import (
    ContractError,
    InvalidPeriodError,
    NoPolicyError,
    NotFoundError,
    ReleaseNotDraftError,
    ReleaseStaleError,
    RoleNotAllowedError,
)
from contracts.indicators import period_bounds, period_of, period_type
from contracts.statistics import DataValueSetV2
from node.exchange.outbox import outbox_enqueue
from node.federation.selectors import enrolment_get, hub_client, hub_key_resolver
from node.register.access import Actor, actor_of
from node.register.models import StaffRole
from node.statistics.compute import period_cells
from node.statistics.models import HeldPolicy, Release, ReleaseStatus
from node.statistics.privacy import (
    budget_check,
    budget_reserve,
    budget_spend,
    contributions,
    noise_plan,
    noised,
    reservation_return,
)
from node.statistics.protection import Published, protect

MESSAGE_TYPE = "statistics.data_value_set"
logger = logging.getLogger(__name__)


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


def _revisions(period: str, *, lock: bool = False) -> list[Release]:
    rows = Release.objects.filter(period=period).order_by("revision")
    return list(rows.select_for_update() if lock else rows)


def release_draft(*, period: str, policy: StatisticsPolicy, today: dt.date | None = None) -> Release:
    """The period's draft, computed now from the register and protected under ``policy``.

    Protection (seconds for a large register) runs outside any lock; the revisions are locked
    only to store the draft, and a revision approved meanwhile makes the work start again."""
    _period(period, today or timezone.localdate())
    privacy = policy.differential_privacy
    raw = period_cells(period, contributions=contributions(policy, period))
    digest = counts_digest(raw)
    for _attempt in range(3):
        seen = _revisions(period)
        latest = seen[-1] if seen else None
        if latest is not None and latest.raw_digest == digest and _stands(latest, policy):
            return latest
        earlier = [_published(r) for r in seen if r.status == ReleaseStatus.RELEASED]
        replacing = latest if latest is not None and latest.status == ReleaseStatus.DRAFT else None
        counts, noise = raw, None
        if privacy is not None:
            # Refused before any noise is drawn when the budget is spent; OpenDP's filter, limited
            # to what is left, guards the drawing itself.
            plan = noise_plan(privacy, period_type(period))
            left = budget_check(period, privacy, replacing=replacing)
            counts = noised(raw, plan, allowance=left)
            noise = {family: family_noise.statement() for family, family_noise in plan.items()}
        protected = protect(counts, policy, earlier=earlier, noise=noise)
        with transaction.atomic():
            revisions = _revisions(period, lock=True)
            if [(r.pk, r.status) for r in revisions] != [(r.pk, r.status) for r in seen]:
                continue  # approved or drafted meanwhile: protect again against what is there now
            if replacing is not None:
                reservation_return(replacing)
            stored = _draft_store(period, revisions, digest=digest, policy=policy, cells=protected.cells)
            if privacy is not None:
                budget_reserve(stored, privacy)
        return stored
    raise ReleaseStaleError(
        "The period's revisions kept changing while it was protected.", detail={"period": period}
    )


def _draft_store(
    period: str,
    revisions: list[Release],
    *,
    digest: str,
    policy: StatisticsPolicy,
    cells: list[dict[str, Any]],
) -> Release:
    """A draft replaces the draft held (it has not left); after a release, it is the next revision."""
    latest = revisions[-1] if revisions else None
    fields: dict[str, Any] = {
        "computed_at": timezone.now(),
        "raw_digest": digest,
        "policy": policy.model_dump(mode="json"),
        "cells": cells,
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
        policy = StatisticsPolicy.model_validate(release.policy)
        raw = period_cells(release.period, contributions=contributions(policy, release.period))
        if counts_digest(raw) != release.raw_digest:
            raise ReleaseStaleError(detail={"period": release.period})
        budget_spend(release)
        now = timezone.now()
        row = outbox_enqueue(message_type=MESSAGE_TYPE, data=release_message(release, approved_at=now))
        release.status = ReleaseStatus.RELEASED
        release.approved_by = actor.user
        release.approved_at = now
        release.message_id = row.message_id
        release.save(update_fields=["status", "approved_by", "approved_at", "message_id"])
        return release


# --- the federation's policy, and the scheduled round --------------------------------------


def policy_refresh(*, client: HubAPI | None = None) -> StatisticsPolicy:
    """Fetch the hub's statistics policy, verify it against the pinned hub key and keep it; a
    policy older than one held is not taken (the newest held stays in force)."""
    hub: HubAPI = client if client is not None else hub_client()
    envelope = json.dumps(hub.statistics_policy()).encode()
    policy = read_control(envelope, model=StatisticsPolicy, resolve_key=hub_key_resolver())
    HeldPolicy.objects.get_or_create(
        version=policy.version,
        defaults={"digest": policy.digest(), "policy": policy.model_dump(mode="json"), "envelope": envelope},
    )
    return policy


def policy_held() -> StatisticsPolicy:
    """The newest policy this node holds; ``no-policy`` before it fetched one."""
    held = HeldPolicy.objects.order_by("-version").first()
    if held is None:
        raise NoPolicyError()
    return StatisticsPolicy.model_validate(held.policy)


def periods_due(today: dt.date, *, months_back: int) -> list[str]:
    """The periods a round drafts: the last ``months_back`` months that have ended, and the
    quarters and the year they fall in, once those have ended too (in the order they ended, a
    month before the quarter it closes)."""
    periods: list[str] = []
    day = today.replace(day=1)
    for _ in range(months_back):
        day = (day - dt.timedelta(days=1)).replace(day=1)
        for kind in ("year", "quarter", "month"):
            period = period_of(day, kind)
            if period_bounds(period)[1] < today and period not in periods:
                periods.append(period)
    order = {"month": 0, "quarter": 1, "year": 2}
    return sorted(periods, key=lambda p: (period_bounds(p)[1], order[period_type(p)]))


@dataclasses.dataclass
class RoundReport:
    drafted: list[str] = dataclasses.field(default_factory=list)
    approved: list[str] = dataclasses.field(default_factory=list)
    failed: dict[str, str] = dataclasses.field(default_factory=dict)


def statistics_round(
    *,
    today: dt.date | None = None,
    months_back: int = 3,
    approve_as: str = "",
    periods: list[str] | None = None,
) -> RoundReport:
    """Draft every period due from the register (a period whose counts did not change keeps its
    draft or its release); with ``approve_as`` (a supervisor's login: the demo's nodes), approve
    the drafts too. One period that cannot be protected does not stop the others."""
    today = today or timezone.localdate()
    policy = policy_held()
    report = RoundReport()
    approver = _approver(approve_as) if approve_as else None
    for period in periods if periods is not None else periods_due(today, months_back=months_back):
        try:
            release = release_draft(period=period, policy=policy, today=today)
            if release.status == ReleaseStatus.DRAFT:
                report.drafted.append(period)
                if approver is not None:
                    release_approve(actor=approver, release_id=release.pk)
                    report.approved.append(period)
        except ContractError as exc:
            report.failed[period] = exc.code
            logger.warning("statistics of %s not drafted: %s: %s", period, exc.code, exc.message)
    return report


def _approver(username: str) -> Actor:
    user = get_user_model().objects.filter(username=username).first()
    return actor_of(user)
