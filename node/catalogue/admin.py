from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IS_POPUP_VAR
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from common.entities import EntityAdmin, EntityForm, entity_admin
from node.catalogue.entities import ENTITIES
from node.catalogue.models import Organization, Service
from node.catalogue.services import entry_create, entry_draft, entry_update, entry_withdraw

Fieldsets = list[tuple[Any, dict[str, Any]]]


class EntryForm(EntityForm):
    """One input per language for each text (instead of raw JSON); the contract decides what is
    valid, so the admin and the API obey the same rules and report the same codes."""

    def check(self, fields: dict[str, Any]) -> None:
        entry_draft(
            type(self.instance), fields=fields, entry_id=self.instance.id, revision=self.instance.revision
        )


class EntryAdmin(EntityAdmin):
    """Saving publishes: a new revision goes to the outbox in the same transaction. Deleting
    withdraws the entry from the federation instead of erasing it (peers must hear of it), so the
    admin says "withdraw" wherever Django would say "delete"."""

    list_display: tuple[str, ...] = ("__str__", "status", "revision", "updated_at")
    list_filter = ("status",)
    delete_confirmation_template = "admin/catalogue/withdraw_confirmation.html"
    record: tuple[str, ...] = ("id", "revision", "created_at", "updated_at")

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> Any:
        fieldsets: Fieldsets = [
            (name, dict(options)) for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None:
            # Set by the system when saved: nothing to show on an entry not yet made.
            return [
                (name, options | {"fields": [f for f in options["fields"] if f not in self.record]})
                for name, options in fieldsets
                if any(f not in self.record for f in options["fields"])
            ]
        return fieldsets

    def entity_save(self, obj: Any, *, fields: dict[str, Any], change: bool) -> None:
        model = type(obj)
        saved = (
            entry_update(model, entry_id=obj.id, fields=fields)
            if change
            else entry_create(model, fields=fields)
        )
        # The admin announces the form's instance: it must hold what was saved (its name too).
        for field in model._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))

    def entity_delete(self, obj: Any) -> None:
        entry_withdraw(type(obj), entry_id=obj.id)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_deleted_objects(
        self, objs: Any, request: HttpRequest
    ) -> tuple[list[Any], dict[Any, Any], set[Any], list[Any]]:
        # Nothing is erased, so nothing that refers to the entry stands in the way.
        return [str(obj) for obj in objs], {}, set(), []

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = {"title": _("Withdraw from the federation"), **(extra_context or {})}
        return super().delete_view(request, object_id, extra_context)

    def response_delete(self, request: HttpRequest, obj_display: str, obj_id: Any) -> HttpResponse:
        if IS_POPUP_VAR in request.POST:
            return super().response_delete(request, obj_display, obj_id)
        self.message_user(
            request,
            gettext("The %(name)s “%(obj)s” was withdrawn from the federation: it stays here as withdrawn.")
            % {"name": self.opts.verbose_name, "obj": obj_display},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))

    @admin.action(
        description=_("Withdraw the selected %(verbose_name_plural)s from the federation"),
        permissions=["delete"],
    )
    def withdraw_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> HttpResponse | None:
        if request.POST.get("post"):
            count = queryset.count()
            self.delete_queryset(request, queryset)
            self.message_user(
                request,
                ngettext(
                    "%(count)d entry withdrawn from the federation: it stays here as withdrawn.",
                    "%(count)d entries withdrawn from the federation: they stay here as withdrawn.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Withdraw from the federation"),
            "objects_name": self.opts.verbose_name_plural,
            "queryset": queryset,
            "opts": self.opts,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/catalogue/withdraw_selected_confirmation.html", context)

    actions = ("withdraw_selected",)


SERVICE_FIELDSETS: Fieldsets = [
    (None, {"fields": ["name", "organization", "status"]}),
    (
        _("Organisation not listed"),
        {"classes": ["collapse"], "fields": ["organization_name"]},
    ),
    (_("What it is"), {"fields": ["description", "taxonomy_terms"]}),
    (
        _("Who it is for"),
        {"fields": ["target_groups", ("minimum_age", "maximum_age"), "eligibility_description"]},
    ),
    (_("How to apply"), {"fields": ["application_process", "fees_description", "languages"]}),
    (_("Where and when"), {"fields": [("address_1", "city"), ("postal_code", "country"), "schedules"]}),
    (_("Contact"), {"fields": [("phone", "email"), "url"]}),
    (_("Record"), {"classes": ["collapse"], "fields": ["id", "revision", "created_at", "updated_at"]}),
]
"""The add-service form in the order staff fill it in: name and organisation first."""

_LISTED: dict[type[Any], dict[str, Any]] = {
    Organization: {"list_display": ("__str__", "organization_type", "status", "revision", "updated_at")},
    Service: {
        "list_display": ("__str__", "organization", "status", "revision", "updated_at"),
        "fieldsets": SERVICE_FIELDSETS,
    },
}
"""Options beyond the usual (list columns, the form's sections), for the entries that have them."""

for _model, _entity in ENTITIES.items():
    admin.site.register(
        _model, entity_admin(_entity, base=EntryAdmin, form=EntryForm, **_LISTED.get(_model, {}))
    )
