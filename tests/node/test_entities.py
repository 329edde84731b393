"""An entity declared once: the contract mapping, the serializer and the admin all come from it."""

from __future__ import annotations

import uuid
from typing import Any, Literal

import pytest
from django.contrib.admin import AdminSite
from django.db import models
from django.test import RequestFactory
from django.test.utils import isolate_apps
from django.utils import translation
from pydantic import BaseModel, ConfigDict, Field

from common.entities import (
    Codes,
    Entity,
    EntityAdmin,
    EntityForm,
    EntitySerializer,
    Group,
    Integer,
    Text,
    Value,
    entity_admin,
    entity_form,
    entity_serializer,
)
from contracts.errors import SchemaViolationError, UnknownReferenceError
from node.catalogue.admin import EntryForm
from node.catalogue.entities import ENTITIES, LOCATION_ENTITY
from node.catalogue.models import Location
from node.catalogue.serializers import EntrySerializer

with isolate_apps("node.catalogue"):

    class Leaflet(models.Model):
        """A test-only model: a leaflet with a title in several languages and a list of topics."""

        id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
        title = models.JSONField(default=dict)
        topics = models.JSONField(default=list, blank=True)
        copies = models.PositiveIntegerField(null=True, blank=True)
        city = models.CharField(max_length=100, blank=True, default="")
        internal_note = models.CharField(max_length=100, blank=True, default="")

        class Meta:
            app_label = "catalogue"


class LeafletV1(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID
    heading: dict[Literal["mk", "en"], str] = Field(min_length=1)
    topics: tuple[Literal["housing", "food"], ...] = ()
    copies: int | None = None
    where: dict[str, str] | None = None


TOPICS = [("housing", "Housing"), ("food", "Food")]
LEAFLET = Entity(
    Leaflet,
    (
        Value("id", editable=False),
        Text("title", label="Title", required=True, contract="heading", languages=("mk", "en")),
        Codes("topics", TOPICS),
        Integer("copies", minimum=1, maximum=500),
        Group("where", (Value("city"),), present_if=("city",)),
        Value("internal_note", label="Note for staff", published=False),
    ),
    contract=LeafletV1,
    what="leaflet",
)
LOCAL_LEAFLET = Entity(Leaflet, LEAFLET.fields)
"""The same fields, published nowhere (as a node's own register is)."""


def _leaflet(**fields: Any) -> Leaflet:
    return Leaflet(id=uuid.UUID(int=7), **fields)


def test_a_declaration_yields_its_editable_fields_in_order_and_its_system_fields_apart() -> None:
    assert LEAFLET.editable == ("title", "topics", "copies", "city", "internal_note")
    assert LEAFLET.read_only == ("id",)
    assert LEAFLET.shown == ("id", "title", "topics", "copies", "city", "internal_note")


def test_a_declaration_yields_its_contract_mapping_with_names_groups_and_unpublished_fields() -> None:
    leaflet = _leaflet(title={"en": "Rent help"}, topics=["housing"], copies=20, city="Bitola")

    assert LEAFLET.to_contract(leaflet) == LeafletV1(
        id=uuid.UUID(int=7),
        heading={"en": "Rent help"},
        topics=("housing",),
        copies=20,
        where={"city": "Bitola"},
    )
    assert LEAFLET.to_contract(_leaflet(title={"en": "Rent help"})).where is None


def test_it_refuses_an_instance_its_contract_refuses_naming_each_bad_field() -> None:
    with pytest.raises(SchemaViolationError, match="The leaflet is not valid.") as refused:
        LEAFLET.to_contract(_leaflet(title={}, topics=["weather"]))

    assert [item["field"] for item in refused.value.detail] == ["heading", "topics.0"]


def test_an_entity_that_publishes_nothing_has_no_contract_but_an_api_and_an_admin() -> None:
    with pytest.raises(TypeError, match="The leaflet publishes nothing."):
        LOCAL_LEAFLET.to_contract(_leaflet(title={"en": "Rent help"}))

    assert set(entity_serializer(LOCAL_LEAFLET, base=EntitySerializer)().fields) == set(LEAFLET.shown)
    assert "title" in entity_form(LOCAL_LEAFLET).base_fields


def test_a_derived_serializer_reads_and_writes_texts_and_code_lists() -> None:
    serializer_class = entity_serializer(LEAFLET, base=EntitySerializer)
    serializer = serializer_class(
        data={"title": {"mk": "Помош", "en": "Help"}, "topics": ["food"], "copies": 3}
    )

    assert serializer.is_valid(), serializer.errors
    assert dict(serializer.validated_data) == {
        "title": {"mk": "Помош", "en": "Help"},
        "topics": ["food"],
        "copies": 3,
    }
    assert serializer_class.__name__ == "LeafletSerializer"
    assert serializer_class(_leaflet(title={"en": "Help"}, copies=None)).data == {
        "id": str(uuid.UUID(int=7)),
        "title": {"en": "Help"},
        "topics": [],
        "copies": None,
        "city": "",
        "internal_note": "",
    }


def test_a_derived_serializer_refuses_what_its_declaration_refuses() -> None:
    serializer = entity_serializer(LEAFLET, base=EntitySerializer)(data={"copies": 501, "topics": "food"})

    assert not serializer.is_valid()
    assert {name: [str(error.code) for error in errors] for name, errors in serializer.errors.items()} == {
        "title": ["required"],
        "topics": ["not_a_list"],
        "copies": ["max_value"],
    }


def test_a_derived_form_has_one_input_per_language_and_the_codes_as_checkboxes() -> None:
    form_class = entity_form(LEAFLET)

    assert list(form_class.base_fields) == ["topics", "copies", "city", "internal_note", "title"]
    assert form_class.base_fields["title"].label == "Title"
    with translation.override("en"):
        shown = str(form_class()["title"])
    assert ('aria-label="Title (en)"' in shown, 'name="title__mk"' in shown) == (True, True)
    # The reader's language first; the others folded away.
    assert shown.index('name="title__en"') < shown.index("<details") < shown.index('name="title__mk"')
    assert form_class.base_fields["internal_note"].label == "Note for staff"
    assert form_class.base_fields["topics"].widget.input_type == "checkbox"  # type: ignore[attr-defined]
    assert list(form_class.base_fields["topics"].choices) == TOPICS  # type: ignore[attr-defined]


def test_a_derived_form_gathers_the_languages_into_one_text_and_shows_the_current_ones() -> None:
    form = entity_form(LEAFLET)(data={"title__mk": " Помош ", "title__en": "", "topics": ["food", "housing"]})

    assert form.is_valid(), form.errors
    assert (form.cleaned_data["title"], form.cleaned_data["topics"]) == ({"mk": "Помош"}, ["food", "housing"])
    shown = entity_form(LEAFLET)(instance=_leaflet(title={"mk": "Помош"}))
    assert shown.initial["title"] == {"mk": "Помош"}
    with translation.override("en"):
        assert "Other languages (filled: mk)" in str(shown["title"])


def test_a_derived_form_shows_each_field_its_check_refuses() -> None:
    class CheckedForm(EntityForm):
        def check(self, fields: dict[str, Any]) -> None:
            LEAFLET.to_contract(self.entity.model(id=uuid.UUID(int=7), **fields))

    form = entity_form(LEAFLET, base=CheckedForm)(data={"title__en": "Help", "topics": [], "copies": "2"})
    assert form.is_valid(), form.errors
    refused = entity_form(LEAFLET, base=CheckedForm)(data={"title__en": "", "topics": []})
    assert not refused.is_valid()
    assert refused.non_field_errors() == [
        "heading: Dictionary should have at least 1 item after validation, not 0"
    ]


def test_a_derived_admin_uses_the_derived_form_and_keeps_the_system_fields_read_only() -> None:
    admin_class = entity_admin(LEAFLET, list_display=("__str__", "copies"))
    model_admin = admin_class(Leaflet, AdminSite())

    assert issubclass(admin_class, EntityAdmin)
    assert (admin_class.readonly_fields, admin_class.list_display) == (("id",), ("__str__", "copies"))
    assert "title" in model_admin.get_form(RequestFactory().get("/"))().fields


@pytest.mark.parametrize("entity", ENTITIES.values(), ids=lambda entity: entity.label)
def test_each_catalogue_field_declared_once_is_in_the_api_the_admin_and_the_contract(entity: Entity) -> None:
    api = set(entity_serializer(entity, base=EntrySerializer)().fields)
    form = entity_form(entity, base=EntryForm).base_fields
    published = {declared.contract_name for declared in entity.fields if declared.published}
    assert entity.contract is not None

    assert api == set(entity.shown)
    for column in entity.columns:
        assert column.name in form or not column.editable
    assert published == set(entity.contract.model_fields)


def test_assigning_sets_only_the_editable_fields() -> None:
    leaflet = _leaflet()
    LEAFLET.assign(leaflet, {"id": uuid.UUID(int=8), "title": {"en": "Help"}, "pk": uuid.UUID(int=9)})

    assert (leaflet.id, leaflet.title) == (uuid.UUID(int=7), {"en": "Help"})


@pytest.mark.django_db
def test_it_refuses_a_reference_to_an_entry_this_node_does_not_hold() -> None:
    missing = uuid.UUID(int=1)
    with pytest.raises(UnknownReferenceError, match=f"This node has no organization {missing}.") as refused:
        LOCATION_ENTITY.assign(Location(), {"organization": missing})

    assert refused.value.detail == {"field": "organization"}
