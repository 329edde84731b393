from __future__ import annotations

from functools import lru_cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from contracts.client import HubClient
from contracts.envelope import KeyResolver, TrustedKey
from contracts.errors import NotEnrolledError, RevokedKeyError, UnknownKeyError
from contracts.keys import load_private_key, load_public_key
from node.federation.models import Enrolment, PeerKey

HUB_OWNER = "hub"


@lru_cache(maxsize=1)
def node_signing_key() -> Ed25519PrivateKey:
    return load_private_key(settings.NODE_SIGNING_KEY_PATH)


def enrolment_get() -> Enrolment:
    enrolment = Enrolment.objects.first()
    if enrolment is None:
        raise NotEnrolledError("Run `python -m node.manage enrol --hub URL --token TOKEN` first.")
    return enrolment


def hub_client() -> HubClient:
    return HubClient(enrolment_get().hub_url, key=node_signing_key(), timeout=settings.NODE_HUB_TIMEOUT)


def hub_key_resolve(keyid: str) -> TrustedKey:
    """Only the hub key pinned at enrolment signs receipts and directories."""
    enrolment = enrolment_get()
    if keyid != enrolment.hub_keyid:
        raise UnknownKeyError(f"{keyid[:80]} is not the hub key pinned at enrolment.")
    return TrustedKey(owner=HUB_OWNER, public_key=load_public_key(enrolment.hub_public_key))


def peer_key_resolve(keyid: str) -> TrustedKey:
    return _trusted_peer_key(keyid, PeerKey.objects.select_related("peer").filter(keyid=keyid).first())


def _trusted_peer_key(keyid: str, row: PeerKey | None) -> TrustedKey:
    if row is None:
        raise UnknownKeyError(f"Key {keyid[:80]} is not in the federation directory.")
    if row.status != "active" and row.revoked_as_of is None:
        raise RevokedKeyError(f"Key {keyid} of {row.peer.code} is {row.status}.")
    return TrustedKey(
        owner=row.peer.code,
        public_key=load_public_key(row.public_key),
        valid_until=None if row.status == "active" else row.revoked_as_of,
    )


def peer_keys_resolver(keyids: set[str]) -> KeyResolver:
    """A resolver over the directory's keys for ``keyids``, read in one query (a page of
    pulled messages); it refuses what ``peer_key_resolve`` refuses."""
    rows = {row.keyid: row for row in PeerKey.objects.select_related("peer").filter(keyid__in=keyids)}

    def resolve(keyid: str) -> TrustedKey:
        return _trusted_peer_key(keyid, rows.get(keyid))

    return lru_cache(maxsize=None)(resolve)


def hub_key_resolver() -> KeyResolver:
    """``hub_key_resolve`` with the enrolment read once."""
    enrolment = enrolment_get()
    trusted = TrustedKey(owner=HUB_OWNER, public_key=load_public_key(enrolment.hub_public_key))

    def resolve(keyid: str) -> TrustedKey:
        if keyid != enrolment.hub_keyid:
            raise UnknownKeyError(f"{keyid[:80]} is not the hub key pinned at enrolment.")
        return trusted

    return resolve
