"""Pages of the access log (supervisors and auditors) and of a person's subject-access export.

Thin: each asks one selector or service, which checks the role and team and logs the read; a
refusal is shown with its code and status, and is in the log too."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from common.catalogue.hsds import LANGUAGE_NAMES
from common.entities import vocabulary_choices
from contracts.errors import ContractError
from contracts.vocabulary import LANGUAGE_TAGS, SEX_LABELS
from node.register.access import access_check, access_record, actor_of
from node.register.models import TIMELINE_MODELS, AccessAction, AccessEvent, Household, Person
from node.register.rights import REMOVED_KINDS, person_erase, person_export, person_language, person_rectify
from node.register.selectors import access_log_for_person, access_log_for_staff, access_log_recent, person_get
from node.register.views.common import refused

_TIMELINE = {model._meta.model_name: model for model in TIMELINE_MODELS}
_ENTRY_HEAD = ("type", "type_label", "id", "date")


@login_required(login_url="register:login")
def audit_index(request: HttpRequest) -> HttpResponse:
    """The newest lines of the access log, filtered by action and to refused attempts."""
    action = request.GET.get("action", "")
    refused_only = request.GET.get("refused") == "1"
    try:
        lines = access_log_recent(actor=request.user, action=action, refused_only=refused_only)
    except ContractError as exc:
        return _refused(request, exc)
    return _page(
        request,
        "register/rights/audit_index.html",
        {
            "lines": log_lines(lines),
            "actions": AccessAction.choices,
            "action": action,
            "refused_only": refused_only,
        },
    )


@login_required(login_url="register:login")
def audit_person(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Every line of the log about one person (also after their erasure)."""
    try:
        lines = access_log_for_person(actor=request.user, person_id=person_id)
    except ContractError as exc:
        return _refused(request, exc)
    return _page(
        request,
        "register/rights/audit_person.html",
        {
            "person_id": person_id,
            "person": Person.objects.filter(pk=person_id).first(),
            "lines": log_lines(lines),
        },
    )


@login_required(login_url="register:login")
def audit_staff(request: HttpRequest, user_id: int) -> HttpResponse:
    """Every line of the log written by one member of staff."""
    try:
        lines = access_log_for_staff(actor=request.user, user_id=user_id)
    except ContractError as exc:
        return _refused(request, exc)
    member = get_user_model().objects.filter(pk=user_id).first()
    return _page(
        request,
        "register/rights/audit_staff.html",
        {
            "user_id": user_id,
            "username": member.get_username() if member is not None else "",
            "lines": log_lines(lines),
        },
    )


@login_required(login_url="register:login")
def person_export_page(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """The subject-access export, as a page in the person's language (``?format=json``: the JSON)."""
    if request.GET.get("format") == "json":
        return person_export_json(request, person_id)
    person = get_object_or_404(Person.objects.select_related("team", "settlement", "household"), pk=person_id)
    with translation.override(person_language(person)):
        try:
            export = person_export(actor=request.user, person=person)
        except ContractError as exc:
            return _refused(request, exc)
        response = render(request, "register/rights/export.html", _readable(export) | {"section": "people"})
        response["Content-Language"] = translation.get_language() or "en"
        return response


@login_required(login_url="register:login")
def person_export_json(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """The subject-access export as a JSON download."""
    person = get_object_or_404(Person.objects.select_related("team", "settlement", "household"), pk=person_id)
    try:
        export = person_export(actor=request.user, person=person)
    except ContractError as exc:
        return JsonResponse(
            {"code": exc.code, "message": exc.message, "detail": exc.detail}, status=exc.http_status
        )
    response = JsonResponse(export, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="subject-access-{person.pk}.json"'
    return response


class RectifyForm(forms.Form):
    """The person's details a rectification may correct, and why (kept in the access log)."""

    reference = forms.CharField(label=gettext_lazy("register number"), max_length=40)
    given_name = forms.CharField(label=gettext_lazy("given name"), max_length=100)
    family_name = forms.CharField(label=gettext_lazy("family name"), max_length=100)
    sex = forms.ChoiceField(label=gettext_lazy("sex"), choices=vocabulary_choices(SEX_LABELS))
    birth_date = forms.DateField(
        label=gettext_lazy("date of birth"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    language = forms.ChoiceField(
        label=gettext_lazy("language"), choices=[(tag, LANGUAGE_NAMES[tag]) for tag in LANGUAGE_TAGS]
    )
    phone = forms.CharField(label=gettext_lazy("phone"), max_length=40, required=False)
    why = forms.CharField(
        label=gettext_lazy("Why (kept in the access log)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
    )


class EraseForm(forms.Form):
    why = forms.CharField(
        label=gettext_lazy("Why (kept in the access log)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
    )


@login_required(login_url="register:login")
@require_http_methods(["GET", "POST"])
def person_rectify_page(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """A supervisor corrects a person's details; the change is logged with the fields' names and why."""
    try:
        person = person_get(actor=request.user, person_id=person_id, why="rectification")
        if request.method == "GET":
            _form_allowed(request.user, action=AccessAction.RECTIFY, person=person)
    except ContractError as exc:
        return _refused(request, exc)
    initial = {name: getattr(person, name) for name in RectifyForm.base_fields if name != "why"}
    form = RectifyForm(request.POST or None, initial=initial)
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.changed_data if name != "why"}
            try:
                person_rectify(actor=request.user, person=person, fields=fields, why=form.cleaned_data["why"])
            except ContractError as exc:
                if exc.http_status == 403:
                    return _refused(request, exc)
                error, status = exc.message, exc.http_status
            else:
                messages.success(
                    request, _("The correction is saved. Its line is at the top of the person's log.")
                )
                return HttpResponseRedirect(reverse("register:audit-person", args=[person.pk]))
        else:
            status = 422
    return _page(
        request,
        "register/rights/rectify.html",
        {"person": person, "form": form, "error": error, "section": "people"},
        status=status,
    )


@login_required(login_url="register:login")
@require_http_methods(["GET", "POST"])
def person_erase_page(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """A supervisor erases a person and everything of theirs; the log keeps its lines about them."""
    try:
        person = person_get(actor=request.user, person_id=person_id, why="erasure")
        if request.method == "GET":
            _form_allowed(request.user, action=AccessAction.ERASE, person=person)
    except ContractError as exc:
        return _refused(request, exc)
    form = EraseForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                removed = person_erase(actor=request.user, person=person, why=form.cleaned_data["why"])
            except ContractError as exc:
                if exc.http_status == 403:
                    return _refused(request, exc)
                error, status = exc.message, exc.http_status
            else:
                return _page(
                    request,
                    "register/rights/erased.html",
                    {
                        "person_id": person_id,
                        "section": "people",
                        "removed": [
                            (model._meta.verbose_name_plural, removed[key])
                            for key, model in REMOVED_KINDS
                            if removed[key]
                        ],
                    },
                )
        else:
            status = 422
    return _page(
        request,
        "register/rights/erase.html",
        {"person": person, "form": form, "error": error, "section": "people"},
        status=status,
    )


# --- helpers ------------------------------------------------------------------------------------


def _form_allowed(user: Any, *, action: str, person: Person) -> None:
    """Refuse the form to a role that may not send it, before it is filled in for nothing; the
    refusal is logged as the service logs one (a form sent is refused and logged by the service)."""
    actor = actor_of(user)
    try:
        access_check(actor, action=action, person=person)
    except ContractError as exc:
        access_record(
            actor, action=action, person_id=person.pk, what=f"{action} form", allowed=False, code=exc.code
        )
        raise


def _page(request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
    response = render(request, template, {"section": "audit", **context}, status=status)
    response["Content-Language"] = translation.get_language() or "en"
    return response


def _refused(request: HttpRequest, exc: ContractError) -> HttpResponse:
    response = refused(request, exc)
    response["Content-Language"] = translation.get_language() or "en"
    return response


def log_lines(lines: list[AccessEvent]) -> list[dict[str, Any]]:
    """The log's lines for a page; a line names its person by a link while they are in the register."""
    present = set(
        Person.objects.filter(pk__in={line.person_id for line in lines if line.person_id}).values_list(
            "pk", flat=True
        )
    )
    return [_line(line) | {"person_present": line.person_id in present} for line in lines]


def _line(line: Any) -> dict[str, Any]:
    return {
        "at": _datetime(line.at),
        "username": line.username,
        "user_id": line.user_id,
        "person_id": line.person_id,
        "action": line.get_action_display(),
        "what": line.what,
        "why": line.why,
        "allowed": line.allowed,
        "code": line.code,
    }


def _readable(export: Mapping[str, Any]) -> dict[str, Any]:
    """The export as rows of (label, text) for people to read, labels in the active language."""
    person = export["person"]
    household = export["household"]
    return {
        "export": export,
        "generated_at": _datetime(dt.datetime.fromisoformat(export["generated_at"])),
        "person_rows": _rows(person, Person, skip=("id",)),
        "household_rows": _rows(household, Household, skip=("id",)) if household else [],
        "timeline": [
            {
                "type_label": entry["type_label"],
                "date": _display(entry["date"], models.DateField()),
                "rows": _rows(entry, _TIMELINE[entry["type"]], skip=_ENTRY_HEAD),
            }
            for entry in export["timeline"]
        ],
        "plans": export["counselling_plans"],
        "flags": [
            flag
            | {
                "raised_at": _display(flag["raised_at"], models.DateTimeField()),
                "decided_at": _display(flag["decided_at"], models.DateTimeField()),
                "evidence": ", ".join(f"{k}: {_display(v)}" for k, v in flag["evidence"].items()),
            }
            for flag in export["flags"]
        ],
        "log": [line | {"at": _display(line["at"], models.DateTimeField())} for line in export["access_log"]],
    }


def _rows(
    data: Mapping[str, Any], model: type[models.Model], *, skip: tuple[str, ...]
) -> list[tuple[str, str]]:
    rows = []
    for key, value in data.items():
        if key in skip:
            continue
        field = _field(model, key)
        label = str(field.verbose_name) if field is not None else _other_label(key)
        rows.append((label[:1].upper() + label[1:], _display(value, field)))
    return rows


def _field(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a key of the export that is no model field (other_members)
        return None


def _other_label(key: str) -> str:
    if key == "recorded_at":
        return _("recorded at")
    if key == "other_members":
        return _("other members")
    if key == "role":
        return _("role in the household")
    return key.replace("_", " ")


def _display(value: Any, field: Any = None) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict) and "label" in value:
        return str(value["label"])
    if isinstance(value, list) and all(isinstance(v, dict) and "label" in v for v in value):
        return ", ".join(str(v["label"]) for v in value)
    if isinstance(value, str) and isinstance(field, models.DateTimeField):
        return _datetime(dt.datetime.fromisoformat(value))
    if isinstance(value, str) and isinstance(field, models.DateField):
        return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _datetime(value: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
