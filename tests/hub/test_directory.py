"""The directory in both versions: 1.0 (signing keys) for nodes of the previous release, 2.0
(signing and encryption keys) for a node that asks for it."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError

from contracts.control import Directory, read_control
from contracts.directory import key_rotation_write, read_directory
from contracts.envelope import KeyResolver, parse_envelope, parse_payload_type
from contracts.errors import UnsupportedVersionError
from contracts.keys import key_id
from hub.federation.models import MemberKey
from hub.federation.selectors import hub_signing_key
from tests.factories import resolver_for
from tests.hub.conftest import NodeClient

pytestmark = pytest.mark.django_db


def _publish_encryption_key(node: NodeClient) -> str:
    key = X25519PrivateKey.generate().public_key()
    now = dt.datetime.now(dt.UTC)
    body = key_rotation_write(
        member=node.code, signing_key=node.key, new_key=key, valid_from=now, issued_at=now
    )
    assert node.post("/api/v1/keys/rotations", body.to_bytes()).status_code == 201
    return key_id(key)


def _hub() -> KeyResolver:
    return resolver_for(hub_signing_key(), "hub")


def test_a_node_that_asks_for_nothing_gets_1_0_with_signing_keys_only(
    butel: NodeClient, cair: NodeClient
) -> None:
    _publish_encryption_key(butel)
    response = cair.get("/api/v1/directory")
    # What a node of the previous release does with it: read_control with the 1.0 model.
    directory = read_control(response.content, model=Directory, resolve_key=_hub())
    assert {m.code: [k.keyid for k in m.keys] for m in directory.members} == {
        "MK-BUTEL": [butel.keyid],
        "MK-CAIR": [cair.keyid],
    }


def test_a_node_that_asks_for_2_0_gets_every_key_with_its_purpose(
    butel: NodeClient, cair: NodeClient
) -> None:
    encryption = _publish_encryption_key(butel)
    response = cair.get("/api/v1/directory?version=2.0")
    assert parse_payload_type(parse_envelope(response.content).payload_type) == ("control.directory", "2.0")
    directory = read_directory(response.content, resolve_key=_hub())
    [member] = [m for m in directory.members if m.code == "MK-BUTEL"]
    assert [(k.keyid, k.purpose, k.algorithm) for k in member.keys] == [
        (encryption, "encryption", "X25519"),
        (butel.keyid, "signing", "Ed25519"),
    ]
    assert directory.problems == ()


def test_a_newer_minor_of_2_gets_2_0_and_an_unknown_major_is_refused(cair: NodeClient) -> None:
    newer = cair.get("/api/v1/directory?version=2.7")
    assert parse_payload_type(parse_envelope(newer.content).payload_type)[1] == "2.0"
    response = cair.get("/api/v1/directory?version=9.0")
    assert (response.status_code, response.json()["code"]) == (422, "unsupported-version")


def test_the_old_reader_refuses_2_0_which_is_why_the_hub_serves_1_0_by_default(cair: NodeClient) -> None:
    response = cair.get("/api/v1/directory?version=2.0")
    with pytest.raises(UnsupportedVersionError):
        read_control(response.content, model=Directory, resolve_key=_hub())


def test_revoking_a_key_records_why_and_2_0_says_so(butel: NodeClient, cair: NodeClient) -> None:
    out = StringIO()
    call_command("revoke_key", butel.keyid, "--reason", "key-compromise", "--purpose", "signing", stdout=out)
    assert f"Revoked the signing key {butel.keyid} of MK-BUTEL (key-compromise)" in out.getvalue()
    directory = read_directory(cair.get("/api/v1/directory?version=2.0").content, resolve_key=_hub())
    [key] = [k for m in directory.members if m.code == "MK-BUTEL" for k in m.keys]
    assert key.status == "revoked"
    stored = MemberKey.objects.get(keyid=butel.keyid)
    assert (stored.status, stored.revocation_reason) == ("revoked", "key-compromise")
    # The revoked key signs nothing the hub accepts any more.
    refused = butel.get("/api/v1/directory")
    assert (refused.status_code, refused.json()["code"]) == (401, "revoked-key")


def test_revoking_an_encryption_key_lists_it_as_revoked(butel: NodeClient, cair: NodeClient) -> None:
    encryption = _publish_encryption_key(butel)
    call_command("revoke_key", encryption, "--reason", "superseded", stdout=StringIO())
    directory = read_directory(cair.get("/api/v1/directory?version=2.0").content, resolve_key=_hub())
    statuses = {k.keyid: k.status for m in directory.members for k in m.keys}
    assert (statuses[encryption], statuses[butel.keyid]) == ("revoked", "active")


def test_revoke_key_refuses_an_unknown_key_id_with_a_clear_error_and_exit_status(butel: NodeClient) -> None:
    unknown = key_id(Ed25519PrivateKey.generate().public_key())
    with pytest.raises(CommandError, match=f"unknown-key: No member holds a key '{unknown}'") as raised:
        call_command("revoke_key", unknown)
    assert raised.value.returncode == 1
    assert MemberKey.objects.get().status == "active"


def test_revoke_key_refuses_a_key_of_another_purpose_than_named(butel: NodeClient) -> None:
    with pytest.raises(CommandError, match="invalid-input: .* is a signing key, not an encryption key"):
        call_command("revoke_key", butel.keyid, "--purpose", "encryption")
    assert MemberKey.objects.get().status == "active"


def test_revoking_a_revoked_key_again_changes_nothing(butel: NodeClient) -> None:
    call_command("revoke_key", butel.keyid, "--reason", "cessation-of-operation", stdout=StringIO())
    out = StringIO()
    call_command("revoke_key", butel.keyid, "--reason", "key-compromise", stdout=out)
    assert "was already revoked" in out.getvalue()
    assert MemberKey.objects.get().revocation_reason == "cessation-of-operation"
