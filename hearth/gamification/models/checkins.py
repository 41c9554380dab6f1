"""Daily sign-in (签到): one row per member and local day, with the streak it continues."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CheckIn(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins"
    )
    day = models.DateField(_("day"))
    streak = models.PositiveIntegerField(_("days in a row"), default=1)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-ins")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["member", "day"], name="gamification_checkin_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.day} ({self.streak})"
