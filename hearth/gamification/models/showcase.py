"""What a member shows beside their name: a chosen badge and a custom title (by privilege)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberShowcase(models.Model):
    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="showcase",
    )
    badge = models.ForeignKey(
        "gamification.Badge",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("badge shown beside posts"),
    )
    title = models.CharField(_("custom title"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("member showcase")
        verbose_name_plural = _("member showcases")

    def __str__(self) -> str:
        return f"{self.member_id}: {self.badge_id} {self.title}"
