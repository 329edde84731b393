"""Database helpers the ORM does not offer."""

from __future__ import annotations

from typing import TypeVar

from django.db import connection, models
from django.db.models.fields import AutoFieldMixin

ModelT = TypeVar("ModelT", bound=models.Model)


def bulk_insert(model: type[ModelT], rows: list[ModelT]) -> None:
    """Insert new rows (no returned ids): with COPY on PostgreSQL, where Django building one
    INSERT for a page of envelopes cost more than verifying their signatures; ``bulk_create``
    elsewhere. Field defaults and conversions are applied exactly as on ``save``."""
    if connection.vendor != "postgresql" or not rows:
        model.objects.bulk_create(rows)  # type: ignore[attr-defined]
        return
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([f.get_db_prep_save(f.pre_save(row, add=True), connection) for f in fields])
