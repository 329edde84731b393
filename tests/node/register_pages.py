"""What the register's page tests share: a catalogue service that fits a person, made up."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from common.catalogue.models import FederatedService


def fitting_service(*, origin: str = "MK-BUTEL", **data: Any) -> FederatedService:
    """A federated service for unemployed Roma (it fits a person with those risks or groups)."""
    service_id = uuid.uuid4()
    published = {
        "id": str(service_id),
        "name": {"mk": "Обука за вработување", "en": "Job training", "sr-Latn": "Obuka za zapošljavanje"},
        "target_groups": ["roma", "unemployed"],
        "taxonomy_terms": ["employment", "training"],
        "languages": [],
        "organization": {"name": {"mk": "Центар за социјална работа", "en": "Centre for Social Work"}},
    } | data
    return FederatedService.objects.create(
        service_id=service_id,
        origin=origin,
        revision=1,
        status="active",
        data=published,
        published_at=timezone.now(),
    )
