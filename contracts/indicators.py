"""The federation's indicators, defined once: what each counts, from which register entries, by
which categories it may be broken down, over which periods, and how its cells relate.

A node computes every indicator from its register by these definitions alone; the hub and the
ministry read the same definitions to name, add up and export them. The definitions say which
breakdowns are **additive** — their categories split the total with no one in two (sex, an age
band, the destination of one referral) — and which are not: a person with two risk types is
counted under both, and a person referred twice under each destination, so those cells do not add
up to the total. Disclosure control relies on that: only relations that really hold may be used to
recompute a suppressed cell, and only they go into the attacker's program.

Periods are ISO 8601 as ministries write them: a month ``2026-06``, a quarter ``2026-Q2``, a year
``2026``; ``period_bounds`` gives their first and last days and ``period_adx`` the ADX form
(``2026-06-01/P1M``).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import itertools
import math
import re
from collections.abc import Iterator, Mapping
from typing import Literal, get_args

from contracts.vocabulary import (
    AGE_BANDS,
    DELIVERED_SERVICE_LABELS,
    LANGUAGE_TAGS,
    OUTCOME_LABELS,
    REFERRAL_DESTINATION_LABELS,
    REFERRAL_STATUS_LABELS,
    RISK_TYPE_LABELS,
    SEX_LABELS,
    TARGET_GROUP_LABELS,
    labels,
)

IndicatorCode = Literal[
    "people_at_risk",
    "people_reached",
    "field_visits",
    "people_counselled",
    "counselling_sessions",
    "people_completed_plan",
    "referrals",
    "people_referred",
    "people_trained",
    "packages_delivered",
    "people_with_outcome",
    "neet_reached",
]
"""The codes of ``INDICATORS``, as a closed list a message schema can name (checked to match)."""

Disaggregation = Literal[
    "sex",
    "age_band",
    "risk_type",
    "target_group",
    "referral_destination",
    "referral_status",
    "outcome",
    "delivered",
]
DISAGGREGATIONS: tuple[Disaggregation, ...] = get_args(Disaggregation)

PeriodType = Literal["month", "quarter", "year"]
PERIOD_TYPES: tuple[PeriodType, ...] = get_args(PeriodType)

EntryKind = Literal[
    "field_visit",
    "risk_assessment",
    "counselling_session",
    "referral",
    "service_delivery",
    "outcome",
]
"""The kinds of register entry (each a table of the node's register) an indicator counts from."""
ENTRY_KINDS: tuple[EntryKind, ...] = get_args(EntryKind)

Family = Literal["people", "counselling", "referrals", "services", "outcomes"]
FAMILIES: tuple[Family, ...] = get_args(Family)
"""Indicators of one family count from the same entries (a privacy budget is kept per family)."""

Counts = Literal["people", "entries", "quantity"]
"""``people``: distinct persons; ``entries``: each qualifying entry; ``quantity``: the sum of the
entries' quantities (packages)."""

When = Literal["entry_in_period", "plan_completed_in_period", "at_risk_in_period"]
"""Which entries fall in a period:

- ``entry_in_period``: the entry's date is in the period;
- ``plan_completed_in_period``: the session that completes a counselling plan (its last planned
  session held) is in the period — the person is counted once for that period;
- ``at_risk_in_period``: a stock — the person has a risk type recorded, an entry on or before the
  period's last day, and a case not closed before its first day.
"""


DISAGGREGATION_NAMES: dict[str, dict[str, str]] = {
    "sex": labels("Sex", "Пол", "Пол", "Пол", "Pol", "Gjinia"),
    "age_band": labels(
        "Age band", "Возрасна група", "Възрастова група", "Старосна група", "Starosna grupa", "Grupmosha"
    ),
    "risk_type": labels(
        "Type of risk", "Вид на ризик", "Вид риск", "Врста ризика", "Vrsta rizika", "Lloji i rrezikut"
    ),
    "target_group": labels(
        "Target group", "Целна група", "Целева група", "Циљна група", "Ciljna grupa", "Grupi i synuar"
    ),
    "referral_destination": labels(
        "Referred to", "Упатен до", "Насочен към", "Упућен у", "Upućen u", "Referuar te"
    ),
    "referral_status": labels(
        "Referral status",
        "Статус на упатувањето",
        "Статус на насочването",
        "Статус упућивања",
        "Status upućivanja",
        "Statusi i referimit",
    ),
    "outcome": labels("Outcome", "Исход", "Резултат", "Исход", "Ishod", "Rezultati"),
    "delivered": labels(
        "Service delivered",
        "Доставена услуга",
        "Предоставена услуга",
        "Пружена услуга",
        "Pružena usluga",
        "Shërbimi i ofruar",
    ),
}

AGE_BAND_LABELS: dict[str, dict[str, str]] = {
    # "18–24" reads the same in every language; "not recorded" does not.
    band: SEX_LABELS["unknown"] if band == "unknown" else dict.fromkeys(LANGUAGE_TAGS, band.replace("-", "–"))
    for band in AGE_BANDS
}

CATEGORY_CODES: dict[Disaggregation, tuple[str, ...]] = {
    "sex": ("female", "male", "other", "unknown"),
    "age_band": AGE_BANDS,
    "risk_type": tuple(RISK_TYPE_LABELS),
    "target_group": tuple(TARGET_GROUP_LABELS),
    "referral_destination": tuple(REFERRAL_DESTINATION_LABELS),
    "referral_status": tuple(REFERRAL_STATUS_LABELS),
    "outcome": tuple(OUTCOME_LABELS),
    "delivered": tuple(DELIVERED_SERVICE_LABELS),
}
"""Each breakdown's categories: codes of the shared vocabulary, never free text."""

CATEGORY_LABELS: dict[Disaggregation, Mapping[str, Mapping[str, str]]] = {
    "sex": SEX_LABELS,
    "age_band": AGE_BAND_LABELS,
    "risk_type": RISK_TYPE_LABELS,
    "target_group": TARGET_GROUP_LABELS,
    "referral_destination": REFERRAL_DESTINATION_LABELS,
    "referral_status": REFERRAL_STATUS_LABELS,
    "outcome": OUTCOME_LABELS,
    "delivered": DELIVERED_SERVICE_LABELS,
}

AGE_GROUPS: dict[str, tuple[str, ...]] = {
    "0-17": ("0-14", "15-17"),
    "18-29": ("18-24", "25-29"),
    "30-64": ("30-49", "50-64"),
    "65+": ("65+",),
}
"""Grouped age bands: a hierarchy within the age breakdown. Each group's cell is the sum of its
bands' cells, a relation disclosure control must take into account."""


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """The age in whole years, on the day ``on``, of a person born on ``birth_date``."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def age_band(birth_date: dt.date, on: dt.date) -> str:
    """The age band of a person born on ``birth_date``, on the day ``on``."""
    years = age_on(birth_date, on)
    for band in AGE_BANDS:
        if band == "unknown":
            break
        low, _, high = band.rstrip("+").partition("-")
        if int(low) <= years and (not high or years <= int(high)):
            return band
    return "unknown"


@dataclasses.dataclass(frozen=True)
class PersonCondition:
    """Which people an indicator counts at all: a target group, an age range on the period's
    last day."""

    target_group: str | None = None
    age_from: int | None = None
    age_to: int | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class IndicatorDefinition:
    """One indicator, as every node computes it and the hub and the ministry read it. Defined
    here in code, never read from the wire: a definition that does not hold together is refused
    when the module is imported."""

    code: str
    family: Family
    """Indicators of one family are computed from the same entries: a privacy budget is kept per
    family (and node and period), as one person's data moves all of them at once."""
    names: Mapping[str, str]
    description: str
    """What is counted, in words (English; the names are in every language)."""
    counts: Counts
    entries: tuple[EntryKind, ...]
    """The register entries that qualify (``at_risk_in_period`` also reads the person's record)."""
    where: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    """Conditions on the entries' own fields, ``kind.field`` → the codes it must hold (e.g.
    ``counselling_session.status`` → ``held``); entries of other kinds are not concerned."""
    person: PersonCondition = PersonCondition()
    when: When = "entry_in_period"
    disaggregations: tuple[Disaggregation, ...]
    additive: tuple[Disaggregation, ...]
    """The breakdowns whose categories split the total: each person (or entry) in exactly one."""
    covering: tuple[Disaggregation, ...] = ()
    """Breakdowns that are not additive but where each unit has at least one category, so that
    their cells add up to at least the margin (everyone at risk has a risk type)."""
    tables: tuple[tuple[Disaggregation, ...], ...]
    """The linked tables published each period: ``()`` is the total, ``("sex",)`` the total by sex,
    ``("age_band", "sex")`` the cross-tabulation. Every table's margins are tables too."""
    periods: tuple[PeriodType, ...] = PERIOD_TYPES

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9_]{2,59}", self.code):
            raise ValueError(f"{self.code!r} is not an indicator code")
        missing = [tag for tag in LANGUAGE_TAGS if not self.names.get(tag)]
        if missing:
            raise ValueError(f"{self.code}: no name in {', '.join(missing)}")
        if not set(self.additive) <= set(self.disaggregations):
            raise ValueError(f"{self.code}: an additive breakdown must be one of its breakdowns")
        if not set(self.covering) <= set(self.disaggregations) - set(self.additive):
            raise ValueError(f"{self.code}: a covering breakdown is one of its breakdowns, not additive")
        if self.counts == "people":
            # A person has several risk types and target groups; no such breakdown splits people.
            for multi in ("risk_type", "target_group"):
                if multi in self.additive:
                    raise ValueError(f"{self.code}: {multi} cannot split people")
        for condition in self.where:
            kind, _, _field = condition.partition(".")
            if kind not in self.entries:
                raise ValueError(f"{self.code}: a condition on {kind}, which it does not count")
        for table in self.tables:
            if len(set(table)) != len(table) or not set(table) <= set(self.disaggregations):
                raise ValueError(f"{self.code}: table {table} names a breakdown it does not have")
            if list(table) != sorted(table, key=DISAGGREGATIONS.index):
                raise ValueError(f"{self.code}: table {table} is not in the breakdowns' order")
            for margin in margins(table):
                if margin not in self.tables:
                    raise ValueError(f"{self.code}: table {table} lacks its margin {margin}")
        if () not in self.tables:
            raise ValueError(f"{self.code}: the total is not published")

    def is_additive(self, disaggregation: Disaggregation) -> bool:
        return disaggregation in self.additive


def margins(table: tuple[Disaggregation, ...]) -> Iterator[tuple[Disaggregation, ...]]:
    """The tables one breakdown coarser than ``table`` (its margins), in the breakdowns' order."""
    for dropped in table:
        yield tuple(d for d in table if d != dropped)


def _tables(*tables: tuple[Disaggregation, ...]) -> tuple[tuple[Disaggregation, ...], ...]:
    """``tables`` with every margin of each added, ordered coarsest first."""
    found: set[tuple[Disaggregation, ...]] = set()
    for table in tables:
        ordered = tuple(sorted(table, key=DISAGGREGATIONS.index))
        for size in range(len(ordered) + 1):
            found.update(itertools.combinations(ordered, size))
    return tuple(sorted(found, key=lambda t: (len(t), [DISAGGREGATIONS.index(d) for d in t])))


_PEOPLE_TABLES = _tables(("sex", "age_band"), ("risk_type", "sex"), ("target_group", "sex"))

INDICATORS: tuple[IndicatorDefinition, ...] = (
    IndicatorDefinition(
        code="people_at_risk",
        family="people",
        names=labels(
            "People at social risk on the register",
            "Лица под социјален ризик во регистарот",
            "Лица в социален риск в регистъра",
            "Лица у стању социјалног ризика у регистру",
            "Lica u stanju socijalnog rizika u registru",
            "Persona në rrezik social në regjistër",
        ),
        description=(
            "People with a risk type recorded, an entry on or before the period's last day, and a "
            "case not closed before its first day (a stock, counted once each)."
        ),
        counts="people",
        entries=("field_visit", "risk_assessment"),
        when="at_risk_in_period",
        disaggregations=("sex", "age_band", "risk_type", "target_group"),
        additive=("sex", "age_band"),
        covering=("risk_type",),
        tables=_PEOPLE_TABLES,
    ),
    IndicatorDefinition(
        code="people_reached",
        family="people",
        names=labels(
            "People supported",
            "Поддржани лица",
            "Подкрепени лица",
            "Подржана лица",
            "Podržana lica",
            "Persona të mbështetur",
        ),
        description=(
            "People with any entry in the period: a visit, an assessment, a session held, a "
            "referral, a service delivered or an outcome (the programme's beneficiaries)."
        ),
        counts="people",
        entries=ENTRY_KINDS,
        where={"counselling_session.status": ("held",)},
        disaggregations=("sex", "age_band", "risk_type", "target_group"),
        additive=("sex", "age_band"),
        tables=_PEOPLE_TABLES,
    ),
    IndicatorDefinition(
        code="field_visits",
        family="people",
        names=labels(
            "Field visits",
            "Теренски посети",
            "Теренни посещения",
            "Теренске посете",
            "Terenske posete",
            "Vizita në terren",
        ),
        description="Field visits of social mapping made in the period.",
        counts="entries",
        entries=("field_visit",),
        disaggregations=("sex", "age_band"),
        additive=("sex", "age_band"),
        tables=_tables(("sex", "age_band")),
    ),
    IndicatorDefinition(
        code="people_counselled",
        family="counselling",
        names=labels(
            "People counselled",
            "Лица вклучени во советување",
            "Консултирани лица",
            "Лица укључена у саветовање",
            "Lica uključena u savetovanje",
            "Persona të këshilluar",
        ),
        description="People with at least one counselling session held in the period.",
        counts="people",
        entries=("counselling_session",),
        where={"counselling_session.status": ("held",)},
        disaggregations=("sex", "age_band", "risk_type", "target_group"),
        additive=("sex", "age_band"),
        tables=_PEOPLE_TABLES,
    ),
    IndicatorDefinition(
        code="counselling_sessions",
        family="counselling",
        names=labels(
            "Counselling sessions held",
            "Одржани советодавни сесии",
            "Проведени консултации",
            "Одржане саветодавне сесије",
            "Održane savetodavne sesije",
            "Seanca këshillimi të mbajtura",
        ),
        description="Counselling sessions held in the period.",
        counts="entries",
        entries=("counselling_session",),
        where={"counselling_session.status": ("held",)},
        disaggregations=("sex", "age_band"),
        additive=("sex", "age_band"),
        tables=_tables(("sex", "age_band")),
    ),
    IndicatorDefinition(
        code="people_completed_plan",
        family="counselling",
        names=labels(
            "People who completed their counselling plan",
            "Лица што го завршиле планот за советување",
            "Лица, завършили плана си за консултиране",
            "Лица која су завршила план саветовања",
            "Lica koja su završila plan savetovanja",
            "Persona që përfunduan planin e këshillimit",
        ),
        description=(
            "People whose counselling plan was completed in the period: the session that made the "
            "plan's sessions held reach the sessions planned (three in Butel's plan) fell in it."
        ),
        counts="people",
        entries=("counselling_session",),
        where={"counselling_session.status": ("held",)},
        when="plan_completed_in_period",
        disaggregations=("sex", "age_band", "risk_type", "target_group"),
        additive=("sex", "age_band"),
        tables=_PEOPLE_TABLES,
    ),
    IndicatorDefinition(
        code="referrals",
        family="referrals",
        names=labels("Referrals", "Упатувања", "Насочвания", "Упућивања", "Upućivanja", "Referime"),
        description=(
            "Referrals made in the period, by where to and by their status now (sent, accepted, "
            "completed, declined): a later change of status revises the period."
        ),
        counts="entries",
        entries=("referral",),
        disaggregations=("sex", "age_band", "referral_destination", "referral_status"),
        additive=("sex", "age_band", "referral_destination", "referral_status"),
        tables=_tables(
            ("referral_destination", "referral_status"), ("sex", "referral_destination"), ("sex", "age_band")
        ),
    ),
    IndicatorDefinition(
        code="people_referred",
        family="referrals",
        names=labels(
            "People referred",
            "Упатени лица",
            "Насочени лица",
            "Упућена лица",
            "Upućena lica",
            "Persona të referuar",
        ),
        description=(
            "People with at least one referral made in the period, by where to (a person referred "
            "to two places counts under each)."
        ),
        counts="people",
        entries=("referral",),
        disaggregations=("sex", "age_band", "referral_destination"),
        additive=("sex", "age_band"),
        tables=_tables(("sex", "age_band"), ("sex", "referral_destination")),
    ),
    IndicatorDefinition(
        code="people_trained",
        family="services",
        names=labels(
            "People trained",
            "Лица што поминале обука",
            "Обучени лица",
            "Обучена лица",
            "Obučena lica",
            "Persona të trajnuar",
        ),
        description="People who received a training in the period.",
        counts="people",
        entries=("service_delivery",),
        where={"service_delivery.kind": ("training",)},
        disaggregations=("sex", "age_band", "target_group"),
        additive=("sex", "age_band"),
        tables=_tables(("sex", "age_band"), ("target_group", "sex")),
    ),
    IndicatorDefinition(
        code="packages_delivered",
        family="services",
        names=labels(
            "Food and hygiene packages delivered",
            "Доставени пакети храна и хигиена",
            "Доставени пакети с храна и хигиенни материали",
            "Подељени пакети хране и хигијене",
            "Podeljeni paketi hrane i higijene",
            "Pako ushqimore dhe higjienike të shpërndara",
        ),
        description="Food and hygiene packages delivered in the period (their quantities added up).",
        counts="quantity",
        entries=("service_delivery",),
        where={"service_delivery.kind": ("food_package", "hygiene_package")},
        disaggregations=("sex", "delivered"),
        additive=("sex", "delivered"),
        tables=_tables(("sex", "delivered")),
    ),
    IndicatorDefinition(
        code="people_with_outcome",
        family="outcomes",
        names=labels(
            "People by outcome",
            "Лица според исходот",
            "Лица по резултат",
            "Лица према исходу",
            "Lica prema ishodu",
            "Persona sipas rezultatit",
        ),
        description=(
            "People with an outcome recorded in the period: employed, in training, back in "
            "education, a social-protection right obtained, moved away (a person with two counts "
            "under each)."
        ),
        counts="people",
        entries=("outcome",),
        disaggregations=("sex", "age_band", "outcome"),
        additive=("sex", "age_band"),
        tables=_tables(("sex", "age_band"), ("sex", "outcome")),
    ),
    IndicatorDefinition(
        code="neet_reached",
        family="people",
        names=labels(
            "Young people not in employment, education or training (15–29) reached",
            "Опфатени млади што не се вработени, ниту во образование или обука (15–29)",
            "Обхванати младежи, които не са заети, нито учат или се обучават (15–29)",
            "Обухваћени млади који нису запослени, нити се школују или обучавају (15–29)",
            "Obuhvaćeni mladi koji nisu zaposleni, niti se školuju ili obučavaju (15–29)",
            "Të rinj jashtë punësimit, arsimit ose trajnimit (15–29) të përfshirë",
        ),
        description=(
            "People of the target group NEET, aged 15 to 29 on the period's last day, with any "
            "entry in the period (Plovdiv's one-stop shop counts them)."
        ),
        counts="people",
        entries=ENTRY_KINDS,
        where={"counselling_session.status": ("held",)},
        person=PersonCondition(target_group="neet", age_from=15, age_to=29),
        disaggregations=("sex", "age_band", "risk_type"),
        additive=("sex", "age_band"),
        tables=_tables(("sex", "age_band"), ("risk_type", "sex")),
    ),
)

INDICATORS_BY_CODE: dict[str, IndicatorDefinition] = {indicator.code: indicator for indicator in INDICATORS}

CONTRIBUTIONS_PER_PERSON: dict[PeriodType, int] = {"month": 8, "quarter": 16, "year": 32}
"""Under differential privacy, the most one person adds to an indicator that counts entries or a
quantity in one period: their entries beyond it are not counted (a person is counted once by an
indicator that counts people). The noise is scaled to this bound, so it is a definition, not a
setting: every node counts the same way."""


@dataclasses.dataclass(frozen=True)
class Sensitivity:
    """How far one person's data can move a family's cells of one period, all tables at once:
    ``l1`` (the sum of the changes, for discrete Laplace noise) and ``l2`` (their Euclidean norm,
    for discrete Gaussian noise)."""

    l1: int
    l2: float


def family_sensitivity(family: str, kind: PeriodType) -> Sensitivity:
    """The worst case over every person: in a table, a person (or each of their entries) falls in
    one category of each additive breakdown and in up to every category of one that is not (a
    person with every risk type); an indicator counting entries or a quantity adds up to
    ``CONTRIBUTIONS_PER_PERSON`` from one person, all in one cell at worst."""
    l1 = 0
    squares = 0
    for definition in INDICATORS:
        if definition.family != family:
            continue
        weight = 1 if definition.counts == "people" else CONTRIBUTIONS_PER_PERSON[kind]
        for table in definition.tables:
            fan = 1
            for disaggregation in table:
                if not definition.is_additive(disaggregation):
                    fan *= len(CATEGORY_CODES[disaggregation])
            l1 += fan * weight
            squares += fan * weight * weight
    if not l1:
        raise ValueError(f"{family!r} is not a family of indicators")
    return Sensitivity(l1=l1, l2=math.sqrt(squares))


if tuple(INDICATORS_BY_CODE) != get_args(IndicatorCode):
    raise ValueError("IndicatorCode must list the codes of INDICATORS, in their order")


SUBSETS: tuple[tuple[str, str], ...] = (
    ("people_counselled", "people_reached"),
    ("people_completed_plan", "people_counselled"),
    ("people_referred", "people_reached"),
    ("people_trained", "people_reached"),
    ("people_with_outcome", "people_reached"),
    ("neet_reached", "people_reached"),
)
"""(a, b): the people ``a`` counts in a period are among those ``b`` counts, category by category
(a session held is an entry; the session completing a plan is held), so each cell of ``a`` is at
most the same cell of ``b``: a relation an attacker may use, and disclosure control does."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class RatioDefinition:
    """A figure derived from published cells, never published itself: its parts are protected."""

    code: str
    names: Mapping[str, str]
    numerator: str
    numerator_categories: Mapping[Disaggregation, str]
    denominator: str


RATIOS: tuple[RatioDefinition, ...] = (
    RatioDefinition(
        code="share_women_reached",
        names=labels(
            "Share of women among people supported",
            "Удел на жени меѓу поддржаните лица",
            "Дял на жените сред подкрепените лица",
            "Удео жена међу подржаним лицима",
            "Udeo žena među podržanim licima",
            "Pjesa e grave ndër personat e mbështetur",
        ),
        numerator="people_reached",
        numerator_categories={"sex": "female"},
        denominator="people_reached",
    ),
)


# --- periods ------------------------------------------------------------------------------------

PERIOD_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$"
"""A month ``2026-06``, a quarter ``2026-Q2`` or a year ``2026`` (the message schemas use it too)."""


def _parsed(period: str) -> tuple[int, PeriodType, int]:
    """The year, the kind and the month or quarter (0 for a year) of ``period``."""
    if not re.fullmatch(PERIOD_PATTERN, period):
        raise ValueError(f"{period!r} is not a period (2026-06, 2026-Q2 or 2026)")
    year, _, part = period.partition("-")
    if int(year) < 1:
        raise ValueError(f"{period!r} is not a period: there was no year 0")
    if not part:
        return int(year), "year", 0
    if part.startswith("Q"):
        return int(year), "quarter", int(part[1:])
    return int(year), "month", int(part)


def period_type(period: str) -> PeriodType:
    return _parsed(period)[1]


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """The first and the last day of ``period``."""
    year, kind, number = _parsed(period)
    first_month, last_month = {
        "month": (number, number),
        "quarter": (number * 3 - 2, number * 3),
        "year": (1, 12),
    }[kind]
    return dt.date(year, first_month, 1), dt.date(year, last_month, calendar.monthrange(year, last_month)[1])


def period_adx(period: str) -> str:
    """The ADX (ISO 8601 start and duration) form of ``period``: ``2026-06-01/P1M``."""
    first, _ = period_bounds(period)
    duration = {"month": "P1M", "quarter": "P3M", "year": "P1Y"}[period_type(period)]
    return f"{first.isoformat()}/{duration}"


def period_of(day: dt.date, kind: PeriodType) -> str:
    """The period of kind ``kind`` that holds ``day``."""
    if kind == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if kind == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}"


def period_next(period: str) -> str:
    """The period of the same kind after ``period``."""
    _, last = period_bounds(period)
    return period_of(last + dt.timedelta(days=1), period_type(period))


def period_range(first: str, last: str, *, limit: int = 240) -> list[str]:
    """Every period of ``first``'s kind from ``first`` to ``last``, both included; raises
    ``ValueError`` for periods of different kinds, a reversed range or more than ``limit``."""
    if period_type(first) != period_type(last):
        raise ValueError(f"{first} and {last} are not periods of the same kind")
    if period_bounds(last)[0] < period_bounds(first)[0]:
        raise ValueError(f"{last} comes before {first}")
    periods = [first]
    while periods[-1] != last:
        if len(periods) >= limit:
            raise ValueError(f"more than {limit} periods from {first} to {last}")
        periods.append(period_next(periods[-1]))
    return periods
