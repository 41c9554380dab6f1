"""Sanctions (警告 / 禁言 / 封禁) from a configurable ladder."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.moderation.models.queue import ReviewItem
from hearth.moderation.models.rules import CommunityRule


class SanctionKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    MUTE = "mute", _("Mute")
    BAN = "ban", _("Ban")


class SanctionStep(models.Model):
    """One rung of the ladder; ``duration_hours`` None is permanent (a warning has none)."""

    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=SanctionKind.choices)
    duration_hours = models.PositiveIntegerField(_("duration (hours)"), null=True, blank=True)

    class Meta:
        verbose_name = _("sanction step")
        verbose_name_plural = _("sanction ladder")
        ordering = ("position",)

    def __str__(self) -> str:
        return f"{self.position}. {self.kind} {self.duration_hours or '∞'}h"


class Sanction(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=SanctionKind.choices)
    step = models.PositiveSmallIntegerField(_("ladder step"), null=True, blank=True)
    board = models.ForeignKey(
        "community.Board",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("board"),
    )  # None: the whole site
    rule = models.ForeignKey(CommunityRule, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)  # None: permanent
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    item = models.ForeignKey(
        ReviewItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="sanctions"
    )
    escalated = models.BooleanField(_("escalated by the ladder"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(_("seen by the member"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lift_reason = models.TextField(_("why it was lifted"), blank=True)

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ("-created_at",)
        indexes = (models.Index(fields=("member", "kind", "-created_at")),)

    def __str__(self) -> str:
        return f"{self.kind} {self.member_id}"
