from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import time
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from contracts.control import (
    CONTROL_VERSION,
    DIRECTORY_TYPE,
    EnrolmentProof,
    EnrolmentRequest,
    EnrolmentResponse,
)
from contracts.directory import KeyRotationResponse, read_key_rotation
from contracts.envelope import Envelope, mapping_resolver, seal_envelope
from contracts.errors import (
    BadProofError,
    InvalidInputError,
    InvalidKeyRotationError,
    InvalidMemberCodeError,
    InvalidTokenError,
    ReplayedRequestError,
    TokenExpiredError,
    TokenUsedError,
    UnknownKeyError,
)
from contracts.keys import b64u_decode, key_id, load_public_key, public_key_text
from hub.federation.models import EnrolmentToken, Member, MemberKey, RequestNonce
from hub.federation.selectors import (
    directory_build,
    directory_build_v2,
    hub_keyid,
    hub_signing_key,
    trusted_key_resolve,
)

MEMBER_CODE = re.compile(r"^(MK|BG|RS)-[A-Z0-9]{2,20}$")


@dataclass(frozen=True)
class IssuedToken:
    member: Member
    token: str
    expires_at: dt.datetime


@transaction.atomic
def member_register(
    *, code: str, name: str, country: str, region: str = "", ttl: dt.timedelta | None = None
) -> IssuedToken:
    """Register a municipality (or find it) and issue a fresh one-time enrolment token. A
    ``region`` given for a member registered before sets its region (the statistics' sums by
    region count it there from its next release; ``statistics_totals --rebuild`` moves the past)."""
    if not MEMBER_CODE.match(code) or not code.startswith(country + "-"):
        raise InvalidMemberCodeError(f"{code!r} is not a member code for country {country!r}.")
    region = region.strip()[:100]
    member, created = Member.objects.get_or_create(
        code=code, defaults={"name": name, "country": country, "region": region}
    )
    if not created and (member.name != name or member.country != country):
        raise InvalidMemberCodeError(f"{code} is already registered as {member.name} ({member.country}).")
    if region and member.region != region:
        member.region = region
        member.save(update_fields=["region"])
    return enrolment_token_issue(member=member, ttl=ttl)


@transaction.atomic
def enrolment_token_issue(*, member: Member, ttl: dt.timedelta | None = None) -> IssuedToken:
    # A fixed prefix makes a leaked token recognisable and keeps it from starting with "-",
    # which a command line would take for an option.
    token = "enrol_" + secrets.token_urlsafe(32)
    expires_at = timezone.now() + (ttl or dt.timedelta(hours=settings.HUB_ENROLMENT_TOKEN_TTL_HOURS))
    EnrolmentToken.objects.create(member=member, token_sha256=_sha256(token), expires_at=expires_at)
    return IssuedToken(member=member, token=token, expires_at=expires_at)


@transaction.atomic
def member_enrol(*, request: EnrolmentRequest) -> EnrolmentResponse:
    """Enrol a node's key against a one-time token and a proof that it holds the key."""
    # 1. The token must exist, be unused and unexpired.
    token = (
        EnrolmentToken.objects.select_for_update()
        .select_related("member")
        .filter(token_sha256=_sha256(request.token))
        .first()
    )
    if token is None:
        raise InvalidTokenError()
    if token.used_at is not None:
        raise TokenUsedError(f"The token was used at {token.used_at.isoformat()}; ask the hub for a new one.")
    if token.expires_at <= timezone.now():
        raise TokenExpiredError(f"The token expired at {token.expires_at.isoformat()}; ask for a new one.")
    # 2. The node must prove it holds the private key of the public key it presents.
    public_key = load_public_key(request.public_key)
    try:
        proof = b64u_decode(request.proof)
        public_key.verify(
            proof, EnrolmentProof(token=request.token, public_key=request.public_key).to_bytes()
        )
    except (ValueError, InvalidSignature) as exc:
        raise BadProofError() from exc
    # 3. Record the key and spend the token.
    member = token.member
    keyid = key_id(public_key)
    if MemberKey.objects.filter(keyid=keyid).exclude(member=member).exists():
        raise BadProofError("This key is already enrolled for another member.")
    MemberKey.objects.get_or_create(
        keyid=keyid, defaults={"member": member, "public_key": public_key_text(public_key)}
    )
    token.used_at = timezone.now()
    token.save(update_fields=["used_at"])
    if member.enrolled_at is None:
        member.enrolled_at = token.used_at
        member.save(update_fields=["enrolled_at"])
    return EnrolmentResponse(
        node_code=member.code,
        node_name=member.name,
        hub_public_key=public_key_text(hub_signing_key().public_key()),
        hub_keyid=hub_keyid(),
        directory=directory_sign().to_wire(),
    )


def directory_sign(*, version: str = CONTROL_VERSION) -> Envelope:
    """The directory at ``version`` (1.0, signing keys only, or 2.0), signed by the hub."""
    directory = directory_build_v2() if version == "2.0" else directory_build()
    return seal_envelope(
        message_type=DIRECTORY_TYPE,
        version=version,
        payload=directory.model_dump_json().encode(),
        key=hub_signing_key(),
    )


@transaction.atomic
def key_rotation_apply(*, raw: bytes, signer_keyid: str) -> KeyRotationResponse:
    """Apply a member's ``control.key_rotation`` 2.0, presented in a request signed by
    ``signer_keyid``: the new key is listed from now on, the key it replaces is retired.

    Presenting the same rotation again changes nothing (the member may not have seen the
    answer); raises a ``ContractError`` for anything that does not fit."""
    # 1. Signed by the very key that signed the request, with every signature inside valid.
    signer = trusted_key_resolve(signer_keyid)
    rotation = read_key_rotation(raw, resolve_key=mapping_resolver({signer_keyid: signer}))
    member = Member.objects.select_for_update().get(code=rotation.member)
    # 2. A key already listed: this rotation was applied before, or the key is another's.
    existing = MemberKey.objects.filter(keyid=rotation.keyid).first()
    if existing is not None:
        if existing.member_id != member.pk or existing.purpose != rotation.purpose:
            raise BadProofError("This key is already enrolled for another member or purpose.")
        return KeyRotationResponse(
            keyid=existing.keyid, status="already-applied", directory=directory_sign(version="2.0")
        )
    # 3. Valid from about now (the member's clock may be a little ahead), not already over.
    now = timezone.now()
    if rotation.valid_from > now + dt.timedelta(seconds=settings.HUB_REQUEST_MAX_SKEW_SECONDS):
        raise InvalidKeyRotationError(f"The key is valid only from {rotation.valid_from.isoformat()}.")
    if rotation.valid_until is not None and rotation.valid_until <= now:
        raise InvalidKeyRotationError(f"The key was valid only until {rotation.valid_until.isoformat()}.")
    # 4. It replaces the member's active key of the same purpose; a first encryption key replaces none.
    replaced = _replaced_key(member=member, purpose=rotation.purpose, keyid=rotation.replaces)
    if rotation.replaced_valid_until is not None:
        longest = now + dt.timedelta(hours=settings.HUB_KEY_ROTATION_MAX_OVERLAP_HOURS)
        if not now <= rotation.replaced_valid_until <= longest:
            raise InvalidKeyRotationError(
                f"The replaced key may stay valid until {longest.isoformat()} at most, "
                "and not end in the past."
            )
    # 5. List the new key; retire the one it replaces.
    MemberKey.objects.create(
        member=member,
        keyid=rotation.keyid,
        purpose=rotation.purpose,
        algorithm=rotation.algorithm,
        public_key=rotation.public_key,
        added_at=now,
        valid_from=rotation.valid_from,
        valid_until=rotation.valid_until,
        binding_keyid=rotation.binding.keyid,
        binding_sig=rotation.binding.sig,
    )
    if replaced is not None:
        replaced.status = MemberKey.Status.RETIRED
        replaced.retired_at = now
        if rotation.replaced_valid_until is not None:
            ends = [t for t in (replaced.valid_until, rotation.replaced_valid_until) if t is not None]
            replaced.valid_until = min(ends)
        replaced.save(update_fields=["status", "retired_at", "valid_until"])
    return KeyRotationResponse(
        keyid=rotation.keyid, status="applied", directory=directory_sign(version="2.0")
    )


def _replaced_key(*, member: Member, purpose: str, keyid: str | None) -> MemberKey | None:
    active = MemberKey.objects.select_for_update().filter(
        member=member, purpose=purpose, status=MemberKey.Status.ACTIVE
    )
    if keyid is None:
        if active.exists():
            raise InvalidKeyRotationError(
                f"{member.code} has an active {purpose} key: the rotation must name it in replaces."
            )
        return None
    replaced = active.filter(keyid=keyid).first()
    if replaced is None:
        raise InvalidKeyRotationError(f"{keyid[:80]} is not an active {purpose} key of {member.code}.")
    return replaced


def request_nonce_record(keyid: str, nonce: str, signed_at: dt.datetime) -> None:
    """Remember a verified request's nonce; raise ``ReplayedRequestError`` if it was seen."""
    try:
        with transaction.atomic():
            RequestNonce.objects.create(keyid=keyid, nonce=nonce, signed_at=signed_at)
    except IntegrityError:
        raise ReplayedRequestError(f"Nonce {nonce} was already used by {keyid}.") from None


def request_nonces_purge(*, before: dt.datetime) -> int:
    deleted, _ = RequestNonce.objects.filter(signed_at__lt=before).delete()
    return deleted


_TOUCHED: dict[str, float] = {}
_TOUCH_EVERY = 5.0


def member_touch(*, code: str) -> None:
    """Record that a member was seen, at most every few seconds per process, to spare the database."""
    now = time.monotonic()
    if now - _TOUCHED.get(code, -_TOUCH_EVERY) < _TOUCH_EVERY:
        return
    _TOUCHED[code] = now
    Member.objects.filter(code=code).update(last_seen_at=timezone.now())


@dataclass(frozen=True)
class Revocation:
    key: MemberKey
    already: bool
    """The key was revoked before; nothing changed."""


@transaction.atomic
def key_revoke(*, keyid: str, reason: str = "unspecified", purpose: str | None = None) -> Revocation:
    """Revoke a member's key from now on: a signing key signs nothing the hub accepts, an
    encryption key is listed as revoked, and so is every encryption key bound by a revoked
    signing key at the nodes that read the directory. Revoking a revoked key changes nothing.

    ``purpose``, when given, must be the key's: a guard against revoking the wrong kind."""
    if reason not in MemberKey.RevocationReason.values:
        raise InvalidInputError(
            f"{reason[:40]!r} is not a reason; use one of {', '.join(MemberKey.RevocationReason.values)}."
        )
    key = MemberKey.objects.select_for_update().select_related("member").filter(keyid=keyid).first()
    if key is None:
        raise UnknownKeyError(f"No member holds a key {keyid[:80]!r}.")
    if purpose is not None and key.purpose != purpose:
        raise InvalidInputError(f"{key.keyid} is a {key.purpose} key, not an {purpose} key.")
    if key.status == MemberKey.Status.REVOKED:
        return Revocation(key=key, already=True)
    key.status = MemberKey.Status.REVOKED
    key.revoked_at = timezone.now()
    key.revocation_reason = reason
    key.save(update_fields=["status", "revoked_at", "revocation_reason"])
    return Revocation(key=key, already=False)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
