"""Database helpers the ORM does not offer."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connection, models
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


def _plain_time(field: models.Field[Any, Any]) -> bool:
    return type(field) is models.DateTimeField and not (field.auto_now or field.auto_now_add)


def _reader(field: models.Field[Any, Any]) -> Callable[[models.Model], Any]:
    if type(field) in _PLAIN or _plain_time(field):
        return attrgetter(field.attname)
    return lambda row: field.get_db_prep_save(field.pre_save(row, add=True), connection)


def bulk_insert(model: type[ModelT], rows: list[ModelT]) -> None:
    """Insert new rows (no returned ids): with COPY on PostgreSQL, where Django building one
    INSERT for a page of envelopes cost more than verifying their signatures; ``bulk_create``
    elsewhere. Field defaults and conversions are applied exactly as on ``save``; plain fields
    (numbers, text, bytes, UUIDs, foreign keys, timestamps that are not ``auto_now``) go as
    their Python value, which is what Django's conversion would return for them."""
    if connection.vendor != "postgresql" or not rows:
        model.objects.bulk_create(rows)  # type: ignore[attr-defined]
        return
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)]
    readers = [_reader(f) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([read(row) for read in readers])


def insert_values(model: type[ModelT], rows: list[dict[str, Any]]) -> None:
    """Insert new rows given as ``{attname: value}`` without building model instances, for hot
    paths where constructing thousands of instances costs more than the insert. Missing
    fields take their default. Values must already be what the field stores (see
    ``bulk_insert`` for which fields are plain); anything else goes through ``bulk_create``."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)]
    if connection.vendor != "postgresql" or any(type(f) not in _PLAIN and not _plain_time(f) for f in fields):
        model.objects.bulk_create([model(**row) for row in rows])  # type: ignore[attr-defined]
        return
    defaults = {f.attname: f.get_default() for f in fields}
    names = [f.attname for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row.get(name, defaults[name]) for name in names])


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
