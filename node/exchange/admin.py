from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from contracts.errors import ContractError
from node.exchange.models import InboxMessage, LogAlarm, OutboxMessage, TreeHeadSeen
from node.exchange.selectors import sync_status
from node.exchange.services import dead_letter_discard, dead_letter_retry_inbox, dead_letter_retry_outbox


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class DeadLetterFilter(admin.SimpleListFilter):
    title = "dead letters"
    parameter_name = "dead"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:  # type: ignore[type-arg]
        return [("open", "open dead letters"), ("resolved", "retried or discarded")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:  # type: ignore[type-arg]
        field = "dead_at" if queryset.model is OutboxMessage else "status"
        if self.value() == "open":
            if field == "dead_at":
                return queryset.filter(resolved_at__isnull=True, dead_at__isnull=False)
            return queryset.filter(resolved_at__isnull=True, status=InboxMessage.Status.REJECTED)
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


def _each(request: HttpRequest, rows: QuerySet, act: object, label: str) -> None:  # type: ignore[type-arg]
    done = 0
    for row in rows:
        try:
            act(row)  # type: ignore[operator]
            done += 1
        except ContractError as exc:
            messages.error(request, f"{row}: {exc.message}")
    if done:
        messages.success(request, f"{label} {done} message(s).")


@admin.register(OutboxMessage)
class OutboxMessageAdmin(_ReadOnly):
    list_display = (
        "sequence",
        "type",
        "created_at",
        "sent_at",
        "log_index",
        "attempts",
        "dead_code",
        "last_error",
    )
    list_filter = (DeadLetterFilter, "type", "dead_code")
    actions = ("retry", "discard")

    @admin.action(description="Send the selected dead letters again (as new messages)")
    def retry(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        _each(
            request, queryset, lambda row: dead_letter_retry_outbox(message_id=row.message_id), "Queued again"
        )

    @admin.action(description="Discard the selected dead letters")
    def discard(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        note = f"by {request.user} in the admin"
        _each(
            request,
            queryset,
            lambda row: dead_letter_discard(outbox_message_id=row.message_id, note=note),
            "Discarded",
        )


@admin.register(InboxMessage)
class InboxMessageAdmin(_ReadOnly):
    list_display = (
        "log_index",
        "type",
        "source",
        "sequence",
        "status",
        "reason",
        "received_at",
        "resolution",
    )
    list_filter = (DeadLetterFilter, "status", "type", "source")
    actions = ("retry", "discard")

    @admin.action(description="Check and apply the selected dead letters again")
    def retry(self, request: HttpRequest, queryset: QuerySet[InboxMessage]) -> None:
        _each(
            request, queryset, lambda row: dead_letter_retry_inbox(log_index=row.log_index), "Checked again"
        )

    @admin.action(description="Discard the selected dead letters")
    def discard(self, request: HttpRequest, queryset: QuerySet[InboxMessage]) -> None:
        note = f"by {request.user} in the admin"
        _each(
            request,
            queryset,
            lambda row: dead_letter_discard(inbox_log_index=row.log_index, note=note),
            "Discarded",
        )


@admin.register(TreeHeadSeen)
class TreeHeadSeenAdmin(_ReadOnly):
    list_display = ("tree_size", "root_hash", "seen_at")


@admin.register(LogAlarm)
class LogAlarmAdmin(_ReadOnly):
    list_display = ("code", "message", "raised_at", "acknowledged_at")


_site_index = admin.site.index


def _index_with_sync(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> TemplateResponse:
    """The admin's front page, with this node's sync status on top."""
    return _site_index(request, {**(extra_context or {}), "sync": sync_status()})


admin.site.index = _index_with_sync  # type: ignore[method-assign]
admin.site.index_template = "admin/node_index.html"
