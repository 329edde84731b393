from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.utils import timezone

from contracts.control import Directory
from contracts.control import Member as DirectoryMember
from contracts.control import MemberKey as DirectoryKey
from contracts.envelope import KeyResolver, TrustedKey
from contracts.errors import RevokedKeyError, UnknownKeyError
from contracts.keys import key_id, load_or_create_private_key, load_public_key
from hub.federation.models import Member, MemberKey


@lru_cache(maxsize=1)
def hub_signing_key() -> Ed25519PrivateKey:
    """The hub's Ed25519 key; created on first use in the data directory."""
    return load_or_create_private_key(settings.HUB_SIGNING_KEY_PATH)


def hub_keyid() -> str:
    return key_id(hub_signing_key().public_key())


def trusted_keys_get(*, keyids: Iterable[str]) -> dict[str, TrustedKey | Exception]:
    """Trusted keys by id, in one query; a revoked key maps to the error to raise."""
    found: dict[str, TrustedKey | Exception] = {}
    # A key id is printable ASCII (ed25519:<base64url>); any other text names no key, and is
    # not sent to the database, which may refuse to compare with it (PostgreSQL and NUL).
    wanted = {keyid for keyid in keyids if keyid.isascii() and keyid.isprintable()}
    rows = MemberKey.objects.filter(keyid__in=wanted).select_related("member")
    for row in rows:
        if row.status == MemberKey.Status.REVOKED:
            found[row.keyid] = RevokedKeyError(f"Key {row.keyid} of {row.member.code} was revoked.")
        else:
            found[row.keyid] = TrustedKey(owner=row.member.code, public_key=load_public_key(row.public_key))
    return found


def keyring_resolver(keyring: dict[str, TrustedKey | Exception]) -> KeyResolver:
    """A resolver over keys fetched in bulk by ``trusted_keys_get``."""

    def resolve(keyid: str) -> TrustedKey:
        entry = keyring.get(keyid)
        if entry is None:
            raise UnknownKeyError(f"Key {keyid[:80]!r} belongs to no member of the federation.")
        if isinstance(entry, Exception):
            raise entry
        return entry

    return resolve


def trusted_key_resolve(keyid: str) -> TrustedKey:
    return keyring_resolver(trusted_keys_get(keyids=[keyid]))(keyid)


def directory_build() -> Directory:
    members = Member.objects.filter(enrolled_at__isnull=False).prefetch_related("keys")
    return Directory(
        hub_keyid=hub_keyid(),
        issued_at=timezone.now(),
        members=tuple(
            DirectoryMember(
                code=m.code,
                name=m.name,
                country=m.country,
                keys=tuple(
                    DirectoryKey(
                        keyid=k.keyid,
                        public_key=k.public_key,
                        status=k.status,
                        added_at=k.added_at,
                    )
                    for k in m.keys.all()
                ),
            )
            for m in members
        ),
    )


def member_names() -> dict[str, str]:
    """Node code → municipality name, for every member."""
    from hub.federation.models import Member

    return dict(Member.objects.values_list("code", "name"))
