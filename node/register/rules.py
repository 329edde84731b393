"""Rules that flag people for a caseworker's attention. A rule never decides: it raises a flag
with its reason in words and the data it used, and a caseworker confirms or dismisses it.

Rules: ``high_risk`` (the latest assessment is high or critical), ``missed_session`` (a
counselling session was missed, or is overdue), ``no_contact_90_days`` (an active person with no
recorded contact for 90 days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from node.register.models import CounsellingSession, Flag, FlagStatus, Person, PersonStatus, SessionStatus

NO_CONTACT_DAYS = 90


@dataclass(frozen=True)
class Finding:
    person_id: Any
    reason: str
    evidence: dict[str, Any]


def _high_risk(today: dt.date) -> Iterator[Finding]:
    for person in Person.objects.filter(status=PersonStatus.ACTIVE, risk_level__in=("high", "critical")).only(
        "id", "risk_level", "risk_types"
    ):
        yield Finding(
            person.pk,
            f"The latest risk assessment rates the risk {person.risk_level}.",
            {"risk_level": person.risk_level, "risk_types": person.risk_types},
        )


def _missed_session(today: dt.date) -> Iterator[Finding]:
    sessions = CounsellingSession.objects.filter(
        Q(status=SessionStatus.MISSED) | Q(status=SessionStatus.SCHEDULED, date__lt=today),
        person__status=PersonStatus.ACTIVE,
    ).only("person_id", "number", "date", "status")
    for session in sessions:
        yield Finding(
            session.person_id,
            f"Counselling session {session.number} due on {session.date} was {session.status}"
            if session.status == SessionStatus.MISSED
            else f"Counselling session {session.number} was due on {session.date} and is not recorded.",
            {
                "session": str(session.pk),
                "number": session.number,
                "date": str(session.date),
                "status": session.status,
            },
        )


def _no_contact(today: dt.date) -> Iterator[Finding]:
    since = today - dt.timedelta(days=NO_CONTACT_DAYS)
    people = Person.objects.filter(status=PersonStatus.ACTIVE).filter(
        Q(last_contact__lt=since) | Q(last_contact__isnull=True, created_at__date__lt=since)
    )
    for person in people.only("id", "last_contact"):
        yield Finding(
            person.pk,
            f"No contact recorded for more than {NO_CONTACT_DAYS} days"
            f" (last: {person.last_contact or 'never'}).",
            {
                "last_contact": str(person.last_contact) if person.last_contact else None,
                "days": NO_CONTACT_DAYS,
            },
        )


RULES: dict[str, Callable[[dt.date], Iterator[Finding]]] = {
    "high_risk": _high_risk,
    "missed_session": _missed_session,
    "no_contact_90_days": _no_contact,
}


def rules_run(*, today: dt.date | None = None) -> int:
    """Raise the flags the rules find that are not already open; returns how many were raised."""
    day = today or timezone.localdate()
    raised = 0
    for rule, find in RULES.items():
        open_for = set(
            Flag.objects.filter(rule=rule, status=FlagStatus.OPEN).values_list("person_id", flat=True)
        )
        for finding in find(day):
            if finding.person_id in open_for:
                continue
            try:
                with transaction.atomic():
                    Flag.objects.create(
                        person_id=finding.person_id,
                        rule=rule,
                        reason=finding.reason,
                        evidence=finding.evidence,
                    )
            except IntegrityError:
                continue
            open_for.add(finding.person_id)
            raised += 1
    return raised
