from __future__ import annotations

from collections.abc import Sequence
from typing import Any, get_args

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from contracts.errors import ContractError
from contracts.vocabulary import LANGUAGE_TAGS, TARGET_GROUP_LABELS, TAXONOMY_LABELS, OrganizationType
from node.catalogue.models import Entry, Location, Organization, Service, ServiceAtLocation
from node.catalogue.services import KINDS, entry_create, entry_draft, entry_update, entry_withdraw

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


def _text_fields(model: type[Entry]) -> tuple[str, ...]:
    """An entry's texts by language: one input per language each."""
    return tuple(name for name in KINDS[model].editable if name in _TEXT_LABELS)


def _plain_fields(model: type[Entry]) -> tuple[str, ...]:
    return tuple(name for name in KINDS[model].editable if name not in _TEXT_LABELS)


def _choices(labels: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    return [(code, names.get("en", code)) for code, names in labels.items()]


class EntryForm(forms.ModelForm[Entry]):
    """One input per language for each text (instead of raw JSON); the contract decides what is
    valid, so the admin and the API obey the same rules and report the same codes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in _text_fields(type(self.instance)):
            current: dict[str, str] = getattr(self.instance, field, None) or {}
            for tag in LANGUAGE_TAGS:
                self.initial.setdefault(f"{field}__{tag}", current.get(tag, ""))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        model = type(self.instance)
        for field in _text_fields(model):
            cleaned[field] = {
                tag: cleaned[f"{field}__{tag}"].strip()
                for tag in LANGUAGE_TAGS
                if cleaned.get(f"{field}__{tag}", "").strip()
            }
        fields = {
            name: cleaned.get(name, getattr(self.instance, name, None)) for name in KINDS[model].editable
        }
        try:
            entry_draft(model, fields=fields, entry_id=self.instance.id, revision=self.instance.revision)
        except ContractError as exc:
            for item in exc.detail if isinstance(exc.detail, list) else []:
                self.add_error(None, f"{item['field']}: {item['message']}")
            if not isinstance(exc.detail, list):
                self.add_error(None, f"{exc.code}: {exc.message}")
        return cleaned


def _multi(labels: Sequence[tuple[str, str]]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(choices=labels, required=False, widget=forms.CheckboxSelectMultiple)


_LANGUAGES = [(tag, tag) for tag in LANGUAGE_TAGS]
_SCHEDULES_HELP = '[{"byday": ["MO", "TU"], "opens_at": "08:00", "closes_at": "16:00"}]'
_CHOICES: dict[str, Any] = {
    "organization_type": lambda: forms.ChoiceField(choices=[(t, t) for t in get_args(OrganizationType)]),
    "languages": lambda: _multi(_LANGUAGES),
    "target_groups": lambda: _multi(_choices(TARGET_GROUP_LABELS)),
    "taxonomy_terms": lambda: _multi(_choices(TAXONOMY_LABELS)),
}


def entry_form(model: type[Entry]) -> type[EntryForm]:
    """The admin form of an entry type: its plain fields, code lists as choices, and one input per
    language for each text, declared on the class so the admin lays them out."""
    declared: dict[str, Any] = {
        f"{field}__{tag}": forms.CharField(
            label=f"{_TEXT_LABELS[field]} ({tag})",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}) if field in _LONG else forms.TextInput(),
        )
        for field in _text_fields(model)
        for tag in LANGUAGE_TAGS
    }
    plain = _plain_fields(model)
    declared |= {name: make() for name, make in _CHOICES.items() if name in plain}
    meta = type("Meta", (), {"model": model, "fields": plain, "help_texts": {"schedules": _SCHEDULES_HELP}})
    return type(f"{model.__name__}Form", (EntryForm,), {**declared, "Meta": meta})


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
    form = entry_form(Organization)
    list_display = ("__str__", "organization_type", "status", "revision", "updated_at")


@admin.register(Location)
class LocationAdmin(EntryAdmin):
    form = entry_form(Location)


@admin.register(Service)
class ServiceAdmin(EntryAdmin):
    form = entry_form(Service)
    list_display = ("__str__", "organization", "status", "revision", "updated_at")


@admin.register(ServiceAtLocation)
class ServiceAtLocationAdmin(EntryAdmin):
    form = entry_form(ServiceAtLocation)
