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
    "roma": {
        "en": "Roma community",
        "mk": "Ромска заедница",
        "bg": "Ромска общност",
        "sr-Cyrl": "Ромска заједница",
        "sr-Latn": "Romska zajednica",
        "sq": "Komuniteti rom",
    },
    "unemployed": {
        "en": "Unemployed adults",
        "mk": "Невработени лица",
        "bg": "Безработни лица",
        "sr-Cyrl": "Незапослена лица",
        "sr-Latn": "Nezaposlena lica",
        "sq": "Persona të papunë",
    },
    "long_term_unemployed": {
        "en": "Long-term unemployed",
        "mk": "Долгорочно невработени",
        "bg": "Продължително безработни",
        "sr-Cyrl": "Дугорочно незапослени",
        "sr-Latn": "Dugoročno nezaposleni",
        "sq": "Të papunë afatgjatë",
    },
    "disability": {
        "en": "People with disabilities",
        "mk": "Лица со попреченост",
        "bg": "Хора с увреждания",
        "sr-Cyrl": "Особе са инвалидитетом",
        "sr-Latn": "Osobe sa invaliditetom",
        "sq": "Persona me aftësi të kufizuara",
    },
    "single_parent": {
        "en": "Single parents",
        "mk": "Самохрани родители",
        "bg": "Самотни родители",
        "sr-Cyrl": "Самохрани родитељи",
        "sr-Latn": "Samohrani roditelji",
        "sq": "Prindër të vetëm",
    },
    "neet": {
        "en": "Young people not in employment, education or training",
        "mk": "Млади НЕЕТ лица",
        "bg": "Неучещи и неработещи младежи (NEET)",
        "sr-Cyrl": "Млади ван запослења, образовања и обуке (NEET)",
        "sr-Latn": "Mladi van zaposlenja, obrazovanja i obuke (NEET)",
        "sq": "Të rinj jashtë punësimit, arsimit dhe trajnimit (NEET)",
    },
    "elderly": {
        "en": "Elderly people",
        "mk": "Стари лица",
        "bg": "Възрастни хора",
        "sr-Cyrl": "Старија лица",
        "sr-Latn": "Starija lica",
        "sq": "Të moshuar",
    },
    "social_assistance_recipient": {
        "en": "Recipients of social assistance",
        "mk": "Корисници на социјална парична помош",
        "bg": "Получатели на социални помощи",
        "sr-Cyrl": "Корисници новчане социјалне помоћи",
        "sr-Latn": "Korisnici novčane socijalne pomoći",
        "sq": "Përfitues të ndihmës sociale në para",
    },
    "homeless": {
        "en": "Homeless people",
        "mk": "Бездомни лица",
        "bg": "Бездомни хора",
        "sr-Cyrl": "Бескућници",
        "sr-Latn": "Beskućnici",
        "sq": "Persona të pastrehë",
    },
    "victim_of_violence": {
        "en": "Victims of domestic violence",
        "mk": "Жртви на семејно насилство",
        "bg": "Пострадали от домашно насилие",
        "sr-Cyrl": "Жртве насиља у породици",
        "sr-Latn": "Žrtve nasilja u porodici",
        "sq": "Viktima të dhunës në familje",
    },
    "children_at_risk": {
        "en": "Children at risk",
        "mk": "Деца во ризик",
        "bg": "Деца в риск",
        "sr-Cyrl": "Деца у ризику",
        "sr-Latn": "Deca u riziku",
        "sq": "Fëmijë në rrezik",
    },
    "women": {
        "en": "Women",
        "mk": "Жени",
        "bg": "Жени",
        "sr-Cyrl": "Жене",
        "sr-Latn": "Žene",
        "sq": "Gra",
    },
}

CountryCode = Literal["MK", "BG", "RS"]

OrganizationType = Literal[
    "municipality",
    "social_work_centre",
    "employment_agency",
    "ngo",
    "health",
    "education",
    "other_public",
]

# Service taxonomy: what kind of help a service gives (after Open Eligibility's service tree,
# cut to what social protection in the three countries offers).
TaxonomyTerm = Literal[
    "counselling",
    "financial_assistance",
    "employment",
    "training",
    "education",
    "housing",
    "food",
    "health",
    "legal_aid",
    "home_care",
    "day_care",
    "child_protection",
    "disability_support",
    "documents",
    "referral",
]
TAXONOMY_LABELS: dict[str, dict[str, str]] = {
    "counselling": {
        "en": "Counselling",
        "mk": "Советување",
        "bg": "Консултиране",
        "sr-Cyrl": "Саветовање",
        "sr-Latn": "Savetovanje",
        "sq": "Këshillim",
    },
    "financial_assistance": {
        "en": "Financial assistance",
        "mk": "Парична помош",
        "bg": "Финансова помощ",
        "sr-Cyrl": "Новчана помоћ",
        "sr-Latn": "Novčana pomoć",
        "sq": "Ndihmë financiare",
    },
    "employment": {
        "en": "Employment",
        "mk": "Вработување",
        "bg": "Заетост",
        "sr-Cyrl": "Запошљавање",
        "sr-Latn": "Zapošljavanje",
        "sq": "Punësim",
    },
    "training": {
        "en": "Training and skills",
        "mk": "Обуки и вештини",
        "bg": "Обучения и умения",
        "sr-Cyrl": "Обуке и вештине",
        "sr-Latn": "Obuke i veštine",
        "sq": "Trajnime dhe aftësi",
    },
    "education": {
        "en": "Education",
        "mk": "Образование",
        "bg": "Образование",
        "sr-Cyrl": "Образовање",
        "sr-Latn": "Obrazovanje",
        "sq": "Arsim",
    },
    "housing": {
        "en": "Housing",
        "mk": "Домување",
        "bg": "Жилищно настаняване",
        "sr-Cyrl": "Становање",
        "sr-Latn": "Stanovanje",
        "sq": "Strehim",
    },
    "food": {
        "en": "Food and hygiene packages",
        "mk": "Прехранбени и хигиенски пакети",
        "bg": "Хранителни и хигиенни пакети",
        "sr-Cyrl": "Пакети хране и хигијене",
        "sr-Latn": "Paketi hrane i higijene",
        "sq": "Pako ushqimore dhe higjienike",
    },
    "health": {
        "en": "Health",
        "mk": "Здравје",
        "bg": "Здраве",
        "sr-Cyrl": "Здравље",
        "sr-Latn": "Zdravlje",
        "sq": "Shëndetësi",
    },
    "legal_aid": {
        "en": "Legal aid",
        "mk": "Правна помош",
        "bg": "Правна помощ",
        "sr-Cyrl": "Правна помоћ",
        "sr-Latn": "Pravna pomoć",
        "sq": "Ndihmë juridike",
    },
    "home_care": {
        "en": "Care at home",
        "mk": "Помош и нега во домот",
        "bg": "Грижа в дома",
        "sr-Cyrl": "Помоћ у кући",
        "sr-Latn": "Pomoć u kući",
        "sq": "Kujdes në shtëpi",
    },
    "day_care": {
        "en": "Day care",
        "mk": "Дневен центар",
        "bg": "Дневен център",
        "sr-Cyrl": "Дневни боравак",
        "sr-Latn": "Dnevni boravak",
        "sq": "Qendër ditore",
    },
    "child_protection": {
        "en": "Child protection",
        "mk": "Заштита на децата",
        "bg": "Закрила на детето",
        "sr-Cyrl": "Заштита деце",
        "sr-Latn": "Zaštita dece",
        "sq": "Mbrojtja e fëmijëve",
    },
    "disability_support": {
        "en": "Disability support",
        "mk": "Поддршка за лица со попреченост",
        "bg": "Подкрепа за хора с увреждания",
        "sr-Cyrl": "Подршка особама са инвалидитетом",
        "sr-Latn": "Podrška osobama sa invaliditetom",
        "sq": "Mbështetje për personat me aftësi të kufizuara",
    },
    "documents": {
        "en": "Personal documents and registration",
        "mk": "Лични документи и пријавување",
        "bg": "Лични документи и регистрация",
        "sr-Cyrl": "Лична документа и пријава",
        "sr-Latn": "Lična dokumenta i prijava",
        "sq": "Dokumente personale dhe regjistrim",
    },
    "referral": {
        "en": "Information and referral",
        "mk": "Информирање и упатување",
        "bg": "Информиране и насочване",
        "sr-Cyrl": "Информисање и упућивање",
        "sr-Latn": "Informisanje i upućivanje",
        "sq": "Informim dhe referim",
    },
}

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

# --- the municipal register ----------------------------------------------------------------
# The register stays at its node; these lists are shared so that every node records the same
# things the same way, and so that statistics and case transfers can name them.


def labels(en: str, mk: str, bg: str, sr_cyrl: str, sr_latn: str, sq: str) -> dict[str, str]:
    """A text in each language of the federation, in the order of the arguments."""
    return {"en": en, "mk": mk, "bg": bg, "sr-Cyrl": sr_cyrl, "sr-Latn": sr_latn, "sq": sq}


SEX_LABELS: dict[str, dict[str, str]] = {
    "female": labels("Female", "Женски", "Жена", "Женски", "Ženski", "Femër"),
    "male": labels("Male", "Машки", "Мъж", "Мушки", "Muški", "Mashkull"),
    "other": labels("Other", "Друго", "Друго", "Друго", "Drugo", "Tjetër"),
    "unknown": labels(
        "Not recorded",
        "Не е запишано",
        "Не е записано",
        "Није забележено",
        "Nije zabeleženo",
        "Pa regjistruar",
    ),
}

RISK_TYPE_LABELS: dict[str, dict[str, str]] = {
    "poverty": labels("Poverty", "Сиромаштија", "Бедност", "Сиромаштво", "Siromaštvo", "Varfëri"),
    "unemployment": labels(
        "Unemployment", "Невработеност", "Безработица", "Незапосленост", "Nezaposlenost", "Papunësi"
    ),
    "disability": labels(
        "Disability", "Попреченост", "Увреждане", "Инвалидитет", "Invaliditet", "Aftësi e kufizuar"
    ),
    "single_parenthood": labels(
        "Single parenthood",
        "Самохрано родителство",
        "Самотно родителство",
        "Самохрано родитељство",
        "Samohrano roditeljstvo",
        "Prind i vetëm",
    ),
    "homelessness": labels(
        "Homelessness", "Бездомништво", "Бездомност", "Бескућништво", "Beskućništvo", "Pastrehë"
    ),
    "domestic_violence": labels(
        "Domestic violence",
        "Семејно насилство",
        "Домашно насилие",
        "Насиље у породици",
        "Nasilje u porodici",
        "Dhunë në familje",
    ),
    "social_exclusion": labels(
        "Social exclusion",
        "Социјална исклученост",
        "Социално изключване",
        "Социјална искљученост",
        "Socijalna isključenost",
        "Përjashtim social",
    ),
    "old_age_without_care": labels(
        "Old age without care",
        "Старост без грижа",
        "Старост без грижа",
        "Старост без старања",
        "Starost bez staranja",
        "Moshë e shtyrë pa kujdes",
    ),
    "early_school_leaving": labels(
        "Early school leaving",
        "Рано напуштање на училиште",
        "Ранно напускане на училище",
        "Рано напуштање школе",
        "Rano napuštanje škole",
        "Braktisje e hershme e shkollës",
    ),
    "health": labels("Health", "Здравје", "Здраве", "Здравље", "Zdravlje", "Shëndet"),
}

RiskLevel = Literal["low", "medium", "high", "critical"]
RISK_LEVEL_LABELS: dict[str, dict[str, str]] = {
    "low": labels("Low", "Низок", "Нисък", "Низак", "Nizak", "I ulët"),
    "medium": labels("Medium", "Среден", "Среден", "Средњи", "Srednji", "Mesatar"),
    "high": labels("High", "Висок", "Висок", "Висок", "Visok", "I lartë"),
    "critical": labels("Critical", "Критичен", "Критичен", "Критичан", "Kritičan", "Kritik"),
}

HouseholdRole = Literal["head", "partner", "child", "parent", "other_relative", "other"]
HOUSEHOLD_ROLE_LABELS: dict[str, dict[str, str]] = {
    "head": labels(
        "Head of household",
        "Носител на домаќинство",
        "Глава на домакинство",
        "Носилац домаћинства",
        "Nosilac domaćinstva",
        "Kryefamiljar",
    ),
    "partner": labels(
        "Spouse or partner",
        "Брачен другар или партнер",
        "Съпруг или партньор",
        "Супружник или партнер",
        "Supružnik ili partner",
        "Bashkëshort ose partner",
    ),
    "child": labels("Child", "Дете", "Дете", "Дете", "Dete", "Fëmijë"),
    "parent": labels("Parent", "Родител", "Родител", "Родитељ", "Roditelj", "Prind"),
    "other_relative": labels(
        "Other relative", "Друг роднина", "Друг роднина", "Други сродник", "Drugi srodnik", "I afërm tjetër"
    ),
    "other": labels("Other member", "Друг член", "Друг член", "Други члан", "Drugi član", "Anëtar tjetër"),
}

ReferralDestination = Literal[
    "employment_agency",
    "social_work_centre",
    "social_protection_right",
    "health",
    "education",
    "ngo",
    "catalogue_service",
    "other",
]
REFERRAL_DESTINATION_LABELS: dict[str, dict[str, str]] = {
    "employment_agency": labels(
        "Employment Agency",
        "Агенција за вработување",
        "Агенция по заетостта",
        "Национална служба за запошљавање",
        "Nacionalna služba za zapošljavanje",
        "Agjencia e Punësimit",
    ),
    "social_work_centre": labels(
        "Centre for Social Work",
        "Центар за социјална работа",
        "Дирекция „Социално подпомагане“",
        "Центар за социјални рад",
        "Centar za socijalni rad",
        "Qendra për Punë Sociale",
    ),
    "social_protection_right": labels(
        "A social-protection right",
        "Право од социјална заштита",
        "Право на социално подпомагане",
        "Право из социјалне заштите",
        "Pravo iz socijalne zaštite",
        "E drejtë e mbrojtjes sociale",
    ),
    "health": labels(
        "Health care",
        "Здравствена заштита",
        "Здравни грижи",
        "Здравствена заштита",
        "Zdravstvena zaštita",
        "Kujdes shëndetësor",
    ),
    "education": labels("Education", "Образование", "Образование", "Образовање", "Obrazovanje", "Arsim"),
    "ngo": labels(
        "A non-governmental organisation",
        "Невладина организација",
        "Неправителствена организация",
        "Невладина организација",
        "Nevladina organizacija",
        "Organizatë joqeveritare",
    ),
    "catalogue_service": labels(
        "A service of the federated catalogue",
        "Услуга од заедничкиот каталог",
        "Услуга от общия каталог",
        "Услуга из заједничког каталога",
        "Usluga iz zajedničkog kataloga",
        "Shërbim nga katalogu i përbashkët",
    ),
    "other": labels("Other", "Друго", "Друго", "Друго", "Drugo", "Tjetër"),
}

ReferralStatus = Literal["sent", "accepted", "completed", "declined"]
REFERRAL_STATUS_LABELS: dict[str, dict[str, str]] = {
    "sent": labels("Sent", "Испратено", "Изпратено", "Послато", "Poslato", "Dërguar"),
    "accepted": labels("Accepted", "Прифатено", "Прието", "Прихваћено", "Prihvaćeno", "Pranuar"),
    "completed": labels("Completed", "Завршено", "Завършено", "Завршено", "Završeno", "Përfunduar"),
    "declined": labels("Declined", "Одбиено", "Отказано", "Одбијено", "Odbijeno", "Refuzuar"),
}

OutcomeType = Literal[
    "employed",
    "in_training",
    "back_in_education",
    "social_right_obtained",
    "moved_away",
    "other",
]
OUTCOME_LABELS: dict[str, dict[str, str]] = {
    "employed": labels(
        "Employed", "Вработен/а", "Нает/а на работа", "Запослен/а", "Zaposlen/a", "I/e punësuar"
    ),
    "in_training": labels(
        "In training",
        "Вклучен/а во обука",
        "Включен/а в обучение",
        "Укључен/а у обуку",
        "Uključen/a u obuku",
        "Në trajnim",
    ),
    "back_in_education": labels(
        "Back in education",
        "Вратен/а во образование",
        "Върнат/а в образованието",
        "Враћен/а у образовање",
        "Vraćen/a u obrazovanje",
        "Rikthyer në arsim",
    ),
    "social_right_obtained": labels(
        "Social-protection right obtained",
        "Остварено право од социјална заштита",
        "Получено право на социално подпомагане",
        "Остварено право из социјалне заштите",
        "Ostvareno pravo iz socijalne zaštite",
        "E drejtë sociale e fituar",
    ),
    "moved_away": labels(
        "Moved away", "Се отсели", "Преместил/а се", "Одселио/ла се", "Odselio/la se", "U shpërngul"
    ),
    "other": labels("Other", "Друго", "Друго", "Друго", "Drugo", "Tjetër"),
}

DeliveredService = Literal[
    "food_package",
    "hygiene_package",
    "training",
    "legal_aid",
    "counselling",
    "personal_documents",
    "home_care",
    "cash_assistance",
    "other",
]
DELIVERED_SERVICE_LABELS: dict[str, dict[str, str]] = {
    "food_package": labels(
        "Food package", "Пакет храна", "Хранителен пакет", "Пакет хране", "Paket hrane", "Pako ushqimore"
    ),
    "hygiene_package": labels(
        "Hygiene package",
        "Хигиенски пакет",
        "Хигиенен пакет",
        "Хигијенски пакет",
        "Higijenski paket",
        "Pako higjienike",
    ),
    "training": labels("Training", "Обука", "Обучение", "Обука", "Obuka", "Trajnim"),
    "legal_aid": labels(
        "Legal aid", "Правна помош", "Правна помощ", "Правна помоћ", "Pravna pomoć", "Ndihmë juridike"
    ),
    "counselling": labels(
        "Counselling", "Советување", "Консултиране", "Саветовање", "Savetovanje", "Këshillim"
    ),
    "personal_documents": labels(
        "Help with personal documents",
        "Помош за лични документи",
        "Помощ за лични документи",
        "Помоћ за личне документе",
        "Pomoć za lične dokumente",
        "Ndihmë për dokumente personale",
    ),
    "home_care": labels(
        "Home care", "Помош во домот", "Грижа в дома", "Помоћ у кући", "Pomoć u kući", "Kujdes në shtëpi"
    ),
    "cash_assistance": labels(
        "Cash assistance",
        "Парична помош",
        "Парична помощ",
        "Новчана помоћ",
        "Novčana pomoć",
        "Ndihmë në para",
    ),
    "other": labels("Other", "Друго", "Друго", "Друго", "Drugo", "Tjetër"),
}


# --- consent and case transfer: names ------------------------------------------------------------

DATA_CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "identification": labels(
        "Identification (name, year of birth)",
        "Идентификација (име, година на раѓање)",
        "Идентификация (име, година на раждане)",
        "Идентификација (име, година рођења)",
        "Identifikacija (ime, godina rođenja)",
        "Identifikimi (emri, viti i lindjes)",
    ),
    "contact": labels(
        "Contact details",
        "Податоци за контакт",
        "Данни за контакт",
        "Подаци за контакт",
        "Podaci za kontakt",
        "Të dhënat e kontaktit",
    ),
    "household": labels("Household", "Домаќинство", "Домакинство", "Домаћинство", "Domaćinstvo", "Familja"),
    "risk_assessment": labels(
        "Risk assessments",
        "Проценки на ризик",
        "Оценки на риска",
        "Процене ризика",
        "Procene rizika",
        "Vlerësimet e rrezikut",
    ),
    "counselling_notes": labels(
        "Counselling notes",
        "Белешки од советување",
        "Бележки от консултиране",
        "Белешке са саветовања",
        "Beleške sa savetovanja",
        "Shënimet e këshillimit",
    ),
    "referrals": labels("Referrals", "Упатувања", "Насочвания", "Упућивања", "Upućivanja", "Referimet"),
    "services_received": labels(
        "Services received",
        "Примени услуги",
        "Получени услуги",
        "Примљене услуге",
        "Primljene usluge",
        "Shërbimet e marra",
    ),
    "health": labels("Health", "Здравје", "Здраве", "Здравље", "Zdravlje", "Shëndeti"),
    "income": labels("Income", "Приходи", "Доходи", "Приходи", "Prihodi", "Të ardhurat"),
    "education_employment": labels(
        "Education and employment",
        "Образование и вработување",
        "Образование и заетост",
        "Образовање и запошљавање",
        "Obrazovanje i zapošljavanje",
        "Arsimi dhe punësimi",
    ),
}

PURPOSE_LABELS: dict[str, dict[str, str]] = {
    "continuity_of_care": labels(
        "Continuity of care after a move",
        "Континуитет на грижата по преселување",
        "Непрекъснатост на грижата след преместване",
        "Континуитет бриге након пресељења",
        "Kontinuitet brige nakon preseljenja",
        "Vazhdimësia e kujdesit pas zhvendosjes",
    ),
    "referral_to_service": labels(
        "Referral to a service of another municipality",
        "Упатување на услуга на друга општина",
        "Насочване към услуга на друга община",
        "Упућивање на услугу друге општине",
        "Upućivanje na uslugu druge opštine",
        "Referim në një shërbim të një komune tjetër",
    ),
    "relocation": labels(
        "Relocation", "Преселување", "Преместване", "Пресељење", "Preseljenje", "Zhvendosja"
    ),
    "joint_case_management": labels(
        "Joint case management",
        "Заедничко водење на случајот",
        "Съвместно водене на случая",
        "Заједничко вођење случаја",
        "Zajedničko vođenje slučaja",
        "Menaxhim i përbashkët i rastit",
    ),
}

LEGAL_BASIS_LABELS: dict[str, dict[str, str]] = {
    "gdpr_6_1_e__9_2_b_social_protection_law": labels(
        "The law on social protection (GDPR Art. 6(1)(e) and 9(2)(b))",
        "Законот за социјална заштита (GDPR чл. 6(1)(e) и 9(2)(b))",
        "Законодателството за социална защита (GDPR чл. 6(1)(e) и 9(2)(b))",
        "Закон о социјалној заштити (GDPR чл. 6(1)(e) и 9(2)(b))",
        "Zakon o socijalnoj zaštiti (GDPR čl. 6(1)(e) i 9(2)(b))",
        "Ligji për mbrojtjen sociale (GDPR neni 6(1)(e) dhe 9(2)(b))",
    ),
    "gdpr_6_1_a__9_2_a_explicit_consent": labels(
        "Explicit consent (GDPR Art. 6(1)(a) and 9(2)(a))",
        "Изречна согласност (GDPR чл. 6(1)(a) и 9(2)(a))",
        "Изрично съгласие (GDPR чл. 6(1)(a) и 9(2)(a))",
        "Изричит пристанак (GDPR чл. 6(1)(a) и 9(2)(a))",
        "Izričit pristanak (GDPR čl. 6(1)(a) i 9(2)(a))",
        "Pëlqim i shprehur (GDPR neni 6(1)(a) dhe 9(2)(a))",
    ),
    "gdpr_6_1_d__9_2_c_vital_interests": labels(
        "Vital interests (GDPR Art. 6(1)(d) and 9(2)(c))",
        "Витални интереси (GDPR чл. 6(1)(d) и 9(2)(c))",
        "Жизненоважни интереси (GDPR чл. 6(1)(d) и 9(2)(c))",
        "Витални интереси (GDPR чл. 6(1)(d) и 9(2)(c))",
        "Vitalni interesi (GDPR čl. 6(1)(d) i 9(2)(c))",
        "Interesa jetikë (GDPR neni 6(1)(d) dhe 9(2)(c))",
    ),
}

OBTAINED_HOW_LABELS: dict[str, dict[str, str]] = {
    "in_person_signed": labels(
        "In person, on a signed paper form",
        "Лично, со потпишан образец",
        "Лично, с подписан формуляр",
        "Лично, потписаним обрасцем",
        "Lično, potpisanim obrascem",
        "Personalisht, me formular të nënshkruar",
    ),
    "in_person_oral_witnessed": labels(
        "In person, orally before a witness",
        "Лично, усно пред сведок",
        "Лично, устно пред свидетел",
        "Лично, усмено пред сведоком",
        "Lično, usmeno pred svedokom",
        "Personalisht, gojarisht para një dëshmitari",
    ),
    "electronic": labels(
        "Electronically", "Електронски", "Електронно", "Електронски", "Elektronski", "Në mënyrë elektronike"
    ),
    "legal_representative": labels(
        "By a legal representative",
        "Преку законски застапник",
        "Чрез законен представител",
        "Преко законског заступника",
        "Preko zakonskog zastupnika",
        "Nga një përfaqësues ligjor",
    ),
}
