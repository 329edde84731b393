"""Database helpers the ORM does not offer."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connection, migrations, models
from django.db.models.fields import AutoFieldMixin

ModelT = TypeVar("ModelT", bound=models.Model)

# Fields whose Python value PostgreSQL's driver writes as it is, with nothing for Django to do
# on save (no auto_now, no serialisation): read straight off the instance.
_PLAIN: tuple[type[models.Field[Any, Any]], ...] = (
    models.BigIntegerField,
    models.BinaryField,
    models.BooleanField,
    models.CharField,
    models.FloatField,
    models.ForeignKey,
    models.IntegerField,
    models.TextField,
    models.UUIDField,
)


def _is_plain(field: models.Field[Any, Any]) -> bool:
    if type(field) is models.DateTimeField:
        return not (field.auto_now or field.auto_now_add)
    return type(field) in _PLAIN


def _reader(field: models.Field[Any, Any]) -> Callable[[models.Model], Any]:
    if _is_plain(field):
        return attrgetter(field.attname)
    return lambda row: field.get_db_prep_save(field.pre_save(row, add=True), connection)


def _inserted_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)]


def _copy(
    model: type[models.Model], fields: list[models.Field[Any, Any]], values: Iterable[list[Any]]
) -> None:
    """``COPY`` rows of column values (in ``fields`` order) into ``model``'s table."""
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)


def bulk_insert(model: type[ModelT], rows: list[ModelT]) -> None:
    """Insert new rows (no returned ids): with COPY on PostgreSQL, where Django building one
    INSERT for a page of envelopes cost more than verifying their signatures; ``bulk_create``
    elsewhere. Field defaults and conversions are applied exactly as on ``save``; plain fields
    (numbers, text, bytes, UUIDs, foreign keys, timestamps that are not ``auto_now``) go as
    their Python value, which is what Django's conversion would return for them."""
    if connection.vendor != "postgresql" or not rows:
        model.objects.bulk_create(rows)  # type: ignore[attr-defined]
        return
    fields = _inserted_fields(model)
    readers = [_reader(f) for f in fields]
    _copy(model, fields, ([read(row) for read in readers] for row in rows))


def insert_values(model: type[ModelT], rows: list[dict[str, Any]]) -> None:
    """Insert new rows given as ``{attname: value}`` without building model instances, for hot
    paths where constructing thousands of instances costs more than the insert. Missing
    fields take their default. Values must already be what the field stores (see
    ``bulk_insert`` for which fields are plain; a JSON field takes its Python value, None for
    SQL NULL); a model with other fields goes through ``bulk_create``."""
    if not rows:
        return
    fields = _inserted_fields(model)
    if connection.vendor != "postgresql" or not all(
        _is_plain(f) or isinstance(f, models.JSONField) for f in fields
    ):
        model.objects.bulk_create([model(**row) for row in rows])  # type: ignore[attr-defined]
        return
    from psycopg.types.json import Jsonb  # PostgreSQL's driver: only where it is the database

    defaults = {f.attname: f.get_default() for f in fields}
    json = {f.attname for f in fields if isinstance(f, models.JSONField)}

    def value(row: dict[str, Any], name: str, default: Any) -> Any:
        given = row.get(name, default)
        return Jsonb(given) if name in json and given is not None else given

    _copy(model, fields, ([value(row, name, default) for name, default in defaults.items()] for row in rows))


def postgres_only(forward: list[str], backward: list[str]) -> migrations.RunPython:
    """A migration step that runs these SQL statements on PostgreSQL and does nothing on other
    databases (indexes and columns SQLite has no equivalent for)."""

    def run(statements: list[str]) -> Callable[[Any, Any], None]:
        def apply(apps: Any, schema_editor: Any) -> None:
            if schema_editor.connection.vendor == "postgresql":
                for statement in statements:
                    schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(forward), run(backward))


def streams_from_types(app_label: str, model_name: str) -> migrations.RunPython:
    """A migration step that sets each row's ``stream`` to its ``type``'s family (the part before
    the first dot), for a model that numbered its messages in one sequence before streams."""

    def apply(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        for message_type in model.objects.values_list("type", flat=True).distinct():
            model.objects.filter(type=message_type).update(stream=message_type.split(".", 1)[0])

    return migrations.RunPython(apply, migrations.RunPython.noop)


@models.Field.register_lookup
class AnyOf(models.Lookup):  # type: ignore[type-arg]
    """``field__any=[...]``: membership with the values as one array on PostgreSQL
    (``= ANY(%s)``), where ``__in`` sends one parameter per value and psycopg parses the query
    text again for every page length; ``IN (...)`` elsewhere. For pages of a thousand ids."""

    lookup_name = "any"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [field.get_db_prep_value(value, connection, prepared=False) for value in self.rhs]
        if not values:
            raise EmptyResultSet
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]


def storable_text(text: str) -> str:
    """``text`` as every backend can store it: a NUL (which PostgreSQL refuses in text) and an
    unpaired surrogate (which no UTF-8 database can encode) are written as escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
