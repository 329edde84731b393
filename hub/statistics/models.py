"""What the hub keeps of the municipalities' statistics: the protected cells each released, per
period and revision, and nothing else. Every revision is kept (the history a ministry can ask
for); the newest of each municipality and period is ``current``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatisticsSet(models.Model):
    member = models.CharField(verbose_name=_("municipality"), max_length=23)
    period = models.CharField(verbose_name=_("period"), max_length=7)
    revision = models.PositiveIntegerField(verbose_name=_("revision"))
    current = models.BooleanField(verbose_name=_("current"), default=True)
    approved_at = models.DateTimeField(verbose_name=_("approved at"), null=True, blank=True)
    policy_digest = models.CharField(verbose_name=_("policy digest"), max_length=64, blank=True, default="")
    threshold = models.PositiveIntegerField(verbose_name=_("threshold"), null=True, blank=True)
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
        StatisticsSet, verbose_name=_("set"), on_delete=models.CASCADE, related_name="cells"
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
        indexes = [models.Index(fields=["indicator", "categories"])]
