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

# --- statistics ---------------------------------------------------------------------------

Sex = Literal["female", "male", "other", "unknown"]

AgeBand = Literal["0-14", "15-17", "18-24", "25-29", "30-49", "50-64", "65+", "unknown"]
AGE_BANDS: tuple[AgeBand, ...] = ("0-14", "15-17", "18-24", "25-29", "30-49", "50-64", "65+", "unknown")

RiskType = Literal[
    "poverty",
    "unemployment",
    "disability",
    "single_parenthood",
    "homelessness",
    "domestic_violence",
    "social_exclusion",
    "old_age_without_care",
    "early_school_leaving",
    "health",
]

Indicator = Literal[
    "people_at_risk",
    "counselling_sessions",
    "referrals_employment_agency",
    "referrals_social_protection",
    "referrals_education",
    "people_trained",
    "people_placed_in_job",
    "people_placed_in_training",
    "packages_delivered",
]
INDICATOR_LABELS: dict[str, dict[str, str]] = {
    "people_at_risk": {
        "en": "People in the register of people at social risk",
        "mk": "Лица под социјален ризик",
    },
    "counselling_sessions": {"en": "Counselling sessions held", "mk": "Одржани советодавни сесии"},
    "referrals_employment_agency": {"en": "Referrals to the Employment Agency", "mk": "Упатувања до АВРМ"},
    "referrals_social_protection": {
        "en": "Referrals to social-protection rights",
        "mk": "Упатувања за права од социјална заштита",
    },
    "referrals_education": {"en": "Referrals to education", "mk": "Упатувања за образование"},
    "people_trained": {"en": "People who completed a training", "mk": "Лица што завршиле обука"},
    "people_placed_in_job": {"en": "People placed in a job", "mk": "Лица вработени"},
    "people_placed_in_training": {"en": "People placed in training", "mk": "Лица вклучени во обука"},
    "packages_delivered": {"en": "Food and hygiene packages delivered", "mk": "Доставени пакети"},
}

# --- consent and case transfer ----------------------------------------------------------------

DataCategory = Literal[
    "identification",
    "contact",
    "household",
    "risk_assessment",
    "counselling_notes",
    "referrals",
    "services_received",
    "health",
    "income",
    "education_employment",
]

Purpose = Literal["continuity_of_care", "referral_to_service", "relocation", "joint_case_management"]

LegalBasis = Literal[
    # GDPR Art. 6(1)(e) with Art. 9(2)(b): social-protection law; the recorded consent is a safeguard on top.
    "gdpr_6_1_e__9_2_b_social_protection_law",
    "gdpr_6_1_a__9_2_a_explicit_consent",
    "gdpr_6_1_d__9_2_c_vital_interests",
]
