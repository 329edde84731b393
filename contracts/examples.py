"""One worked example of the ``data`` of every message type at every version it has.

The examples are synthetic: the municipalities are real, the people are not. They appear in
the golden vectors and the AsyncAPI document, and a test checks that each one is valid for
its model, so they never drift from the contracts. Every example is written by ``MK-BUTEL``;
case messages go to ``MK-CAIR``.
"""

from __future__ import annotations

from typing import Any

_SERVICE_1_0: dict[str, Any] = {
    "id": "5f0c4d3e-1c2b-4a59-9e3f-0a1b2c3d4e5f",
    "revision": 3,
    "status": "active",
    "name": {
        "mk": "Советување на лица под социјален ризик",
        "sq": "Këshillim për personat në rrezik social",
        "en": "Counselling for people at social risk",
    },
    "description": {
        "mk": "Три советодавни сесии по лице, во просториите на Општина Бутел.",
        "en": "Three counselling sessions per person, at the Municipality of Butel.",
    },
    "organization": {"name": {"mk": "Општина Бутел", "en": "Municipality of Butel"}},
    "target_groups": ["unemployed", "social_assistance_recipient", "roma"],
    "languages": ["mk", "sq", "en"],
    "address": {"address_1": "ул. Булевар Босна и Херцеговина 4", "city": "Скопје", "country": "MK"},
    "contact": {"phone": "+389 2 2656 080", "email": "socijalna@butel.gov.mk", "url": ""},
}

_SERVICE_1_1: dict[str, Any] = _SERVICE_1_0 | {
    "application_process": {"en": "Come in person with an ID card, or be referred by the CSW."},
    "fees_description": {"en": "Free of charge."},
    "eligibility_description": {"en": "Residents of Butel registered as people at social risk."},
    "schedules": [{"byday": ["MO", "TU", "WE", "TH", "FR"], "opens_at": "08:00", "closes_at": "16:00"}],
}

_SERVICE_1_2: dict[str, Any] = _SERVICE_1_1 | {
    "organization_id": "0b6f2c1a-7d3e-4f5a-9b8c-1d2e3f4a5b6c",
    "taxonomy_terms": ["counselling", "referral"],
    "minimum_age": 18,
}


def _field_visits_2_0() -> list[dict[str, Any]]:
    """Butel's field visits of a quarter, every table whole: the total, by sex, by age band and
    by both, under the default policy (threshold 5, zeros not disclosive). The three men aged
    15–17 are suppressed (A) in both tables, and five cells with them (D) so that no sum gives
    them away: an attacker can only tell that there were between 0 and 27."""
    women = {"18-24": 31, "25-29": 40, "30-49": 96, "50-64": 45, "65+": 18}
    men = {"15-17": 3, "18-24": 29, "25-29": 33, "30-49": 74, "50-64": 37, "65+": 6}
    hidden = {
        ("male", "15-17"): "A",
        ("male", "65+"): "D",
        ("female", "65+"): "D",
        ("male", "50-64"): "D",
        ("female", "50-64"): "D",
    }
    cells: list[dict[str, Any]] = []

    def cell(categories: dict[str, str], value: int, status: str = "F") -> None:
        free = status == "F"
        cells.append(
            {
                "indicator": "field_visits",
                "categories": categories,
                "value": value if free else None,
                "conf_status": status,
                "obs_status": "A" if free else "Q",
            }
        )

    by_sex = {"female": women, "male": men, "other": {}, "unknown": {}}
    cell({}, sum(women.values()) + sum(men.values()))
    for sex, bands in by_sex.items():
        cell({"sex": sex}, sum(bands.values()))
    bands_all = ("0-14", "15-17", "18-24", "25-29", "30-49", "50-64", "65+", "unknown")
    for band in bands_all:
        total = women.get(band, 0) + men.get(band, 0)
        cell({"age_band": band}, total, "D" if band == "65+" else "A" if 0 < total < 5 else "F")
    for sex, bands in by_sex.items():
        for band in bands_all:
            value = bands.get(band, 0)
            cell(
                {"sex": sex, "age_band": band}, value, hidden.get((sex, band), "A" if 0 < value < 5 else "F")
            )
    return cells


EXAMPLES: dict[tuple[str, str], dict[str, Any]] = {
    ("catalogue.service", "1.0"): _SERVICE_1_0,
    ("catalogue.service", "1.1"): _SERVICE_1_1,
    ("catalogue.service", "1.2"): _SERVICE_1_2,
    ("catalogue.organization", "1.0"): {
        "id": "0b6f2c1a-7d3e-4f5a-9b8c-1d2e3f4a5b6c",
        "revision": 1,
        "status": "active",
        "organization_type": "municipality",
        "name": {"mk": "Општина Бутел", "sq": "Komuna e Butelit", "en": "Municipality of Butel"},
        "description": {"en": "Local self-government of Butel, City of Skopje."},
        "email": "info@butel.gov.mk",
        "website": "https://butel.gov.mk",
        "phone": "+389 2 2656 080",
        "address": {"address_1": "ул. Булевар Босна и Херцеговина 4", "city": "Скопје", "country": "MK"},
    },
    ("catalogue.location", "1.0"): {
        "id": "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        "revision": 1,
        "status": "active",
        "organization_id": "0b6f2c1a-7d3e-4f5a-9b8c-1d2e3f4a5b6c",
        "location_type": "physical",
        "name": {"mk": "Општина Бутел, шалтер сала", "en": "Butel town hall, front desk"},
        "address": {"address_1": "ул. Булевар Босна и Херцеговина 4", "city": "Скопје", "country": "MK"},
        "latitude": 42.0336,
        "longitude": 21.4446,
        "accessibility": {"en": "Step-free entrance from the car park."},
        "languages": ["mk", "sq"],
        "schedules": [{"byday": ["MO", "TU", "WE", "TH", "FR"], "opens_at": "08:00", "closes_at": "16:00"}],
    },
    ("catalogue.service_at_location", "1.0"): {
        "id": "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b",
        "revision": 1,
        "status": "active",
        "service_id": "5f0c4d3e-1c2b-4a59-9e3f-0a1b2c3d4e5f",
        "location_id": "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        "description": {"en": "Counselling in room 12, ground floor."},
        "contact": {"phone": "+389 2 2656 080", "email": "", "url": ""},
        "schedules": [{"byday": ["TU", "TH"], "opens_at": "09:00", "closes_at": "13:00"}],
    },
    ("catalogue.withdrawal", "1.0"): {
        "entry_type": "service",
        "id": "5f0c4d3e-1c2b-4a59-9e3f-0a1b2c3d4e5f",
        "revision": 4,
        "reason": "The programme ended in December 2026.",
    },
    ("statistics.data_value_set", "1.0"): {
        "dataset": "social_inclusion",
        "period": "2026-Q3",
        "org_unit": "MK-BUTEL",
        "revision": 1,
        "cells": [
            {"indicator": "people_at_risk", "value": 412, "protection": {"conf_status": "F"}},
            {
                "indicator": "people_at_risk",
                "categories": {"sex": "female", "age_band": "18-24"},
                "value": 37.4,
                "protection": {
                    "conf_status": "F",
                    "noise": {"mechanism": "discrete_laplace", "epsilon": 1.0},
                },
            },
            {
                "indicator": "people_placed_in_job",
                "categories": {"target_group": "roma"},
                "value": None,
                "protection": {"conf_status": "A", "threshold": 5},
            },
        ],
    },
    ("statistics.data_value_set", "2.0"): {
        "dataset": "social_inclusion",
        "period": "2026-Q3",
        "org_unit": "MK-BUTEL",
        "revision": 1,
        "approved_at": "2026-10-05T09:30:00Z",
        "policy": {
            "version": 1,
            "digest": "9d5f1f6d2f3c4b8a7e6d5c4b3a29180706f5e4d3c2b1a09f8e7d6c5b4a392817",
            "threshold": 5,
            "zeros_disclosive": False,
        },
        "cells": _field_visits_2_0(),
    },
    ("case.transfer_request", "1.0"): {
        "transfer_id": "018f2a3b-4c5d-7e6f-8a9b-0c1d2e3f4a5b",
        "recipient": "MK-CAIR",
        "consent_id": "018f2a3b-4c5d-7e6f-8a9b-0c1d2e3f4a00",
        "expires_at": "2027-06-30T00:00:00Z",
        "recipient_keyid": "x25519:q8V3cFz0m1WbT5nRkJ2yHs9dLpE4uXaG7oYiC6vNfQw",
        "content_type": "application/vnd.socialhub.case+json; version=1.0",
        "size": 24,
        "suite": "DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305",
        "enc": "3q2-7wD4nJxk0Zb8yQ1m5LhT6vR2sPaU9cE0fGiHjKo",
        "sealed": "c2VhbGVkLWNhc2UtYnl0ZXMtZm9yLXRoZS1yZWNpcGllbnQtb25seQ",
    },
    ("case.transfer_accept", "1.0"): {
        "transfer_id": "018f2a3b-4c5d-7e6f-8a9b-0c1d2e3f4a5b",
        "accepted_at": "2026-11-24T09:30:00Z",
    },
    ("case.transfer_decline", "1.0"): {
        "transfer_id": "018f2a3b-4c5d-7e6f-8a9b-0c1d2e3f4a5b",
        "declined_at": "2026-11-24T09:30:00Z",
        "reason": "not_competent",
        "note": "The person now lives in Čučer-Sandevo; please send to MK-CUCERSANDEVO.",
    },
    ("case.consent_withdrawal", "1.0"): {
        "consent_id": "018f2a3b-4c5d-7e6f-8a9b-0c1d2e3f4a00",
        "transfer_ids": ["018f2a3b-4c5d-7e6f-8a9b-0c1d2e3f4a5b"],
        "withdrawn_at": "2026-12-01T11:00:00Z",
    },
    ("case.withdrawal_confirmation", "1.0"): {
        "consent_id": "018f2a3b-4c5d-7e6f-8a9b-0c1d2e3f4a00",
        "confirmed_at": "2026-12-01T11:05:00Z",
        "action": "erased",
    },
    ("control.key_rotation", "1.0"): {
        "old_keyid": "ed25519:Vkdap1RjR0wChd9dvyvKtz2mUTWIOem3dIGy6rEHcIw",
        "new_public_key": "JUO5L_EJVRFHatyDadtt3JM2ZaEZeN2hQE7hBmypVZ0",
        "new_keyid": "ed25519:AzliGSN_daZPEq6385cjq_QAsWDDZJgKdl2sJK66JGQ",
        "proof": "5zz1Eant5_JTxKhMW2Gz1tV9DOkVfdrlWsOY95wX3gnGeOywhyuiYtn-KNKelr0LmjNa86HJElBbhhnCba5ODQ",
        "effective_at": "2026-12-01T00:00:00Z",
    },
}
"""(message type, version) -> the ``data`` of a message, as JSON values."""
