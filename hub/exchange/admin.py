from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hub.exchange.models import Message, ProjectionDeadLetter


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


@admin.register(ProjectionDeadLetter)
class ProjectionDeadLetterAdmin(admin.ModelAdmin[ProjectionDeadLetter]):
    """Log entries the hub's own consumers could not apply; retry after a fix, or discard."""

    list_display = ("consumer", "log_index", "code", "attempts", "created_at", "resolved_at")
    list_filter = ("consumer", "code", ("resolved_at", admin.EmptyFieldListFilter))
    readonly_fields = [f.name for f in ProjectionDeadLetter._meta.fields]
    actions = ["retry"]

    @admin.action(description=_("Apply the selected entries again"))
    def retry(self, request: HttpRequest, queryset: QuerySet[ProjectionDeadLetter]) -> None:
        from hub.exchange.projections import projection_retry

        outcomes = [projection_retry(name=row.consumer, log_index=row.log_index) for row in queryset]
        still = sum(1 for error in outcomes if error is not None)
        self.message_user(request, f"{len(outcomes) - still} applied, {still} still refused.")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
