"""The supervisor's statistics pages at the node: each period's release as it will leave (the
protected tables exactly as the hub will receive them, suppressed cells marked), its approval,
and a period computed on demand. Other register staff may look; only a supervisor approves."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.entities import vocabulary_name
from contracts.control import StatisticsPolicy
from contracts.errors import ContractError, InvalidPeriodError, RoleNotAllowedError
from contracts.indicators import (
    CATEGORY_LABELS,
    DISAGGREGATION_NAMES,
    DISAGGREGATIONS,
    INDICATORS_BY_CODE,
    period_bounds,
)
from node.register.access import Actor
from node.register.models import StaffRole
from node.register.views.common import error_message, register_page
from node.statistics.models import HeldPolicy, Release, ReleaseStatus
from node.statistics.privacy import ledger
from node.statistics.services import periods_due, release_approve


@dataclasses.dataclass
class Row:
    label: str
    cells: list[dict[str, Any]]


FAMILY_NAMES = {
    "people": gettext_lazy("People reached and at risk"),
    "counselling": gettext_lazy("Counselling"),
    "referrals": gettext_lazy("Referrals"),
    "services": gettext_lazy("Training and packages"),
    "outcomes": gettext_lazy("Outcomes"),
}
"""The indicator families, as the privacy budget is kept for them."""


def _amount(value: float | None) -> str:
    """An ε or ρ as the reader's language writes numbers, with no more digits than it has."""
    return "—" if value is None else number_format(Decimal(f"{value:g}"))


@dataclasses.dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[Row]


def _name(names: Any, code: str) -> str:
    return vocabulary_name(dict(names), code)


def _category(disaggregation: str, code: str) -> str:
    return _name(CATEGORY_LABELS[disaggregation][code], code)  # type: ignore[index]


def release_tables(release: Release) -> list[tuple[str, list[Table]]]:
    """The release's cells as the tables of each indicator: a total, a column of categories for
    a breakdown by one, a grid for a breakdown by two."""
    by_table: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
    for cell in release.cells:
        named = {k: v for k, v in (cell.get("categories") or {}).items() if v is not None}
        table = tuple(d for d in DISAGGREGATIONS if d in named)
        by_table[(cell["indicator"], table)].append(cell | {"named": named})
    answer: list[tuple[str, list[Table]]] = []
    for code, definition in INDICATORS_BY_CODE.items():
        tables: list[Table] = []
        for table in definition.tables:
            cells = by_table.get((code, table))
            if not cells:
                continue
            if not table:
                tables.append(Table(_("Total"), [_("Total")], [Row("", cells)]))
            elif len(table) == 1:
                tables.append(
                    Table(
                        _name(DISAGGREGATION_NAMES[table[0]], table[0]),
                        [_("Value")],
                        [Row(_category(table[0], c["named"][table[0]]), [c]) for c in cells],
                    )
                )
            else:
                first, second = table
                columns = list(dict.fromkeys(c["named"][second] for c in cells))
                grid: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
                for c in cells:
                    grid[c["named"][first]][c["named"][second]] = c
                tables.append(
                    Table(
                        " × ".join(_name(DISAGGREGATION_NAMES[d], d) for d in table),
                        [_category(second, column) for column in columns],
                        [
                            Row(_category(first, row), [grid[row][column] for column in columns])
                            for row in grid
                        ],
                    )
                )
        if tables:
            answer.append((_name(definition.names, code), tables))
    return answer


@register_page
def statistics_index(request: HttpRequest, actor: Actor) -> HttpResponse:
    releases = list(Release.objects.select_related("approved_by").order_by("-period", "-revision")[:200])
    context = {
        "section": "statistics",
        "releases": releases,
        "policy": HeldPolicy.objects.order_by("-version").first(),
        "due": periods_due(timezone.localdate(), months_back=12),
        "may_approve": actor.role == StaffRole.SUPERVISOR,
    }
    return render(request, "statistics/index.html", context)


@register_page
def release_page(request: HttpRequest, actor: Actor, release_id: Any) -> HttpResponse:
    release = get_object_or_404(Release, pk=release_id)
    policy = StatisticsPolicy.model_validate(release.policy)
    context = {
        "section": "statistics",
        "release": release,
        "privacy": policy.differential_privacy,
        "ledger": [
            (FAMILY_NAMES[row.family], _amount(row.spent), _amount(row.reserved), _amount(row.budget))
            for row in ledger(release.period, policy)
        ]
        if policy.differential_privacy
        else [],
        "indicators": release_tables(release),
        "may_approve": actor.role == StaffRole.SUPERVISOR and release.status == ReleaseStatus.DRAFT,
        "first_day": period_bounds(release.period)[0],
    }
    return render(request, "statistics/release.html", context)


@require_POST
@register_page
def release_approve_view(request: HttpRequest, actor: Actor, release_id: Any) -> HttpResponse:
    try:
        release = release_approve(actor=actor, release_id=release_id)
    except ContractError as exc:
        if exc.code == "role-not-allowed":
            raise
        messages.error(request, f"{error_message(exc)} ({exc.code})")
        return redirect("statistics:release", release_id=release_id)
    messages.success(
        request,
        _("%(period)s revision %(revision)s is approved: it leaves for the hub at the next sync.")
        % {"period": release.period, "revision": release.revision},
    )
    return redirect("statistics:release", release_id=release.pk)


@require_POST
@register_page
def compute_now(request: HttpRequest, actor: Actor) -> HttpResponse:
    from node.statistics.tasks import statistics_round

    if actor.role != StaffRole.SUPERVISOR:
        raise RoleNotAllowedError("Only a supervisor computes the statistics.", detail={"role": actor.role})
    period = request.POST.get("period", "")
    if period not in periods_due(timezone.localdate(), months_back=12):
        exc = InvalidPeriodError(detail={"field": "period"})
        messages.error(request, f"{exc.message} ({exc.code})")
        return redirect("statistics:index")
    statistics_round.delay([period])
    messages.success(
        request,
        _("%(period)s is being computed and protected; its draft appears here in a minute or two.")
        % {"period": period},
    )
    return redirect("statistics:index")
