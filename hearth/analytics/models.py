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
