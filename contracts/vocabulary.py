"""Shared code lists. Codes are stable identifiers; labels are for people and may change.

Invariants: a code is lower snake case ASCII and is never reused for another meaning; every
code has an English label and, where the federation's languages have one, labels in them.
"""

from __future__ import annotations

from typing import Literal

LanguageTag = Literal["mk", "bg", "sr-Cyrl", "sr-Latn", "sq", "en"]
LANGUAGE_TAGS: tuple[LanguageTag, ...] = ("mk", "bg", "sr-Cyrl", "sr-Latn", "sq", "en")

TargetGroup = Literal[
    "roma",
    "unemployed",
    "long_term_unemployed",
    "disability",
    "single_parent",
    "neet",
    "elderly",
    "social_assistance_recipient",
    "homeless",
    "victim_of_violence",
    "children_at_risk",
    "women",
]

TARGET_GROUP_LABELS: dict[str, dict[str, str]] = {
    "roma": {"en": "Roma community", "mk": "Ромска заедница"},
    "unemployed": {"en": "Unemployed adults", "mk": "Невработени лица"},
    "long_term_unemployed": {"en": "Long-term unemployed", "mk": "Долгорочно невработени"},
    "disability": {"en": "People with disabilities", "mk": "Лица со попреченост"},
    "single_parent": {"en": "Single parents", "mk": "Самохрани родители"},
    "neet": {"en": "Young people not in employment, education or training", "mk": "Млади НЕЕТ лица"},
    "elderly": {"en": "Elderly people", "mk": "Стари лица"},
    "social_assistance_recipient": {
        "en": "Recipients of social assistance",
        "mk": "Корисници на социјална парична помош",
    },
    "homeless": {"en": "Homeless people", "mk": "Бездомни лица"},
    "victim_of_violence": {"en": "Victims of domestic violence", "mk": "Жртви на семејно насилство"},
    "children_at_risk": {"en": "Children at risk", "mk": "Деца во ризик"},
    "women": {"en": "Women", "mk": "Жени"},
}

CountryCode = Literal["MK", "BG", "RS"]
