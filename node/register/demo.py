"""The demo's synthetic registers: from a seed, a municipality's people at social risk, their
households and timelines, shaped like the programme of each demo node.

Everything here is invented: names are drawn from first- and family-name lists written for the
demo and combined at random, so no person in a demo register is a real one. The same profile and
seed give the same register, ids included (every id and choice comes from one seeded
``random.Random``); dates are counted back from ``today`` so that a demo started on any day
shows sessions due this week and people with no contact for 90 days.

The register is written with ``bulk_create`` in batches (nine demo nodes fill theirs at once on
one small machine), then ``rules_run`` raises the flags a caseworker finds on their worklist.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import cyrtranslit
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from common.search import search_key
from node.catalogue.models import Service
from node.register.models import (
    AccessAction,
    AccessEvent,
    CounsellingPlan,
    CounsellingSession,
    Entry,
    FieldVisit,
    Household,
    Outcome,
    Person,
    PersonStatus,
    Referral,
    RiskAssessment,
    ServiceDelivery,
    SessionStatus,
    Settlement,
    Staff,
    StaffRole,
    Team,
)
from node.register.rules import rules_run

BATCH = 5000
"""Rows per INSERT: large enough to fill a 100,000-person register at near-COPY speed."""

DEMO_LOGINS = ("caseworker", "supervisor", "auditor")
"""The register's demo users; ``demo_node`` gives them known passwords (the demo only)."""

SESSION_GAP_DAYS = 14
"""Days between the sessions of a counselling plan."""

RISK_LEVELS = ("low",) * 3 + ("medium",) * 5 + ("high",) * 2 + ("critical",)
"""Risk levels drawn with these weights: about a quarter high or critical."""


# --- names -----------------------------------------------------------------------------------
# Given names and family names written for the demo; a person is a random combination of the two,
# with a synthetic birth date, so no combination stands for anyone real.


@dataclass(frozen=True)
class Names:
    """A population's name lists. Family names are (male form, female form)."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[tuple[str, str], ...]
    languages: tuple[str, ...]
    """The languages the people of this population are spoken to in, most common first."""


def _same(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple((name, name) for name in names)


def _mk(*stems: str) -> tuple[tuple[str, str], ...]:
    # Macedonian family names: -ски/-ска, -ов/-ова, -ев/-ева.
    pairs = []
    for stem in stems:
        if stem.endswith("ски"):
            pairs.append((stem, stem[:-1] + "а"))
        else:
            pairs.append((stem, stem + "а"))
    return tuple(pairs)


MACEDONIAN = Names(
    male=(
        "Александар",
        "Горан",
        "Зоран",
        "Никола",
        "Дејан",
        "Бојан",
        "Игор",
        "Марјан",
        "Трајче",
        "Стојан",
        "Благоја",
        "Кире",
        "Васко",
        "Драган",
        "Филип",
        "Јордан",
        "Љупчо",
        "Сашо",
        "Тони",
        "Владо",
    ),
    female=(
        "Ана",
        "Марија",
        "Елена",
        "Билјана",
        "Снежана",
        "Весна",
        "Јасмина",
        "Катерина",
        "Славица",
        "Верица",
        "Љубица",
        "Даниела",
        "Сања",
        "Наташа",
        "Ивана",
        "Магдалена",
        "Цвета",
        "Лидија",
    ),
    family=_mk(
        "Петровски",
        "Стојановски",
        "Николовски",
        "Трајковски",
        "Јовановски",
        "Ристовски",
        "Димитров",
        "Илиев",
        "Андонов",
        "Георгиев",
        "Стефанов",
        "Костовски",
        "Велков",
        "Митев",
        "Ангеловски",
        "Спасов",
        "Цветков",
        "Ѓорѓиев",
        "Најдовски",
        "Здравковски",
    ),
    languages=("mk",),
)
ROMA_MK = Names(
    male=("Муамет", "Ерсан", "Сеад", "Кемал", "Бајрам", "Џемаил", "Шабан", "Сениј", "Енвер", "Ферат"),
    female=("Сабина", "Ферида", "Елвира", "Самка", "Мерсиха", "Зумрета", "Сениха", "Дуданка", "Есма"),
    family=_mk(
        "Демировски",
        "Муратовски",
        "Асанов",
        "Алиев",
        "Рамовски",
        "Суљов",
        "Бајрамовски",
        "Сејфулов",
        "Јашаров",
        "Мемедов",
    ),
    languages=("mk",),
)
ALBANIAN = Names(
    male=(
        "Arben",
        "Driton",
        "Besnik",
        "Fatmir",
        "Agron",
        "Blerim",
        "Ilir",
        "Luan",
        "Valon",
        "Shpend",
        "Bujar",
        "Fisnik",
        "Ermal",
        "Nderim",
    ),
    female=(
        "Arta",
        "Drita",
        "Valbona",
        "Albulena",
        "Merita",
        "Shqipe",
        "Blerta",
        "Fjolla",
        "Mimoza",
        "Teuta",
        "Lirije",
        "Hana",
        "Donika",
    ),
    family=_same(
        "Rexhepi",
        "Ismaili",
        "Shabani",
        "Xhaferi",
        "Memeti",
        "Bajrami",
        "Aliu",
        "Sulejmani",
        "Asani",
        "Zeqiri",
        "Limani",
        "Idrizi",
        "Jashari",
        "Osmani",
    ),
    languages=("sq",),
)
BULGARIAN = Names(
    male=(
        "Иван",
        "Георги",
        "Димитър",
        "Петър",
        "Николай",
        "Стоян",
        "Христо",
        "Тодор",
        "Васил",
        "Красимир",
        "Мартин",
        "Калоян",
        "Борислав",
        "Емил",
    ),
    female=(
        "Мария",
        "Иванка",
        "Елена",
        "Десислава",
        "Радка",
        "Гергана",
        "Цветелина",
        "Теодора",
        "Надежда",
        "Петя",
        "Виктория",
        "Йорданка",
        "Симона",
    ),
    family=_mk(
        "Иванов",
        "Петров",
        "Стоянов",
        "Георгиев",
        "Димитров",
        "Христов",
        "Тодоров",
        "Колев",
        "Николов",
        "Ненчев",
        "Пенев",
        "Маринов",
        "Янков",
        "Костадинов",
    ),
    languages=("bg",),
)
ROMA_BG = Names(
    male=("Асен", "Ангел", "Сашо", "Младен", "Кирил", "Юлиян", "Себастиян", "Ахмед", "Руси"),
    female=("Роза", "Мими", "Сийка", "Златка", "Ванеса", "Еми", "Румяна", "Кремена", "Фатме"),
    family=_mk("Асенов", "Ангелов", "Адамов", "Кирилов", "Салиев", "Юсеинов", "Рашков", "Мехмедов"),
    languages=("bg",),
)
SERBIAN = Names(
    male=(
        "Милан",
        "Драган",
        "Никола",
        "Стефан",
        "Марко",
        "Зоран",
        "Горан",
        "Душан",
        "Небојша",
        "Александар",
        "Милош",
        "Ђорђе",
        "Жељко",
        "Предраг",
    ),
    female=(
        "Јелена",
        "Милица",
        "Снежана",
        "Драгана",
        "Ивана",
        "Гордана",
        "Весна",
        "Љиљана",
        "Марија",
        "Тијана",
        "Јована",
        "Бранка",
        "Станка",
        "Наташа",
    ),
    family=_same(
        "Петровић",
        "Јовановић",
        "Николић",
        "Марковић",
        "Ђорђевић",
        "Стојановић",
        "Илић",
        "Павловић",
        "Милошевић",
        "Тодоровић",
        "Лазић",
        "Савић",
        "Живковић",
        "Радовановић",
    ),
    languages=("sr-Cyrl", "sr-Latn"),
)
ROMA_RS = Names(
    male=("Дејан", "Бајрам", "Селимир", "Сабахудин", "Шабан", "Мирсад", "Рамадан", "Енвер"),
    female=("Сабина", "Фатима", "Есма", "Сузана", "Нермина", "Ћамила", "Зорица", "Мелиса"),
    family=_same(
        "Јашаревић",
        "Демировић",
        "Бајрамовић",
        "Ибрахимовић",
        "Муратовић",
        "Османовић",
        "Ризвановић",
        "Алијевић",
    ),
    languages=("sr-Latn", "sr-Cyrl"),
)
HUNGARIAN = Names(
    male=("László", "István", "Zoltán", "Attila", "Gábor", "Sándor", "Csaba", "Ferenc", "Tibor", "Imre"),
    female=(
        "Erzsébet",
        "Katalin",
        "Éva",
        "Ilona",
        "Mária",
        "Zsuzsanna",
        "Anikó",
        "Edit",
        "Tímea",
        "Hajnalka",
    ),
    family=_same(
        "Nagy",
        "Kovács",
        "Tóth",
        "Szabó",
        "Horváth",
        "Varga",
        "Kiss",
        "Molnár",
        "Németh",
        "Farkas",
        "Balogh",
        "Papp",
    ),
    # Hungarian speakers in Ada are written to in Serbian Latin (the register's languages are the
    # federation's six).
    languages=("sr-Latn",),
)


# --- what the field teams write ----------------------------------------------------------------
# In the municipality's language, short, as a visit sheet reads.

TEXTS: dict[str, dict[str, tuple[str, ...]]] = {
    "MK": {
        "findings": (
            "Семејството живее во една просторија, без редовен приход.",
            "Лицето бара работа, пријавено во Агенцијата за вработување.",
            "Децата не одат редовно на училиште.",
            "Потребна е помош со храна и хигиена.",
            "Лицето не ги знае правата од социјална заштита.",
            "Постар член на семејството без нега.",
        ),
        "basis": ("Теренска посета и разговор со семејството.", "Податоци од ЦСР Скопје и посета дома."),
        "topics": ("Запознавање и потреби", "Права од социјална заштита", "План за вработување"),
        "plan": ("План за советување (три сесии)",),
        "reason": ("Упатување според планот за советување.", "Лицето бара помош за остварување право."),
        "outcome": ("Остварено право.", "Вклучено во обука.", "Вработено преку Агенцијата."),
    },
    "BG": {
        "findings": (
            "Семейството живее без постоянен доход.",
            "Лицето търси работа, не е регистрирано в Бюрото по труда.",
            "Децата посещават училище нередовно.",
            "Нужда от здравна консултация.",
            "Лицето няма завършено основно образование.",
        ),
        "basis": ("Посещение в дома и разговор.", "Консултация в социално-здравния център."),
        "topics": ("Мотивация и цели", "Умения за търсене на работа", "Личен план за подкрепа"),
        "plan": ("Мотивационно консултиране (три срещи)",),
        "reason": ("Насочване към обучение.", "Регистрация в Дирекция Бюро по труда."),
        "outcome": ("Започна обучение.", "Назначен на работа.", "Върна се в училище."),
    },
    "RS": {
        "findings": (
            "Домаћинство без редовних прихода, живе у једној просторији.",
            "Особа је незапослена и радно способна.",
            "Самохрани родитељ, деца школског узраста.",
            "Особа са инвалидитетом без сталне подршке.",
            "Старија особа живи сама, удаљено насеље.",
        ),
        "basis": ("Социјално мапирање – теренски рад.", "Разговор у Канцеларији за смањење сиромаштва."),
        "topics": ("Упознавање и потребе", "Права из социјалне заштите", "Радно ангажовање"),
        "plan": ("План подршке (три разговора)",),
        "reason": ("Упућивање на радно ангажовање.", "Помоћ у остваривању права."),
        "outcome": ("Остварено право.", "Радно ангажован.", "Укључен у обуку."),
    },
}


# --- profiles ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """One demo node's register, in the shape of its programme."""

    code: str
    prefix: str
    """The register number's prefix, e.g. BUT in BUT-2026-00001."""
    country: str
    people: int
    populations: tuple[tuple[Names, float], ...]
    settlements: tuple[tuple[str, str], ...]
    """(code, name as written); the Latin form is derived."""
    teams: tuple[tuple[str, str], ...]
    groups: tuple[tuple[str, float], ...]
    """Target groups and the share of people in each (besides ``cash_assistance``)."""
    risks: tuple[tuple[str, float], ...]
    referrals: tuple[str, ...]
    deliveries: tuple[str, ...]
    outcomes: tuple[str, ...]
    cash_assistance: int | float = 0
    """People on cash assistance (target group social_assistance_recipient): a count, or a share."""
    women: float = 0.5
    ages: tuple[int, int] = (18, 80)
    households: bool = True
    plan_share: float = 0.6
    """The share of people with a three-session counselling plan."""
    trained: int | None = None
    """When set, exactly this many people receive a training and its outcome."""
    caseworkers: int = 3
    follow_ups: int = 3
    """At most this many field visits after the first."""


MK_RISKS = (
    ("poverty", 0.8),
    ("unemployment", 0.55),
    ("social_exclusion", 0.35),
    ("single_parenthood", 0.12),
    ("disability", 0.1),
    ("early_school_leaving", 0.12),
    ("old_age_without_care", 0.08),
    ("health", 0.15),
    ("homelessness", 0.03),
    ("domestic_violence", 0.04),
)
RS_RISKS = (
    ("poverty", 0.85),
    ("unemployment", 0.6),
    ("disability", 0.18),
    ("single_parenthood", 0.18),
    ("social_exclusion", 0.3),
    ("old_age_without_care", 0.12),
    ("health", 0.15),
)


def _rs(
    code: str, prefix: str, people: int, settlements: tuple[tuple[str, str], ...], *, hungarian: float = 0.0
) -> Profile:
    # The four Serbian municipalities of one programme: social mapping first, then the
    # poverty-reduction office; at least half of the beneficiaries women.
    serbian = 1.0 - hungarian - 0.2
    populations = ((SERBIAN, serbian), (ROMA_RS, 0.2)) + (((HUNGARIAN, hungarian),) if hungarian else ())
    return Profile(
        code=code,
        prefix=prefix,
        country="RS",
        people=people,
        populations=populations,
        settlements=settlements,
        teams=(
            (f"{prefix.lower()}-mapping", "Тим за социјално мапирање"),
            (f"{prefix.lower()}-office", "Канцеларија за смањење сиромаштва"),
        ),
        groups=(
            ("unemployed", 0.55),
            ("roma", 0.2),
            ("single_parent", 0.18),
            ("disability", 0.15),
            ("women", 0.0),
            ("long_term_unemployed", 0.25),
        ),
        risks=RS_RISKS,
        referrals=("employment_agency", "social_work_centre", "social_protection_right", "catalogue_service"),
        deliveries=("food_package", "hygiene_package", "training", "legal_aid", "cash_assistance"),
        outcomes=("employed", "social_right_obtained", "in_training"),
        cash_assistance=0.45,
        women=0.56,
        plan_share=0.35,
        caseworkers=2,
    )


PROFILES: dict[str, Profile] = {
    profile.code: profile
    for profile in (
        Profile(
            code="MK-BUTEL",
            prefix="BUT",
            country="MK",
            people=800,
            populations=((MACEDONIAN, 0.45), (ROMA_MK, 0.45), (ALBANIAN, 0.10)),
            settlements=(
                ("butel", "Бутел"),
                ("radisani", "Радишани"),
                ("vizbegovo", "Визбегово"),
                ("ljubanci", "Љубанци"),
                ("ljuboten", "Љуботен"),
                ("skopje-sever", "Скопје Север"),
            ),
            teams=(("butel-field", "Мобилен тим Бутел"), ("butel-vizbegovo", "Мобилен тим Визбегово")),
            groups=(
                ("roma", 0.45),
                ("unemployed", 0.5),
                ("long_term_unemployed", 0.25),
                ("single_parent", 0.1),
                ("elderly", 0.1),
                ("children_at_risk", 0.08),
            ),
            risks=MK_RISKS,
            referrals=(
                "employment_agency",
                "social_protection_right",
                "social_work_centre",
                "catalogue_service",
            ),
            deliveries=("food_package", "hygiene_package", "legal_aid", "counselling"),
            outcomes=("social_right_obtained", "employed", "in_training"),
            cash_assistance=560,
            plan_share=0.65,
            caseworkers=4,
        ),
        Profile(
            code="MK-CUCER",
            prefix="CUC",
            country="MK",
            people=240,
            populations=((MACEDONIAN, 0.5), (ALBANIAN, 0.3), (ROMA_MK, 0.2)),
            settlements=(
                ("cucer-sandevo", "Чучер-Сандево"),
                ("banjane", "Бањане"),
                ("mirkovci", "Мирковци"),
                ("brazda", "Бразда"),
                ("kuceviste", "Кучевиште"),
                ("gornjane", "Горњане"),
            ),
            teams=(("cucer-field", "Мобилен тим Чучер-Сандево"),),
            groups=(
                ("unemployed", 0.45),
                ("elderly", 0.2),
                ("disability", 0.12),
                ("single_parent", 0.1),
                ("roma", 0.2),
            ),
            risks=MK_RISKS,
            referrals=(
                "employment_agency",
                "social_protection_right",
                "social_work_centre",
                "catalogue_service",
            ),
            deliveries=("food_package", "hygiene_package", "home_care", "legal_aid", "counselling"),
            outcomes=("social_right_obtained", "employed", "in_training"),
            cash_assistance=0.7,
            plan_share=0.6,
            caseworkers=2,
        ),
        Profile(
            code="MK-CAIR",
            prefix="CAI",
            country="MK",
            people=420,
            populations=((ALBANIAN, 0.6), (MACEDONIAN, 0.15), (ROMA_MK, 0.25)),
            settlements=(
                ("cair", "Чаир"),
                ("topaana", "Топаана"),
                ("bit-pazar", "Бит Пазар"),
                ("butel-1", "Бутел 1"),
                ("madzari", "Маџари"),
            ),
            teams=(("cair-seap", "СЕАП мобилен тим"), ("cair-line", "СЕАП линија за помош")),
            # The vulnerable groups Čair's strategy for social and economic inclusion profiles.
            groups=(
                ("unemployed", 0.55),
                ("long_term_unemployed", 0.3),
                ("roma", 0.25),
                ("women", 0.3),
                ("single_parent", 0.12),
                ("disability", 0.12),
                ("elderly", 0.1),
                ("homeless", 0.03),
                ("children_at_risk", 0.08),
                ("victim_of_violence", 0.04),
            ),
            risks=MK_RISKS,
            referrals=("employment_agency", "social_work_centre", "ngo", "catalogue_service"),
            deliveries=("counselling", "training", "personal_documents", "legal_aid"),
            outcomes=("employed", "in_training", "social_right_obtained"),
            cash_assistance=0.4,
            plan_share=0.4,
            caseworkers=3,
        ),
        Profile(
            code="BG-STRELCHA",
            prefix="STR",
            country="BG",
            people=36,
            populations=((ROMA_BG, 0.85), (BULGARIAN, 0.15)),
            settlements=(("strelcha", "Стрелча"), ("smilets", "Смилец"), ("dyulevo", "Дюлево")),
            teams=(("strelcha-centre", "Консултативен социално-здравен център"),),
            groups=(("roma", 0.85), ("unemployed", 0.7), ("long_term_unemployed", 0.4), ("women", 0.5)),
            risks=(
                ("unemployment", 0.8),
                ("poverty", 0.7),
                ("social_exclusion", 0.6),
                ("health", 0.3),
                ("early_school_leaving", 0.3),
            ),
            referrals=("employment_agency", "education", "health"),
            deliveries=("counselling", "personal_documents"),
            outcomes=("in_training", "employed"),
            cash_assistance=0.3,
            ages=(18, 55),
            households=False,
            plan_share=0.8,
            trained=16,
            caseworkers=2,
        ),
        Profile(
            code="BG-PLOVDIV",
            prefix="PLV",
            country="BG",
            people=150,
            populations=((BULGARIAN, 0.8), (ROMA_BG, 0.2)),
            settlements=(
                ("plovdiv-center", "Пловдив – Централен"),
                ("stolipinovo", "Столипиново"),
                ("trakia", "Тракия"),
                ("kyuchuk-parizh", "Кючук Париж"),
                ("severen", "Северен"),
            ),
            teams=(("plovdiv-csi", "Център за социални иновации"),),
            groups=(("neet", 1.0), ("unemployed", 0.6), ("roma", 0.2), ("long_term_unemployed", 0.2)),
            risks=(
                ("unemployment", 0.85),
                ("early_school_leaving", 0.45),
                ("social_exclusion", 0.35),
                ("poverty", 0.4),
            ),
            referrals=("employment_agency", "education", "catalogue_service"),
            deliveries=("counselling", "training"),
            outcomes=("employed", "in_training", "back_in_education"),
            ages=(15, 29),
            households=False,
            plan_share=0.7,
            caseworkers=2,
        ),
        _rs(
            "RS-ADA",
            "ADA",
            260,
            (
                ("ada", "Ада"),
                ("mol", "Мол"),
                ("utrine", "Утрине"),
                ("obornjaca", "Оборњача"),
                ("sterijino", "Стеријино"),
            ),
            hungarian=0.45,
        ),
        _rs(
            "RS-NCRNJA",
            "NCR",
            180,
            (
                ("nova-crnja", "Нова Црња"),
                ("srpska-crnja", "Српска Црња"),
                ("toba", "Тоба"),
                ("vojvoda-stepa", "Војвода Степа"),
                ("radojevo", "Радојево"),
            ),
        ),
        _rs(
            "RS-SMITROVICA",
            "SMI",
            320,
            (
                ("sremska-mitrovica", "Сремска Митровица"),
                ("macvanska-mitrovica", "Мачванска Митровица"),
                ("lacarak", "Лаћарак"),
                ("martinci", "Мартинци"),
                ("kuzmin", "Кузмин"),
            ),
        ),
        _rs(
            "RS-RUMA",
            "RUM",
            280,
            (
                ("ruma", "Рума"),
                ("putinci", "Путинци"),
                ("hrtkovci", "Хртковци"),
                ("platicevo", "Платичево"),
                ("dobrinci", "Добринци"),
            ),
        ),
    )
}
"""The demo nodes' profiles, by node code."""

PROFILE_LANGUAGE = {"MK": "mk", "BG": "bg", "RS": "sr"}
"""The language of each country, for cyrtranslit's Latin forms."""


# --- the generator -----------------------------------------------------------------------------


@dataclass
class _Batch:
    """Rows waiting for their INSERT, flushed in dependency order."""

    rows: dict[type[Any], list[Any]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, row: Any) -> None:
        self.rows.setdefault(type(row), []).append(row)

    def flush(self) -> None:
        order: tuple[type[models.Model], ...] = (Household, Person, CounsellingPlan, *_ENTRY_MODELS)
        for model in order:
            rows = self.rows.pop(model, [])
            if rows:
                model._default_manager.bulk_create(rows, batch_size=BATCH)
                name = model._meta.model_name or ""
                self.counts[name] = self.counts.get(name, 0) + len(rows)


_ENTRY_MODELS: tuple[type[Entry], ...] = (
    FieldVisit,
    RiskAssessment,
    CounsellingSession,
    Referral,
    ServiceDelivery,
    Outcome,
)

DELIVERY_TAXONOMY = {
    "food_package": "food",
    "hygiene_package": "food",
    "training": "training",
    "legal_aid": "legal_aid",
    "counselling": "counselling",
    "personal_documents": "documents",
    "home_care": "home_care",
    "cash_assistance": "financial_assistance",
}
"""The catalogue's kind of service (taxonomy term) a delivered service is found under."""

REFERRAL_TAXONOMY = {
    "employment_agency": "employment",
    "social_protection_right": "legal_aid",
    "catalogue_service": "counselling",
    "education": "education",
}


class _Generator:
    def __init__(self, profile: Profile, seed: int, today: dt.date, people: int) -> None:
        self.profile = profile
        # One generator per (profile, seed): the same pair always gives the same register.
        self.rng = random.Random(f"{profile.code}:{seed}")  # noqa: S311 - demo data, not secrets
        self.today = today
        self.people = people
        self.texts = TEXTS[profile.country]
        self.batch = _Batch()
        self.services = self._services()

    # Small helpers over the one random source.

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def days_ago(self, low: int, high: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(low, high))

    def at(self, day: dt.date) -> dt.datetime:
        moment = dt.datetime.combine(day, dt.time(8 + self.rng.randint(0, 8), self.rng.randint(0, 59)))
        return timezone.make_aware(moment, dt.UTC)

    def pick(self, options: Sequence[Any]) -> Any:
        return options[self.rng.randrange(len(options))]

    def latin(self, text: str) -> str:
        return str(cyrtranslit.to_latin(text, PROFILE_LANGUAGE[self.profile.country]))

    def _services(self) -> dict[str, list[tuple[uuid.UUID, str]]]:
        """The node's own catalogue services by taxonomy term: (id, name in the node's language)."""
        language = {"MK": "mk", "BG": "bg", "RS": "sr-Cyrl"}[self.profile.country]
        by_term: dict[str, list[tuple[uuid.UUID, str]]] = {}
        for service in Service.objects.exclude(status="defunct").order_by("id"):
            name = (service.name or {}).get(language) or str(service)
            for term in service.taxonomy_terms:
                by_term.setdefault(term, []).append((service.id, name))
        return by_term

    # The register's frame: teams, settlements, staff.

    def frame(self) -> tuple[list[Team], list[Settlement], dict[int, list[Any]], list[str]]:
        profile = self.profile
        teams = Team.objects.bulk_create([Team(code=code, name=name) for code, name in profile.teams])
        settlements = Settlement.objects.bulk_create(
            [
                Settlement(code=code, name=name, name_latin=self.latin(name))
                for code, name in profile.settlements
            ]
        )
        users_model = get_user_model()
        # Demo staff cannot log in until demo_node sets their passwords; one hash for all, as
        # hashing is deliberately slow.
        unusable = make_password(None)
        staff_names = self._staff_names(len(teams) * profile.caseworkers + 2)
        specs: list[tuple[str, str, int | None, bool]] = [
            ("supervisor", StaffRole.SUPERVISOR, None, True),
            ("auditor", StaffRole.AUDITOR, None, True),
        ]
        n = 0
        for index in range(len(teams)):
            for _ in range(profile.caseworkers):
                n += 1
                specs.append(
                    ("caseworker" if n == 1 else f"caseworker{n}", StaffRole.CASEWORKER, index, False)
                )
        existing = set(
            users_model.objects.filter(username__in=[s[0] for s in specs]).values_list("username", flat=True)
        )
        users_model.objects.bulk_create(
            [
                users_model(username=username, first_name=first, last_name=last, password=unusable)
                for (username, *_), (first, last) in zip(specs, staff_names, strict=True)
                if username not in existing
            ]
        )
        users = {u.username: u for u in users_model.objects.filter(username__in=[s[0] for s in specs])}
        Staff.objects.bulk_create(
            [
                Staff(
                    user=users[username],
                    role=role,
                    team=teams[team] if team is not None else None,
                    all_teams=all_teams,
                )
                for username, role, team, all_teams in specs
                if not Staff.objects.filter(user=users[username]).exists()
            ]
        )
        caseworkers: dict[int, list[Any]] = {}
        for username, role, team, _ in specs:
            if role == StaffRole.CASEWORKER and team is not None:
                caseworkers.setdefault(team, []).append(users[username])
        counsellors = [f"{first} {last}" for first, last in staff_names]
        return teams, settlements, caseworkers, counsellors

    def _staff_names(self, count: int) -> list[tuple[str, str]]:
        names = self.profile.populations[0][0]
        result = []
        for _ in range(count):
            female = self.rng.random() < 0.7
            family = self.pick(names.family)[1 if female else 0]
            result.append((self.pick(names.female if female else names.male), family))
        return result

    # The people.

    def fill(self) -> dict[str, int]:
        profile = self.profile
        teams, settlements, caseworkers, counsellors = self.frame()
        cash = (
            round(profile.cash_assistance * self.people / profile.people)
            if isinstance(profile.cash_assistance, int)
            else round(profile.cash_assistance * self.people)
        )
        # Exact quotas, shuffled: the counts a programme reports are the register's counts.
        on_cash = [True] * cash + [False] * (self.people - cash)
        self.rng.shuffle(on_cash)
        women = round(profile.women * self.people)
        female = [True] * women + [False] * (self.people - women)
        self.rng.shuffle(female)
        trained = set(self.rng.sample(range(self.people), profile.trained)) if profile.trained else set()
        year = self.today.year
        number = 0
        while number < self.people:
            size = self._household_size() if profile.households else 1
            size = min(size, self.people - number)
            names = self._population()
            settlement = self.pick(settlements)
            team_index = self.rng.randrange(len(teams))
            team = teams[team_index]
            mapped = self.days_ago(30, 540)
            household = None
            if profile.households:
                household = Household(
                    id=self.new_id(),
                    team=team,
                    settlement=settlement,
                    address=f"{settlement.name} {self.rng.randint(1, 250)}",
                    size=size + self.rng.randint(0, 2),
                    created_at=self.at(mapped),
                )
                self.batch.add(household)
            family = self.pick(names.family)
            for member in range(size):
                index = number
                number += 1
                role = "" if household is None else ("head" if member == 0 else self._member_role(member))
                person = self._person(
                    index=index,
                    reference=f"{profile.prefix}-{year}-{index + 1:05d}",
                    names=names,
                    family=family,
                    female=female[index],
                    role=role,
                    team=team,
                    caseworker=self._caseworker(caseworkers[team_index]),
                    settlement=settlement,
                    household=household,
                    on_cash=on_cash[index],
                    mapped=mapped,
                )
                self._timeline(person, counsellors=counsellors, trained=index in trained)
            if number % 2000 < size:
                self.batch.flush()
        self.batch.flush()
        return self.batch.counts

    def _population(self) -> Names:
        roll, total = self.rng.random(), 0.0
        for names, share in self.profile.populations:
            total += share
            if roll < total:
                return names
        return self.profile.populations[-1][0]

    def _household_size(self) -> int:
        return int(self.pick((1, 1, 2, 2, 2, 3, 3, 4)))

    def _member_role(self, member: int) -> str:
        return (
            "partner"
            if member == 1 and self.rng.random() < 0.7
            else self.pick(("child", "child", "parent", "other_relative"))
        )

    def _caseworker(self, workers: list[Any]) -> Any:
        # Some people are the team's, not yet anyone's.
        return None if self.rng.random() < 0.1 else self.pick(workers)

    def _person(
        self,
        *,
        index: int,
        reference: str,
        names: Names,
        family: tuple[str, str],
        female: bool,
        role: str,
        team: Team,
        caseworker: Any,
        settlement: Settlement,
        household: Household | None,
        on_cash: bool,
        mapped: dt.date,
    ) -> Person:
        profile = self.profile
        language = (
            names.languages[0] if len(names.languages) == 1 or self.rng.random() < 0.6 else names.languages[1]
        )
        given = self.pick(names.female if female else names.male)
        family_name = family[1 if female else 0]
        if language == "sr-Latn":
            given, family_name = self.latin(given), self.latin(family_name)
        low, high = profile.ages
        if role == "child" and profile.households:
            low, high = 1, 17
        age_days = self.rng.randint(low * 365 + 1, high * 365 + 364)
        groups = [group for group, share in profile.groups if self.rng.random() < share]
        if (
            names in (ROMA_MK, ROMA_BG, ROMA_RS)
            and "roma" not in groups
            and any(g == "roma" for g, _ in profile.groups)
        ):
            groups.append("roma")
        if names not in (ROMA_MK, ROMA_BG, ROMA_RS) and "roma" in groups:
            groups.remove("roma")
        if female and any(g == "women" for g, _ in profile.groups) and "women" not in groups:
            groups.append("women")
        if not female and "women" in groups:
            groups.remove("women")
        if on_cash:
            groups.append("social_assistance_recipient")
        risks = [risk for risk, share in profile.risks if self.rng.random() < share] or [profile.risks[0][0]]
        closed = self.rng.random() < 0.06
        created = self.at(mapped)
        person = Person(
            id=self.new_id(),
            reference=reference,
            given_name=given,
            family_name=family_name,
            sex="female" if female else "male",
            birth_date=self.today - dt.timedelta(days=age_days),
            language=language,
            team=team,
            caseworker=caseworker,
            settlement=settlement,
            household=household,
            household_role=role,
            target_groups=groups,
            risk_types=risks,
            risk_level=self.pick(RISK_LEVELS),
            status=PersonStatus.CLOSED if closed else PersonStatus.ACTIVE,
            closed_at=self.at(self.days_ago(0, 20)) if closed else None,
            created_at=created,
            updated_at=created,
            search_key=search_key(given, family_name, reference),
        )
        self.batch.add(person)
        return person

    def _entry(self, model: type[Entry], person: Person, day: dt.date, **values: Any) -> Any:
        row = model(
            id=self.new_id(),
            person=person,
            date=day,
            recorded_by=person.caseworker,
            recorded_at=self.at(day),
            **values,
        )
        self.batch.add(row)
        return row

    def _timeline(self, person: Person, *, counsellors: list[str], trained: bool) -> None:
        profile, texts, rng = self.profile, self.texts, self.rng
        mapped = person.created_at.date()
        contacts = [mapped]
        # Social mapping first: the visit that found the person, then any follow-up visits.
        self._entry(
            FieldVisit,
            person,
            mapped,
            team=person.team,
            settlement=person.settlement,
            findings=self.pick(texts["findings"]),
            risk_types=person.risk_types,
            consent_to_record=True,
        )
        # A tenth of the people were last seen more than 90 days ago: the rule flags them.
        lost = rng.random() < 0.1 and (self.today - mapped).days > 120
        horizon = (self.today - mapped).days
        last_day = 95 if lost else 0
        for _ in range(rng.randint(0, profile.follow_ups)):
            if horizon - 1 <= last_day:
                break
            day = self.today - dt.timedelta(days=rng.randint(last_day, horizon - 1))
            self._entry(
                FieldVisit,
                person,
                day,
                team=person.team,
                settlement=person.settlement,
                findings=self.pick(texts["findings"]),
                risk_types=person.risk_types,
                consent_to_record=True,
            )
            contacts.append(day)
        assessed = min(mapped + dt.timedelta(days=rng.randint(1, 14)), self.today)
        self._entry(
            RiskAssessment,
            person,
            assessed,
            risk_types=person.risk_types,
            level=person.risk_level,
            assessor=self.pick(counsellors),
            basis=self.pick(texts["basis"]),
        )
        contacts.append(assessed)
        if rng.random() < profile.plan_share:
            contacts.extend(self._plan(person, start=assessed, counsellors=counsellors, lost=lost))
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            contacts.append(self._referral(person, start=assessed, lost=lost))
        kinds = [k for k in profile.deliveries if k != "training"] or list(profile.deliveries)
        for _ in range(rng.choice((0, 1, 2, 2, 3))):
            day = self._later(assessed, lost=lost)
            kind = self.pick(kinds)
            self._delivery(person, day, kind)
            contacts.append(day)
        if trained or (profile.trained is None and "training" in profile.deliveries and rng.random() < 0.2):
            day = self._later(assessed, lost=lost)
            self._delivery(person, day, "training")
            contacts.append(day)
            outcome = self.pick(("in_training", "employed")) if trained else self.pick(profile.outcomes)
            self._entry(
                Outcome,
                person,
                self._later(day, lost=lost),
                outcome=outcome,
                note=self.pick(texts["outcome"]),
            )
        person.last_contact = max(day for day in contacts if day <= self.today)

    def _later(self, start: dt.date, *, lost: bool) -> dt.date:
        end = self.today - dt.timedelta(days=95 if lost else 0)
        if end <= start:
            return start
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def _plan(self, person: Person, *, start: dt.date, counsellors: list[str], lost: bool) -> list[dt.date]:
        rng = self.rng
        # Most plans are under way; some began recently, so their next sessions are due soon.
        began = (
            self._later(start, lost=lost)
            if rng.random() < 0.6
            else max(start, self.today - dt.timedelta(days=rng.randint(0, 30)))
        )
        if lost:
            began = min(began, self.today - dt.timedelta(days=130))
            began = max(began, start)
        plan = CounsellingPlan(
            id=self.new_id(),
            person=person,
            title=self.pick(self.texts["plan"]),
            sessions_planned=3,
            started=began,
            created_at=self.at(began),
        )
        self.batch.add(plan)
        held: list[dt.date] = []
        counsellor = self.pick(counsellors)
        for number in (1, 2, 3):
            day = began + dt.timedelta(days=SESSION_GAP_DAYS * (number - 1))
            if day > self.today:
                status = SessionStatus.SCHEDULED
            elif lost and day > self.today - dt.timedelta(days=95):
                status = SessionStatus.MISSED
            else:
                status = self.pick((SessionStatus.HELD,) * 9 + (SessionStatus.MISSED,))
                if status == SessionStatus.HELD and rng.random() < 0.03:
                    # Overdue and not recorded: the missed-session rule finds it.
                    status = SessionStatus.SCHEDULED
            self._entry(
                CounsellingSession,
                person,
                day,
                plan=plan,
                number=number,
                status=status,
                topic=self.texts["topics"][number - 1],
                counsellor=counsellor,
            )
            if status == SessionStatus.HELD:
                held.append(day)
        return held

    def _referral(self, person: Person, *, start: dt.date, lost: bool) -> dt.date:
        day = self._later(start, lost=lost)
        destination = self.pick(self.profile.referrals)
        service: tuple[uuid.UUID, str] | None = None
        term = REFERRAL_TAXONOMY.get(destination)
        if destination == "catalogue_service":
            options = self.services.get("counselling") or self.services.get("referral") or []
            service = self.pick(options) if options else None
            if service is None:
                destination = "social_work_centre"
        elif term and term in self.services and self.rng.random() < 0.5:
            service = self.pick(self.services[term])
        age = (self.today - day).days
        status = "sent" if age < 10 else self.pick(("accepted", "completed", "completed", "declined", "sent"))
        self._entry(
            Referral,
            person,
            day,
            destination=destination,
            service_id=service[0] if service else None,
            service_origin=self.profile.code if service else "",
            service_name=service[1][:300] if service else "",
            reason=self.pick(self.texts["reason"]),
            status=status,
            status_changed_at=self.at(min(day + dt.timedelta(days=self.rng.randint(0, 20)), self.today)),
            outcome=self.pick(self.texts["outcome"]) if status == "completed" else "",
        )
        if status == "completed" and self.rng.random() < 0.5:
            self._entry(
                Outcome,
                person,
                self._later(day, lost=lost),
                outcome=self.pick(self.profile.outcomes),
                note=self.pick(self.texts["outcome"]),
            )
        return day

    def _delivery(self, person: Person, day: dt.date, kind: str) -> None:
        options = self.services.get(DELIVERY_TAXONOMY.get(kind, ""), [])
        self._entry(
            ServiceDelivery,
            person,
            day,
            kind=kind,
            service_id=self.pick(options)[0] if options else None,
            quantity=self.rng.randint(1, 3) if kind.endswith("_package") else 1,
        )


def register_demo_fill(
    *,
    profile: str | Profile,
    seed: int,
    people: int | None = None,
    today: dt.date | None = None,
    flags: bool = True,
) -> dict[str, int]:
    """Fill an empty register with ``profile``'s synthetic people (``people`` overrides how many,
    keeping the shape); returns the rows written per model, and the flags raised."""
    shape = PROFILES[profile] if isinstance(profile, str) else profile
    day = today or timezone.localdate()
    with transaction.atomic():
        generator = _Generator(shape, seed, day, shape.people if people is None else people)
        counts = generator.fill()
        AccessEvent.objects.create(
            action=AccessAction.IMPORT,
            what=f"demo register {shape.code} (seed {seed}): {counts.get('person', 0)} synthetic people",
            why="demo",
        )
    if flags:
        counts["flag"] = rules_run(today=day)
    return counts
