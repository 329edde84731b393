"""A member rotates its keys at the hub: ``POST /api/v1/keys/rotations`` with a signed
``control.key_rotation`` 2.0, applied before the answer; the directory lists the new key."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from contracts.control import Directory, read_control
from contracts.directory import (
    KeyRotationV2,
    VerifiedDirectory,
    key_rotation_write,
    read_directory,
)
from contracts.envelope import b64_decode, seal_envelope
from contracts.keys import key_id
from hub.federation.models import MemberKey
from hub.federation.selectors import hub_signing_key
from tests.factories import resolver_for, signed_service_message
from tests.hub.conftest import NodeClient

pytestmark = pytest.mark.django_db
ROTATIONS = "/api/v1/keys/rotations"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _signing_rotation(
    node: NodeClient, new: Ed25519PrivateKey, *, overlap: dt.timedelta | None = None
) -> bytes:
    return key_rotation_write(
        member=node.code,
        signing_key=node.key,
        new_key=new,
        valid_from=_now(),
        issued_at=_now(),
        replaces=node.keyid,
        replaced_valid_until=_now() + (overlap or dt.timedelta(hours=1)),
    ).to_bytes()


def _encryption_rotation(node: NodeClient, new: X25519PrivateKey, *, replaces: str | None = None) -> bytes:
    return key_rotation_write(
        member=node.code,
        signing_key=node.key,
        new_key=new.public_key(),
        valid_from=_now(),
        issued_at=_now(),
        replaces=replaces,
    ).to_bytes()


def _directory(node: NodeClient, version: str = "2.0") -> VerifiedDirectory:
    response = node.get(f"/api/v1/directory?version={version}")
    assert response.status_code == 200, response.content
    return read_directory(response.content, resolve_key=resolver_for(hub_signing_key(), "hub"))


def _keys(directory: VerifiedDirectory, code: str) -> dict[str, Any]:
    [member] = [m for m in directory.members if m.code == code]
    return {k.keyid: k for k in member.keys}


def test_a_member_publishes_its_encryption_key_and_the_directory_lists_it_with_its_binding(
    butel: NodeClient, cair: NodeClient
) -> None:
    encryption = X25519PrivateKey.generate()
    response = butel.post(ROTATIONS, _encryption_rotation(butel, encryption))
    assert response.status_code == 201, response.content
    assert response.json()["keyid"] == key_id(encryption.public_key())
    # The answer carries the directory 2.0 that lists it, and so does the directory API.
    answered = read_directory(
        response.json()["directory"], resolve_key=resolver_for(hub_signing_key(), "hub")
    )
    for directory in (answered, _directory(cair)):
        listed = _keys(directory, "MK-BUTEL")[key_id(encryption.public_key())]
        assert (listed.purpose, listed.algorithm, listed.status) == ("encryption", "X25519", "active")
        assert listed.binding is not None
        assert listed.binding.keyid == butel.keyid
        assert directory.problems == ()


def test_the_same_rotation_presented_twice_is_applied_once(butel: NodeClient) -> None:
    body = _encryption_rotation(butel, X25519PrivateKey.generate())
    assert butel.post(ROTATIONS, body).status_code == 201
    again = butel.post(ROTATIONS, body)
    assert (again.status_code, again.json()["status"]) == (200, "already-applied")
    assert MemberKey.objects.filter(purpose="encryption").count() == 1


def test_rotating_the_encryption_key_retires_the_old_one(butel: NodeClient) -> None:
    first, second = X25519PrivateKey.generate(), X25519PrivateKey.generate()
    assert butel.post(ROTATIONS, _encryption_rotation(butel, first)).status_code == 201
    response = butel.post(ROTATIONS, _encryption_rotation(butel, second, replaces=key_id(first.public_key())))
    assert response.status_code == 201, response.content
    keys = _keys(_directory(butel), "MK-BUTEL")
    assert keys[key_id(first.public_key())].status == "retired"
    assert keys[key_id(second.public_key())].status == "active"


def test_a_second_encryption_key_must_name_the_one_it_replaces(butel: NodeClient) -> None:
    assert butel.post(ROTATIONS, _encryption_rotation(butel, X25519PrivateKey.generate())).status_code == 201
    response = butel.post(ROTATIONS, _encryption_rotation(butel, X25519PrivateKey.generate()))
    assert (response.status_code, response.json()["code"]) == (422, "invalid-key-rotation")


def test_a_signing_rotation_switches_the_key_the_hub_accepts_and_keeps_the_old_one_for_the_overlap(
    butel: NodeClient, cair: NodeClient
) -> None:
    new = Ed25519PrivateKey.generate()
    response = butel.post(ROTATIONS, _signing_rotation(butel, new))
    assert response.status_code == 201, response.content
    keys = _keys(_directory(cair), "MK-BUTEL")
    old = keys[butel.keyid]
    assert (old.status, old.purpose) == ("retired", "signing")
    assert old.valid_until is not None
    assert old.valid_until > _now()
    assert keys[key_id(new.public_key())].status == "active"
    # The new key signs requests and messages from now on ...
    rotated = NodeClient(butel.client, "MK-BUTEL", new)
    assert rotated.get("/api/v1/directory").status_code == 200
    pushed = rotated.post(
        "/api/v1/messages",
        b'{"messages":[%s]}' % signed_service_message(key=new, source="MK-BUTEL", sequence=1).to_bytes(),
    )
    assert pushed.json()["results"][0]["status"] == "accepted"
    # ... and the old one still, for what its outbox signed before the switch.
    late = signed_service_message(key=butel.key, source="MK-BUTEL", sequence=2).to_bytes()
    assert butel.post("/api/v1/messages", b'{"messages":[%s]}' % late).json()["results"][0]["status"] == (
        "accepted"
    )


def test_once_the_overlap_is_over_the_old_signing_key_is_refused_and_old_readers_see_it_revoked(
    butel: NodeClient, cair: NodeClient
) -> None:
    new = Ed25519PrivateKey.generate()
    assert butel.post(ROTATIONS, _signing_rotation(butel, new)).status_code == 201
    MemberKey.objects.filter(keyid=butel.keyid).update(valid_until=_now() - dt.timedelta(seconds=1))
    refused = butel.get("/api/v1/directory")
    assert (refused.status_code, refused.json()["code"]) == (401, "revoked-key")
    legacy = read_control(
        cair.get("/api/v1/directory").content,
        model=Directory,
        resolve_key=resolver_for(hub_signing_key(), "hub"),
    )
    [member] = [m for m in legacy.members if m.code == "MK-BUTEL"]
    assert {k.keyid: k.status for k in member.keys} == {
        butel.keyid: "revoked",
        key_id(new.public_key()): "active",
    }


def test_a_signing_rotation_must_replace_the_key_that_signs_it(butel: NodeClient) -> None:
    new = Ed25519PrivateKey.generate()
    body = key_rotation_write(
        member="MK-BUTEL",
        signing_key=butel.key,
        new_key=new,
        valid_from=_now(),
        issued_at=_now(),
        replaces=key_id(Ed25519PrivateKey.generate().public_key()),
        replaced_valid_until=_now() + dt.timedelta(hours=1),
    ).to_bytes()
    response = butel.post(ROTATIONS, body)
    assert (response.status_code, response.json()["code"]) == (422, "invalid-key-rotation")


def test_it_refuses_an_overlap_longer_than_the_hub_allows(butel: NodeClient, settings: Any) -> None:
    settings.HUB_KEY_ROTATION_MAX_OVERLAP_HOURS = 24
    body = _signing_rotation(butel, Ed25519PrivateKey.generate(), overlap=dt.timedelta(hours=25))
    response = butel.post(ROTATIONS, body)
    assert (response.status_code, response.json()["code"]) == (422, "invalid-key-rotation")
    assert MemberKey.objects.get(keyid=butel.keyid).status == "active"


def _rotation(body: bytes) -> KeyRotationV2:
    return KeyRotationV2.model_validate_json(b64_decode(json.loads(body)["payload"]))


def _tampered(body: bytes, key: Ed25519PrivateKey, **changes: Any) -> bytes:
    """The rotation in ``body`` with ``changes``, signed again by ``key``."""
    rotation = _rotation(body).model_copy(update=changes)
    return seal_envelope(
        message_type="control.key_rotation",
        version="2.0",
        payload=rotation.model_dump_json().encode(),
        key=key,
    ).to_bytes()


def test_a_signing_key_whose_proof_is_not_its_own_is_refused(butel: NodeClient) -> None:
    body = _signing_rotation(butel, Ed25519PrivateKey.generate())
    other = _signing_rotation(butel, Ed25519PrivateKey.generate())
    response = butel.post(ROTATIONS, _tampered(body, butel.key, proof=_rotation(other).proof))
    assert (response.status_code, response.json()["code"]) == (403, "bad-proof")
    assert MemberKey.objects.count() == 1


def test_a_rotation_whose_binding_is_not_by_the_signer_is_refused(
    butel: NodeClient, cair: NodeClient
) -> None:
    body = _encryption_rotation(butel, X25519PrivateKey.generate())
    cairs = _encryption_rotation(cair, X25519PrivateKey.generate())
    response = butel.post(ROTATIONS, _tampered(body, butel.key, binding=_rotation(cairs).binding))
    assert (response.status_code, response.json()["code"]) == (422, "key-binding-invalid")


def test_a_member_cannot_rotate_another_members_keys(butel: NodeClient, cair: NodeClient) -> None:
    # Butel signs a rotation in Cair's name, and presents it itself.
    body = key_rotation_write(
        member="MK-CAIR",
        signing_key=butel.key,
        new_key=X25519PrivateKey.generate().public_key(),
        valid_from=_now(),
        issued_at=_now(),
    ).to_bytes()
    response = butel.post(ROTATIONS, body)
    assert (response.status_code, response.json()["code"]) == (403, "source-mismatch")
    assert not MemberKey.objects.filter(member__code="MK-CAIR", purpose="encryption").exists()


def test_a_rotation_signed_by_a_key_other_than_the_requests_is_refused(
    butel: NodeClient, cair: NodeClient
) -> None:
    response = butel.post(ROTATIONS, _encryption_rotation(cair, X25519PrivateKey.generate()))
    assert (response.status_code, response.json()["code"]) == (401, "unknown-key")


def test_an_encryption_key_never_signs_a_request(butel: NodeClient) -> None:
    encryption = X25519PrivateKey.generate()
    assert butel.post(ROTATIONS, _encryption_rotation(butel, encryption)).status_code == 201
    # A request that names the encryption key's id as its signer (with the signing key's
    # signature, which is all there is) is refused: that id names no signing key.
    response = butel.get("/api/v1/directory", keyid=key_id(encryption.public_key()))
    assert (response.status_code, response.json()["code"]) == (401, "unknown-key")


def test_a_key_rotation_1_0_event_is_not_applied_here(butel: NodeClient) -> None:
    body = seal_envelope(message_type="control.key_rotation", version="1.0", payload=b"{}", key=butel.key)
    response = butel.post(ROTATIONS, body.to_bytes())
    assert (response.status_code, response.json()["code"]) == (422, "unsupported-version")


def test_an_unsigned_rotation_request_is_refused(butel: NodeClient) -> None:
    body = _encryption_rotation(butel, X25519PrivateKey.generate())
    response = butel.client.generic("POST", ROTATIONS, body, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (401, "missing-request-signature")
