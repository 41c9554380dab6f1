"""Fairness: the new-account throttle settings and like-ring alerts for staff review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FairnessPolicy(models.Model):
    """One row (pk=1), edited in the cockpit beside the point rules."""

    new_account_days = models.PositiveSmallIntegerField(
        _("new account period (days)"),
        default=3,
        help_text=_("Accounts younger than this are throttled; 0 turns the throttle off."),
    )
    new_account_daily_posts = models.PositiveIntegerField(
        _("posts per day for new accounts"), default=10
    )
    new_account_likes_earn = models.BooleanField(
        _("likes from new accounts earn points"),
        default=False,
        help_text=_("Off: a like given by a new account earns its receiver nothing."),
    )
    ring_min_likes = models.PositiveIntegerField(
        _("like-ring: least likes between each pair"), default=5
    )
    ring_window_days = models.PositiveSmallIntegerField(_("like-ring: days looked at"), default=30)

    class Meta:
        verbose_name = _("fairness policy")
        verbose_name_plural = _("fairness policies")

    def __str__(self) -> str:
        return f"fairness ({self.new_account_days} d)"


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONFIRMED = "confirmed", _("Confirmed: points withdrawn")
    DISMISSED = "dismissed", _("Dismissed")


class LikeRingAlert(models.Model):
    """A small group of accounts liking each other far above chance, raised for review."""

    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="like_ring_alerts", verbose_name=_("members")
    )
    signature = models.CharField(
        _("signature"), max_length=200, help_text=_("The sorted member ids, one alert per group.")
    )
    likes = models.PositiveIntegerField(_("likes within the group"))
    expected = models.FloatField(_("likes expected by chance"))
    window_start = models.DateTimeField(_("from"))
    window_end = models.DateTimeField(_("to"))
    status = models.CharField(
        _("status"), max_length=10, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("like-ring alert")
        verbose_name_plural = _("like-ring alerts")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["signature"],
                condition=models.Q(status="open"),
                name="gamification_ring_open_once",
            )
        ]

    def __str__(self) -> str:
        return f"ring {self.signature} ({self.likes} likes)"
