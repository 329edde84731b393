"""What the hub keeps of the municipalities' statistics: the protected cells each released, per
period and revision, and nothing else; their sums by region, country and federation, kept as the
sets arrive; the federation's disclosure policy as the hub signed it; the ministry's API tokens.

Every revision is kept (the history a ministry can ask for); the newest of each municipality and
period is ``current``, and only current sets count in the sums."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def categories_text(categories: dict[str, str]) -> str:
    """A cell's categories as ``StatisticsCell.categories`` and ``StatisticsTotal`` hold them."""
    return ";".join(f"{name}={code}" for name, code in categories.items())


def categories_parsed(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in text.split(";")) if text else {}


class StatisticsSet(models.Model):
    member = models.CharField(verbose_name=_("municipality"), max_length=23)
    country = models.CharField(verbose_name=_("country"), max_length=2, blank=True, default="")
    region = models.CharField(verbose_name=_("region"), max_length=100, blank=True, default="")
    """The member's country and region when the set arrived (the sums it counts in)."""
    period = models.CharField(verbose_name=_("period"), max_length=7)
    revision = models.PositiveIntegerField(verbose_name=_("revision"))
    current = models.BooleanField(verbose_name=_("current"), default=True)
    approved_at = models.DateTimeField(verbose_name=_("approved at"), null=True, blank=True)
    policy_digest = models.CharField(verbose_name=_("policy digest"), max_length=64, blank=True, default="")
    threshold = models.PositiveIntegerField(verbose_name=_("threshold"), null=True, blank=True)
    privacy_spent = models.JSONField(verbose_name=_("privacy spent"), default=dict, blank=True)
    """Under differential privacy, the ε or ρ the set's noise states, by indicator family: what it
    spent of the period's budget (empty without noise)."""
    log_index = models.BigIntegerField(verbose_name=_("log index"))
    received_at = models.DateTimeField(verbose_name=_("received at"))
    message_id = models.UUIDField(verbose_name=_("message"))

    class Meta:
        verbose_name = _("statistics set")
        verbose_name_plural = _("statistics sets")
        constraints = [
            models.UniqueConstraint(fields=["member", "period", "revision"], name="hub_statistics_set_once"),
            models.UniqueConstraint(
                fields=["member", "period"],
                condition=models.Q(current=True),
                name="hub_statistics_one_current",
            ),
        ]
        indexes = [models.Index(fields=["period", "current"])]

    def __str__(self) -> str:
        return f"{self.member} {self.period} r{self.revision}"


class StatisticsCell(models.Model):
    set = models.ForeignKey(
        StatisticsSet,
        verbose_name=_("set"),
        on_delete=models.CASCADE,
        related_name="cells",
        db_index=False,  # the index below starts with it
    )
    indicator = models.CharField(verbose_name=_("indicator"), max_length=60)
    categories = models.CharField(verbose_name=_("categories"), max_length=300, blank=True, default="")
    """The cell's categories as ``sex=female;age_band=18-24`` (breakdowns in their order), or "" for
    the total."""
    value = models.BigIntegerField(verbose_name=_("value"), null=True, blank=True)
    conf_status = models.CharField(verbose_name=_("CONF_STATUS"), max_length=1)
    obs_status = models.CharField(verbose_name=_("OBS_STATUS"), max_length=1)
    noise = models.JSONField(verbose_name=_("noise"), null=True, blank=True)
    """The noise stated on the cell (mechanism, ε or ρ, 95 % margin), as the set carried it."""

    class Meta:
        verbose_name = _("statistics cell")
        verbose_name_plural = _("statistics cells")
        # A municipality's cells of a period, or every municipality's of one: by set first.
        indexes = [models.Index(fields=["set", "indicator", "categories"], name="hub_stat_cell_set_ind_cat")]


class AreaLevel(models.TextChoices):
    REGION = "region", _("region")
    COUNTRY = "country", _("country")
    FEDERATION = "federation", _("federation")


class StatisticsTotal(models.Model):
    """A cell added up over the current sets of an area's municipalities for a period: kept as
    each set arrives or is replaced (``hub.statistics.services``), never recomputed from anything
    finer than what the municipalities published."""

    level = models.CharField(verbose_name=_("level"), max_length=10, choices=AreaLevel.choices)
    area = models.CharField(verbose_name=_("area"), max_length=100)
    period = models.CharField(verbose_name=_("period"), max_length=7)
    indicator = models.CharField(verbose_name=_("indicator"), max_length=60)
    categories = models.CharField(verbose_name=_("categories"), max_length=300, blank=True, default="")
    value = models.BigIntegerField(verbose_name=_("value"), default=0)
    """The sum of the published contributions: the total, or a lower bound when any is suppressed."""
    suppressed = models.IntegerField(verbose_name=_("suppressed contributions"), default=0)
    reporting = models.IntegerField(verbose_name=_("reporting municipalities"), default=0)
    revised = models.IntegerField(verbose_name=_("revised contributions"), default=0)
    noised = models.IntegerField(verbose_name=_("noised contributions"), default=0)
    margin95 = models.FloatField(verbose_name=_("95 % margin"), default=0.0)

    class Meta:
        verbose_name = _("statistics total")
        verbose_name_plural = _("statistics totals")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "level", "area", "period", "categories"],
                name="hub_statistics_total_once",
            )
        ]


class StatisticsPolicyIssue(models.Model):
    """A version of the federation's disclosure policy as the hub signed it (the newest is in
    force); the nodes fetch the signed envelope and name its digest in every release."""

    version = models.PositiveIntegerField(verbose_name=_("version"), unique=True)
    digest = models.CharField(verbose_name=_("digest"), max_length=64, unique=True)
    policy = models.JSONField(verbose_name=_("policy"))
    envelope = models.BinaryField(verbose_name=_("signed envelope"))
    issued_at = models.DateTimeField(verbose_name=_("issued at"))

    class Meta:
        verbose_name = _("statistics policy")
        verbose_name_plural = _("statistics policies")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version} {self.digest[:12]}"


class MinistryToken(models.Model):
    """An API token of a ministry user: read-only access to the statistics API and nothing else.
    Only its SHA-256 is stored; the token itself is shown once, when made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="ministry_tokens",
    )
    name = models.CharField(verbose_name=_("name"), max_length=100)
    token_sha256 = models.CharField(verbose_name=_("token SHA-256"), max_length=64, unique=True)
    prefix = models.CharField(verbose_name=_("prefix"), max_length=12)
    """The token's first characters, to tell tokens apart in a list."""
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(verbose_name=_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(verbose_name=_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ministry API token")
        verbose_name_plural = _("ministry API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
