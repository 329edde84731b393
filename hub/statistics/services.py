"""The hub's statistics projection: each ``statistics.data_value_set`` in the log, applied in log
order. A newer revision of a municipality's period becomes the current one and the older ones are
kept as its history; the same revision arriving again changes nothing; an older or a different
set under a revision already held is refused (``stale-revision``) and changes nothing either."""

from __future__ import annotations

from django.db import transaction

from contracts.errors import ContractError, StaleRevisionError
from contracts.statistics import DataValueSetV2
from hub.exchange.projections import Logged, Projection
from hub.statistics.models import StatisticsCell, StatisticsSet

CONSUMER = "statistics"


def categories_text(categories: dict[str, str]) -> str:
    return ";".join(f"{name}={code}" for name, code in categories.items())


def _cells(data: DataValueSetV2) -> list[tuple[str, str, int | None, str]]:
    return [
        (cell.indicator, categories_text(cell.categories.named()), cell.value, cell.conf_status)
        for cell in data.cells
    ]


def _apply_one(entry: Logged) -> None:
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
    held.filter(current=True).update(current=False)
    row = StatisticsSet.objects.create(
        member=member,
        period=data.period,
        revision=data.revision,
        approved_at=data.approved_at,
        policy_digest=data.policy.digest if data.policy else "",
        threshold=data.policy.threshold if data.policy else None,
        log_index=entry.log_index,
        received_at=entry.received_at,
        message_id=entry.event.id,
    )
    StatisticsCell.objects.bulk_create(
        StatisticsCell(
            set=row,
            indicator=cell.indicator,
            categories=categories_text(cell.categories.named()),
            value=cell.value,
            conf_status=cell.conf_status,
            obs_status=cell.obs_status,
            noise=cell.noise.model_dump(mode="json") if cell.noise else None,
        )
        for cell in data.cells
    )


def statistics_page_apply(message_type: str, entries: list[Logged]) -> dict[int, ContractError]:
    errors: dict[int, ContractError] = {}
    for position, entry in enumerate(entries):
        try:
            with transaction.atomic():
                _apply_one(entry)
        except StaleRevisionError as exc:
            errors[position] = exc
    return errors


def statistics_forget() -> None:
    StatisticsSet.objects.all().delete()


STATISTICS_PROJECTION = Projection(
    name=CONSUMER,
    types=frozenset({"statistics.data_value_set"}),
    apply=statistics_page_apply,
    reset=statistics_forget,
)
