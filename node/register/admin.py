"""The register's back office. The rules of the register hold here as everywhere: the admin user
needs a role in the register (a ``Staff`` row) to see or change anyone, sees only their caseload,
and every save goes through the register's services, so it is validated, refused with the same
codes as the API, and written to the access log with the admin user as the actor. Timeline
entries and flags are written by caseworkers (their pages and the API); here they are read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.entities import Code, Codes, Entity, EntityAdmin, EntityForm, entity_admin, entity_form
from common.search import query_words
from contracts.errors import ContractError, NotStaffError
from contracts.vocabulary import TARGET_GROUP_LABELS
from node.register import selectors, services
from node.register.access import Actor, access_record, actor_of, caseload
from node.register.entities import (
    FLAG_ENTITY,
    HOUSEHOLD_ENTITY,
    PERSON_ENTITY,
    PLAN_ENTITY,
    SETTLEMENT_ENTITY,
    STAFF_ENTITY,
    TEAM_ENTITY,
    TIMELINE_ENTITIES,
)
from node.register.models import AccessAction, AccessEvent, Flag, Household, Person

# --- codes shown by their names -----------------------------------------------------------------


def labelled(entity: Entity, name: str) -> Callable[[Any], str]:
    """A column showing a code (or a list of codes) by its name in the active language."""
    column = next(column for column in entity.columns if column.name == name)
    assert isinstance(column, Code | Codes)
    choices = column.choices

    def show(obj: Any) -> str:
        value = getattr(obj, name)
        names = dict(choices)
        return ", ".join(
            str(names.get(code, code)) for code in (value if isinstance(value, list) else [value]) if code
        )

    show.short_description = entity.model_field(name).verbose_name  # type: ignore[attr-defined]
    show.__name__ = f"{name}_label"
    return show


def shown(entity: Entity, *, leave_out: tuple[str, ...] = ()) -> tuple[str | Callable[[Any], str], ...]:
    """An entity's columns for a read-only view, codes by their names."""
    return tuple(
        labelled(entity, column.name) if isinstance(column, Code | Codes) else column.name
        for column in entity.columns
        if column.name not in leave_out
    )


# --- who the admin user is in the register ----------------------------------------------------


def admin_actor(request: HttpRequest) -> Actor | None:
    return _actor_or_none(request.user)


def _no_role_warning(request: HttpRequest) -> None:
    staff_add = reverse("admin:register_staff_add")
    messages.warning(
        request,
        format_html(
            '{} <a href="{}?user={}">{}</a>',
            gettext(
                "You have no role in the register, so it shows you no one and you cannot change it, "
                "even as a superuser."
            ),
            staff_add,
            request.user.pk,
            gettext("Give yourself a role (caseworker, supervisor or auditor)."),
        ),
    )


class _CaseloadAdmin(admin.ModelAdmin[Any]):
    """What the admin user sees is their caseload, as everywhere in the register."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows = super().get_queryset(request)
        actor = admin_actor(request)
        if actor is None:
            return rows.none()
        return self.caseload(rows, actor)

    def caseload(self, rows: QuerySet[Any], actor: Actor) -> QuerySet[Any]:
        return rows.filter(caseload(actor, through="person__"))

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        if admin_actor(request) is None:
            _no_role_warning(request)
        return super().changelist_view(request, extra_context)


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- writes through the services ---------------------------------------------------------------


class _DryRunError(Exception):
    """Undoes a trial write: the form asks the service, then takes the write back."""


class ServiceForm(EntityForm):
    """The admin form of a register entity: ``check`` asks the entity's service for real and takes
    the write back, so the admin refuses what the service refuses, with its code, before Django
    saves anything; the admin's ``save_model`` then makes the write."""

    actor_user: Any = None
    write: Callable[[Any, Any, dict[str, Any]], Any] | None = None

    def check(self, fields: dict[str, Any]) -> None:
        if self.write is None:
            return
        changed = _changed(self, fields)
        try:
            with transaction.atomic():
                type(self).write(self.actor_user, self.instance, changed)  # type: ignore[misc]
                raise _DryRunError
        except _DryRunError:
            return
        except ContractError as exc:
            # The trial's own log line went with the rollback: log the refused attempt here.
            adding = self.instance._state.adding
            access_record(
                _actor_or_none(self.actor_user),
                user=self.actor_user,
                action=AccessAction.CREATE if adding else AccessAction.UPDATE,
                person_id=None if adding or not isinstance(self.instance, Person) else self.instance.pk,
                what=f"{self.entity.label} (admin)",
                allowed=False,
                code=exc.code,
            )
            raise


def _actor_or_none(user: Any) -> Actor | None:
    try:
        return actor_of(user)
    except NotStaffError:
        return None


def _changed(form: EntityForm, fields: dict[str, Any]) -> dict[str, Any]:
    """On a change, only what the form changed (the log line names those fields)."""
    if form.instance._state.adding:
        return fields
    return {name: value for name, value in fields.items() if name in form.changed_data}


def _person_write(user: Any, instance: Person, fields: dict[str, Any]) -> Person:
    if instance._state.adding:
        return services.person_create(actor=user, fields=fields, why="admin")
    current = Person.objects.get(pk=instance.pk)
    return services.person_update(actor=user, person=current, fields=fields, why="admin")


def _household_write(user: Any, instance: Household, fields: dict[str, Any]) -> Household:
    return services.household_create(
        actor=user,
        settlement=fields["settlement"],
        address=fields.get("address") or "",
        size=fields.get("size"),
        team=fields.get("team"),
    )


class ServiceAdmin(EntityAdmin):
    """Saves through the form's service; the admin user is the actor."""

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"actor_user": request.user})

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in self.entity.editable if name in form.cleaned_data}
        saved = type(form).write(request.user, obj, _changed(form, fields))
        obj.pk = saved.pk
        obj._state.adding = False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Erasure is one of the person's rights, with its own service and log line; not a delete.
        return False

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> Any:
        if admin_actor(request) is None:
            _no_role_warning(request)
        return super().changeform_view(request, object_id, form_url, extra_context)


class _TimelineInline(admin.TabularInline[Any, Any]):
    """A kind of entry on the person's page, as the caseworkers recorded it."""

    extra = 0
    can_delete = False
    fk_name = "person"
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _inline(entity: Entity) -> type[_TimelineInline]:
    # What a caseworker wrote and who; when it was typed in is in the access log.
    columns = shown(entity, leave_out=("id", "person", "recorded_at", "created_at"))
    return type(
        f"{entity.model.__name__}Inline",
        (_TimelineInline,),
        {"model": entity.model, "fields": columns, "readonly_fields": columns},
    )


class RiskLevelFilter(admin.SimpleListFilter):
    title = _("risk level")
    parameter_name = "risk_level"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, Any]]:
        return [(code, label) for code, label in _choices(PERSON_ENTITY, "risk_level")]

    def queryset(self, request: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(risk_level=self.value()) if self.value() else queryset


class TargetGroupFilter(admin.SimpleListFilter):
    title = _("target group")
    parameter_name = "target_group"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, Any]]:
        return [(code, label) for code, label in _choices(PERSON_ENTITY, "target_groups")]

    def queryset(self, request: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
        code = self.value()
        if code not in TARGET_GROUP_LABELS:
            return queryset
        # A JSON list of codes, matched as text: ``contains`` on a JSON list is not on SQLite.
        return queryset.filter(target_groups__icontains=f'"{code}"')


def _choices(entity: Entity, name: str) -> list[tuple[str, Any]]:
    column = next(column for column in entity.columns if column.name == name)
    assert isinstance(column, Code | Codes)
    return list(column.choices)


_PERSON_FORM = type(
    "PersonForm", (entity_form(PERSON_ENTITY, base=ServiceForm),), {"write": staticmethod(_person_write)}
)


@admin.register(Person)
class PersonAdmin(_CaseloadAdmin, ServiceAdmin):
    entity = PERSON_ENTITY
    form = _PERSON_FORM
    # Set by the assessments, shown by their names.
    readonly_fields: ClassVar[Any] = tuple(
        labelled(PERSON_ENTITY, name) if name in ("risk_types", "risk_level") else name
        for name in PERSON_ENTITY.read_only
    )
    list_display = (
        "reference",
        "__str__",
        "team",
        "settlement",
        "status",
        labelled(PERSON_ENTITY, "risk_level"),
        labelled(PERSON_ENTITY, "target_groups"),
        "last_contact",
    )
    list_filter = ("team", "settlement", "status", RiskLevelFilter, TargetGroupFilter)
    # The search box is shown for these; the search itself is the register's (see below).
    search_fields = ("reference",)
    search_help_text = _("Name or register number, in either script: Latin finds Cyrillic.")
    list_select_related = ("team", "settlement")
    inlines = [_inline(PLAN_ENTITY), *(_inline(entity) for entity in TIMELINE_ENTITIES.values())]

    def caseload(self, rows: QuerySet[Any], actor: Actor) -> QuerySet[Any]:
        return rows.filter(caseload(actor))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        text = search_term.strip()
        if not text:
            return queryset, False
        if queryset.filter(reference__iexact=text).exists():
            return queryset.filter(reference__iexact=text), False
        for word in query_words(text):
            queryset = queryset.filter(search_key__contains=f" {word}")
        return queryset, False

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # Opening a person's page is a read of their data: logged, and refused outside the caseload.
        if request.method == "GET":
            try:
                selectors.person_get(actor=request.user, person_id=object_id, why="admin")
            except ContractError as exc:
                if isinstance(exc, NotStaffError):
                    _no_role_warning(request)
                else:
                    messages.error(request, f"{exc.code}: {exc.message}")
                return HttpResponseRedirect(reverse("admin:register_person_changelist"))
        return super().change_view(request, object_id, form_url, extra_context)


_HOUSEHOLD_FORM = type(
    "HouseholdForm",
    (entity_form(HOUSEHOLD_ENTITY, base=ServiceForm),),
    {"write": staticmethod(_household_write)},
)


@admin.register(Household)
class HouseholdAdmin(_CaseloadAdmin, ServiceAdmin):
    """Households are added here (``household_create``); their members are set on each person."""

    entity = HOUSEHOLD_ENTITY
    form = _HOUSEHOLD_FORM
    readonly_fields = HOUSEHOLD_ENTITY.read_only
    list_display = ("__str__", "team", "settlement", "size", "created_at")
    list_filter = ("team", "settlement")

    def caseload(self, rows: QuerySet[Any], actor: Actor) -> QuerySet[Any]:
        return rows if actor.sees_all_teams else rows.filter(team_id=actor.staff.team_id)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # There is no service that changes a household once made; it is shown, not edited.
        return obj is None and super().has_change_permission(request, obj)


@admin.register(Flag)
class FlagAdmin(_ReadOnly, _CaseloadAdmin):
    """What the rules suggested and what caseworkers decided; decided on the person's page."""

    list_display = ("raised_at", "person", "rule", "reason", "status", "decided_by", "decided_at")
    list_filter = ("status", "rule", "person__team")
    fields = readonly_fields = FLAG_ENTITY.shown
    list_select_related = ("person", "decided_by")


@admin.register(AccessEvent)
class AccessEventAdmin(_ReadOnly, admin.ModelAdmin[Any]):
    """The access log: read by supervisors and auditors, never changed by anyone."""

    list_display = ("at", "username", "action", "what", "person_id", "allowed", "code")
    list_filter = ("action", "allowed", "code")
    search_fields = ("username", "what", "code")
    date_hierarchy = "at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows = super().get_queryset(request)
        actor = admin_actor(request)
        return rows if actor is not None and actor.reads_access_log else rows.none()

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        actor = admin_actor(request)
        if actor is None:
            _no_role_warning(request)
        elif not actor.reads_access_log:
            messages.warning(request, gettext("Only supervisors and auditors read the access log."))
        return super().changelist_view(request, extra_context)


admin.site.register(
    TEAM_ENTITY.model,
    entity_admin(TEAM_ENTITY, list_display=("name", "code"), search_fields=("name", "code")),
)
admin.site.register(
    SETTLEMENT_ENTITY.model,
    entity_admin(
        SETTLEMENT_ENTITY,
        list_display=("name", "name_latin", "code"),
        search_fields=("name", "name_latin", "code"),
    ),
)
admin.site.register(
    STAFF_ENTITY.model,
    entity_admin(
        STAFF_ENTITY,
        list_display=("user", labelled(STAFF_ENTITY, "role"), "team", "all_teams"),
        list_filter=("role", "team", "all_teams"),
    ),
)
