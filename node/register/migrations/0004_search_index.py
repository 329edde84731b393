"""Indexes for the register's search on PostgreSQL: a trigram GIN index on ``Person.search_key``
(the search matches word prefixes anywhere in the key with ``LIKE '% word%'``, which a B-tree
cannot serve) and an index on the upper-cased register number (the search first tries the query
as a number, case-insensitively). SQLite has neither trigram indexes nor a need for them at a
municipality's size, so there the migration does nothing; neither index is in the models' state,
as they exist on one backend only."""

from __future__ import annotations

from typing import Any

from django.db import migrations

CREATE = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS register_person_search_trgm"
    " ON register_person USING gin (search_key gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS register_person_reference_upper ON register_person (UPPER(reference))",
)
DROP = (
    "DROP INDEX IF EXISTS register_person_reference_upper",
    "DROP INDEX IF EXISTS register_person_search_trgm",
)


def _run(statements: tuple[str, ...]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("register", "0003_importer")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
