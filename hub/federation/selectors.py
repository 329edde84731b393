from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from contracts.control import Directory
from contracts.control import Member as DirectoryMember
from contracts.control import MemberKey as DirectoryKey
from contracts.directory import DirectoryKeyV2, DirectoryV2, KeyBinding, MemberV2
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
    """Trusted signing keys by id, in one query; a revoked key, or one past its validity (a
    signing key replaced by a rotation), maps to the error to raise. Only signing keys ever
    verify a signature: an encryption key's id names no key here."""
    found: dict[str, TrustedKey | Exception] = {}
    # A key id is printable ASCII (ed25519:<base64url>); any other text names no key, and is
    # not sent to the database, which may refuse to compare with it (PostgreSQL and NUL).
    wanted = {keyid for keyid in keyids if keyid.isascii() and keyid.isprintable()}
    rows = MemberKey.objects.filter(keyid__in=wanted, purpose=MemberKey.Purpose.SIGNING).select_related(
        "member"
    )
    now = timezone.now()
    for row in rows:
        if row.status == MemberKey.Status.REVOKED:
            found[row.keyid] = RevokedKeyError(f"Key {row.keyid} of {row.member.code} was revoked.")
        elif row.valid_until is not None and row.valid_until <= now:
            found[row.keyid] = RevokedKeyError(
                f"Key {row.keyid} of {row.member.code} was valid until {row.valid_until.isoformat()}"
                + (" (replaced by a rotation)." if row.status == MemberKey.Status.RETIRED else ".")
            )
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
    """``control.directory`` 1.0, for nodes of the previous release: signing keys only, a key
    past its validity (replaced by a rotation) shown as revoked, as 1.0 has no validity."""
    now = timezone.now()
    return Directory(
        hub_keyid=hub_keyid(),
        issued_at=now,
        members=tuple(
            DirectoryMember(
                code=m.code,
                name=m.name,
                country=m.country,
                keys=tuple(
                    DirectoryKey(
                        keyid=k.keyid,
                        public_key=k.public_key,
                        status="active" if _accepted_at(k, now) else "revoked",
                        added_at=k.added_at,
                    )
                    for k in m.keys.all()
                    if k.purpose == MemberKey.Purpose.SIGNING
                ),
            )
            for m in _enrolled_members()
        ),
    )


def directory_build_v2() -> DirectoryV2:
    """``control.directory`` 2.0: every key of every enrolled member, with its purpose, status,
    validity and, for an encryption key, its member's binding."""
    return DirectoryV2(
        hub_keyid=hub_keyid(),
        issued_at=timezone.now(),
        members=tuple(
            MemberV2(
                code=m.code,
                name=m.name,
                country=m.country,
                keys=tuple(
                    DirectoryKeyV2(
                        keyid=k.keyid,
                        purpose=k.purpose,
                        algorithm=k.algorithm,
                        public_key=k.public_key,
                        status=k.status,
                        valid_from=k.valid_from,
                        valid_until=k.valid_until,
                        revoked_at=k.revoked_at,
                        revocation_reason=k.revocation_reason or None,
                        binding=_binding(k),
                    )
                    for k in m.keys.all()
                ),
            )
            for m in _enrolled_members()
        ),
    )


def _binding(key: MemberKey) -> KeyBinding | None:
    # Only an encryption key is published with its binding: a signing key is the member's
    # word itself, and readers trust it as the hub lists it.
    if key.purpose != MemberKey.Purpose.ENCRYPTION or not key.binding_keyid:
        return None
    return KeyBinding(keyid=key.binding_keyid, sig=key.binding_sig)


def _enrolled_members() -> QuerySet[Member]:
    keys = MemberKey.objects.order_by("purpose", "valid_from", "id")
    return Member.objects.filter(enrolled_at__isnull=False).prefetch_related(Prefetch("keys", queryset=keys))


def _accepted_at(key: MemberKey, now: dt.datetime) -> bool:
    return key.status != MemberKey.Status.REVOKED and (key.valid_until is None or key.valid_until > now)


def encryption_key_current(*, member: str, keyid: str, at: dt.datetime) -> bool:
    """Whether ``keyid`` is an encryption key of ``member`` that is not revoked and still valid
    at ``at`` (active, or retired by a rotation a moment ago while its validity lasts)."""
    return (
        MemberKey.objects.filter(
            member__code=member, keyid=keyid, purpose=MemberKey.Purpose.ENCRYPTION, valid_from__lte=at
        )
        .exclude(status=MemberKey.Status.REVOKED)
        .exclude(valid_until__lte=at)
        .exists()
    )


def member_names() -> dict[str, str]:
    """Node code → municipality name, for every member."""
    from hub.federation.models import Member

    return dict(Member.objects.values_list("code", "name"))
