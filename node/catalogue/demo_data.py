"""Synthetic demo catalogue entries for the seed municipalities (no real people, only services)."""

from __future__ import annotations

from typing import Any

DEMO_SERVICES: dict[str, list[dict[str, Any]]] = {
    "MK-CAIR": [
        {
            "name": {
                "mk": "Платформа за социјална и економска помош",
                "en": "Social and economic assistance platform",
            },
            "description": {
                "mk": "Портал што ги поврзува ранливите лица со помошта на Општината, "
                "Центарот за социјална работа, Агенцијата за вработување и невладините организации.",
                "en": "A portal linking vulnerable people to help from the municipality, the Centre for Social "
                "Work, the Employment Agency and NGOs.",
            },
            "organization_name": {"mk": "Општина Чаир", "en": "Municipality of Čair"},
            "target_groups": ["roma", "unemployed", "social_assistance_recipient"],
            "languages": ["mk", "sq", "en"],
            "address_1": "ул. Виктор Иго бр. 1",
            "city": "Скопје",
            "postal_code": "1000",
            "country": "MK",
            "phone": "+389 2 0000 000",
        },
        {
            "name": {"mk": "Линија за помош и мобилни тимови", "en": "Help line and mobile teams"},
            "description": {
                "mk": "Телефонска линија и мобилни тимови што ги посетуваат лицата на терен.",
                "en": "A telephone help line and mobile teams that visit people in the field.",
            },
            "organization_name": {"mk": "Општина Чаир", "en": "Municipality of Čair"},
            "target_groups": ["elderly", "disability", "roma"],
            "languages": ["mk", "sq"],
            "city": "Скопје",
            "address_1": "ул. Виктор Иго бр. 1",
            "country": "MK",
        },
    ],
    "MK-BUTEL": [
        {
            "name": {
                "mk": "Советување на лица под социјален ризик",
                "en": "Counselling for people at social risk",
            },
            "description": {
                "mk": "Три советодавни сесии по лице и упатување до Агенцијата за вработување и до правата од "
                "социјална заштита.",
                "en": "Three counselling sessions per person and referral to the Employment Agency and to "
                "social-protection rights.",
            },
            "organization_name": {"mk": "Општина Бутел", "en": "Municipality of Butel"},
            "target_groups": ["unemployed", "social_assistance_recipient", "single_parent"],
            "languages": ["mk", "en"],
            "address_1": "ул. Петар Ацев бр. 2",
            "city": "Скопје",
            "postal_code": "1000",
            "country": "MK",
        },
        {
            "name": {"mk": "Пакети со храна и хигиена", "en": "Food and hygiene packages"},
            "description": {
                "mk": "Пакети со храна и средства за хигиена за семејства под социјален ризик.",
                "en": "Food and hygiene packages for families at social risk.",
            },
            "organization_name": {"mk": "Општина Бутел", "en": "Municipality of Butel"},
            "target_groups": ["social_assistance_recipient", "children_at_risk"],
            "languages": ["mk"],
            "city": "Скопје",
            "address_1": "ул. Петар Ацев бр. 2",
            "country": "MK",
        },
    ],
    "MK-CUCER": [
        {
            "name": {"mk": "Регистар и теренски посети", "en": "Register and field visits"},
            "description": {
                "mk": "Теренски посети за утврдување на видот на социјален ризик и упис во регистарот.",
                "en": "Field visits to establish the type of social risk and record it in the register.",
            },
            "organization_name": {"mk": "Општина Чучер-Сандево", "en": "Municipality of Čučer-Sandevo"},
            "target_groups": ["elderly", "unemployed"],
            "languages": ["mk", "sq"],
            "address_1": "с. Чучер",
            "city": "Чучер-Сандево",
            "postal_code": "1011",
            "country": "MK",
        },
    ],
}
