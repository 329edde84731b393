"""Each entity declared once; its contract mapping, serializer and admin derived from that.

An ``Entity`` names a Django model, optionally the message type and contract model it publishes
as, and its fields in order, each a kind:

- ``Value``: a plain model field, shown and edited as the model says;
- ``Integer``: a whole number with its own bounds (the model's range differs by database);
- ``Text``: text by language tag (a JSON map), one admin input per language;
- ``Code`` / ``Codes``: one code, or a list of codes, out of a vocabulary (a select, checkboxes);
- ``Records``: a list of objects (e.g. opening hours), given as JSON;
- ``Reference``: a foreign key to another entity, given by id and published as ``<name>_id``;
- ``Group``: model fields published together as one object (an address, a contact);
- ``Computed``: a contract value worked out from the instance, neither shown nor edited.

The order of the fields is the order of the API's fields and of the admin's inputs. A field
not ``editable`` is shown but set by the system; one not ``published`` stays out of the contract
(an entity that publishes nothing, such as a node's own register, has no contract at all).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass
from functools import cached_property
from typing import Any, ClassVar, TypeVar, cast

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models.query import QuerySet
from django.forms.utils import flatatt
from django.http import HttpRequest
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, override
from django_stubs_ext import StrOrPromise
from pydantic import BaseModel, ValidationError
from rest_framework import serializers

from common.languages import language_tag, text_in
from contracts.errors import ContractError, SchemaViolationError, UnknownReferenceError, validation_detail
from contracts.vocabulary import LANGUAGE_TAGS

Label = StrOrPromise
"""What people read: a string or a lazy translation."""

TEXT_HELP = 'Text by language tag, e.g. {"mk": "…", "en": "…"}'


def vocabulary_name(names: Mapping[str, str], code: str) -> str:
    """A code's name in the active language, else in its closest one, else the code itself."""
    return text_in(dict(names), language_tag(get_language())) or code


def vocabulary_choices(labels: Mapping[str, Mapping[str, str]]) -> list[tuple[str, Label]]:
    """A vocabulary of code → names by language as (code, name) choices. Each name is lazy, read
    when shown, so a form built once at import speaks the language of each request."""
    return [(code, lazy(vocabulary_name, str)(names, code)) for code, names in labels.items()]


@dataclass(frozen=True)
class EntityField:
    """One declared field; the subclasses are its kinds."""

    name: str
    _: KW_ONLY
    label: Label | None = None
    """The admin's label; by default the model field's verbose name."""
    help: Label = ""
    required: bool = False
    """The API refuses an entry without it, whatever default the model has."""
    contract: str = ""
    """Its name in the contract, when that differs from the model's."""
    published: bool = True
    editable: bool = True

    @property
    def contract_name(self) -> str:
        return self.contract or self.name

    def columns(self) -> tuple[EntityField, ...]:
        """The fields that stand for model fields, in the API and the admin."""
        return (self,)

    def contract_items(self, instance: models.Model) -> dict[str, Any]:
        return {self.contract_name: self.contract_value(instance)} if self.published else {}

    def contract_value(self, instance: models.Model) -> Any:
        return getattr(instance, self.name)

    def api_field(self, model_field: Any) -> serializers.Field[Any, Any, Any, Any] | None:
        """The serializer field, or None for the one DRF derives from the model field."""
        return None

    def form_field(self, model_field: Any) -> forms.Field | None:
        """The admin form field, or None for the one Django derives from the model field."""
        return None

    @property
    def in_model_form(self) -> bool:
        """Whether the admin edits it as its model field (else through inputs of its own)."""
        return True

    def form_inputs(self, model_field: Any) -> dict[str, forms.Field]:
        return {}

    def form_initial(self, instance: models.Model) -> dict[str, Any]:
        return {}

    def form_collect(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        """The model values its own inputs give."""
        return {}


@dataclass(frozen=True)
class Value(EntityField):
    """A plain model field."""


@dataclass(frozen=True)
class Integer(EntityField):
    """A whole number. Declared, not derived: the derived range differs by database backend."""

    minimum: int | None = None
    maximum: int | None = None

    def api_field(self, model_field: Any) -> serializers.Field[Any, Any, Any, Any]:
        bounds: dict[str, Any] = {
            name: bound
            for name, bound in (("min_value", self.minimum), ("max_value", self.maximum))
            if bound is not None
        }
        if not self.editable:
            return serializers.IntegerField(read_only=True, **bounds)
        return serializers.IntegerField(
            required=self.required, allow_null=model_field.null, **bounds, **_help(self.help)
        )


@dataclass(frozen=True)
class Text(EntityField):
    """Text people read, by language tag; the admin gives one input per language."""

    long: bool = False
    languages: Sequence[str] = LANGUAGE_TAGS

    def api_field(self, model_field: Any) -> serializers.Field[Any, Any, Any, Any]:
        return serializers.DictField(
            child=serializers.CharField(), required=self.required, help_text=self.help or TEXT_HELP
        )

    @property
    def in_model_form(self) -> bool:
        return False

    def form_inputs(self, model_field: Any) -> dict[str, forms.Field]:
        # Not required: whether a text may be missing is the contract's to say.
        label = self.label or _verbose(model_field)
        return {self.name: TextsField(languages=self.languages, long=self.long, label=label)}

    def form_initial(self, instance: models.Model) -> dict[str, Any]:
        current: dict[str, str] = getattr(instance, self.name, None) or {}
        return {self.name: dict(current)}

    def form_collect(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        return {self.name: cleaned.get(self.name) or {}}


@dataclass(frozen=True)
class Code(EntityField):
    """One code out of a vocabulary; the admin offers them as a select."""

    choices: Sequence[tuple[str, Label]]

    def form_field(self, model_field: Any) -> forms.Field:
        return forms.ChoiceField(
            choices=self.choices, required=not model_field.blank, label=self.label or _verbose(model_field)
        )


@dataclass(frozen=True)
class Codes(EntityField):
    """A list of codes out of a vocabulary; the admin offers them as checkboxes."""

    choices: Sequence[tuple[str, Label]]

    def contract_value(self, instance: models.Model) -> Any:
        return tuple(getattr(instance, self.name) or ())

    def api_field(self, model_field: Any) -> serializers.Field[Any, Any, Any, Any]:
        return serializers.ListField(
            child=serializers.CharField(), required=self.required, **_help(self.help)
        )

    def form_field(self, model_field: Any) -> forms.Field:
        return forms.MultipleChoiceField(
            choices=self.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.label or _verbose(model_field),
        )


@dataclass(frozen=True)
class Records(EntityField):
    """A list of objects, such as opening hours; ``help`` shows one."""

    def contract_value(self, instance: models.Model) -> Any:
        return tuple(getattr(instance, self.name) or ())

    def api_field(self, model_field: Any) -> serializers.Field[Any, Any, Any, Any]:
        return serializers.ListField(
            child=serializers.DictField(), required=self.required, **_help(self.help)
        )


@dataclass(frozen=True)
class Hours(Records):
    """Weekly opening hours (``[{"byday": ["MO"], "opens_at": "08:00", "closes_at": "16:00"}]``);
    the admin gives rows of weekday boxes with an opening and a closing time."""

    def form_field(self, model_field: Any) -> forms.Field:
        return HoursField(required=False, label=self.label or _verbose(model_field))


@dataclass(frozen=True)
class Reference(EntityField):
    """Another entity, by its id: the API and the admin take an id, the contract ``<name>_id``."""

    @property
    def contract_name(self) -> str:
        return self.contract or f"{self.name}_id"

    def contract_value(self, instance: models.Model) -> Any:
        return getattr(instance, f"{self.name}_id")


@dataclass(frozen=True)
class Group(EntityField):
    """Model fields published as one object, or as nothing unless one of ``present_if`` is set."""

    members: tuple[EntityField, ...]
    _: KW_ONLY
    present_if: tuple[str, ...] = ()

    def columns(self) -> tuple[EntityField, ...]:
        return tuple(column for member in self.members for column in member.columns())

    def contract_value(self, instance: models.Model) -> Any:
        if self.present_if and not any(getattr(instance, name) for name in self.present_if):
            return None
        items: dict[str, Any] = {}
        for member in self.members:
            items |= member.contract_items(instance)
        return items


@dataclass(frozen=True)
class Computed(EntityField):
    """A contract value worked out from the instance; neither shown nor edited."""

    compute: Callable[[Any], Any]

    def columns(self) -> tuple[EntityField, ...]:
        return ()

    def contract_value(self, instance: models.Model) -> Any:
        return self.compute(instance)


def _verbose(model_field: Any) -> Label:
    # A declared form field does not take its label from the model field, as a derived one does.
    label: Label = capfirst(model_field.verbose_name)
    return label


def _help(text: Label) -> dict[str, Any]:
    return {"help_text": text} if text else {}


def entity_invalid(exc: ValidationError, what: str) -> ContractError:
    """The error of an instance its contract refuses, with every failing field in ``detail``."""
    return SchemaViolationError(f"The {what} is not valid.", detail=validation_detail(exc))


@dataclass(frozen=True)
class Entity:
    """One entity: its model, what it publishes as (if anything) and its fields, in order."""

    model: type[models.Model]
    fields: tuple[EntityField, ...]
    _: KW_ONLY
    message_type: str | None = None
    contract: type[BaseModel] | None = None
    what: str = ""
    """How errors name it; by default the model's verbose name."""
    invalid: Callable[[ValidationError, str], Exception] = entity_invalid
    """The error for an instance its contract refuses, given the pydantic error and ``what``."""

    @cached_property
    def columns(self) -> tuple[EntityField, ...]:
        """The fields that stand for model fields, groups opened, in order."""
        return tuple(column for declared in self.fields for column in declared.columns())

    @cached_property
    def shown(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @cached_property
    def editable(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.editable)

    @cached_property
    def read_only(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if not column.editable)

    @cached_property
    def references(self) -> dict[str, type[models.Model]]:
        """Each reference's name and the model it refers to (from the foreign key)."""
        return {
            column.name: cast(type[models.Model], self.model_field(column.name).related_model)
            for column in self.columns
            if isinstance(column, Reference)
        }

    @property
    def label(self) -> str:
        # Error messages are English whatever the request's language (the verbose name is lazy).
        with override("en"):
            return self.what or str(self.model._meta.verbose_name)

    def model_field(self, name: str) -> Any:
        return self.model._meta.get_field(name)

    def to_contract(self, instance: models.Model) -> BaseModel:
        """The instance as it is published; raises ``invalid`` naming each bad field."""
        if self.contract is None:
            raise TypeError(f"The {self.label} publishes nothing.")
        data: dict[str, Any] = {}
        for declared in self.fields:
            data |= declared.contract_items(instance)
        try:
            return self.contract.model_validate(data)
        except ValidationError as exc:
            raise self.invalid(exc, self.label) from exc

    def assign(self, instance: models.Model, values: Mapping[str, Any]) -> None:
        """Set the editable fields among ``values`` (others are ignored). A reference may be an
        instance (saved or not) or an id, which must name an instance that is held here."""
        for name, value in values.items():
            if name not in self.editable:
                continue
            target = self.references.get(name)
            if target is not None and value is not None and not isinstance(value, models.Model):
                found = target._default_manager.filter(pk=value).first()
                if found is None:
                    raise UnknownReferenceError(
                        f"This node has no {name.replace('_', ' ')} {value}.", detail={"field": name}
                    )
                value = found
            setattr(instance, name, value)


# --- the API -----------------------------------------------------------------------------------


class EntitySerializer(serializers.ModelSerializer[Any]):
    """Input and output of an entity; references are given as ids."""

    entity: ClassVar[Entity]

    def to_internal_value(self, data: Any) -> Any:
        values = super().to_internal_value(data)
        # References as ids, so the services check them the same way whoever calls.
        for name in self.entity.references:
            if isinstance(values.get(name), models.Model):
                values[name] = values[name].pk
        return values


SerializerT = TypeVar("SerializerT", bound=EntitySerializer)


def entity_serializer(entity: Entity, *, base: type[SerializerT]) -> type[SerializerT]:
    """The serializer of an entity, a subclass of ``base`` (``EntitySerializer`` or one of its own)
    named ``<Model>Serializer``, which is the name its OpenAPI component takes."""
    declared: dict[str, Any] = {}
    extra: dict[str, dict[str, Any]] = {}
    for column in entity.columns:
        api_field = column.api_field(entity.model_field(column.name))
        if api_field is not None:
            declared[column.name] = api_field
        elif column.required or column.help:
            extra[column.name] = {"required": True} if column.required else {}
            extra[column.name] |= _help(column.help)
    meta = type(
        "Meta",
        (),
        {
            "model": entity.model,
            "fields": entity.shown,
            "read_only_fields": entity.read_only,
            "extra_kwargs": extra,
        },
    )
    name = f"{entity.model.__name__}Serializer"
    return cast(type[SerializerT], type(name, (base,), {**declared, "entity": entity, "Meta": meta}))


# --- the admin ---------------------------------------------------------------------------------


_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ASSETS = forms.Media(css={"all": ("catalogue/entity-form.css",)}, js=("catalogue/entity-form.js",))


def _primary(languages: Sequence[str]) -> str:
    """The language of a text's first input: the reader's, when the text is kept in it."""
    tag = language_tag(get_language())
    return tag if tag in languages else languages[0]


class TextsWidget(forms.Widget):
    """A text's inputs, one per language (``<name>__<tag>``): the reader's language first, the
    others folded away in a ``<details>`` that says which of them hold a text (no script needed)."""

    media = _ASSETS

    def __init__(self, *, languages: Sequence[str], long: bool, label: Label) -> None:
        super().__init__()
        self.languages, self.long, self.label = tuple(languages), long, label

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str]:
        return {tag: data.get(f"{name}__{tag}", "") for tag in self.languages}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}__{tag}" in data for tag in self.languages)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}__{_primary(self.languages)}" if id_ else id_

    def _input(self, name: str, tag: str, text: str, id_: str, *, rows: int) -> SafeString:
        attrs = {"id": f"{id_}__{tag}", "lang": tag, "aria-label": f"{self.label} ({tag})"}
        if self.long:
            return format_html(
                '<textarea name="{}" rows="{}"{}>\n{}</textarea>',
                f"{name}__{tag}",
                rows,
                flatatt(attrs),
                text,
            )
        return format_html(
            '<input type="text" name="{}" value="{}"{}>', f"{name}__{tag}", text, flatatt(attrs)
        )

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        texts = value if isinstance(value, dict) else {}
        id_ = (attrs or {}).get("id") or f"id_{name}"
        first = _primary(self.languages)
        others = [tag for tag in self.languages if tag != first]
        filled = [tag for tag in others if texts.get(tag)]
        summary = gettext("Other languages")
        if filled:
            summary = gettext("Other languages (filled: %(languages)s)") % {"languages": ", ".join(filled)}
        rows = format_html_join(
            "",
            '<label class="texts-other"><span class="texts-tag">{}</span>{}</label>',
            ((tag, self._input(name, tag, texts.get(tag, ""), id_, rows=2)) for tag in others),
        )
        return format_html(
            '<div class="texts"><div class="texts-first">{}<span class="texts-tag">{}</span></div>'
            '<details class="texts-others"><summary>{}</summary>{}</details></div>',
            self._input(name, first, texts.get(first, ""), id_, rows=3),
            first,
            summary,
            rows,
        )


class TextsField(forms.Field):
    """A text by language tag from its inputs, blank ones left out."""

    def __init__(self, *, languages: Sequence[str], long: bool, label: Label) -> None:
        widget = TextsWidget(languages=languages, long=long, label=label)
        super().__init__(required=False, label=label, widget=widget)

    def clean(self, value: Any) -> dict[str, str]:
        texts = value if isinstance(value, dict) else {}
        return {tag: str(text).strip() for tag, text in texts.items() if str(text or "").strip()}


class HoursWidget(forms.Widget):
    """Opening hours as rows of weekday boxes with an opening and a closing time, posted as
    ``<name>-<row>-byday`` / ``-opens_at`` / ``-closes_at`` with ``<name>-rows``. One blank row is
    always there, so more hours can be added without script; the script only adds rows."""

    media = _ASSETS

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if f"{name}-rows" not in data:
            return data.get(name)  # the hours as JSON, as a client without the rows posts them
        count = min(_int(data.get(f"{name}-rows")), 50)
        get_list = data.getlist if hasattr(data, "getlist") else lambda key: data.get(key) or []
        return [
            {
                "byday": [day for day in get_list(f"{name}-{row}-byday") if day in _DAYS],
                "opens_at": data.get(f"{name}-{row}-opens_at", ""),
                "closes_at": data.get(f"{name}-{row}-closes_at", ""),
            }
            for row in range(count)
        ]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return f"{name}-rows" not in data and name not in data

    def id_for_label(self, id_: str) -> str:
        return f"{id_}-0-opens_at" if id_ else id_

    def _row(self, name: str, row: int, hours: dict[str, Any], id_: str) -> SafeString:
        days = format_html_join(
            "",
            '<label class="hours-day"><input type="checkbox" name="{}" value="{}"{}> {}</label>',
            (
                (f"{name}-{row}-byday", day, " checked" if day in (hours.get("byday") or ()) else "", label)
                for day, label in zip(_DAYS, WEEKDAYS_ABBR.values(), strict=True)
            ),
        )
        return format_html(
            '<div class="hours-row" role="group" aria-label="{}">{}'
            '<label class="hours-time">{} <input type="time" name="{}" id="{}" value="{}"></label>'
            '<label class="hours-time">{} <input type="time" name="{}" value="{}"></label></div>',
            gettext("Opening hours, row %(row)s") % {"row": row + 1},
            days,
            gettext("opens"),
            f"{name}-{row}-opens_at",
            f"{id_}-{row}-opens_at",
            hours.get("opens_at") or "",
            gettext("closes"),
            f"{name}-{row}-closes_at",
            hours.get("closes_at") or "",
        )

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if isinstance(value, str):
            try:
                value = json.loads(value or "[]")
            except ValueError:
                value = []
        given = [hours for hours in value if isinstance(hours, dict)] if isinstance(value, list) else []
        rows = [*given, {}]
        id_ = (attrs or {}).get("id") or f"id_{name}"
        return format_html(
            '<div class="hours" data-name="{}"><input type="hidden" name="{}" value="{}">{}'
            '<button type="button" class="hours-add" hidden>{}</button></div>',
            name,
            f"{name}-rows",
            len(rows),
            format_html_join(
                "", "{}", ((self._row(name, row, hours, id_),) for row, hours in enumerate(rows))
            ),
            gettext("Add hours"),
        )


class HoursField(forms.Field):
    """Opening hours from the rows (blank rows left out), or from JSON; a row with days but no
    times, or times but no days, is refused. Whether the times are valid is the contract's to say."""

    widget = HoursWidget

    def clean(self, value: Any) -> list[dict[str, Any]]:
        if value in (None, ""):
            return []
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError as exc:
                raise forms.ValidationError(
                    gettext("Enter the hours as a JSON list."), code="invalid"
                ) from exc
            if not isinstance(value, list):
                raise forms.ValidationError(gettext("Enter the hours as a JSON list."), code="invalid")
            return value
        hours = []
        for row, given in enumerate(value, start=1):
            days, opens, closes = given["byday"], given["opens_at"][:5], given["closes_at"][:5]
            if not (days or opens or closes):
                continue
            if not (days and opens and closes):
                raise forms.ValidationError(
                    gettext("Row %(row)s: choose at least one day, and when it opens and closes.")
                    % {"row": row},
                    code="incomplete",
                )
            hours.append({"byday": days, "opens_at": opens, "closes_at": closes})
        return hours


def _int(raw: Any) -> int:
    try:
        return max(0, int(raw))
    except (TypeError, ValueError):
        return 0


class EntityForm(forms.ModelForm[Any]):
    """The admin form of an entity. ``check`` is where the rules of the whole entity are asked,
    so the admin refuses what the API refuses, with the same codes."""

    entity: ClassVar[Entity]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for column in self.entity.columns:
            for name, value in column.form_initial(self.instance).items():
                self.initial.setdefault(name, value)

    def check(self, fields: dict[str, Any]) -> None:
        """Raise a ``ContractError`` if these editable fields would be refused."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for column in self.entity.columns:
            cleaned |= column.form_collect(cleaned)
        fields = {
            name: cleaned.get(name, getattr(self.instance, name, None)) for name in self.entity.editable
        }
        try:
            self.check(fields)
        except ContractError as exc:
            for item in exc.detail if isinstance(exc.detail, list) else []:
                self.add_error(None, f"{item['field']}: {item['message']}")
            if not isinstance(exc.detail, list):
                self.add_error(None, f"{exc.code}: {exc.message}")
        return cleaned


def entity_form(entity: Entity, *, base: type[EntityForm] = EntityForm) -> type[EntityForm]:
    """The admin form of an entity: its editable model fields (code lists as choices), and their
    own inputs for the others (one per language for a text), declared so the admin lays them out."""
    declared: dict[str, forms.Field] = {}
    fields: list[str] = []
    labels: dict[str, Label] = {}
    help_texts: dict[str, Label] = {}
    for column in entity.columns:
        if not column.editable:
            continue
        model_field = entity.model_field(column.name)
        declared |= column.form_inputs(model_field)
        if not column.in_model_form:
            continue
        fields.append(column.name)
        form_field = column.form_field(model_field)
        if form_field is not None:
            declared[column.name] = form_field
        if column.label:
            labels[column.name] = column.label
        if column.help:
            help_texts[column.name] = column.help
    meta = type(
        "Meta",
        (),
        {"model": entity.model, "fields": tuple(fields), "labels": labels, "help_texts": help_texts},
    )
    name = f"{entity.model.__name__}Form"
    return cast(type[EntityForm], type(name, (base,), {**declared, "entity": entity, "Meta": meta}))


class EntityAdmin(admin.ModelAdmin[Any]):
    """The admin of an entity. Saving and deleting go through ``entity_save`` and
    ``entity_delete``, so that an entity's services can do what a write must."""

    entity: ClassVar[Entity]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in self.entity.editable if name in form.cleaned_data}
        self.entity_save(obj, fields=fields, change=change)

    def entity_save(self, obj: Any, *, fields: dict[str, Any], change: bool) -> None:
        self.entity.assign(obj, fields)
        obj.save()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.entity_delete(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.entity_delete(obj)

    def entity_delete(self, obj: Any) -> None:
        obj.delete()


def entity_admin(
    entity: Entity,
    *,
    base: type[EntityAdmin] = EntityAdmin,
    form: type[EntityForm] = EntityForm,
    **options: Any,
) -> type[EntityAdmin]:
    """The ModelAdmin of an entity: its form, its system-set fields read-only, and ``options``
    (``list_display`` …) as class attributes."""
    attributes = {
        "entity": entity,
        "form": entity_form(entity, base=form),
        "readonly_fields": entity.read_only,
        **options,
    }
    return cast(type[EntityAdmin], type(f"{entity.model.__name__}Admin", (base,), attributes))
