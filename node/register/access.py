"""Who may see and change what in the register, and the log of every read and change.

Roles: a caseworker reads and writes the people of their own team (every team when given
``all_teams``); a supervisor does that for every team and may also rectify and erase; an auditor
reads everything, including the access log, and changes nothing. Only supervisors and auditors
read the access log, and each reading of it is itself a line of it (``audit``).

Every operation on a person's data runs inside ``audited``: it commits its change together with
its log line, or, when it is refused for any reason (role, team, bad input), rolls the change
back and logs the attempt with the refusal's code.

The log says who, when, what and why, never a value: ``what`` names the kind of record and the
fields touched (``person: family_name, phone``), a search logs how many people it found but not
what was typed (a name is personal data, and the log outlives an erasure). So the log can be
kept after the person is gone, and shown to the person in their subject-access export.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from contracts.errors import ContractError, NotStaffError, OtherTeamError, RoleNotAllowedError
from node.register.models import AccessAction, AccessEvent, Person, Staff, StaffRole

READ = frozenset({AccessAction.VIEW, AccessAction.SEARCH, AccessAction.EXPORT})
WRITE = frozenset({AccessAction.CREATE, AccessAction.UPDATE, AccessAction.DECIDE, AccessAction.IMPORT})
RIGHTS = frozenset({AccessAction.RECTIFY, AccessAction.ERASE})
LOG = frozenset({AccessAction.AUDIT})

ALLOWED: dict[str, frozenset[str]] = {
    StaffRole.CASEWORKER: READ | WRITE,
    StaffRole.SUPERVISOR: READ | WRITE | RIGHTS | LOG,
    StaffRole.AUDITOR: READ | LOG,
}
"""What each role may do to a person's data and to the access log. Pruning (``prune``) is no
one's: only the retention job does it, and it logs as the system."""

SYSTEM = "system"
"""The user name of the log lines the node writes by itself (retention)."""


@dataclass(frozen=True)
class Actor:
    """A member of staff acting on the register: the user and their register role."""

    user: Any
    staff: Staff

    @property
    def role(self) -> str:
        return self.staff.role

    @property
    def sees_all_teams(self) -> bool:
        return self.staff.all_teams or self.staff.role in (StaffRole.SUPERVISOR, StaffRole.AUDITOR)

    @property
    def reads_access_log(self) -> bool:
        return self.may(AccessAction.AUDIT)

    def may(self, action: str) -> bool:
        return action in ALLOWED.get(self.staff.role, frozenset())


def actor_of(user: Any) -> Actor:
    """The register actor for ``user``; raises ``NotStaffError`` for a user without a role."""
    if user is None or not user.is_authenticated:
        raise NotStaffError()
    staff = Staff.objects.select_related("team").filter(user=user).first()
    if staff is None:
        raise NotStaffError()
    return Actor(user=user, staff=staff)


def caseload(actor: Actor, *, through: str = "") -> Q:
    """The condition on people (or, ``through`` e.g. ``"person__"``, on what belongs to a person)
    that ``actor`` may see: a join, not a subquery, so that the worklist's lists stay cheap."""
    if actor.sees_all_teams:
        return Q()
    # A staff member without a team sees no one (team_id is never NULL on a person).
    return (
        Q(**{f"{through}team_id": actor.staff.team_id})
        if actor.staff.team_id
        else Q(**{f"{through}pk__in": []})
    )


def people_visible(actor: Actor) -> QuerySet[Person]:
    """The people ``actor`` may see at all."""
    return Person.objects.filter(caseload(actor))


def access_check(actor: Actor, *, action: str, person: Person | None = None) -> None:
    """Raise when ``actor`` may not do ``action`` (to ``person``)."""
    # 1. The role must allow the action at all.
    if not actor.may(action):
        raise RoleNotAllowedError(
            f"A {actor.staff.get_role_display()} may not do this ({action}).",
            detail={"role": actor.role, "action": action},
        )
    # 2. The person must be in the actor's caseload.
    if person is not None and not actor.sees_all_teams and person.team_id != actor.staff.team_id:
        raise OtherTeamError(detail={"person": str(person.pk)})


@dataclass
class Audit:
    """What an audited operation fills in as it learns it (e.g. the id of a person it creates)."""

    person_id: uuid.UUID | None
    what: str
    actor: Actor | None = None


def access_record(
    actor: Actor | None,
    *,
    action: str,
    person_id: uuid.UUID | None,
    what: str = "",
    why: str = "",
    allowed: bool = True,
    code: str = "",
    user: Any = None,
    username: str = "",
) -> AccessEvent:
    """Write one line of the access log (``username`` names who, when no user did it: the system)."""
    who = actor.user if actor is not None else user
    return AccessEvent.objects.create(
        user=who if who is not None and getattr(who, "pk", None) else None,
        username=who.get_username() if who is not None and hasattr(who, "get_username") else username,
        person_id=person_id,
        action=action,
        what=what[:300],
        why=why[:500],
        allowed=allowed,
        code=code,
    )


@contextmanager
def audited(
    actor: Actor | Any,
    *,
    action: str,
    what: str,
    person: Person | None = None,
    person_id: uuid.UUID | None = None,
    why: str = "",
) -> Iterator[Audit]:
    """Run a register operation in one transaction with its log line.

    ``actor`` is an ``Actor``, or a user (whose register role is looked up here, so that a user
    without one is refused and logged like any other refusal). The role and team are checked
    first; any ``ContractError`` raised inside rolls back everything the block wrote and is
    logged, with its code, as a refused attempt."""
    audit = Audit(person_id=person.pk if person is not None else person_id, what=what)
    resolved: Actor | None = actor if isinstance(actor, Actor) else None
    try:
        with transaction.atomic():
            if resolved is None:
                resolved = actor_of(actor)
            access_check(resolved, action=action, person=person)
            audit.actor = resolved
            yield audit
            access_record(resolved, action=action, person_id=audit.person_id, what=audit.what, why=why)
    except ContractError as exc:
        access_record(
            resolved,
            user=actor if resolved is None else None,
            action=action,
            person_id=audit.person_id,
            what=audit.what,
            why=why,
            allowed=False,
            code=exc.code,
        )
        raise
