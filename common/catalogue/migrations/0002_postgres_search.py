"""PostgreSQL only: the full-text vector of each service's search key, with a GIN index, and a
trigram index on the facets (target groups, taxonomy, languages) for ``LIKE`` filters.

SQLite has neither; there ``common.catalogue.selectors`` matches the same words with ``LIKE``.
"""

from __future__ import annotations

from django.db import migrations

from common.db import postgres_only

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE federated_catalogue_federatedservice ADD COLUMN search_vector tsvector
       GENERATED ALWAYS AS (
         setweight(to_tsvector('simple', name_key), 'A') || setweight(to_tsvector('simple', search_key), 'D')
       ) STORED""",
    "CREATE INDEX federated_service_search ON federated_catalogue_federatedservice USING gin (search_vector)",
    """CREATE INDEX federated_service_facets ON federated_catalogue_federatedservice
       USING gin (facets gin_trgm_ops)""",
]
BACKWARD = [
    "DROP INDEX IF EXISTS federated_service_facets",
    "DROP INDEX IF EXISTS federated_service_search",
    "ALTER TABLE federated_catalogue_federatedservice DROP COLUMN IF EXISTS search_vector",
]


class Migration(migrations.Migration):
    dependencies = [("federated_catalogue", "0001_initial")]

    operations = [postgres_only(FORWARD, BACKWARD)]
