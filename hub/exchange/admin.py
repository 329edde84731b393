from __future__ import annotations

from django.contrib import admin

from hub.exchange.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin[Message]):
    list_display = ("log_index", "type", "version", "source", "sequence", "received_at")
    list_filter = ("type", "source")
    readonly_fields = [f.name for f in Message._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
