"""Which database and broker a test run uses: the embedded defaults, or the real servers.

``SOCIALHUB_TEST_BACKEND=postgres`` runs the suites on PostgreSQL (127.0.0.1:5432) and
RabbitMQ (127.0.0.1:5672); unset, they run on SQLite and the filesystem broker.
"""

from __future__ import annotations

import os
import tempfile

POSTGRES_URL = os.environ.get("SOCIALHUB_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
RABBITMQ_URL = os.environ.get("SOCIALHUB_TEST_RABBITMQ", "amqp://guest:guest@127.0.0.1:5672//")
# Lets two checkouts on one machine run their PostgreSQL suites at once without sharing databases.
RUN_NAME = os.environ.get("SOCIALHUB_TEST_RUN_NAME", "")


def use_postgres() -> bool:
    return os.environ.get("SOCIALHUB_TEST_BACKEND", "embedded") == "postgres"


def configure(project: str) -> None:
    """Set the environment a project's settings read, before Django starts."""
    os.environ["SOCIALHUB_ENV"] = "test"
    os.environ.setdefault("SOCIALHUB_DATA_DIR", tempfile.mkdtemp(prefix=f"socialhub-{project}-test-"))
    if use_postgres():
        suffix = f"_{RUN_NAME}" if RUN_NAME else ""
        os.environ["DATABASE_URL"] = f"{POSTGRES_URL}/socialhub_{project}{suffix}"
        os.environ["CELERY_BROKER_URL"] = RABBITMQ_URL
        os.environ["CELERY_QUEUE"] = f"socialhub-test-{project}{suffix}"
