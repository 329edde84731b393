"""Builders shared by the test suites: keys, signed messages, signed requests."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel

from contracts.catalogue import ServiceV1_2
from contracts.envelope import Envelope, KeyResolver, TrustedKey, mapping_resolver
from contracts.httpsig import sign_request
from contracts.keys import key_id
from contracts.messages import new_message_id, write_message


def service_data(**overrides: Any) -> ServiceV1_2:
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "revision": 1,
        "status": "active",
        "name": {"mk": "Советување", "en": "Counselling"},
        "description": {"en": "Three sessions per person."},
        "organization": {"name": {"en": "Municipality of Butel"}},
        "target_groups": ("unemployed",),
        "languages": ("mk", "en"),
    }
    fields.update(overrides)
    return ServiceV1_2.model_validate(fields)


def signed_service_message(
    *,
    key: Ed25519PrivateKey,
    source: str,
    sequence: int = 1,
    data: ServiceV1_2 | None = None,
    message_id: uuid.UUID | None = None,
    version: str | None = None,
) -> Envelope:
    return signed_message(
        key=key,
        source=source,
        message_type="catalogue.service",
        data=data or service_data(),
        sequence=sequence,
        message_id=message_id,
        version=version,
    )


def signed_message(
    *,
    key: Ed25519PrivateKey,
    source: str,
    message_type: str,
    data: BaseModel,
    sequence: int = 1,
    recipients: tuple[str, ...] = (),
    message_id: uuid.UUID | None = None,
    version: str | None = None,
) -> Envelope:
    return write_message(
        message_id=message_id or new_message_id(),
        source=source,
        message_type_name=message_type,
        sequence=sequence,
        data=data,
        key=key,
        time=dt.datetime.now(dt.UTC),
        recipients=recipients,
        version=version,
    )


def resolver_for(key: Ed25519PrivateKey | Ed25519PublicKey, owner: str) -> KeyResolver:
    """A resolver that trusts exactly this one key, held by ``owner``."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return mapping_resolver({key_id(public): TrustedKey(owner=owner, public_key=public)})


def signed_headers(
    *,
    method: str,
    path: str,
    body: bytes,
    key: Ed25519PrivateKey,
    now: dt.datetime | None = None,
    nonce: str | None = None,
    keyid: str | None = None,
) -> dict[str, str]:
    """RFC 9421 headers for a request to ``path`` on any host, as the Django test client wants them."""
    headers: dict[str, str] = {}
    sign_request(
        method=method,
        url="http://testserver" + path,
        headers=headers,
        body=body,
        key=key,
        keyid=keyid or key_id(key.public_key()),
        now=now,
        nonce=nonce,
    )
    return headers
