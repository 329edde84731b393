from __future__ import annotations

from functools import cache, lru_cache

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
    """A resolver over the directory's keys for ``keyids`` (``None``: every key), read in one
    query (a page of pulled messages). A revoked key resolves only if the directory said when
    it was first seen revoked; the caller compares that with the hub's receipt."""
    keys = PeerKey.objects.select_related("peer")
    rows = {row.keyid: row for row in (keys if keyids is None else keys.filter(keyid__in=keyids))}

    @cache
    def resolve(keyid: str) -> TrustedKey:
        row = rows.get(keyid)
        if row is None:
            raise UnknownKeyError(f"Key {keyid[:80]} is not in the federation directory.")
        if row.status != "active" and row.revoked_as_of is None:
            raise RevokedKeyError(f"Key {keyid} of {row.peer.code} is {row.status}.")
        return TrustedKey(
            owner=row.peer.code,
            public_key=load_public_key(row.public_key),
            valid_until=None if row.status == "active" else row.revoked_as_of,
        )

    return resolve


def member_names() -> dict[str, str]:
    """Node code → municipality name, for every member the signed directory lists and this node."""
    from node.federation.models import Peer

    names = dict(Peer.objects.values_list("code", "name"))
    enrolment = Enrolment.objects.first()
    if enrolment is not None and enrolment.node_code not in names:
        names[enrolment.node_code] = enrolment.node_name or enrolment.node_code
    return names
