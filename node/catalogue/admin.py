from __future__ import annotations

from typing import Any

from django.contrib import admin

from common.entities import EntityAdmin, EntityForm, entity_admin
from node.catalogue.entities import ENTITIES
from node.catalogue.models import Organization, Service
from node.catalogue.services import entry_create, entry_draft, entry_update, entry_withdraw


class EntryForm(EntityForm):
    """One input per language for each text (instead of raw JSON); the contract decides what is
    valid, so the admin and the API obey the same rules and report the same codes."""

    def check(self, fields: dict[str, Any]) -> None:
        entry_draft(
            type(self.instance), fields=fields, entry_id=self.instance.id, revision=self.instance.revision
        )


class EntryAdmin(EntityAdmin):
    """Saving publishes: a new revision goes to the outbox in the same transaction. Deleting
    withdraws the entry from the federation instead of erasing it (peers must hear of it)."""

    list_display: tuple[str, ...] = ("__str__", "status", "revision", "updated_at")
    list_filter = ("status",)

    def entity_save(self, obj: Any, *, fields: dict[str, Any], change: bool) -> None:
        model = type(obj)
        saved = (
            entry_update(model, entry_id=obj.id, fields=fields)
            if change
            else entry_create(model, fields=fields)
        )
        obj.pk, obj.revision = saved.pk, saved.revision

    def entity_delete(self, obj: Any) -> None:
        entry_withdraw(type(obj), entry_id=obj.id)


_LISTED: dict[type[Any], tuple[str, ...]] = {
    Organization: ("__str__", "organization_type", "status", "revision", "updated_at"),
    Service: ("__str__", "organization", "status", "revision", "updated_at"),
}
"""Columns of the admin's list beyond the usual, for the entries that have them."""

for _model, _entity in ENTITIES.items():
    _options = {"list_display": _LISTED[_model]} if _model in _LISTED else {}
    admin.site.register(_model, entity_admin(_entity, base=EntryAdmin, form=EntryForm, **_options))
