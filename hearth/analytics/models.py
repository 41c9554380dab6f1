"""The activity log (append-only) and the operator's analytics settings."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.analytics.definitions import DEFAULT_ACTIVE


class ActivityQuerySet(models.QuerySet["Activity"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("the activity log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("the activity log is append-only (activity_reset empties it)")


class Activity(models.Model):
    """One member (or visitor) action, with the member's attributes at that moment.

    Rows are only ever added: by the subscribers of the community's events, by
    the custom-event API, and by ``hearth analytics backfill`` for history
    written in bulk (``key`` makes those idempotent). Analyses read it through
    the analytics store, never row by row.
    """

    occurred_at = models.DateTimeField(default=timezone.now)
    member_id = models.BigIntegerField(null=True, blank=True)
    visitor = models.CharField(max_length=40, blank=True)  # anonymous visits
    action = models.CharField(max_length=40)
    board_id = models.IntegerField(null=True, blank=True)
    topic_id = models.BigIntegerField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)  # dwell seconds of a read …
    source = models.CharField(max_length=40, blank=True)  # read source, share channel
    channel = models.CharField(max_length=40, blank=True)
    region = models.CharField(max_length=20, blank=True)
    age_band = models.CharField(max_length=10, blank=True)
    gender = models.CharField(max_length=1, blank=True)
    level = models.SmallIntegerField(default=0)
    device = models.CharField(max_length=10, blank=True)
    properties = models.JSONField(default=dict, blank=True)
    key = models.CharField(max_length=100, null=True, blank=True, unique=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity")
        indexes = [
            models.Index(fields=["occurred_at"]),
            models.Index(fields=["member_id", "occurred_at"]),
            models.Index(fields=["action", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.member_id or self.visitor} {self.occurred_at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise TypeError("the activity log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("the activity log is append-only")


def default_active_actions() -> list[str]:
    return sorted(DEFAULT_ACTIVE)


class AnalyticsSettings(models.Model):
    """Operator-editable definitions (one row, pk=1)."""

    active_actions = models.JSONField(
        _("actions that count as active"), default=default_active_actions
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("analytics settings")
        verbose_name_plural = _("analytics settings")

    def __str__(self) -> str:
        return "analytics settings"


def staff_member(verbose_name: Any) -> models.ForeignKey[Any, Any]:
    """Who made or decided a row: kept as history when the account goes (SET_NULL)."""
    return models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


class Segment(models.Model):
    """A saved group of members (用户分群): attributes plus behaviour.

    ``definition`` is the builder's JSON, validated and turned into a query by
    :mod:`hearth.analytics.segments`; nothing else reads it. Other apps use a
    segment as an audience through that module's public functions.
    """

    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    definition = models.JSONField(_("definition"), default=dict)
    member_count = models.IntegerField(_("members"), null=True, blank=True)
    counted_at = models.DateTimeField(_("counted at"), null=True, blank=True)
    created_by = staff_member(_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("segment")
        verbose_name_plural = _("segments")

    def __str__(self) -> str:
        return self.name


class MetricUnit(models.TextChoices):
    EVENTS = "events", _("Events")
    MEMBERS = "members", _("Distinct members")


class CustomMetric(models.Model):
    """A metric defined on actions or custom events: a count, or a ratio such as
    completion rate = ``course_completed`` ÷ ``course_enrolled``."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    numerator = models.CharField(_("numerator action"), max_length=40)
    denominator = models.CharField(_("denominator action"), max_length=40, blank=True)
    unit = models.CharField(
        _("counted as"), max_length=8, choices=MetricUnit.choices, default=MetricUnit.EVENTS
    )
    created_by = staff_member(_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("custom metric")
        verbose_name_plural = _("custom metrics")

    def __str__(self) -> str:
        return self.name


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    DISMISSED = "dismissed", _("Dismissed")


class AnomalyAlert(models.Model):
    """A key metric's value on a day outside what its recent history predicts."""

    metric = models.CharField(_("metric"), max_length=40)
    day = models.DateField(_("day"))
    value = models.FloatField(_("value"))
    expected = models.FloatField(_("expected"))
    low = models.FloatField(_("expected low"))
    high = models.FloatField(_("expected high"))
    score = models.FloatField(_("score"))  # signed: below expected is negative
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    decided_by = staff_member(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-day", "metric"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "day"], name="anomaly_once_per_metric_day")
        ]
        verbose_name = _("anomaly alert")
        verbose_name_plural = _("anomaly alerts")

    def __str__(self) -> str:
        return f"{self.metric} {self.day}"
