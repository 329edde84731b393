from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_stubs_ext import StrOrPromise

from contracts.errors import ContractError
from node.exchange.dead_letters import dead_letter_discard, dead_letter_retry_inbox, dead_letter_retry_outbox
from node.exchange.inbox import inbox_unhandled_replay
from node.exchange.models import InboxMessage, LogAlarm, OutboxMessage, TreeHeadSeen
from node.exchange.selectors import dead_letters_inbox, dead_letters_outbox, sync_status


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class DeadLetterFilter(admin.SimpleListFilter):
    title = _("dead letters")
    parameter_name = "dead"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, StrOrPromise]]:  # type: ignore[type-arg]
        return [("open", _("open dead letters")), ("resolved", _("retried or discarded"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:  # type: ignore[type-arg]
        if self.value() == "open":
            return queryset & (
                dead_letters_outbox() if queryset.model is OutboxMessage else dead_letters_inbox()
            )
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


class _DeadLetterAdmin(_ReadOnly):
    """Retry and discard as admin actions; each model says how for one row."""

    actions: tuple[str, ...] = ("retry", "discard")
    retried: StrOrPromise = _("Retried")

    def retry_one(self, row: Any) -> None:
        raise NotImplementedError

    def discard_one(self, row: Any, note: str) -> None:
        raise NotImplementedError

    @admin.action(description=_("Retry the selected dead letters"))
    def retry(self, request: HttpRequest, queryset: QuerySet) -> None:  # type: ignore[type-arg]
        self._each(request, queryset, self.retry_one, self.retried)

    @admin.action(description=_("Discard the selected dead letters"))
    def discard(self, request: HttpRequest, queryset: QuerySet) -> None:  # type: ignore[type-arg]
        note = f"by {request.user} in the admin"
        self._each(request, queryset, lambda row: self.discard_one(row, note), _("Discarded"))

    def _each(
        self, request: HttpRequest, rows: QuerySet[Any], act: Callable[[Any], None], label: StrOrPromise
    ) -> None:
        done = 0
        for row in rows:
            try:
                act(row)
                done += 1
            except ContractError as exc:
                messages.error(request, f"{row}: {exc.message}")
        if done:
            counted = ngettext("%(done)d message", "%(done)d messages", done) % {"done": done}
            messages.success(request, f"{label}: {counted}.")


@admin.register(OutboxMessage)
class OutboxMessageAdmin(_DeadLetterAdmin):
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
    retried = _("Queued again (as new messages)")

    def retry_one(self, row: OutboxMessage) -> None:
        dead_letter_retry_outbox(message_id=row.message_id)

    def discard_one(self, row: OutboxMessage, note: str) -> None:
        dead_letter_discard(outbox_message_id=row.message_id, note=note)


@admin.register(InboxMessage)
class InboxMessageAdmin(_DeadLetterAdmin):
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
    actions = ("retry", "discard", "replay_unhandled")
    retried = _("Checked again")

    @admin.action(description=_("Apply the selected unhandled messages whose type this node now applies"))
    def replay_unhandled(self, request: HttpRequest, queryset: QuerySet) -> None:  # type: ignore[type-arg]
        types = set(queryset.filter(status=InboxMessage.Status.UNHANDLED).values_list("type", flat=True))
        applied = waiting = 0
        for message_type in sorted(types):
            report = inbox_unhandled_replay(message_type=message_type)
            applied += report.applied
            waiting += report.unhandled
        messages.success(
            request,
            ngettext(
                "Applied %(applied)d message; %(waiting)d still wait for an applier of their type.",
                "Applied %(applied)d messages; %(waiting)d still wait for an applier of their type.",
                applied,
            )
            % {"applied": applied, "waiting": waiting},
        )

    def retry_one(self, row: InboxMessage) -> None:
        dead_letter_retry_inbox(log_index=row.log_index)

    def discard_one(self, row: InboxMessage, note: str) -> None:
        dead_letter_discard(inbox_log_index=row.log_index, note=note)


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
