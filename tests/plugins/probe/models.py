from __future__ import annotations

from django.db import models


class ProbeNote(models.Model):
    """A probe message as the hub's projection or a node's applier saw it; ``applied`` counts
    how many times it was applied (a double application shows as 2)."""

    note_id = models.UUIDField(unique=True)
    source = models.CharField(max_length=24)
    type = models.CharField(max_length=40)
    text = models.CharField(max_length=200, blank=True, default="")
    size = models.IntegerField(default=0)
    applied = models.IntegerField(default=0)
