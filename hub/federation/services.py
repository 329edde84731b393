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
from contracts.envelope import Envelope, seal_envelope
from contracts.errors import (
    BadProofError,
    InvalidMemberCodeError,
    InvalidTokenError,
    ReplayedRequestError,
    TokenExpiredError,
    TokenUsedError,
)
from contracts.keys import b64u_decode, key_id, load_public_key, public_key_text
from hub.federation.models import EnrolmentToken, Member, MemberKey, RequestNonce
from hub.federation.selectors import directory_build, hub_keyid, hub_signing_key

MEMBER_CODE = re.compile(r"^(MK|BG|RS)-[A-Z0-9]{2,20}$")


@dataclass(frozen=True)
class IssuedToken:
    member: Member
    token: str
    expires_at: dt.datetime


@transaction.atomic
def member_register(*, code: str, name: str, country: str, ttl: dt.timedelta | None = None) -> IssuedToken:
    """Register a municipality (or find it) and issue a fresh one-time enrolment token."""
    if not MEMBER_CODE.match(code) or not code.startswith(country + "-"):
        raise InvalidMemberCodeError(f"{code!r} is not a member code for country {country!r}.")
    member, created = Member.objects.get_or_create(code=code, defaults={"name": name, "country": country})
    if not created and (member.name != name or member.country != country):
        raise InvalidMemberCodeError(f"{code} is already registered as {member.name} ({member.country}).")
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


def directory_sign() -> Envelope:
    directory = directory_build()
    return seal_envelope(
        message_type=DIRECTORY_TYPE,
        version=CONTROL_VERSION,
        payload=directory.model_dump_json().encode(),
        key=hub_signing_key(),
    )


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


def key_revoke(*, keyid: str) -> MemberKey:
    key = MemberKey.objects.get(keyid=keyid)
    key.status = MemberKey.Status.REVOKED
    key.revoked_at = timezone.now()
    key.save(update_fields=["status", "revoked_at"])
    return key


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
