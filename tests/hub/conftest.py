from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from django.test import Client

from contracts.keys import key_id, public_key_text
from tests.factories import signed_headers


@pytest.fixture(autouse=True)
def hub_key(settings: Any, tmp_path: Path) -> Iterator[Path]:
    from hub.federation.selectors import hub_signing_key

    settings.HUB_SIGNING_KEY_PATH = tmp_path / "hub.key"
    hub_signing_key.cache_clear()
    yield settings.HUB_SIGNING_KEY_PATH
    hub_signing_key.cache_clear()


class NodeClient:
    """A member node talking to the hub through Django's test client, signing like a node does."""

    def __init__(self, client: Client, code: str, key: Ed25519PrivateKey) -> None:
        self.client, self.code, self.key = client, code, key
        self.keyid = key_id(key.public_key())

    def post(self, path: str, body: bytes, **sign: Any) -> Any:
        headers = signed_headers(method="POST", path=path, body=body, key=self.key, **sign)
        return self.client.generic("POST", path, body, content_type="application/json", headers=headers)

    def get(self, path: str, **sign: Any) -> Any:
        headers = signed_headers(method="GET", path=path, body=b"", key=self.key, **sign)
        return self.client.generic("GET", path, b"", headers=headers)


def enrolled_node(
    code: str, name: str = "", key: Ed25519PrivateKey | None = None, *, region: str = ""
) -> NodeClient:
    from hub.federation.models import Member, MemberKey

    key = key or Ed25519PrivateKey.generate()
    member = Member.objects.create(
        code=code, name=name or code, country=code[:2], region=region, enrolled_at=dt.datetime.now(dt.UTC)
    )
    MemberKey.objects.create(
        member=member, keyid=key_id(key.public_key()), public_key=public_key_text(key.public_key())
    )
    return NodeClient(Client(), code, key)


def encryption_key(node: NodeClient, keyid: str | None = None, **fields: Any) -> tuple[X25519PrivateKey, str]:
    """An X25519 key listed at the hub for ``node`` (under ``keyid`` if given: the contracts'
    example names one that no real key has)."""
    from hub.federation.models import Member, MemberKey

    private = X25519PrivateKey.generate()
    keyid = keyid or key_id(private.public_key())
    MemberKey.objects.create(
        member=Member.objects.get(code=node.code),
        keyid=keyid,
        purpose=MemberKey.Purpose.ENCRYPTION,
        algorithm="X25519",
        public_key=public_key_text(private.public_key()),
        **fields,
    )
    return private, keyid


@pytest.fixture
def butel(db: None) -> NodeClient:
    return enrolled_node("MK-BUTEL", "Бутел")


@pytest.fixture
def cair(db: None) -> NodeClient:
    return enrolled_node("MK-CAIR", "Чаир")


@pytest.fixture(autouse=True)
def fresh_log_tree() -> Iterator[None]:
    """Each test builds its own log from index 1: forget subtree roots cached by another."""
    from hub.exchange.selectors import log_tree

    log_tree.cache_clear()
    yield
    log_tree.cache_clear()


@pytest.fixture(autouse=True)
def no_watcher_left_running() -> Iterator[None]:
    """A long-poll starts the log watcher's thread; it must not read the database of later tests."""
    from hub.exchange.waiting import WATCHER

    yield
    WATCHER.stop()


def ministry_user(username: str = "analyst") -> Any:
    from django.contrib.auth.models import Group, User

    from hub.statistics.access import MINISTRY_GROUP

    user = User.objects.create_user(username, password="pw-analyst")
    # A migration makes the group; a transactional test's flush before this one may have removed it.
    user.groups.add(Group.objects.get_or_create(name=MINISTRY_GROUP)[0])
    return user


def operator_client() -> Any:
    """A client logged in as one of the hub's operators (staff, not the ministry)."""
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    operator, _ = User.objects.get_or_create(username="operator", defaults={"is_staff": True})
    client.force_login(operator)
    return client


@pytest.fixture
def token(db: None) -> str:
    """A ministry analyst's API token."""
    from hub.statistics.services import ministry_token_create

    return ministry_token_create(user=ministry_user(), name="reports")[1]


@pytest.fixture
def federation(butel: NodeClient) -> dict[str, NodeClient]:
    """Butel, Čair (Skopje region) and Ruma (Srem) released 2026-Q3; Čučer-Sandevo did not."""
    from hub.exchange.projections import projection_run
    from hub.federation.models import Member
    from tests.hub.statistics_sets import sample_set, set_total, status

    Member.objects.filter(code="MK-BUTEL").update(region="Скопски регион")
    cair = enrolled_node("MK-CAIR", "Чаир", region="Скопски регион")
    enrolled_node("MK-CUCER", "Чучер-Сандево", region="Скопски регион")
    ruma = enrolled_node("RS-RUMA", "Рума", region="Сремски округ")
    assert status(butel, sample_set("MK-BUTEL"), 1) == "accepted"
    assert status(cair, sample_set("MK-CAIR", change=lambda c: set_total(c, 100)), 1) == "accepted"
    assert status(ruma, sample_set("RS-RUMA"), 1) == "accepted"
    projection_run(name="statistics")
    return {"MK-BUTEL": butel, "MK-CAIR": cair, "RS-RUMA": ruma}
