from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from contracts.client import HubClient
from contracts.envelope import KeyResolver, TrustedKey
from contracts.errors import NoEncryptionKeyError, NotEnrolledError, RevokedKeyError, UnknownKeyError
from contracts.keys import (
    key_id,
    load_encryption_key,
    load_encryption_public_key,
    load_private_key,
    load_public_key,
)
from node.federation.models import Enrolment, NodeKey, PeerKey

HUB_OWNER = "hub"
CLOCK_SKEW = dt.timedelta(minutes=5)
"""How far ahead of this node's clock a peer's new key may say it is valid from, and still be
used: the peer's clock, not the key, is a little ahead."""


class _CurrentSigningKey:
    """The node's signing key as the file at ``NODE_SIGNING_KEY_PATH`` holds it now.

    A rotation replaces the file; every process (web, worker, beat) signs with the new key
    from its next message on, without a restart. One ``stat`` per call tells (a microsecond,
    against the 50 of a signature); the key is parsed again only when the file changed.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: tuple[tuple[str, int, int], Ed25519PrivateKey] | None = None

    def __call__(self) -> Ed25519PrivateKey:
        path: Path = settings.NODE_SIGNING_KEY_PATH
        found = os.stat(path)
        identity = (str(path), found.st_ino, found.st_mtime_ns)
        held = self._held
        if held is not None and held[0] == identity:
            return held[1]
        with self._lock:
            key = load_private_key(path)
            self._held = (identity, key)
        return key

    def cache_clear(self) -> None:
        self._held = None


node_signing_key = _CurrentSigningKey()


def enrolment_get() -> Enrolment:
    enrolment = Enrolment.objects.first()
    if enrolment is None:
        raise NotEnrolledError("Run `python -m node.manage enrol --hub URL --token TOKEN` first.")
    return enrolment


HubConnector = Callable[[str, Ed25519PrivateKey | None], HubClient]
"""How this node reaches a hub: its base URL and the key that signs requests (none before
enrolment) give a client."""


def _http(url: str, key: Ed25519PrivateKey | None) -> HubClient:
    return HubClient(url, key=key, timeout=settings.NODE_HUB_TIMEOUT)


_CONNECTOR: list[HubConnector] = [_http]


def hub_connector_use(connector: HubConnector | None) -> HubConnector:
    """Choose how this node reaches its hub, at the edge: the HTTP client unless told otherwise
    (a test gives a hub in memory). ``None`` chooses HTTP again. Returns the previous choice."""
    previous = _CONNECTOR[0]
    _CONNECTOR[0] = connector or _http
    return previous


def hub_client() -> HubClient:
    return _CONNECTOR[0](enrolment_get().hub_url, node_signing_key())


def hub_client_for(url: str) -> HubClient:
    """A client of the hub at ``url`` that signs nothing: for enrolment, before the hub knows a key."""
    return _CONNECTOR[0](url, None)


def hub_key_resolver() -> KeyResolver:
    """Only the hub key pinned at enrolment signs receipts, directories and tree heads."""
    enrolment = enrolment_get()
    trusted = TrustedKey(owner=HUB_OWNER, public_key=load_public_key(enrolment.hub_public_key))

    def resolve(keyid: str) -> TrustedKey:
        if keyid != enrolment.hub_keyid:
            raise UnknownKeyError(f"{keyid[:80]} is not the hub key pinned at enrolment.")
        return trusted

    return resolve


def peer_keys_resolver(keyids: set[str] | None) -> KeyResolver:
    """A resolver over the directory's signing keys for ``keyids`` (``None``: every key), read
    in one query (a page of pulled messages). Only signing keys resolve: an encryption key's id
    names no key here. A revoked key resolves only if the directory said when it was first seen
    revoked, and a key replaced by a rotation until its ``valid_until``; the caller compares
    that with the hub's receipt."""
    keys = PeerKey.objects.filter(purpose="signing").select_related("peer")
    rows = {row.keyid: row for row in (keys if keyids is None else keys.filter(keyid__in=keyids))}

    @cache
    def resolve(keyid: str) -> TrustedKey:
        row = rows.get(keyid)
        if row is None:
            raise UnknownKeyError(f"Key {keyid[:80]} is not in the federation directory.")
        if row.status == "revoked" and row.revoked_as_of is None:
            raise RevokedKeyError(f"Key {keyid} of {row.peer.code} is {row.status}.")
        ends = [row.valid_until, row.revoked_as_of if row.status == "revoked" else None]
        return TrustedKey(
            owner=row.peer.code,
            public_key=load_public_key(row.public_key),
            valid_until=min((t for t in ends if t is not None), default=None),
        )

    return resolve


@dataclass(frozen=True, slots=True)
class PeerEncryptionKey:
    """A member's encryption key as this node stored it from a verified directory (its binding
    checked then): what a case transfer to that member is sealed to."""

    member: str
    keyid: str
    public_key: X25519PublicKey
    valid_until: dt.datetime | None


def peer_encryption_key(code: str, *, at: dt.datetime | None = None) -> PeerEncryptionKey:
    """The member's active X25519 key valid at ``at`` (now), the newest should there be
    several; raise ``NoEncryptionKeyError`` when it has none (a hub or node of the previous
    release, a key revoked, a binding that did not verify)."""
    now = at or timezone.now()
    row = (
        PeerKey.objects.filter(peer__code=code, purpose="encryption", algorithm="X25519", status="active")
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=now + CLOCK_SKEW))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=now))
        .order_by("-valid_from", "-id")
        .first()
    )
    if row is None:
        raise NoEncryptionKeyError(f"{code[:24]} has no trusted encryption key valid now.")
    return PeerEncryptionKey(
        member=code,
        keyid=row.keyid,
        public_key=load_encryption_public_key(row.public_key),
        valid_until=row.valid_until,
    )


_HELD = [NodeKey.Status.ACTIVE, NodeKey.Status.RETIRED]


def node_encryption_private_key(keyid: str) -> X25519PrivateKey:
    """This node's encryption private key ``keyid``, active or retired but still kept: what
    opens a transfer sealed to it. Raise ``UnknownKeyError`` for a key it never had or destroyed."""
    row = NodeKey.objects.filter(
        keyid=keyid,
        purpose=NodeKey.Purpose.ENCRYPTION,
        status__in=[NodeKey.Status.ACTIVE, NodeKey.Status.RETIRED],
    ).first()
    if row is None or not row.path:
        raise UnknownKeyError(f"This node holds no encryption key {keyid[:80]}.")
    return load_encryption_key(Path(row.path))


def node_encryption_private_keys() -> list[tuple[str, X25519PrivateKey]]:
    """Every encryption private key this node still holds, by key id, the active one first and
    then the retired ones, newest first: for a transfer that does not name the key it is sealed to."""
    rows = NodeKey.objects.filter(purpose=NodeKey.Purpose.ENCRYPTION, status__in=_HELD).exclude(path="")
    ordered = sorted(rows, key=lambda r: (r.status != NodeKey.Status.ACTIVE, -r.created_at.timestamp()))
    return [(row.keyid, load_encryption_key(Path(row.path))) for row in ordered]


def directory_problems() -> list[str]:
    """The keys of the last directory this node did not trust, in words, for its status."""
    enrolment = Enrolment.objects.first()
    if enrolment is None:
        return []
    return [
        f"directory: key {p.get('keyid', '')[:80]} of {p.get('member', '')} not trusted "
        f"({p.get('code', '')}): {p.get('message', '')}"
        for p in enrolment.directory_problems
        if isinstance(p, dict)
    ]


def own_signing_key(keyid: str) -> TrustedKey:
    """This node's own signing key ``keyid``, current or replaced by a rotation (what it signed
    for itself, a consent's record, stays verifiable); raises ``UnknownKeyError`` otherwise."""
    code = enrolment_get().node_code
    current = node_signing_key().public_key()
    if key_id(current) == keyid:
        return TrustedKey(owner=code, public_key=current)
    row = NodeKey.objects.filter(keyid=keyid, purpose=NodeKey.Purpose.SIGNING).first()
    if row is None:
        raise UnknownKeyError(f"{keyid} is not one of this node's signing keys.")
    return TrustedKey(owner=code, public_key=load_public_key(row.public_key))


def member_names() -> dict[str, str]:
    """Node code → municipality name, for every member the signed directory lists and this node."""
    from node.federation.models import Peer

    names = dict(Peer.objects.values_list("code", "name"))
    enrolment = Enrolment.objects.first()
    if enrolment is not None and enrolment.node_code not in names:
        names[enrolment.node_code] = enrolment.node_name or enrolment.node_code
    return names
