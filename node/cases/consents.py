"""Recording a person's consent to a case transfer, withdrawing it, and what a consent says.

Every operation runs inside the register's ``audited`` (its log line with it, or its refusal
logged with the code). A consent is checked as the contracts' ``ConsentRecordV1`` before it is
kept, and kept with the node's signature over that record.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from pydantic import ValidationError

from contracts.cases import CASE_FILE_CATEGORIES, ConsentRecordV1
from contracts.cases import ConsentEvent as ConsentEventRecord
from contracts.envelope import open_envelope, parse_envelope, seal_envelope_bytes
from contracts.errors import (
    ConsentExpiredError,
    ConsentWithdrawnError,
    FutureDateError,
    InvalidInputError,
    UnknownRecipientError,
)
from node.cases.models import Consent, ConsentEvent, ConsentStatus
from node.federation.selectors import enrolment_get, member_names, node_signing_key, own_signing_key
from node.register.access import Actor, audited
from node.register.models import AccessAction, Person

RECORD_TYPE = "case.consent_record"
"""The payload type the node signs a consent's record under (``case.consent_record`` 1.0): not
a message of the exchange, only the node's word on what was agreed."""


def consent_give(
    *,
    actor: Actor | Any,
    person: Person,
    recipient: str,
    purposes: Sequence[str],
    data_categories: Sequence[str],
    legal_basis: str,
    obtained_how: str,
    obtained_at: dt.datetime,
    expires_at: dt.datetime,
    retention_days: int,
    withdrawal_method: str,
    language: str,
    signed_copy: str = "",
    replaces: Consent | None = None,
    why: str = "",
) -> Consent:
    """Record a consent the person gave (or, with ``replaces``, the one that follows a changed
    consent, which is withdrawn in the same transaction)."""
    what = f"consent: {recipient}; {', '.join(data_categories)}"
    with audited(actor, action=AccessAction.CREATE, person=person, what=what, why=why) as audit:
        assert audit.actor is not None
        enrolment = enrolment_get()
        now = timezone.now()
        if recipient == enrolment.node_code or recipient not in member_names():
            raise UnknownRecipientError(
                f"{recipient} is not another municipality of the federation's directory.",
                detail={"field": "recipient"},
            )
        if obtained_at > now:
            raise FutureDateError(
                "The consent cannot have been given in the future.", detail={"field": "obtained_at"}
            )
        if expires_at <= now:
            raise ConsentExpiredError(
                "The consent would already have expired.", detail={"field": "expires_at"}
            )
        if not_carried := [c for c in data_categories if c not in CASE_FILE_CATEGORIES]:
            raise InvalidInputError(
                f"No transfer carries {', '.join(not_carried)} yet: consent to "
                f"{', '.join(CASE_FILE_CATEGORIES)}.",
                detail={"field": "data_categories"},
            )
        if replaces is not None:
            _withdraw(
                replaces, by=_name(audit.actor), note=f"changed: replaced by a new consent ({why})".strip()
            )
        consent = Consent(
            id=uuid.uuid4(),
            person=person,
            recipient=recipient,
            purposes=list(dict.fromkeys(purposes)),
            data_categories=list(dict.fromkeys(data_categories)),
            legal_basis=legal_basis,
            obtained_how=obtained_how,
            obtained_at=obtained_at,
            expires_at=expires_at,
            retention_days=retention_days,
            jurisdiction=enrolment.node_code[:2],
            withdrawal_method=withdrawal_method,
            signed_copy=signed_copy,
            language=language,
            recorded_by=audit.actor.user,
            recorded_by_name=_name(audit.actor),
            recorded_at=now,
            replaces=replaces,
        )
        given = ConsentEventRecord(event="given", at=now, by=consent.recorded_by_name)
        record = _record(consent, controller=enrolment.node_code, status="active", events=(given,))
        consent.record = seal_envelope_bytes(RECORD_TYPE, "1.0", _canonical(record), node_signing_key())
        consent.save()
        ConsentEvent.objects.create(consent=consent, event=ConsentEvent.Kind.GIVEN, at=now, by=given.by)
        audit.what = f"{what} ({consent.pk})"
        return consent


def consent_withdraw(*, actor: Actor | Any, consent: Consent, why: str) -> Consent:
    """The person withdrew the consent: recorded, never undone."""
    with audited(
        actor,
        action=AccessAction.UPDATE,
        person=consent.person,
        what=f"consent withdrawn ({consent.pk})",
        why=why,
    ) as audit:
        assert audit.actor is not None
        _withdraw(consent, by=_name(audit.actor), note=why)
        return consent


def consents_expire(*, now: dt.datetime | None = None) -> int:
    """Record the expiry of each active consent whose ``expires_at`` has passed (the beat's
    hourly job; a consent counts as expired from that moment whether or not this ran)."""
    now = now or timezone.now()
    due = Consent.objects.filter(expires_at__lte=now).exclude(events__event__in=["withdrawn", "expired"])
    count = 0
    for consent in due:
        with transaction.atomic():
            _, created = ConsentEvent.objects.get_or_create(
                consent=consent,
                event=ConsentEvent.Kind.EXPIRED,
                defaults={"at": consent.expires_at, "by": "system"},
            )
            count += created
    return count


def consent_record(consent: Consent, *, at: dt.datetime | None = None) -> ConsentRecordV1:
    """The consent as the contracts state it now: its status and every event so far."""
    status = "active" if consent.status_at(at) == ConsentStatus.ACTIVE else "inactive"
    events = tuple(ConsentEventRecord(event=e.event, at=e.at, by=e.by) for e in consent.events.all())
    return _record(consent, controller=consent_given(consent).controller, status=status, events=events)


def consent_given(consent: Consent) -> ConsentRecordV1:
    """The record as given, from the node's own signature over it (verified, not trusted)."""
    verified = open_envelope(
        parse_envelope(bytes(consent.record)),
        resolve_key=own_signing_key,
        accept_types=frozenset({RECORD_TYPE}),
    )
    return ConsentRecordV1.model_validate_json(verified.payload)


def consent_usable(consent: Consent, *, at: dt.datetime | None = None) -> None:
    """Raise unless ``consent`` is active at ``at`` (now): ``consent-withdrawn``, ``consent-expired``."""
    status = consent.status_at(at)
    if status == ConsentStatus.WITHDRAWN:
        raise ConsentWithdrawnError(detail={"consent": str(consent.pk)})
    if status == ConsentStatus.EXPIRED:
        raise ConsentExpiredError(
            f"The consent expired at {consent.expires_at.isoformat()}.", detail={"consent": str(consent.pk)}
        )


def _withdraw(consent: Consent, *, by: str, note: str) -> None:
    consent_usable(consent)
    ConsentEvent.objects.create(consent=consent, event=ConsentEvent.Kind.WITHDRAWN, by=by, note=note)
    consent._prefetched_objects_cache = {}  # type: ignore[attr-defined]


def _record(
    consent: Consent, *, controller: str, status: str, events: tuple[ConsentEventRecord, ...]
) -> ConsentRecordV1:
    person = consent.person
    try:
        return ConsentRecordV1(
            consent_id=consent.pk,
            status=status,
            principal=f"{person.given_name} {person.family_name}",
            controller=controller,
            recipient=consent.recipient,
            purposes=tuple(consent.purposes),
            data_categories=tuple(consent.data_categories),
            legal_basis=consent.legal_basis,
            obtained_how=consent.obtained_how,
            obtained_at=consent.obtained_at,
            expires_at=consent.expires_at,
            retention_days=consent.retention_days,
            jurisdiction=consent.jurisdiction,
            withdrawal_method=consent.withdrawal_method,
            events=events,
        )
    except ValidationError as exc:
        fields = sorted({".".join(str(p) for p in error["loc"]) for error in exc.errors()})
        raise InvalidInputError(
            f"The consent is not complete or not valid: {', '.join(fields)}.", detail={"fields": fields}
        ) from exc


def _canonical(record: ConsentRecordV1) -> bytes:
    return json.dumps(record.model_dump(mode="json"), sort_keys=True, separators=(",", ":")).encode()


def _name(actor: Actor) -> str:
    user = actor.user
    return str(user.get_full_name() or user.get_username())
