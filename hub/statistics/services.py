"""The hub's statistics: the projection of each ``statistics.data_value_set`` in the log, the sums
it keeps by region, country and federation, the federation's signed disclosure policy, and the
ministry's API tokens.

Projection, applied in log order: a newer revision of a municipality's period becomes the current
one and the older ones are kept as its history; the same revision arriving again changes nothing;
an older or a different set under a revision already held is refused (``stale-revision``) and
changes nothing either. The sums move with the current sets: a set's cells are added when it
becomes current and taken away when a newer revision replaces it, once per page of the log."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from common.db import insert_values
from contracts.control import CONTROL_VERSION, STATISTICS_POLICY_TYPE, DifferentialPrivacy, StatisticsPolicy
from contracts.envelope import seal_envelope
from contracts.errors import (
    ContractError,
    NoiseNotPerPolicyError,
    OverBudgetError,
    StaleRevisionError,
    UnknownPolicyError,
)
from contracts.indicators import INDICATORS_BY_CODE
from contracts.messages import Event
from contracts.statistics import DataValueSetV2
from hub.exchange.projections import Logged, Projection
from hub.federation.models import Member
from hub.federation.selectors import hub_signing_key
from hub.statistics.models import (
    AreaLevel,
    MinistryToken,
    StatisticsCell,
    StatisticsPolicyIssue,
    StatisticsSet,
    StatisticsTotal,
    categories_text,
)

CONSUMER = "statistics"
MESSAGE_TYPE = "statistics.data_value_set"
TOKEN_PREFIX = "smt_"  # noqa: S105 - the prefix that marks a ministry token, not a secret


# --- the sums ------------------------------------------------------------------------------

TotalKey = tuple[str, str, str, str, str]
"""(indicator, level, area, period, categories), as ``StatisticsTotal`` is unique on."""


@dataclasses.dataclass
class _Delta:
    value: int = 0
    suppressed: int = 0
    reporting: int = 0
    revised: int = 0
    noised: int = 0
    margin95: float = 0.0

    def __iadd__(self, other: _Delta) -> _Delta:
        for field in dataclasses.fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))
        return self


class Sums:
    """What a page of sets changes in the sums: each set's cells added (or taken away, for the
    set a newer revision replaced) at its region, its country and the federation."""

    def __init__(self) -> None:
        self._deltas: dict[TotalKey, _Delta] = defaultdict(_Delta)

    def add(
        self,
        *,
        country: str,
        region: str,
        period: str,
        revision: int,
        cells: Iterable[tuple[str, str, int | None, Any]],
        sign: int = 1,
    ) -> None:
        areas = [(AreaLevel.FEDERATION.value, "federation")]
        if country:
            areas.append((AreaLevel.COUNTRY.value, country))
        if region:
            areas.append((AreaLevel.REGION.value, region))
        for indicator, categories, value, noise in cells:
            cell = _Delta(
                value=sign * (value or 0),
                suppressed=sign * (value is None),
                reporting=sign,
                revised=sign * (revision > 1),
                noised=sign * (noise is not None),
                margin95=sign * float(noise["margin95"]) if noise is not None else 0.0,
            )
            for level, area in areas:
                self._deltas[(indicator, level, area, period, categories)] += cell

    def merge(self, other: Sums) -> None:
        for key, delta in other._deltas.items():
            self._deltas[key] += delta

    def save(self) -> int:
        """Move the sums by what changed, in the database itself (an upsert that adds each
        change to the sum held), and drop the sums no municipality reports any longer; returns
        how many sums changed."""
        if not self._deltas:
            return 0
        table = connection.ops.quote_name(StatisticsTotal._meta.db_table)
        counters = ("value", "suppressed", "reporting", "revised", "noised")
        # Table and column names are the model's own; every value is a parameter.
        sql = (
            f"INSERT INTO {table} (indicator, level, area, period, categories, "  # noqa: S608
            f"{', '.join(counters)}, margin95) "
            f"VALUES ({', '.join(['%s'] * 11)}) "
            "ON CONFLICT (indicator, level, area, period, categories) DO UPDATE SET "
            + ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in counters)
            + f", margin95 = CASE WHEN {table}.noised + excluded.noised = 0 THEN 0"
            f" ELSE {table}.margin95 + excluded.margin95 END"
        )
        rows = [
            (*key, d.value, d.suppressed, d.reporting, d.revised, d.noised, round(d.margin95, 6))
            for key, d in self._deltas.items()
        ]
        # Only a sum that lost a contribution can have none left (a municipality whose region
        # changed between two revisions of a period): those, by their key, are removed.
        emptied = [key for key, d in self._deltas.items() if d.reporting < 0]
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
            if emptied:
                cursor.executemany(
                    f"DELETE FROM {table} WHERE indicator = %s AND level = %s AND area = %s "  # noqa: S608
                    "AND period = %s AND categories = %s AND reporting <= 0",
                    emptied,
                )
        self._deltas.clear()
        return len(rows)


def _places(codes: set[str] | None) -> dict[str, tuple[str, str]]:
    """Each member's (country, region): of ``codes``, or of every member."""
    members = Member.objects.all() if codes is None else Member.objects.filter(code__in=codes)
    return {
        code: (country, region) for code, country, region in members.values_list("code", "country", "region")
    }


def _set_cells(row: StatisticsSet) -> list[tuple[str, str, int | None, Any]]:
    return list(row.cells.values_list("indicator", "categories", "value", "noise"))


@transaction.atomic
def totals_rebuild() -> int:
    """The sums again from the current sets alone, each counted at its member's region and
    country as they are now (after a municipality moved to another region, say)."""
    StatisticsTotal.objects.all().delete()
    places = _places(None)
    changed, sums, period = 0, Sums(), None
    for row in StatisticsSet.objects.filter(current=True).order_by("period", "member").iterator():
        if row.period != period:  # one write of the sums a period
            changed, period = changed + sums.save(), row.period
        country, region = places.get(row.member, (row.country, row.region))
        if (country, region) != (row.country, row.region):
            StatisticsSet.objects.filter(pk=row.pk).update(country=country, region=region)
        sums.add(
            country=country, region=region, period=row.period, revision=row.revision, cells=_set_cells(row)
        )
    return changed + sums.save()


# --- the projection ------------------------------------------------------------------------


def _cells(data: DataValueSetV2) -> list[tuple[str, str, int | None, str]]:
    return [
        (cell.indicator, categories_text(cell.categories.named()), cell.value, cell.conf_status)
        for cell in data.cells
    ]


def _apply_one(entry: Logged, sums: Sums, places: dict[str, tuple[str, str]]) -> None:
    data = entry.event.data
    assert isinstance(data, DataValueSetV2)
    member = entry.event.source
    held = StatisticsSet.objects.select_for_update().filter(member=member, period=data.period)
    same = held.filter(revision=data.revision).first()
    if same is not None:
        stored = list(
            same.cells.order_by("id").values_list("indicator", "categories", "value", "conf_status")
        )
        if stored == _cells(data):
            return  # the same revision again: nothing changes
        raise StaleRevisionError(
            f"{member} {data.period}: revision {data.revision} is already held with other figures.",
            detail={"period": data.period, "revision": data.revision},
        )
    newest = held.order_by("-revision").first()
    if newest is not None and newest.revision > data.revision:
        raise StaleRevisionError(
            f"{member} {data.period}: revision {newest.revision} is already held; {data.revision} is older.",
            detail={"period": data.period, "revision": data.revision, "held": newest.revision},
        )
    replaced = held.filter(current=True).first()
    page = Sums()
    if replaced is not None:
        page.add(
            country=replaced.country,
            region=replaced.region,
            period=replaced.period,
            revision=replaced.revision,
            cells=_set_cells(replaced),
            sign=-1,
        )
        held.filter(pk=replaced.pk).update(current=False)
    place = places.get(member, ("", ""))
    row = StatisticsSet.objects.create(
        member=member,
        country=place[0],
        region=place[1],
        period=data.period,
        revision=data.revision,
        approved_at=data.approved_at,
        policy_digest=data.policy.digest if data.policy else "",
        threshold=data.policy.threshold if data.policy else None,
        privacy_spent=privacy_spent(data),
        log_index=entry.log_index,
        received_at=entry.received_at,
        message_id=entry.event.id,
    )
    cells: list[dict[str, Any]] = [
        {
            "set_id": row.pk,
            "indicator": cell.indicator,
            "categories": categories_text(cell.categories.named()),
            "value": cell.value,
            "conf_status": cell.conf_status,
            "obs_status": cell.obs_status,
            "noise": cell.noise.model_dump(mode="json") if cell.noise else None,
        }
        for cell in data.cells
    ]
    insert_values(StatisticsCell, cells)
    page.add(
        country=row.country,
        region=row.region,
        period=row.period,
        revision=row.revision,
        cells=((c["indicator"], c["categories"], c["value"], c["noise"]) for c in cells),
    )
    sums.merge(page)


def statistics_page_apply(message_type: str, entries: list[Logged]) -> dict[int, ContractError]:
    errors: dict[int, ContractError] = {}
    sums = Sums()
    places = _places({entry.event.source for entry in entries})
    for position, entry in enumerate(entries):
        try:
            with transaction.atomic():
                _apply_one(entry, sums, places)
        except StaleRevisionError as exc:
            errors[position] = exc
    sums.save()
    return errors


def statistics_forget() -> None:
    StatisticsTotal.objects.all().delete()
    StatisticsSet.objects.all().delete()


def privacy_spent(data: DataValueSetV2) -> dict[str, float]:
    """The ε or ρ a set's noise states, by indicator family (the largest its cells state)."""
    spent: dict[str, float] = {}
    for cell in data.cells:
        if cell.noise is not None:
            family = INDICATORS_BY_CODE[cell.indicator].family
            spent[family] = max(spent.get(family, 0.0), cell.noise.parameter)
    return spent


def _noise_follows(data: DataValueSetV2, privacy: DifferentialPrivacy | None) -> None:
    """Under a policy with noise, every published cell states the policy's mechanism and
    parameter; under one without, no cell states noise."""
    for cell in data.cells:
        if privacy is None:
            wrong = cell.noise is not None
        elif cell.value is None:
            continue
        else:
            stated = cell.noise
            wrong = (
                stated is None
                or stated.mechanism != privacy.mechanism
                or abs(stated.parameter - privacy.per_release) > 1e-9
            )
        if wrong:
            raise NoiseNotPerPolicyError(
                detail={"indicator": cell.indicator, "categories": cell.categories.named()}
            )


def _within_budget(
    member: str, data: DataValueSetV2, privacy: DifferentialPrivacy, earlier: Iterable[dict[str, float]]
) -> None:
    """The member's revisions of the period, this one included, spend no more than the budget of
    each family (the node's ledger refuses first; this is the hub's own check of what it holds)."""
    totals = privacy_spent(data)
    for spent in earlier:
        for family, amount in spent.items():
            if family in totals:
                totals[family] += amount
    over = sorted(family for family, total in totals.items() if total > privacy.budget + 1e-9)
    if over:
        raise OverBudgetError(
            f"{member} {data.period}: its revisions would spend more than the budget "
            f"{privacy.budget:g} of {', '.join(over)}.",
            detail={"period": data.period, "revision": data.revision, "families": over},
        )


def statistics_admit(event: Event[Any]) -> None:
    """At ingest: a set names a policy the hub signed, carries the noise that policy asks for
    within its budget, and is no older than the revision held."""
    data = event.data
    assert isinstance(data, DataValueSetV2)
    issued = None
    if data.policy is not None:
        issued = StatisticsPolicyIssue.objects.filter(digest=data.policy.digest).first()
        if issued is None:
            raise UnknownPolicyError(
                f"Policy {data.policy.digest[:12]}… (version {data.policy.version}) "
                "was never signed by this hub.",
                detail={"policy": data.policy.digest},
            )
    held = StatisticsSet.objects.filter(member=event.source, period=data.period)
    newest = held.order_by("-revision").values_list("revision", flat=True).first()
    if newest is not None and newest > data.revision:
        raise StaleRevisionError(
            f"{event.source} {data.period}: revision {newest} is already held; {data.revision} is older.",
            detail={"period": data.period, "revision": data.revision, "held": newest},
        )
    if issued is not None:
        privacy = StatisticsPolicy.model_validate(issued.policy).differential_privacy
        _noise_follows(data, privacy)
        if privacy is not None:
            earlier = held.filter(revision__lt=data.revision).values_list("privacy_spent", flat=True)
            _within_budget(event.source, data, privacy, earlier)


STATISTICS_PROJECTION = Projection(
    name=CONSUMER,
    types=frozenset({MESSAGE_TYPE}),
    apply=statistics_page_apply,
    reset=statistics_forget,
)


# --- the federation's disclosure policy ----------------------------------------------------


def policy_issue(
    *,
    threshold: int = 5,
    zeros_disclosive: bool = False,
    rounding_base: int | None = None,
    protection_width: int = 5,
    differential_privacy: DifferentialPrivacy | None = None,
    now: dt.datetime | None = None,
) -> StatisticsPolicyIssue:
    """Sign and put in force the next version of the policy (the nodes take it at their next
    sync; what they released before stays as it was released)."""
    with transaction.atomic():
        last = StatisticsPolicyIssue.objects.select_for_update().order_by("-version").first()
        policy = StatisticsPolicy(
            version=(last.version + 1) if last else 1,
            issued_at=now or timezone.now(),
            threshold=threshold,
            zeros_disclosive=zeros_disclosive,
            rounding_base=rounding_base,
            protection_width=protection_width,
            differential_privacy=differential_privacy,
        )
        envelope = seal_envelope(
            message_type=STATISTICS_POLICY_TYPE,
            version=CONTROL_VERSION,
            payload=policy.model_dump_json().encode(),
            key=hub_signing_key(),
        )
        return StatisticsPolicyIssue.objects.create(
            version=policy.version,
            digest=policy.digest(),
            policy=policy.model_dump(mode="json"),
            envelope=envelope.to_bytes(),
            issued_at=policy.issued_at,
        )


def policy_in_force() -> StatisticsPolicyIssue:
    """The newest policy; the federation's defaults (threshold 5, protection width 5, no
    rounding, no noise) signed as version 1 the first time one is asked for."""
    newest = StatisticsPolicyIssue.objects.order_by("-version").first()
    return newest if newest is not None else policy_issue()


# --- the ministry's API tokens -------------------------------------------------------------


def ministry_token_create(*, user: User, name: str) -> tuple[MinistryToken, str]:
    """A new token for ``user`` (who must be in the ministry group to use it); returns the
    record and the token, which is shown this once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = MinistryToken.objects.create(
        user=user,
        name=name.strip()[:100] or "API",
        token_sha256=hashlib.sha256(token.encode()).hexdigest(),
        prefix=token[:12],
    )
    return record, token


def ministry_token_revoke(*, user: User, token_id: int) -> bool:
    return bool(
        MinistryToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )
