from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from node.exchange.models import InboxMessage, OutboxMessage


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(_ReadOnly):
    list_display = ("sequence", "type", "created_at", "sent_at", "log_index", "attempts", "last_error")
    list_filter = ("type",)


@admin.register(InboxMessage)
class InboxMessageAdmin(_ReadOnly):
    list_display = ("log_index", "type", "source", "sequence", "status", "reason", "received_at")
    list_filter = ("status", "type", "source")
