from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from contracts.errors import SchemaViolationError
from contracts.vocabulary import LANGUAGE_TAGS, TARGET_GROUP_LABELS
from node.catalogue.models import FederatedService, Service
from node.catalogue.services import (
    EDITABLE_FIELDS,
    service_contract,
    service_create,
    service_update,
    service_withdraw,
)

_TEXT_FIELDS = ("name", "description", "organization_name")


class ServiceForm(forms.ModelForm[Service]):
    """One input per language for each text, instead of raw JSON."""

    target_groups = forms.MultipleChoiceField(
        choices=[(code, labels["en"]) for code, labels in TARGET_GROUP_LABELS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        choices=[(tag, tag) for tag in LANGUAGE_TAGS], required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Service
        fields = (
            "status",
            "target_groups",
            "languages",
            "address_1",
            "city",
            "postal_code",
            "country",
            "phone",
            "email",
            "url",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in _TEXT_FIELDS:
            current: dict[str, str] = getattr(self.instance, field) or {}
            for tag in LANGUAGE_TAGS:
                widget = forms.Textarea(attrs={"rows": 3}) if field == "description" else forms.TextInput()
                self.fields[f"{field}__{tag}"] = forms.CharField(
                    label=f"{field.replace('_', ' ').capitalize()} ({tag})",
                    required=False,
                    initial=current.get(tag, ""),
                    widget=widget,
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for field in _TEXT_FIELDS:
            cleaned[field] = {
                tag: cleaned[f"{field}__{tag}"].strip()
                for tag in LANGUAGE_TAGS
                if cleaned.get(f"{field}__{tag}", "").strip()
            }
        probe = Service(**{k: cleaned.get(k, getattr(self.instance, k)) for k in EDITABLE_FIELDS})
        probe.id, probe.revision = self.instance.id, self.instance.revision
        try:
            service_contract(probe)
        except SchemaViolationError as exc:
            for item in exc.detail or []:
                self.add_error(None, f"{item['field']}: {item['message']}")
        return cleaned


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin[Service]):
    form = ServiceForm
    list_display = ("__str__", "status", "revision", "updated_at")
    list_filter = ("status",)
    readonly_fields = ("id", "revision", "created_at", "updated_at")

    def save_model(self, request: HttpRequest, obj: Service, form: Any, change: bool) -> None:
        fields = {k: form.cleaned_data[k] for k in EDITABLE_FIELDS if k in form.cleaned_data}
        saved = service_update(service_id=obj.id, fields=fields) if change else service_create(fields=fields)
        obj.pk, obj.revision = saved.pk, saved.revision

    def delete_model(self, request: HttpRequest, obj: Service) -> None:
        # Entries are withdrawn from the federation, not erased: peers must hear of it.
        service_withdraw(service_id=obj.id)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for service in queryset:
            service_withdraw(service_id=service.id)


@admin.register(FederatedService)
class FederatedServiceAdmin(admin.ModelAdmin[FederatedService]):
    list_display = ("display_name", "origin", "status", "revision", "received_at")
    list_filter = ("origin", "status")
    search_fields = ("search_text",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
