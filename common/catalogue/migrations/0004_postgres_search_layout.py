"""PostgreSQL only: a row layout for fast scans, and the newest-first index in result order.

- Large values (the entry's JSON, its search keys) go out of line at once
  (``toast_tuple_target``), while the two search vectors stay in the row (``STORAGE MAIN``), so
  a scan of matches reads a few hundred bytes a row instead of kilobytes.
- ``federated_service_newest`` follows the result order exactly (newest, then last received).
"""

from __future__ import annotations

from django.db import migrations

from common.db import postgres_only

TABLE = "federated_catalogue_federatedservice"
FORWARD = [
    f"ALTER TABLE {TABLE} SET (toast_tuple_target = 256)",
    f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STORAGE MAIN, ALTER COLUMN name_vector SET STORAGE MAIN",
    "DROP INDEX IF EXISTS federated_service_newest",
    f"CREATE INDEX federated_service_newest ON {TABLE} (published_at DESC, id DESC) WHERE status <> 'defunct'",
]
BACKWARD = [
    "DROP INDEX IF EXISTS federated_service_newest",
    f"""CREATE INDEX federated_service_newest ON {TABLE} (published_at DESC, service_id)
        WHERE status <> 'defunct'""",
    f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STORAGE EXTENDED, "
    "ALTER COLUMN name_vector SET STORAGE EXTENDED",
    f"ALTER TABLE {TABLE} RESET (toast_tuple_target)",
]


class Migration(migrations.Migration):
    dependencies = [("federated_catalogue", "0003_postgres_search_narrow")]

    operations = [postgres_only(FORWARD, BACKWARD)]
