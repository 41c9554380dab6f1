"""A goal: a metric, a baseline, a target and a deadline, with its progress kept per day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TargetKind(models.TextChoices):
    ABSOLUTE = "absolute", _("Absolute value")
    RELATIVE = "relative", _("Change against the baseline")


class FilterKind(models.TextChoices):
    NONE = "", _("Whole community")
    BOARD = "board", _("Board")
    SEGMENT = "segment", _("Segment")
    CHANNEL = "channel", _("Channel")


class GoalStatus(models.TextChoices):
    PENDING = "pending", _("Not measured yet")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    AT_RISK = "at_risk", _("At risk")
    ACHIEVED = "achieved", _("Achieved")
    MISSED = "missed", _("Missed")


class Goal(models.Model):
    """A metric of analytics, from a baseline to a target by a deadline (目标)."""

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    metric_key = models.CharField(_("metric"), max_length=64)
    filter_kind = models.CharField(
        _("filter"), max_length=8, choices=FilterKind.choices, blank=True, default=FilterKind.NONE
    )
    # the board's or segment's id, or the channel's key
    filter_value = models.CharField(_("filter value"), max_length=64, blank=True)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    baseline_edited = models.BooleanField(_("baseline set by hand"), default=False)
    target_kind = models.CharField(
        _("target type"), max_length=8, choices=TargetKind.choices, default=TargetKind.RELATIVE
    )
    # absolute: the value to reach; relative: the change against the baseline (0.3 = +30 %)
    target_value = models.FloatField(_("target"))
    period_start = models.DateField(_("start"))
    deadline = models.DateField(_("deadline"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    # the latest computation (the same figures as the newest GoalDay)
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.PENDING
    )
    actual = models.FloatField(_("actual"), null=True, blank=True)
    expected = models.FloatField(_("expected by now"), null=True, blank=True)
    forecast = models.FloatField(_("forecast"), null=True, blank=True)
    forecast_low = models.FloatField(null=True, blank=True)
    forecast_high = models.FloatField(null=True, blank=True)
    computed_on = models.DateField(_("computed on"), null=True, blank=True)
    problem = models.CharField(_("problem"), max_length=300, blank=True)  # e.g. metric deleted
    archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["archived", "deadline", "pk"]
        permissions = [("manage_goals", "Can manage goals, initiatives and strategy")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gt=models.F("period_start")),
                name="goal_deadline_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def target(self) -> float | None:
        """The value to reach (None while a relative target has no baseline)."""
        if self.target_kind == TargetKind.ABSOLUTE:
            return self.target_value
        if self.baseline is None:
            return None
        return self.baseline * (1 + self.target_value)


class GoalDay(models.Model):
    """One day's computation of a goal, kept so a chart shows how the forecast moved."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="days")
    day = models.DateField()
    actual = models.FloatField(null=True)
    expected = models.FloatField(null=True)
    forecast = models.FloatField(null=True)
    forecast_low = models.FloatField(null=True)
    forecast_high = models.FloatField(null=True)
    status = models.CharField(max_length=10, choices=GoalStatus.choices)

    class Meta:
        ordering = ["goal", "day"]
        constraints = [models.UniqueConstraint(fields=["goal", "day"], name="goal_day_unique")]

    def __str__(self) -> str:
        return f"{self.goal_id} {self.day}"


class GoalSettings(models.Model):
    """The status thresholds (one row).

    A goal's *attainment* is how far the forecast gets from the baseline to the
    target (1.0: exactly the target). At or above ``on_track_at`` it is on
    track; below ``at_risk_below`` it is at risk; in between, behind.
    """

    on_track_at = models.FloatField(_("on track from"), default=0.95)
    at_risk_below = models.FloatField(_("at risk below"), default=0.7)

    class Meta:
        verbose_name = _("goal settings")
        verbose_name_plural = _("goal settings")

    def __str__(self) -> str:
        return str(_("goal settings"))

    @classmethod
    def load(cls) -> GoalSettings:
        found, _created = cls.objects.get_or_create(pk=1)
        return found
