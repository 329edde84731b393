from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from contracts.errors import ContractError
from contracts.vocabulary import LANGUAGE_TAGS, TARGET_GROUP_LABELS, TAXONOMY_LABELS, OrganizationType
from node.catalogue.models import Entry, Location, Organization, Service, ServiceAtLocation
from node.catalogue.services import KINDS, entry_create, entry_update, entry_withdraw

_TEXT_LABELS = {
    "name": _("Name"),
    "alternate_name": _("Other name"),
    "description": _("Description"),
    "organization_name": _("Organisation name (when no organisation is chosen)"),
    "application_process": _("How to apply"),
    "fees_description": _("Cost"),
    "eligibility_description": _("Who is eligible"),
    "accessibility": _("Accessibility"),
}
_LONG = {"description", "application_process", "fees_description", "eligibility_description", "accessibility"}


def _choices(labels: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    return [(code, names.get("en", code)) for code, names in labels.items()]


class EntryForm(forms.ModelForm[Entry]):
    """One input per language for each text (instead of raw JSON); the contract decides what is
    valid, so the admin and the API obey the same rules and report the same codes."""

    text_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.text_fields:
            current: dict[str, str] = getattr(self.instance, field, None) or {}
            for tag in LANGUAGE_TAGS:
                widget = forms.Textarea(attrs={"rows": 3}) if field in _LONG else forms.TextInput()
                self.fields[f"{field}__{tag}"] = forms.CharField(
                    label=f"{_TEXT_LABELS[field]} ({tag})",
                    required=False,
                    initial=current.get(tag, ""),
                    widget=widget,
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for field in self.text_fields:
            cleaned[field] = {
                tag: cleaned[f"{field}__{tag}"].strip()
                for tag in LANGUAGE_TAGS
                if cleaned.get(f"{field}__{tag}", "").strip()
            }
        kind = KINDS[type(self.instance)]
        probe = type(self.instance)(id=self.instance.id, revision=self.instance.revision)
        for name in kind.editable:
            setattr(probe, name, cleaned.get(name, getattr(self.instance, name, None)))
        try:
            kind.contract(probe)
        except ContractError as exc:
            for item in exc.detail if isinstance(exc.detail, list) else []:
                self.add_error(None, f"{item['field']}: {item['message']}")
            if not isinstance(exc.detail, list):
                self.add_error(None, f"{exc.code}: {exc.message}")
        return cleaned


def _multi(labels: Sequence[tuple[str, str]]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(choices=labels, required=False, widget=forms.CheckboxSelectMultiple)


_LANGUAGES = [(tag, tag) for tag in LANGUAGE_TAGS]


class OrganizationForm(EntryForm):
    text_fields = ("name", "alternate_name", "description")
    organization_type = forms.ChoiceField(choices=[(t, t) for t in OrganizationType.__args__])  # type: ignore[attr-defined]

    class Meta:
        model = Organization
        fields = (
            "status",
            "organization_type",
            "email",
            "website",
            "phone",
            "address_1",
            "city",
            "postal_code",
            "country",
        )


class LocationForm(EntryForm):
    text_fields = ("name", "description", "accessibility")
    languages = _multi(_LANGUAGES)

    class Meta:
        model = Location
        fields = (
            "status",
            "organization",
            "location_type",
            "address_1",
            "city",
            "postal_code",
            "country",
            "latitude",
            "longitude",
            "url",
            "languages",
            "schedules",
        )
        help_texts = {"schedules": '[{"byday": ["MO", "TU"], "opens_at": "08:00", "closes_at": "16:00"}]'}


class ServiceForm(EntryForm):
    text_fields = (
        "name",
        "description",
        "organization_name",
        "application_process",
        "fees_description",
        "eligibility_description",
    )
    target_groups = _multi(_choices(TARGET_GROUP_LABELS))
    taxonomy_terms = _multi(_choices(TAXONOMY_LABELS))
    languages = _multi(_LANGUAGES)

    class Meta:
        model = Service
        fields = (
            "status",
            "organization",
            "target_groups",
            "taxonomy_terms",
            "languages",
            "schedules",
            "minimum_age",
            "maximum_age",
            "address_1",
            "city",
            "postal_code",
            "country",
            "phone",
            "email",
            "url",
        )
        help_texts = {"schedules": '[{"byday": ["MO", "TU"], "opens_at": "08:00", "closes_at": "16:00"}]'}


class ServiceAtLocationForm(EntryForm):
    text_fields = ("description",)

    class Meta:
        model = ServiceAtLocation
        fields = ("status", "service", "location", "phone", "email", "url", "schedules")


class EntryAdmin(admin.ModelAdmin[Entry]):
    """Saving publishes: a new revision goes to the outbox in the same transaction. Deleting
    withdraws the entry from the federation instead of erasing it (peers must hear of it)."""

    list_display: tuple[str, ...] = ("__str__", "status", "revision", "updated_at")
    list_filter = ("status",)
    readonly_fields = ("id", "revision", "created_at", "updated_at")

    def save_model(self, request: HttpRequest, obj: Entry, form: Any, change: bool) -> None:
        model = type(obj)
        fields = {k: form.cleaned_data[k] for k in KINDS[model].editable if k in form.cleaned_data}
        saved = (
            entry_update(model, entry_id=obj.id, fields=fields)
            if change
            else entry_create(model, fields=fields)
        )
        obj.pk, obj.revision = saved.pk, saved.revision

    def delete_model(self, request: HttpRequest, obj: Entry) -> None:
        entry_withdraw(type(obj), entry_id=obj.id)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for entry in queryset:
            entry_withdraw(type(entry), entry_id=entry.id)


@admin.register(Organization)
class OrganizationAdmin(EntryAdmin):
    form = OrganizationForm
    list_display = ("__str__", "organization_type", "status", "revision", "updated_at")


@admin.register(Location)
class LocationAdmin(EntryAdmin):
    form = LocationForm


@admin.register(Service)
class ServiceAdmin(EntryAdmin):
    form = ServiceForm
    list_display = ("__str__", "organization", "status", "revision", "updated_at")


@admin.register(ServiceAtLocation)
class ServiceAtLocationAdmin(EntryAdmin):
    form = ServiceAtLocationForm
