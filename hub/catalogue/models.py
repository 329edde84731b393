from __future__ import annotations

from django.db import models


class CatalogueProjection(models.Model):
    """How far the hub's federated catalogue has read the message log (one row)."""

    position = models.BigIntegerField(default=0, help_text="The last log index read.")
    applied_total = models.BigIntegerField(default=0)
    refused_total = models.BigIntegerField(default=0)
    last_refusal = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"catalogue read to log index {self.position}"
