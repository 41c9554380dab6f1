"""Badges (勋章): achievements defined by rules over member statistics, or granted by staff."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BadgeTier(models.TextChoices):
    BRONZE = "bronze", _("Bronze")
    SILVER = "silver", _("Silver")
    GOLD = "gold", _("Gold")


class BadgeCriterion(models.TextChoices):
    """The member statistic a badge rule compares with its threshold."""

    TOPICS = "topics", _("Topics published")
    REPLIES = "replies", _("Replies published")
    LIKES_RECEIVED = "likes_received", _("Likes received")
    FEATURED_TOPICS = "featured_topics", _("Featured topics")
    CHECK_IN_STREAK = "check_in_streak", _("Days signed in in a row")
    LIFETIME_POINTS = "lifetime_points", _("Lifetime points")
    FOLLOWERS = "followers", _("Followers")
    EVENT_WINS = "event_wins", _("Events won")
    MANUAL = "manual", _("Granted by staff only")


class Badge(models.Model):
    slug = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=30, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    icon = models.CharField(_("icon"), max_length=8, default="🏅", help_text=_("An emoji."))
    tier = models.CharField(
        _("tier"), max_length=8, choices=BadgeTier.choices, default=BadgeTier.BRONZE
    )
    criterion = models.CharField(
        _("rule"), max_length=20, choices=BadgeCriterion.choices, default=BadgeCriterion.MANUAL
    )
    threshold = models.PositiveIntegerField(
        _("threshold"), null=True, blank=True, help_text=_("The statistic must reach this value.")
    )
    multiple = models.BooleanField(
        _("can be granted more than once"),
        default=False,
        help_text=_("For badges earned again and again, e.g. an event winner."),
    )
    auto_revoke = models.BooleanField(
        _("revoke automatically"),
        default=False,
        help_text=_("Take the badge back when the statistic falls below the threshold."),
    )
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["position", "pk"]
        permissions = [("manage_badges", _("Can define, grant and revoke badges"))]

    def __str__(self) -> str:
        return f"{self.icon} {self.name}"


class BadgeGrant(models.Model):
    """One badge held (or once held) by one member. Revoking sets ``revoked_at``; rows stay.

    ``source_key`` makes grants idempotent: a single badge uses ``"single"``,
    a multiple badge one key per occasion (e.g. ``"event:12"``).
    """

    badge = models.ForeignKey(Badge, on_delete=models.CASCADE, related_name="grants")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badge_grants"
    )
    source_key = models.CharField(_("source"), max_length=100)
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.CharField(_("reason for revoking"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("badge grant")
        verbose_name_plural = _("badge grants")
        ordering = ["-granted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["badge", "member", "source_key"], name="gamification_grant_once"
            )
        ]
        indexes = [models.Index(fields=["member", "revoked_at"], name="gamif_grant_member")]

    def __str__(self) -> str:
        return f"{self.badge_id}→{self.member_id} ({self.source_key})"
