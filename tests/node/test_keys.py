"""The node's keys: the directory 2.0 it reads (and 1.0 from a hub of the previous release),
its peers' encryption keys, its own signing and encryption keys, their rotation and pruning."""

from __future__ import annotations

import datetime as dt
import functools
import stat
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from contracts.control import Directory, EnrolmentResponse
from contracts.control import Member as MemberV1
from contracts.control import MemberKey as MemberKeyV1
from contracts.directory import (
    DirectoryKeyV2,
    DirectoryV2,
    KeyRotationResponse,
    KeyRotationV2,
    KeyStatement,
    MemberV2,
    key_statement_bind,
    read_key_rotation,
)
from contracts.envelope import Envelope, TrustedKey, mapping_resolver
from contracts.errors import (
    ContractError,
    HubUnavailableError,
    NoEncryptionKeyError,
    NotFoundError,
    UnknownKeyError,
)
from contracts.keys import key_id, load_private_key, load_public_key, public_key_text
from node.federation.models import Enrolment, NodeKey, Peer, PeerKey
from node.federation.selectors import (
    hub_connector_use,
    node_encryption_private_key,
    node_encryption_private_keys,
    node_signing_key,
    peer_encryption_key,
    peer_keys_resolver,
)
from node.federation.services import directory_refresh, encryption_keys_prune, key_rotate, node_enrol
from node.federation.tasks import refresh_directory
from tests.factories import directory_encryption_entry, directory_signing_entry
from tests.node.conftest import Federation

SINCE = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


_signing_entry = functools.partial(directory_signing_entry, since=SINCE)
_encryption_entry = functools.partial(directory_encryption_entry, since=SINCE)


class FakeHub:
    """What a node sees of a hub: the directory and key rotations. Each rotation is verified as
    the hub verifies it (``read_key_rotation``) and applied to the keys it lists; ``speaks``
    1.0 only for a hub of the previous release, which answers 1.0 whatever is asked and has
    no rotation endpoint."""

    def __init__(self, federation: Federation, *, speaks: tuple[str, ...] = ("1.0", "2.0")) -> None:
        self.federation = federation
        self.speaks = speaks
        self.keys: dict[str, list[dict[str, Any]]] = {
            "MK-BUTEL": [_signing_entry(federation.node_key)],
            "MK-CAIR": [_signing_entry(federation.peer_key)],
        }
        self.rotations: list[KeyRotationV2] = []
        self.refusal: ContractError | None = None
        self.unreachable = False
        self.answer_lost = False
        self.issued = SINCE

    # --- what HubClient offers ---------------------------------------------------------------

    def directory(self, *, version: str | None = None) -> Envelope:
        self.issued += dt.timedelta(seconds=1)
        if version == "2.0" and "2.0" in self.speaks:
            return self.federation.directory_envelope(self._v2())
        return self.federation.directory_envelope(self._v1(), version="1.0")

    def key_rotation(self, rotation: Envelope) -> KeyRotationResponse:
        if "2.0" not in self.speaks:
            raise NotFoundError()
        if self.unreachable:
            raise HubUnavailableError("The hub could not be reached.")
        signing = {
            k["keyid"]: TrustedKey(owner=code, public_key=load_public_key(k["public_key"]))
            for code, keys in self.keys.items()
            for k in keys
            if k["purpose"] == "signing" and k["status"] == "active"
        }
        verified = read_key_rotation(rotation.to_wire(), resolve_key=mapping_resolver(signing))
        if self.refusal is not None:
            raise self.refusal
        self.rotations.append(verified)
        self._apply(verified)
        if self.answer_lost:
            raise HubUnavailableError("The connection dropped before the answer.")
        return KeyRotationResponse(
            keyid=verified.keyid, status="applied", directory=self.directory(version="2.0")
        )

    # --- the hub's side ---------------------------------------------------------------------------

    def _apply(self, rotation: KeyRotationV2) -> None:
        keys = self.keys[rotation.member]
        for key in keys:
            if key["keyid"] == rotation.replaces:
                key["status"] = "retired"
                key["valid_until"] = rotation.replaced_valid_until
        entry = rotation.statement().model_dump(exclude={"member"}) | {"status": "active"}
        if rotation.purpose == "encryption":
            entry["binding"] = rotation.binding.model_dump()
        keys.append(entry)

    def _v2(self) -> DirectoryV2:
        return DirectoryV2(
            hub_keyid=key_id(self.federation.hub_key.public_key()),
            issued_at=self.issued,
            members=tuple(
                MemberV2(code=code, name=code, country="MK", keys=tuple(DirectoryKeyV2(**k) for k in keys))
                for code, keys in self.keys.items()
            ),
        )

    def _v1(self) -> Directory:
        return Directory(
            hub_keyid=key_id(self.federation.hub_key.public_key()),
            issued_at=self.issued,
            members=tuple(
                MemberV1(
                    code=code,
                    name=code,
                    country="MK",
                    keys=tuple(
                        MemberKeyV1(
                            keyid=k["keyid"],
                            public_key=k["public_key"],
                            status="revoked" if k["status"] == "revoked" else "active",
                            added_at=k["valid_from"],
                        )
                        for k in keys
                        if k["purpose"] == "signing"
                    ),
                )
                for code, keys in self.keys.items()
            ),
        )


@pytest.fixture
def hub(federation: Federation, settings: Any, tmp_path: Path) -> Iterator[FakeHub]:
    settings.NODE_ENCRYPTION_KEY_DIR = tmp_path / "encryption-keys"
    fake = FakeHub(federation)
    previous = hub_connector_use(lambda url, key: fake)
    yield fake
    hub_connector_use(previous)


# --- reading the directory ---------------------------------------------------------------------


def test_a_node_learns_each_peers_encryption_key_from_the_directory_2_0(
    hub: FakeHub, federation: Federation
) -> None:
    cairs = X25519PrivateKey.generate()
    hub.keys["MK-CAIR"].append(_encryption_entry("MK-CAIR", cairs, bound_by=federation.peer_key))
    directory = directory_refresh()
    assert directory.version == "2.0"
    found = peer_encryption_key("MK-CAIR")
    assert found.keyid == key_id(cairs.public_key())
    assert found.public_key.public_bytes_raw() == cairs.public_key().public_bytes_raw()
    assert Enrolment.objects.get().directory_problems == []


def test_a_node_reads_1_0_from_a_hub_of_the_previous_release(hub: FakeHub, federation: Federation) -> None:
    hub.speaks = ("1.0",)
    directory = directory_refresh()
    assert directory.version == "1.0"
    assert set(PeerKey.objects.values_list("keyid", "purpose")) == {
        (key_id(federation.node_key.public_key()), "signing"),
        (key_id(federation.peer_key.public_key()), "signing"),
    }
    with pytest.raises(NoEncryptionKeyError, match="MK-CAIR has no trusted encryption key"):
        peer_encryption_key("MK-CAIR")


def test_a_key_of_an_unknown_purpose_is_not_trusted_the_rest_applies_and_the_status_says_so(
    hub: FakeHub, federation: Federation
) -> None:
    cairs = X25519PrivateKey.generate()
    odd = Ed25519PrivateKey.generate()
    hub.keys["MK-CAIR"] += [
        _encryption_entry("MK-CAIR", cairs, bound_by=federation.peer_key),
        _signing_entry(odd, purpose="timestamping"),
    ]
    directory_refresh()
    assert not PeerKey.objects.filter(keyid=key_id(odd.public_key())).exists()
    assert peer_encryption_key("MK-CAIR").keyid == key_id(cairs.public_key())
    [problem] = Enrolment.objects.get().directory_problems
    assert (problem["code"], problem["member"], problem["keyid"]) == (
        "unknown-key-purpose",
        "MK-CAIR",
        key_id(odd.public_key()),
    )
    status = Client().get("/api/v1/status").json()
    assert any(
        p.startswith(
            f"directory: key {key_id(odd.public_key())} of MK-CAIR not trusted (unknown-key-purpose)"
        )
        for p in status["problems"]
    )
    assert status["healthy"] is False


def test_an_encryption_key_the_member_did_not_bind_is_never_sealed_to(
    hub: FakeHub, federation: Federation
) -> None:
    # The hub lists a key of its own for MK-CAIR, bound with its own key.
    substitute = X25519PrivateKey.generate()
    hub.keys["MK-CAIR"].append(_encryption_entry("MK-CAIR", substitute, bound_by=federation.hub_key))
    directory_refresh()
    with pytest.raises(NoEncryptionKeyError):
        peer_encryption_key("MK-CAIR")
    assert [p["code"] for p in Enrolment.objects.get().directory_problems] == ["key-binding-invalid"]
    # Everything else of the directory still applies.
    assert PeerKey.objects.filter(keyid=key_id(federation.peer_key.public_key()), status="active").exists()


def test_a_trusted_encryption_key_that_later_fails_its_binding_is_no_longer_used(
    hub: FakeHub, federation: Federation
) -> None:
    cairs = X25519PrivateKey.generate()
    entry = _encryption_entry("MK-CAIR", cairs, bound_by=federation.peer_key)
    hub.keys["MK-CAIR"].append(entry)
    directory_refresh()
    entry["binding"] = key_statement_bind(
        KeyStatement(member="MK-CAIR", **{k: entry[k] for k in KeyStatement.model_fields if k != "member"}),
        key=federation.hub_key,
    ).model_dump()
    directory_refresh()
    with pytest.raises(NoEncryptionKeyError):
        peer_encryption_key("MK-CAIR")
    assert PeerKey.objects.get(keyid=entry["keyid"]).status == "revoked"


def test_only_signing_keys_ever_resolve_for_a_signature(hub: FakeHub, federation: Federation) -> None:
    cairs = X25519PrivateKey.generate()
    hub.keys["MK-CAIR"].append(_encryption_entry("MK-CAIR", cairs, bound_by=federation.peer_key))
    directory_refresh()
    resolve = peer_keys_resolver(None)
    assert resolve(key_id(federation.peer_key.public_key())).owner == "MK-CAIR"
    with pytest.raises(UnknownKeyError):
        resolve(key_id(cairs.public_key()))


def test_a_peers_retired_signing_key_verifies_only_what_the_hub_logged_before_its_end(
    hub: FakeHub, federation: Federation
) -> None:
    ends = SINCE + dt.timedelta(hours=2)
    hub.keys["MK-CAIR"] = [
        _signing_entry(federation.peer_key, status="retired", valid_until=ends),
        _signing_entry(Ed25519PrivateKey.generate()),
    ]
    directory_refresh()
    assert peer_keys_resolver(None)(key_id(federation.peer_key.public_key())).valid_until == ends


# --- this node's encryption keys ------------------------------------------------------------------


def test_rotating_the_encryption_key_publishes_it_retires_the_old_one_and_keeps_it(
    hub: FakeHub, federation: Federation, settings: Any
) -> None:
    first = key_rotate(purpose="encryption").key
    assert stat.S_IMODE(Path(first.path).stat().st_mode) == 0o600
    assert hub.rotations[-1].replaces is None
    second = key_rotate(purpose="encryption").key
    assert hub.rotations[-1].replaces == first.keyid
    first.refresh_from_db()
    assert (first.status, second.status) == ("retired", "active")
    # The directory the hub answered with is applied: this node's own listing follows.
    assert PeerKey.objects.get(keyid=second.keyid).status == "active"
    # The old private key still opens what was sealed to it.
    assert key_id(node_encryption_private_key(first.keyid).public_key()) == first.keyid
    assert [keyid for keyid, _ in node_encryption_private_keys()] == [second.keyid, first.keyid]


def test_a_retired_encryption_key_is_kept_for_the_retention_then_pruned(
    hub: FakeHub, federation: Federation, settings: Any
) -> None:
    settings.NODE_ENCRYPTION_KEY_RETENTION_DAYS = 30
    first = key_rotate(purpose="encryption").key
    key_rotate(purpose="encryption")
    first.refresh_from_db()
    assert first.retired_at is not None
    assert encryption_keys_prune(now=first.retired_at + dt.timedelta(days=29)) == []
    assert Path(first.path).exists()
    out = StringIO()
    NodeKey.objects.filter(pk=first.pk).update(retired_at=first.retired_at - dt.timedelta(days=31))
    call_command("prune_keys", stdout=out)
    assert f"Deleted encryption key {first.keyid}" in out.getvalue()
    assert "1 encryption key deleted; retired keys are kept 30 days." in out.getvalue()
    assert not Path(first.path).exists()
    first.refresh_from_db()
    assert (first.status, first.path) == ("destroyed", "")
    assert first.destroyed_at is not None
    with pytest.raises(UnknownKeyError):
        node_encryption_private_key(first.keyid)
    # The active key is never pruned.
    assert NodeKey.objects.filter(purpose="encryption", status="active").count() == 1


def test_an_encryption_key_the_hub_refuses_is_discarded(hub: FakeHub, tmp_path: Path) -> None:
    hub.refusal = ContractError("refused")
    with pytest.raises(ContractError, match="refused"):
        key_rotate(purpose="encryption")
    assert not NodeKey.objects.filter(purpose="encryption").exists()
    assert list((tmp_path / "encryption-keys").iterdir()) == []


# --- this node's signing key -------------------------------------------------------------------------


def test_rotating_the_signing_key_switches_to_it_once_the_hub_listed_it(
    hub: FakeHub, federation: Federation, settings: Any
) -> None:
    old = key_id(federation.node_key.public_key())
    assert key_id(node_signing_key().public_key()) == old
    out = StringIO()
    call_command("rotate_key", "--purpose", "signing", "--overlap-hours", "6", stdout=out)
    [rotation] = hub.rotations
    # Signed by the old key, with the new key's own proof (read_key_rotation checked both).
    assert (rotation.binding.keyid, rotation.replaces, rotation.purpose) == (old, old, "signing")
    assert rotation.replaced_valid_until == rotation.issued_at + dt.timedelta(hours=6)
    # Every process picks up the new key at its next signature: no cache to clear.
    new = node_signing_key()
    assert key_id(new.public_key()) == rotation.keyid
    assert key_id(load_private_key(settings.NODE_SIGNING_KEY_PATH).public_key()) == rotation.keyid
    assert not Path(str(settings.NODE_SIGNING_KEY_PATH) + ".next").exists()
    assert f"New signing key {rotation.keyid}, listed by the hub." in out.getvalue()
    assert f"Replaced {old}: this node signs with the new key from now on" in out.getvalue()
    rows = {row.keyid: row for row in NodeKey.objects.filter(purpose="signing")}
    assert (rows[old].status, rows[rotation.keyid].status) == ("retired", "active")
    assert PeerKey.objects.get(keyid=old).status == "retired"


def test_what_the_node_writes_after_a_rotation_is_signed_with_the_new_key(hub: FakeHub) -> None:
    from contracts.envelope import parse_envelope
    from node.exchange.outbox import outbox_enqueue
    from tests.factories import service_data

    key = key_rotate(purpose="signing").key
    row = outbox_enqueue(message_type="catalogue.service", data=service_data())
    assert parse_envelope(bytes(row.envelope)).signatures[0].keyid == key.keyid


def test_a_signing_rotation_the_hub_refuses_leaves_the_old_key_in_use(
    hub: FakeHub, federation: Federation, settings: Any
) -> None:
    hub.refusal = ContractError("refused")
    with pytest.raises(CommandError, match="contract-error: refused"):
        call_command("rotate_key", "--purpose", "signing")
    assert key_id(node_signing_key().public_key()) == key_id(federation.node_key.public_key())
    assert not Path(str(settings.NODE_SIGNING_KEY_PATH) + ".next").exists()
    assert not NodeKey.objects.filter(status="pending").exists()


def test_a_signing_rotation_the_hub_did_not_answer_presents_the_same_key_next_time(
    hub: FakeHub, federation: Federation
) -> None:
    hub.unreachable = True
    with pytest.raises(CommandError, match="hub-unavailable: .* The new key is kept; run rotate_key again"):
        call_command("rotate_key", "--purpose", "signing")
    assert key_id(node_signing_key().public_key()) == key_id(federation.node_key.public_key())
    [pending] = NodeKey.objects.filter(status="pending")
    hub.unreachable = False
    key = key_rotate(purpose="signing").key
    assert key.keyid == pending.keyid
    assert [r.keyid for r in hub.rotations] == [pending.keyid]


def test_a_signing_key_the_hub_listed_though_its_answer_was_lost_is_adopted_at_the_next_refresh(
    hub: FakeHub, federation: Federation
) -> None:
    hub.answer_lost = True
    with pytest.raises(HubUnavailableError):
        key_rotate(purpose="signing")
    [pending] = NodeKey.objects.filter(status="pending")
    directory_refresh()
    assert key_id(node_signing_key().public_key()) == pending.keyid
    pending.refresh_from_db()
    assert pending.status == "active"


# --- enrolment ---------------------------------------------------------------------------------------


class _EnrollingHub(FakeHub):
    def enrol(self, *, token: str, key: Ed25519PrivateKey) -> EnrolmentResponse:
        self.keys["MK-BUTEL"] = [_signing_entry(key)]
        hub_public = self.federation.hub_key.public_key()
        return EnrolmentResponse(
            node_code="MK-BUTEL",
            node_name="Бутел",
            hub_public_key=public_key_text(hub_public),
            hub_keyid=key_id(hub_public),
            directory=self.directory().to_wire(),
        )


@pytest.fixture
def unenrolled(federation: Federation, settings: Any, tmp_path: Path) -> Iterator[_EnrollingHub]:
    Enrolment.objects.all().delete()
    Peer.objects.all().delete()
    settings.NODE_SIGNING_KEY_PATH = tmp_path / "fresh" / "node.key"
    settings.NODE_ENCRYPTION_KEY_DIR = tmp_path / "fresh" / "encryption-keys"
    node_signing_key.cache_clear()
    fake = _EnrollingHub(federation)
    previous = hub_connector_use(lambda url, key: fake)
    yield fake
    hub_connector_use(previous)


def test_enrolment_publishes_an_encryption_key_with_its_binding(unenrolled: _EnrollingHub) -> None:
    enrolment = node_enrol(hub_url="http://hub.test", token="enrol_" + "x" * 20)
    [rotation] = unenrolled.rotations
    signing = key_id(node_signing_key().public_key())
    assert (rotation.purpose, rotation.binding.keyid, rotation.replaces) == ("encryption", signing, None)
    assert enrolment.node_code == "MK-BUTEL"
    assert Enrolment.objects.get().directory_version == "2.0"
    assert set(NodeKey.objects.values_list("purpose", "status")) == {
        ("signing", "active"),
        ("encryption", "active"),
    }


def test_enrolment_with_a_hub_of_the_previous_release_works_and_the_key_follows_when_it_upgrades(
    unenrolled: _EnrollingHub,
) -> None:
    unenrolled.speaks = ("1.0",)
    node_enrol(hub_url="http://hub.test", token="enrol_" + "x" * 20)
    assert unenrolled.rotations == []
    assert Enrolment.objects.get().directory_version == "1.0"
    assert not NodeKey.objects.filter(purpose="encryption").exists()
    unenrolled.speaks = ("1.0", "2.0")
    refresh_directory()
    [rotation] = unenrolled.rotations
    assert rotation.purpose == "encryption"
    assert NodeKey.objects.get(purpose="encryption").status == "active"
