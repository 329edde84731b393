from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from common.catalogue.models import FederatedEntry, FederatedService


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """What other nodes published is theirs to change: shown, never edited here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(FederatedService)
class FederatedServiceAdmin(ReadOnlyAdmin):
    list_display = ("display_name", "origin", "status", "revision", "published_at", "received_at")
    list_filter = ("origin", "status")
    search_fields = ("search_key",)


@admin.register(FederatedEntry)
class FederatedEntryAdmin(ReadOnlyAdmin):
    list_display = ("entry_id", "entry_type", "origin", "status", "revision", "received_at")
    list_filter = ("entry_type", "origin", "status")
