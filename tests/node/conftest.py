from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel

from contracts.client import PulledMessage
from contracts.control import (
    CONTROL_VERSION,
    DIRECTORY_TYPE,
    PAGE_SEAL_TYPE,
    RECEIPT_TYPE,
    PageSeal,
    Receipt,
    page_digest,
)
from contracts.directory import VerifiedDirectory, read_directory
from contracts.envelope import Envelope, b64_decode, seal_envelope
from contracts.keys import generate_private_key, key_id, public_key_text
from contracts.log import leaf_hash
from tests.factories import resolver_for


@dataclass
class Federation:
    """This node enrolled as MK-BUTEL, a peer MK-CAIR, and the hub's key, all made up for a test."""

    node_key: Ed25519PrivateKey
    hub_key: Ed25519PrivateKey
    peer_key: Ed25519PrivateKey
    next_index: int = 1

    def pulled(
        self, envelope: Envelope, *, receipt_key: Ed25519PrivateKey | None = None, **receipt: Any
    ) -> PulledMessage:
        """A message as the hub would hand it out, with a receipt signed by the hub."""
        payload = b64_decode(envelope.payload)
        event = json.loads(payload)
        index = receipt.pop("log_index", self.next_index)
        self.next_index = max(self.next_index, index) + 1
        fields: dict[str, Any] = {
            "message_id": event["id"],
            "source": event["source"],
            "sequence": event["sequence"],
            "payload_sha256": hashlib.sha256(payload).hexdigest(),
            "log_index": index,
            "received_at": dt.datetime.now(dt.UTC),
        } | receipt
        sealed = seal_envelope(
            message_type=RECEIPT_TYPE,
            version=CONTROL_VERSION,
            payload=Receipt.model_validate(fields).model_dump_json().encode(),
            key=receipt_key or self.hub_key,
        )
        return PulledMessage(log_index=index, envelope=envelope.to_wire(), receipt=sealed.to_wire())

    def directory_envelope(self, directory: BaseModel, *, version: str = "2.0") -> Envelope:
        """A directory (``Directory`` 1.0 or ``DirectoryV2``) as the hub would sign it."""
        return seal_envelope(
            message_type=DIRECTORY_TYPE,
            version=version,
            payload=directory.model_dump_json().encode(),
            key=self.hub_key,
        )

    def verified_directory(self, directory: BaseModel, *, version: str = "2.0") -> VerifiedDirectory:
        """The directory signed by the hub and read as a node reads it."""
        envelope = self.directory_envelope(directory, version=version)
        return read_directory(envelope.to_wire(), resolve_key=resolver_for(self.hub_key, "hub"))

    def page_seal(
        self, page: list[PulledMessage], *, key: Ed25519PrivateKey | None = None, member: str = "MK-BUTEL"
    ) -> dict[str, Any]:
        """The hub's seal over a page's receipts, as the hub would send it with the page."""
        leaves = [leaf_hash(b64_decode(p.receipt["payload"])) for p in page]
        seal = PageSeal(member=member, after=0, count=len(page), receipts_sha256=page_digest(leaves))
        return seal_envelope(
            message_type=PAGE_SEAL_TYPE,
            version=CONTROL_VERSION,
            payload=seal.model_dump_json().encode(),
            key=key or self.hub_key,
        ).to_wire()


@pytest.fixture
def federation(db: None, settings: Any, tmp_path: Path) -> Iterator[Federation]:
    from node.federation.models import Enrolment, Peer, PeerKey
    from node.federation.selectors import node_signing_key

    settings.NODE_SIGNING_KEY_PATH = tmp_path / "node.key"
    node_signing_key.cache_clear()
    node_key = generate_private_key(settings.NODE_SIGNING_KEY_PATH)
    hub_key, peer_key = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    Enrolment.objects.create(
        node_code="MK-BUTEL",
        node_name="Бутел",
        hub_url="http://127.0.0.1:9",
        hub_public_key=public_key_text(hub_key.public_key()),
        hub_keyid=key_id(hub_key.public_key()),
    )
    for code, key in (("MK-BUTEL", node_key), ("MK-CAIR", peer_key)):
        peer = Peer.objects.create(code=code, name=code, country="MK")
        PeerKey.objects.create(
            peer=peer,
            keyid=key_id(key.public_key()),
            public_key=public_key_text(key.public_key()),
            status="active",
        )
    yield Federation(node_key=node_key, hub_key=hub_key, peer_key=peer_key)
    node_signing_key.cache_clear()


@pytest.fixture(autouse=True)
def no_language_left_active() -> Iterator[None]:
    """A page asked for in Macedonian leaves Macedonian active in the thread; the next test starts
    in the default language, whatever ran before it."""
    from django.utils import translation

    yield
    translation.deactivate()
