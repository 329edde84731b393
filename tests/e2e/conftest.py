from __future__ import annotations

import secrets
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.local import LocalFederation, NodeSpec, embedded_env
from tests.backends import POSTGRES_URL, RABBITMQ_URL, use_postgres


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RealServers:
    """Per-run PostgreSQL databases and RabbitMQ queues, removed afterwards."""

    def __init__(self) -> None:
        self.run = secrets.token_hex(4)
        self.databases: list[str] = []
        self.queues: list[str] = []

    def env_for(self, name: str, project: str, data_dir: Path) -> dict[str, str]:
        import psycopg

        database = f"socialhub_e2e_{self.run}_{name.lower().replace('-', '_')}"
        with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        self.databases.append(database)
        queue = f"socialhub-e2e-{self.run}-{name}"
        self.queues.append(queue)
        return {
            "DATABASE_URL": f"{POSTGRES_URL}/{database}",
            "CELERY_BROKER_URL": RABBITMQ_URL,
            "CELERY_QUEUE": queue,
        }

    def clean(self) -> None:
        import psycopg
        from kombu import Connection

        with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as conn:
            for database in self.databases:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        with Connection(RABBITMQ_URL) as connection:
            channel = connection.default_channel
            for queue in self.queues:
                channel.queue_delete(queue)


@pytest.fixture
def local_federation(tmp_path: Path) -> Iterator[LocalFederation]:
    servers = RealServers() if use_postgres() else None
    federation = LocalFederation(
        tmp_path,
        hub_port=free_port(),
        nodes=[
            NodeSpec(code="MK-BUTEL", name="Бутел", country="MK", port=free_port()),
            NodeSpec(code="MK-CAIR", name="Чаир", country="MK", port=free_port()),
        ],
        env_for=servers.env_for if servers else embedded_env,
        log=lambda line: None,
    )
    try:
        yield federation
    finally:
        federation.stop()
        if servers is not None:
            servers.clean()
