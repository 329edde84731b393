"""A period's indicators computed straight from the register, by their definitions alone
(``contracts.indicators``): one query per register table, whatever the number of people.

The result is every cell of every table of every indicator (zeros included), keyed by
``common.disclosure.CellKey``. It is the raw count: it never leaves the node. Protection
(``node.statistics.protection``) turns it into what may be released.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from common.disclosure import CellKey, all_keys
from contracts.indicators import (
    CATEGORY_CODES,
    INDICATORS,
    Disaggregation,
    EntryKind,
    IndicatorDefinition,
    age_band,
    age_on,
    period_bounds,
)
from node.register.models import (
    CounsellingPlan,
    CounsellingSession,
    FieldVisit,
    Outcome,
    Person,
    PersonStatus,
    Referral,
    RiskAssessment,
    ServiceDelivery,
    SessionStatus,
)

_ENTRY_FIELDS: dict[EntryKind, tuple[Any, tuple[str, ...]]] = {
    "field_visit": (FieldVisit, ()),
    "risk_assessment": (RiskAssessment, ()),
    "counselling_session": (CounsellingSession, ("status",)),
    "referral": (Referral, ("destination", "status")),
    "service_delivery": (ServiceDelivery, ("kind", "quantity")),
    "outcome": (Outcome, ("outcome",)),
}
"""Each kind of entry: its table, and the fields the definitions read besides person and date."""

_ENTRY_CATEGORY: dict[EntryKind, dict[Disaggregation, str]] = {
    "referral": {"referral_destination": "destination", "referral_status": "status"},
    "service_delivery": {"delivered": "kind"},
    "outcome": {"outcome": "outcome"},
}
"""The breakdowns an entry itself answers (the rest are the person's)."""

_PERSON_FIELDS = ("id", "sex", "birth_date", "risk_types", "target_groups", "status", "closed_at")


@dataclasses.dataclass(frozen=True)
class _Person:
    sex: str
    band: str
    risk_types: frozenset[str]
    target_groups: frozenset[str]
    age: int
    open_in_period: bool


@dataclasses.dataclass(frozen=True)
class _Entry:
    kind: EntryKind
    person_id: Any
    fields: dict[str, Any]


@dataclasses.dataclass
class _Register:
    """What one period's computation read: each table once."""

    people: dict[Any, _Person]
    entries: dict[EntryKind, list[_Entry]]
    recorded_by_last: set[Any]
    """People with a field visit or an assessment on or before the period's last day."""
    completed_plans: list[Any]
    """The people (one per plan) whose counselling plan was completed in the period."""


def _read(period: str) -> _Register:
    first, last = period_bounds(period)
    entries: dict[EntryKind, list[_Entry]] = {}
    for kind, (model, fields) in _ENTRY_FIELDS.items():
        rows = model.objects.filter(date__range=(first, last)).values_list("person_id", *fields)
        entries[kind] = [_Entry(kind, row[0], dict(zip(fields, row[1:], strict=True))) for row in rows]
    recorded: set[Any] = set()
    for model in (FieldVisit, RiskAssessment):
        recorded.update(model.objects.filter(date__lte=last).values_list("person_id", flat=True).distinct())
    # A plan is completed on the day of its last planned session held (the third of Butel's three).
    plans = {
        pk: (planned, owner)
        for pk, planned, owner in CounsellingPlan.objects.values_list("id", "sessions_planned", "person_id")
    }
    held: dict[Any, list[dt.date]] = defaultdict(list)
    for plan_id, day in (
        CounsellingSession.objects.filter(status=SessionStatus.HELD, date__lte=last)
        .order_by("plan_id", "date")
        .values_list("plan_id", "date")
    ):
        held[plan_id].append(day)
    completed = []
    for plan_id, days in held.items():
        planned, owner = plans[plan_id]
        if len(days) >= planned and first <= days[planned - 1] <= last:
            completed.append(owner)
    people: dict[Any, _Person] = {}
    for pk, sex, born, risks, groups, status, closed_at in Person.objects.values_list(*_PERSON_FIELDS):
        closed = status in (PersonStatus.CLOSED, PersonStatus.TRANSFERRED)
        still_open = not closed or (closed_at is not None and closed_at.date() >= first)
        people[pk] = _Person(
            sex=sex if sex in CATEGORY_CODES["sex"] else "unknown",
            band=age_band(born, last),
            risk_types=frozenset(r for r in risks or () if r in CATEGORY_CODES["risk_type"]),
            target_groups=frozenset(g for g in groups or () if g in CATEGORY_CODES["target_group"]),
            age=age_on(born, last),
            open_in_period=still_open,
        )
    return _Register(people, entries, recorded, completed)


@dataclasses.dataclass
class _Unit:
    """What one indicator counts once (a person or an entry): its categories, each a code or a
    set of codes, and its weight (1, or a quantity)."""

    categories: dict[str, str | frozenset[str]]
    weight: int = 1


def _person_categories(person: _Person) -> dict[str, str | frozenset[str]]:
    return {
        "sex": person.sex,
        "age_band": person.band,
        "risk_type": person.risk_types,
        "target_group": person.target_groups,
    }


def _fits(definition: IndicatorDefinition, person: _Person) -> bool:
    condition = definition.person
    if condition.target_group is not None and condition.target_group not in person.target_groups:
        return False
    if condition.age_from is not None and person.age < condition.age_from:
        return False
    return condition.age_to is None or person.age <= condition.age_to


def _qualifying(definition: IndicatorDefinition, register: _Register) -> Iterator[_Entry]:
    for kind in definition.entries:
        conditions = [
            (condition.partition(".")[2], codes)
            for condition, codes in definition.where.items()
            if condition.partition(".")[0] == kind
        ]
        for entry in register.entries[kind]:
            if all(entry.fields[field] in codes for field, codes in conditions):
                yield entry


def _units(
    definition: IndicatorDefinition, register: _Register, *, contributions: int | None = None
) -> Iterator[_Unit]:
    """What ``definition`` counts in ``register``; with ``contributions`` (under differential
    privacy), no person adds more than that to an indicator counting entries or a quantity."""
    people = register.people
    if definition.when == "at_risk_in_period":
        for pk in register.recorded_by_last:
            person = people.get(pk)
            if (
                person is not None
                and person.risk_types
                and person.open_in_period
                and _fits(definition, person)
            ):
                yield _Unit(_person_categories(person))
        return
    if definition.when == "plan_completed_in_period":
        for pk in set(register.completed_plans):
            person = people.get(pk)
            if person is not None and _fits(definition, person):
                yield _Unit(_person_categories(person))
        return
    entries = [e for e in _qualifying(definition, register) if e.person_id in people]
    if definition.counts == "people":
        by_person: dict[Any, list[_Entry]] = defaultdict(list)
        for entry in entries:
            by_person[entry.person_id].append(entry)
        for pk, own in by_person.items():
            person = people[pk]
            if not _fits(definition, person):
                continue
            categories = _person_categories(person)
            for entry in own:
                for disaggregation, field in _ENTRY_CATEGORY.get(entry.kind, {}).items():
                    seen = categories.get(disaggregation, frozenset())
                    assert isinstance(seen, frozenset)
                    categories[disaggregation] = seen | {entry.fields[field]}
            yield _Unit(categories)
        return
    added: dict[Any, int] = defaultdict(int)
    for entry in entries:
        person = people[entry.person_id]
        if not _fits(definition, person):
            continue
        categories = _person_categories(person)
        for disaggregation, field in _ENTRY_CATEGORY.get(entry.kind, {}).items():
            categories[disaggregation] = entry.fields[field]
        weight = int(entry.fields.get("quantity") or 1) if definition.counts == "quantity" else 1
        if contributions is not None:
            weight = min(weight, contributions - added[entry.person_id])
            if weight <= 0:
                continue
            added[entry.person_id] += weight
        yield _Unit(categories, weight)


def tabulate(definition: IndicatorDefinition, units: Iterable[_Unit]) -> dict[CellKey, int]:
    """Every cell of every table of ``definition``, counted from ``units``."""
    cells = dict.fromkeys(all_keys([definition.code]), 0)
    tables = definition.tables
    for unit in units:
        for table in tables:
            choices: list[Sequence[str]] = []
            for disaggregation in table:
                value = unit.categories.get(disaggregation)
                choices.append(sorted(value) if isinstance(value, frozenset) else [value] if value else [])
            for codes in itertools.product(*choices):
                key = (definition.code, tuple(zip(table, codes, strict=True)))
                if key in cells:
                    cells[key] += unit.weight
    return cells


def period_cells(
    period: str,
    *,
    indicators: Sequence[IndicatorDefinition] = INDICATORS,
    contributions: int | None = None,
) -> dict[CellKey, int]:
    """Every cell of ``indicators`` for ``period``, counted from the register as it is now
    (``contributions``: the bound on one person's entries, under differential privacy)."""
    register = _read(period)
    cells: dict[CellKey, int] = {}
    for definition in indicators:
        cells.update(tabulate(definition, _units(definition, register, contributions=contributions)))
    return cells
