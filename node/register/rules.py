"""Rules that flag people for a caseworker's attention. A rule never decides: it raises a flag
with the rule's code, the data it used (``evidence``) and its reason in words, and a caseworker
confirms or dismisses it.

Rules: ``high_risk`` (the latest assessment rates the risk high or critical), ``missed_session``
(a counselling session was missed, or a scheduled one is overdue), ``no_contact_90_days`` (an
active person with no recorded contact for ``REGISTER_NO_CONTACT_DAYS``, 90 by default).

Invariants:
- a person has at most one open flag per rule, however often the rules run;
- what a decided flag (confirmed or dismissed) was raised on is not raised again: the same
  assessment, the same missed session on the same day, the same last contact. New evidence
  raises a new flag;
- each rule reads its table once, and the flags of the people it finds once, whatever the size
  of the register;
- the stored ``reason`` is in the node's default language, for the record; ``flag_reason``
  renders it again from the evidence in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.entities import vocabulary_name
from contracts.vocabulary import RISK_LEVEL_LABELS, RISK_TYPE_LABELS
from node.register.models import (
    AccessAction,
    AccessEvent,
    CounsellingSession,
    Flag,
    FlagStatus,
    Person,
    PersonStatus,
    RiskAssessment,
    SessionStatus,
)

HIGH_RISK_LEVELS = ("high", "critical")
BATCH = 2000
"""Flags and their access-log lines are written this many at a time."""


@dataclass(frozen=True)
class Finding:
    """What a rule found about one person: the data it used, and the keys that say which pieces
    of evidence they are (a decided flag's keys are not raised again)."""

    person_id: Any
    evidence: dict[str, Any]
    keys: frozenset[str]


def no_contact_days() -> int:
    return int(settings.REGISTER_NO_CONTACT_DAYS)


# --- the rules ------------------------------------------------------------------------------
# Each rule is a query over one table and a function from its rows to findings; the rows of one
# person are adjacent (ordered by person).


def _high_risk_rows(today: dt.date) -> QuerySet[RiskAssessment, Any]:
    # The person's level is that of their latest assessment (assessment_record keeps it), so
    # only people rated high now are read, with their high assessments, latest first.
    return (
        RiskAssessment.objects.filter(
            person__status=PersonStatus.ACTIVE,
            person__risk_level__in=HIGH_RISK_LEVELS,
            level__in=HIGH_RISK_LEVELS,
        )
        .order_by("person_id", "-date", "-recorded_at")
        .values("id", "person_id", "date", "level", "risk_types", "assessor")
    )


def _high_risk(rows: list[dict[str, Any]], today: dt.date) -> Finding:
    latest = rows[0]
    return Finding(
        latest["person_id"],
        {
            "assessment": str(latest["id"]),
            "date": latest["date"].isoformat(),
            "level": latest["level"],
            "risk_types": list(latest["risk_types"]),
            "assessor": latest["assessor"],
            "levels_flagged": list(HIGH_RISK_LEVELS),
        },
        frozenset({str(latest["id"])}),
    )


def _missed_session_rows(today: dt.date) -> QuerySet[CounsellingSession, Any]:
    return (
        CounsellingSession.objects.filter(
            Q(status=SessionStatus.MISSED) | Q(status=SessionStatus.SCHEDULED, date__lt=today),
            person__status=PersonStatus.ACTIVE,
        )
        .order_by("person_id", "date", "number")
        .values("id", "person_id", "plan_id", "plan__title", "number", "date", "status")
    )


def _session_key(session: dict[str, Any]) -> str:
    # A session rescheduled to another day and overdue again is new evidence; the same session
    # found overdue and later recorded as missed on that day is not.
    return f"{session['session']}@{session['date']}"


def _missed_session(rows: list[dict[str, Any]], today: dt.date) -> Finding:
    sessions = [
        {
            "session": str(row["id"]),
            "plan": str(row["plan_id"]),
            "plan_title": row["plan__title"],
            "number": row["number"],
            "date": row["date"].isoformat(),
            "status": row["status"],
        }
        for row in rows
    ]
    return Finding(rows[0]["person_id"], {"sessions": sessions}, frozenset(map(_session_key, sessions)))


def _no_contact_rows(today: dt.date) -> QuerySet[Person, Any]:
    since = today - dt.timedelta(days=no_contact_days())
    return (
        Person.objects.filter(status=PersonStatus.ACTIVE)
        .filter(Q(last_contact__lt=since) | Q(last_contact__isnull=True, created_at__lt=_start_of(since)))
        .order_by("id")
        .values("id", "last_contact", "created_at")
    )


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _no_contact(rows: list[dict[str, Any]], today: dt.date) -> Finding:
    row = rows[0]
    last = row["last_contact"]
    registered = timezone.localdate(row["created_at"])
    since = last or registered
    return Finding(
        row["id"],
        {
            "last_contact": last.isoformat() if last else None,
            "registered": registered.isoformat(),
            "days_without_contact": (today - since).days,
            "horizon_days": no_contact_days(),
            "checked_on": today.isoformat(),
        },
        # A contact recorded later changes the last contact, and that is new evidence.
        frozenset({f"last:{last.isoformat()}" if last else f"registered:{registered.isoformat()}"}),
    )


@dataclass(frozen=True)
class Rule:
    rows: Callable[[dt.date], QuerySet[Any, Any]]
    find: Callable[[list[dict[str, Any]], dt.date], Finding]
    person_key: str = "person_id"


RULES: dict[str, Rule] = {
    "high_risk": Rule(_high_risk_rows, _high_risk),
    "missed_session": Rule(_missed_session_rows, _missed_session),
    "no_contact_90_days": Rule(_no_contact_rows, _no_contact, person_key="id"),
}


def _findings(rule: Rule, today: dt.date) -> Iterator[Finding]:
    person: Any = None
    rows: list[dict[str, Any]] = []
    for row in rule.rows(today).iterator(chunk_size=BATCH):
        if rows and row[rule.person_key] != person:
            yield rule.find(rows, today)
            rows = []
        person = row[rule.person_key]
        rows.append(row)
    if rows:
        yield rule.find(rows, today)


# --- evidence: what has been raised and decided -----------------------------------------------


def _evidence_keys(rule: str, evidence: dict[str, Any]) -> set[str]:
    """The keys of a stored flag's evidence (as ``Finding.keys`` computed them)."""
    if rule == "high_risk":
        return {str(evidence.get("assessment"))}
    if rule == "missed_session":
        return {_session_key(session) for session in evidence.get("sessions", [])}
    if rule == "no_contact_90_days":
        last = evidence.get("last_contact")
        return {f"last:{last}" if last else f"registered:{evidence.get('registered')}"}
    return set()


def _narrowed(finding: Finding, rule: str, decided: set[str]) -> Finding | None:
    """The finding less the evidence already decided; None when nothing new is left."""
    fresh = finding.keys - decided
    if not fresh:
        return None
    if rule == "missed_session" and fresh != finding.keys:
        sessions = [s for s in finding.evidence["sessions"] if _session_key(s) in fresh]
        return Finding(finding.person_id, {"sessions": sessions}, frozenset(fresh))
    return finding


def _raise(rule: str, findings: Iterable[Finding]) -> int:
    """Write one flag per finding, with its access-log line, a batch at a time."""
    raised = 0
    batch: list[Flag] = []

    def write() -> int:
        try:
            with transaction.atomic():
                _write(batch)
                return len(batch)
        except IntegrityError:
            # Another run raised some of these meanwhile: the constraint keeps one open flag
            # per person and rule, so write the rest one at a time.
            written = 0
            for flag in batch:
                try:
                    with transaction.atomic():
                        _write([flag])
                        written += 1
                except IntegrityError:
                    continue
            return written

    with translation.override(settings.LANGUAGE_CODE):
        for finding in findings:
            batch.append(
                Flag(
                    person_id=finding.person_id,
                    rule=rule,
                    evidence=finding.evidence,
                    reason=reason_text(rule, finding.evidence),
                )
            )
            if len(batch) >= BATCH:
                raised += write()
                batch = []
        if batch:
            raised += write()
    return raised


def _write(flags: list[Flag]) -> None:
    Flag.objects.bulk_create(flags)
    # The rules are no member of staff: their lines name no user.
    AccessEvent.objects.bulk_create(
        AccessEvent(
            person_id=flag.person_id,
            action=AccessAction.CREATE,
            what=f"flag {flag.rule}",
            why="raised by the register's rules",
        )
        for flag in flags
    )


def rule_run(*, rule: str, today: dt.date | None = None) -> int:
    """Run one rule: raise a flag for each person it finds who has no open flag of it and whose
    evidence is not all already decided. Returns how many flags it raised."""
    day = today or timezone.localdate()
    spec = RULES[rule]
    people = spec.rows(day).values(spec.person_key)
    # One read of the flags of the people the rule finds: which are open, and what was decided.
    open_for: set[Any] = set()
    decided: dict[Any, set[str]] = {}
    for person_id, status, evidence in Flag.objects.filter(rule=rule, person__in=people).values_list(
        "person_id", "status", "evidence"
    ):
        if status == FlagStatus.OPEN:
            open_for.add(person_id)
        else:
            decided.setdefault(person_id, set()).update(_evidence_keys(rule, evidence or {}))

    def new() -> Iterator[Finding]:
        for finding in _findings(spec, day):
            if finding.person_id in open_for:
                continue
            narrowed = _narrowed(finding, rule, decided.get(finding.person_id, set()))
            if narrowed is not None:
                yield narrowed

    return _raise(rule, new())


def rules_run_each(*, today: dt.date | None = None) -> dict[str, int]:
    """Run every rule; returns how many flags each raised."""
    day = today or timezone.localdate()
    return {rule: rule_run(rule=rule, today=day) for rule in RULES}


def rules_run(*, today: dt.date | None = None) -> int:
    """Run every rule; returns how many flags they raised."""
    return sum(rules_run_each(today=today).values())


# --- words ------------------------------------------------------------------------------------


def rule_name(rule: str) -> str:
    """The rule's name in the active language."""
    names = {
        "high_risk": _("High risk"),
        "missed_session": _("Missed counselling session"),
        "no_contact_90_days": _("No recent contact"),
    }
    return names.get(rule, rule)


def _day(value: str | None) -> str:
    return _day_in(value, translation.get_language() or "") if value else ""


@functools.lru_cache(maxsize=4096)
def _day_in(value: str, language: str) -> str:
    # A run writes thousands of reasons over a few hundred days: format each day once.
    return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")


def _session_sentence(session: dict[str, Any]) -> str:
    values = {"number": session["number"], "plan": session["plan_title"], "date": _day(session["date"])}
    if session["status"] == SessionStatus.MISSED:
        return _("Counselling session %(number)s of “%(plan)s”, on %(date)s, was missed.") % values
    return _("Counselling session %(number)s of “%(plan)s” was due on %(date)s and is not recorded.") % values


def reason_text(rule: str, evidence: dict[str, Any]) -> str:
    """The reason for a flag of ``rule`` raised on ``evidence``, in the active language."""
    if rule == "high_risk":
        return _(
            "The latest risk assessment, made on %(date)s by %(assessor)s, rates the risk %(level)s"
            " (%(risk_types)s)."
        ) % {
            "date": _day(evidence["date"]),
            "assessor": evidence["assessor"],
            # Mid-sentence, so lower case (the labels are written to stand alone).
            "level": vocabulary_name(RISK_LEVEL_LABELS.get(evidence["level"], {}), evidence["level"]).lower(),
            "risk_types": ", ".join(
                vocabulary_name(RISK_TYPE_LABELS.get(code, {}), code) for code in evidence["risk_types"]
            ),
        }
    if rule == "missed_session":
        return " ".join(_session_sentence(session) for session in evidence["sessions"])
    if rule == "no_contact_90_days":
        days = int(evidence["days_without_contact"])
        if evidence.get("last_contact"):
            return ngettext(
                "No contact recorded since the last one, on %(date)s, %(days)s day ago.",
                "No contact recorded since the last one, on %(date)s, %(days)s days ago.",
                days,
            ) % {"days": days, "date": _day(evidence["last_contact"])}
        return ngettext(
            "No contact recorded since the person was registered, on %(date)s, %(days)s day ago.",
            "No contact recorded since the person was registered, on %(date)s, %(days)s days ago.",
            days,
        ) % {"days": days, "date": _day(evidence["registered"])}
    raise KeyError(rule)


def flag_reason(flag: Flag) -> str:
    """The flag's reason in the active language, rendered from its evidence; the stored reason
    (in the node's default language) when the evidence is not of a form the rules know."""
    try:
        return reason_text(flag.rule, flag.evidence)
    except (KeyError, TypeError, ValueError):
        return flag.reason
