"""The municipal register: the people at social risk this node serves, their households, and each
person's timeline from field visit to outcome.

The register never leaves its node: no model here has a message type, and nothing in it is
written to the outbox (statistics are computed from it and protected; a case leaves only sealed,
with consent). Every read and every change of a person's data is written to ``AccessEvent``.

Retention is part of each model: ``RETENTION_DAYS`` says how long an entry is kept after the
person's case is closed or transferred (or, for the access log and import runs, after the event),
and ``register_prune`` (``node.register.rights.register_prune``, daily by the beat) removes what
is past it. The periods are settings from the environment:

=====================================  =========  ==============================================
setting                                default    what it keeps
=====================================  =========  ==============================================
``REGISTER_RETENTION_YEARS``           10         a closed or transferred person, with their
                                                  household (once empty), timeline entries,
                                                  counselling plans and flags
``REGISTER_ACCESS_LOG_RETENTION_YEARS`` 5         each line of the access log
``REGISTER_IMPORT_RETENTION_DAYS``     365        an import run's report (its row errors)
=====================================  =========  ==============================================

An active person is never pruned, however old their entries: their record is in use.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _new_id() -> uuid.UUID:
    return uuid.uuid4()


CASE_RETENTION_DAYS = settings.REGISTER_RETENTION_YEARS * 365
"""How long a closed or transferred person's record is kept after ``closed_at``."""


class StaffRole(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    SUPERVISOR = "supervisor", _("Supervisor")
    AUDITOR = "auditor", _("Auditor (read only)")


class Team(models.Model):
    """A field or case team (e.g. Butel's mobile team for Vizbegovo): caseworkers see the people
    of their own team unless they are given more."""

    code = models.SlugField(verbose_name=_("code"), max_length=40, unique=True)
    name = models.CharField(verbose_name=_("name"), max_length=200)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Staff(models.Model):
    """A member of staff's place in the register: role, team, and whether they see every team."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="register_staff",
    )
    role = models.CharField(verbose_name=_("role"), max_length=20, choices=StaffRole.choices)
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="staff", null=True, blank=True
    )
    all_teams = models.BooleanField(
        verbose_name=_("sees every team"),
        default=False,
        help_text=_("Supervisors and auditors see every team; a caseworker only when given this."),
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"


class Settlement(models.Model):
    """A settlement (village, neighbourhood) of the municipality, as field teams name it."""

    code = models.SlugField(verbose_name=_("code"), max_length=60, unique=True)
    name = models.CharField(verbose_name=_("name"), max_length=200)
    name_latin = models.CharField(
        verbose_name=_("name in Latin script"), max_length=200, blank=True, default=""
    )

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Household(models.Model):
    """People living together, as social mapping finds them."""

    RETENTION_DAYS: ClassVar[int] = CASE_RETENTION_DAYS
    """Removed once no member is left: its last member's erasure, or their record's retention."""

    id = models.UUIDField(verbose_name=_("id"), primary_key=True, default=_new_id, editable=False)
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="households"
    )
    settlement = models.ForeignKey(
        Settlement, verbose_name=_("settlement"), on_delete=models.PROTECT, related_name="households"
    )
    address = models.CharField(verbose_name=_("address"), max_length=300, blank=True, default="")
    size = models.PositiveSmallIntegerField(verbose_name=_("people in the household"), null=True, blank=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.address or str(self.settlement)


class PersonStatus(models.TextChoices):
    ACTIVE = "active", _("Active case")
    CLOSED = "closed", _("Case closed")
    TRANSFERRED = "transferred", _("Transferred to another municipality")


class Person(models.Model):
    """A person at social risk. Names are kept as written, in the script the person uses; the
    search key folds them so that Latin input finds Cyrillic names and the reverse."""

    RETENTION_DAYS: ClassVar[int] = CASE_RETENTION_DAYS
    """Days after ``closed_at`` that a closed or transferred person is kept (``REGISTER_RETENTION_YEARS``)."""

    id = models.UUIDField(verbose_name=_("id"), primary_key=True, default=_new_id, editable=False)
    reference = models.CharField(
        verbose_name=_("register number"),
        max_length=40,
        unique=True,
        help_text=_("The number the municipality gives the person's file, e.g. BUT-2026-0001."),
    )
    given_name = models.CharField(verbose_name=_("given name"), max_length=100)
    family_name = models.CharField(verbose_name=_("family name"), max_length=100)
    sex = models.CharField(verbose_name=_("sex"), max_length=10, default="unknown")
    birth_date = models.DateField(verbose_name=_("date of birth"))
    language = models.CharField(
        verbose_name=_("language"),
        max_length=8,
        default="mk",
        help_text=_("The language the person is spoken to and written to in."),
    )
    phone = models.CharField(verbose_name=_("phone"), max_length=40, blank=True, default="")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="people")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caseworker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="register_people",
    )
    settlement = models.ForeignKey(
        Settlement, verbose_name=_("settlement"), on_delete=models.PROTECT, related_name="people"
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    household_role = models.CharField(
        verbose_name=_("role in the household"), max_length=20, blank=True, default=""
    )
    target_groups = models.JSONField(verbose_name=_("target groups"), default=list, blank=True)
    risk_types = models.JSONField(
        verbose_name=_("risk types"),
        default=list,
        blank=True,
        help_text=_("As of the latest risk assessment."),
    )
    risk_level = models.CharField(verbose_name=_("risk level"), max_length=10, blank=True, default="")
    status = models.CharField(
        verbose_name=_("status"), max_length=12, choices=PersonStatus.choices, default=PersonStatus.ACTIVE
    )
    closed_at = models.DateTimeField(verbose_name=_("closed at"), null=True, blank=True)
    last_contact = models.DateField(verbose_name=_("last contact"), null=True, blank=True)
    search_key = models.TextField(verbose_name=_("search key"), default="", editable=False)
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["team", "status", "family_name"]),
            models.Index(fields=["caseworker", "status"]),
            models.Index(fields=["status", "last_contact"]),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Entry(models.Model):
    """What every timeline entry has: the person, the day it happened, and who wrote it when."""

    RETENTION_DAYS: ClassVar[int] = CASE_RETENTION_DAYS
    """Kept as long as its person: removed with them (erasure or retention), never alone."""

    id = models.UUIDField(verbose_name=_("id"), primary_key=True, default=_new_id, editable=False)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE)
    date = models.DateField(verbose_name=_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(verbose_name=_("recorded at"), default=timezone.now, editable=False)
    source_key = models.CharField(
        verbose_name=_("import key"),
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text=_("For imported entries: the digest of the row, so that importing it again adds nothing."),
    )

    class Meta:
        abstract = True
        ordering = ["-date", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.date:%d.%m.%Y}"


class FieldVisit(Entry):
    """A visit of social mapping: who went where, what they found, and whether the person agreed
    to be recorded."""

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="visits")
    settlement = models.ForeignKey(
        Settlement, verbose_name=_("settlement"), on_delete=models.PROTECT, related_name="visits"
    )
    findings = models.TextField(verbose_name=_("what was found"), blank=True, default="")
    risk_types = models.JSONField(verbose_name=_("risk types seen"), default=list, blank=True)
    consent_to_record = models.BooleanField(verbose_name=_("agreed to be recorded"), default=False)

    class Meta(Entry.Meta):
        verbose_name = _("field visit")
        verbose_name_plural = _("field visits")
        indexes = [models.Index(fields=["person", "date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source_key"], condition=~models.Q(source_key=""), name="register_visit_source_once"
            )
        ]


class RiskAssessment(Entry):
    """An assessment of a person's risks: which, how high, by whom and on what basis."""

    risk_types = models.JSONField(verbose_name=_("risk types"), default=list)
    level = models.CharField(verbose_name=_("level"), max_length=10)
    assessor = models.CharField(verbose_name=_("assessed by"), max_length=200)
    basis = models.TextField(verbose_name=_("basis"), help_text=_("What the assessment rests on."))

    class Meta(Entry.Meta):
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        indexes = [models.Index(fields=["person", "date"])]


class CounsellingPlan(models.Model):
    """A plan of counselling sessions for one person (Butel's plan has three)."""

    RETENTION_DAYS: ClassVar[int] = CASE_RETENTION_DAYS
    """Kept as long as its person, like the timeline."""

    id = models.UUIDField(verbose_name=_("id"), primary_key=True, default=_new_id, editable=False)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="counselling_plans"
    )
    title = models.CharField(verbose_name=_("title"), max_length=200)
    sessions_planned = models.PositiveSmallIntegerField(verbose_name=_("sessions planned"), default=3)
    started = models.DateField(verbose_name=_("started"))
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("counselling plan")
        verbose_name_plural = _("counselling plans")
        ordering = ["-started"]

    def __str__(self) -> str:
        return self.title


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    MISSED = "missed", _("Missed")


class CounsellingSession(Entry):
    """One session of a plan, numbered within it; ``date`` is when it is due until it is held."""

    plan = models.ForeignKey(
        CounsellingPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="sessions"
    )
    number = models.PositiveSmallIntegerField(verbose_name=_("session number"))
    status = models.CharField(
        verbose_name=_("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.HELD
    )
    topic = models.CharField(verbose_name=_("topic"), max_length=300, blank=True, default="")
    counsellor = models.CharField(verbose_name=_("counsellor"), max_length=200, blank=True, default="")
    notes = models.TextField(verbose_name=_("notes"), blank=True, default="")

    class Meta(Entry.Meta):
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")
        indexes = [models.Index(fields=["status", "date"]), models.Index(fields=["person", "date"])]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="register_session_number_once")
        ]


class Referral(Entry):
    """A referral to another body or to a service of the federated catalogue, and what came of it."""

    destination = models.CharField(verbose_name=_("referred to"), max_length=30)
    service_id = models.UUIDField(
        verbose_name=_("catalogue service"),
        null=True,
        blank=True,
        help_text=_("The federation-wide id of the catalogue service, when it is one."),
    )
    service_origin = models.CharField(
        verbose_name=_("municipality of the service"), max_length=60, blank=True, default=""
    )
    service_name = models.CharField(verbose_name=_("service"), max_length=300, blank=True, default="")
    reason = models.TextField(verbose_name=_("reason"), blank=True, default="")
    status = models.CharField(verbose_name=_("status"), max_length=10, default="sent")
    status_changed_at = models.DateTimeField(verbose_name=_("status changed at"), default=timezone.now)
    outcome = models.TextField(verbose_name=_("outcome"), blank=True, default="")

    class Meta(Entry.Meta):
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [models.Index(fields=["person", "date"]), models.Index(fields=["status", "date"])]


class ServiceDelivery(Entry):
    """A service given to the person: a package, a training, legal aid; linked to its catalogue
    entry where there is one."""

    kind = models.CharField(verbose_name=_("service"), max_length=30)
    service_id = models.UUIDField(verbose_name=_("catalogue service"), null=True, blank=True)
    quantity = models.PositiveIntegerField(verbose_name=_("quantity"), default=1)
    note = models.TextField(verbose_name=_("note"), blank=True, default="")

    class Meta(Entry.Meta):
        verbose_name = _("service delivered")
        verbose_name_plural = _("services delivered")
        indexes = [models.Index(fields=["person", "date"])]


class Outcome(Entry):
    """Where the person's path led: a job, a training, school again, a right obtained, a move."""

    outcome = models.CharField(verbose_name=_("outcome"), max_length=30)
    note = models.TextField(verbose_name=_("note"), blank=True, default="")

    class Meta(Entry.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        indexes = [models.Index(fields=["person", "date"])]


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class Flag(models.Model):
    """What a rule suggests about a person. It decides nothing: it records the rule, its reason in
    words and the data it used, and waits for a caseworker to confirm or dismiss it."""

    RETENTION_DAYS: ClassVar[int] = CASE_RETENTION_DAYS
    """Kept as long as its person: the flag and its decision are part of the record."""

    id = models.UUIDField(verbose_name=_("id"), primary_key=True, default=_new_id, editable=False)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="flags"
    )
    rule = models.CharField(verbose_name=_("rule"), max_length=40)
    reason = models.TextField(verbose_name=_("reason"))
    evidence = models.JSONField(verbose_name=_("data used"), default=dict)
    raised_at = models.DateTimeField(verbose_name=_("raised at"), default=timezone.now)
    status = models.CharField(
        verbose_name=_("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(verbose_name=_("decided at"), null=True, blank=True)
    decision_note = models.TextField(verbose_name=_("decision note"), blank=True, default="")

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["status", "raised_at"])]
        constraints = [
            # A rule raises one open flag per person; once decided, it may raise a new one.
            models.UniqueConstraint(
                fields=["person", "rule"], condition=models.Q(status="open"), name="register_flag_open_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.person_id}"


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DECIDE = "decide", _("Decided a flag")
    EXPORT = "export", _("Exported (subject access)")
    RECTIFY = "rectify", _("Rectified")
    ERASE = "erase", _("Erased")
    IMPORT = "import", _("Imported")
    PRUNE = "prune", _("Pruned (retention)")
    SEARCH = "search", _("Searched")
    AUDIT = "audit", _("Read the access log")


class AccessEvent(models.Model):
    """One line of the access log: who did what to whose data, when and why, and whether it was
    allowed. It names the person by id (not by a foreign key) so that it outlives an erasure."""

    RETENTION_DAYS: ClassVar[int] = settings.REGISTER_ACCESS_LOG_RETENTION_YEARS * 365
    """Days after ``at`` that a line is kept (``REGISTER_ACCESS_LOG_RETENTION_YEARS``), even
    when its person is erased or pruned: the log is how an access is checked afterwards."""

    at = models.DateTimeField(verbose_name=_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    username = models.CharField(verbose_name=_("user name"), max_length=150, blank=True, default="")
    person_id = models.UUIDField(verbose_name=_("person"), null=True, blank=True, db_index=True)
    action = models.CharField(verbose_name=_("action"), max_length=10, choices=AccessAction.choices)
    what = models.CharField(verbose_name=_("what"), max_length=300, blank=True, default="")
    why = models.CharField(verbose_name=_("why"), max_length=500, blank=True, default="")
    allowed = models.BooleanField(verbose_name=_("allowed"), default=True)
    code = models.CharField(
        verbose_name=_("error code"),
        max_length=40,
        blank=True,
        default="",
        help_text=_("Why it was refused."),
    )

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]
        indexes = [models.Index(fields=["person_id", "at"]), models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.what}"


class ImportRun(models.Model):
    """One import of a social-mapping file: kept so that the same file is never applied twice."""

    RETENTION_DAYS: ClassVar[int] = settings.REGISTER_IMPORT_RETENTION_DAYS
    """Days after ``at`` that the run and its row errors are kept (``REGISTER_IMPORT_RETENTION_DAYS``);
    the entries it imported keep their own ``source_key``, so a file imported again still adds nothing."""

    id = models.UUIDField(verbose_name=_("id"), primary_key=True, default=_new_id, editable=False)
    digest = models.CharField(verbose_name=_("file digest"), max_length=64)
    filename = models.CharField(verbose_name=_("file name"), max_length=300)
    rows = models.PositiveIntegerField(verbose_name=_("rows"), default=0)
    imported = models.PositiveIntegerField(verbose_name=_("rows imported"), default=0)
    rejected = models.PositiveIntegerField(verbose_name=_("rows rejected"), default=0)
    already_imported = models.PositiveIntegerField(
        verbose_name=_("rows already imported"),
        default=0,
        help_text=_("Rows found in the register from an earlier import of the same rows: left as they were."),
    )
    errors = models.JSONField(verbose_name=_("errors"), default=list, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(verbose_name=_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-at"]


TIMELINE_MODELS: tuple[type[Entry], ...] = (
    FieldVisit,
    RiskAssessment,
    CounsellingSession,
    Referral,
    ServiceDelivery,
    Outcome,
)
"""Every kind of timeline entry, in the order a person's page lists kinds."""
