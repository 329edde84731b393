"""PostgreSQL only: search that stays fast at federation scale (100,000 services).

- ``search_vector`` is stripped (no positions or weights: matching needs neither), a quarter of
  its former size, so a GIN scan reads little;
- ``name_vector`` holds the names alone, for ranking a name match first;
- ``federated_service_newest`` lets the newest matches be found by walking an index.
"""

from __future__ import annotations

from django.db import migrations

from common.db import postgres_only

TABLE = "federated_catalogue_federatedservice"
FORWARD = [
    "DROP INDEX IF EXISTS federated_service_search",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
    f"""ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (strip(to_tsvector('simple', search_key))) STORED""",
    f"""ALTER TABLE {TABLE} ADD COLUMN name_vector tsvector
        GENERATED ALWAYS AS (strip(to_tsvector('simple', name_key))) STORED""",
    f"CREATE INDEX federated_service_search ON {TABLE} USING gin (search_vector)",
    f"""CREATE INDEX federated_service_newest ON {TABLE} (published_at DESC, service_id)
        WHERE status <> 'defunct'""",
]
BACKWARD = [
    "DROP INDEX IF EXISTS federated_service_newest",
    "DROP INDEX IF EXISTS federated_service_search",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS name_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
    f"""ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', name_key), 'A') || setweight(to_tsvector('simple', search_key), 'D')
        ) STORED""",
    f"CREATE INDEX federated_service_search ON {TABLE} USING gin (search_vector)",
]


class Migration(migrations.Migration):
    dependencies = [("federated_catalogue", "0002_postgres_search")]

    operations = [postgres_only(FORWARD, BACKWARD)]
