"""What the register's page tests share: a catalogue service that fits a person, made up, and
received the way the catalogue receives every service (so its facets are derived)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from common.catalogue.models import FederatedService
from common.catalogue.services import SERVICE, Published, catalogue_apply
from contracts.catalogue import ServiceV1_2


def fitting_service(*, origin: str = "MK-BUTEL", **data: Any) -> FederatedService:
    """A federated service for unemployed Roma (it fits a person with those risks or groups)."""
    published = ServiceV1_2.model_validate(
        {
            "id": uuid.uuid4(),
            "revision": 1,
            "status": "active",
            "name": {"mk": "Обука за вработување", "en": "Job training", "sr-Latn": "Obuka za zapošljavanje"},
            "target_groups": ["roma", "unemployed"],
            "taxonomy_terms": ["employment", "training"],
            "organization": {"name": {"mk": "Центар за социјална работа", "en": "Centre for Social Work"}},
        }
        | data
    )
    with transaction.atomic():
        refused = catalogue_apply(SERVICE, [Published(origin, uuid.uuid4(), timezone.now(), published)])
    assert refused == {}
    return FederatedService.objects.get(service_id=published.id)
