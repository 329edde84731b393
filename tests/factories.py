"""Builders shared by the test suites: keys, signed messages, signed requests."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pydantic import BaseModel

from contracts.catalogue import ServiceV1_2
from contracts.directory import KeyStatement, key_statement_bind
from contracts.envelope import Envelope, KeyResolver, TrustedKey, mapping_resolver
from contracts.examples import EXAMPLES
from contracts.httpsig import sign_request
from contracts.keys import key_id, public_key_text
from contracts.messages import MESSAGE_TYPES, new_message_id, write_message


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
    time: dt.datetime | None = None,
) -> Envelope:
    return write_message(
        message_id=message_id or new_message_id(),
        source=source,
        message_type_name=message_type,
        sequence=sequence,
        data=data,
        key=key,
        time=time or dt.datetime.now(dt.UTC),
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


def directory_signing_entry(key: Ed25519PrivateKey, *, since: dt.datetime, **fields: Any) -> dict[str, Any]:
    """A signing key as directory 2.0 lists it."""
    return {
        "keyid": key_id(key.public_key()),
        "purpose": "signing",
        "algorithm": "Ed25519",
        "public_key": public_key_text(key.public_key()),
        "status": "active",
        "valid_from": since,
        "valid_until": None,
    } | fields


def directory_encryption_entry(
    member: str, key: X25519PrivateKey, *, bound_by: Ed25519PrivateKey, since: dt.datetime, **fields: Any
) -> dict[str, Any]:
    """An encryption key as directory 2.0 lists it, bound by ``bound_by`` (its member's signing key)."""
    statement = KeyStatement(
        member=member,
        keyid=key_id(key.public_key()),
        purpose="encryption",
        algorithm="X25519",
        public_key=public_key_text(key.public_key()),
        valid_from=since,
        valid_until=None,
    )
    listed = statement.model_dump(exclude={"member"}) | {
        "status": "active",
        "binding": key_statement_bind(statement, key=bound_by).model_dump(),
    }
    return listed | fields


def transfer_request_data(**fields: Any) -> BaseModel:
    """A ``case.transfer_request`` 1.0 like the contracts' example (sealed to its key id, which
    no real key has: list it with ``tests.hub.conftest.encryption_key``), with a fresh transfer
    id and a consent that expires in thirty days."""
    model = MESSAGE_TYPES["case.transfer_request"].versions["1.0"]
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    return model.model_validate(
        EXAMPLES[("case.transfer_request", "1.0")]
        | {"transfer_id": str(uuid.uuid4()), "expires_at": expires.isoformat()}
        | fields
    )
