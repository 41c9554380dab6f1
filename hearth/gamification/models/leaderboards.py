"""Leaderboards (排行榜), kept precomputed: one score row per member, scope and period.

Rows are moved by the ledger service in the same transaction as each entry
(so pages read a ready ranking on an index), and rebuilt from the ledger by
``hearth leaderboards_rebuild`` after bulk loads.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SITE_WIDE = 0  # board_id of the site-wide boards


class Period(models.TextChoices):
    WEEK = "week", _("This week")
    MONTH = "month", _("This month")
    ALL_TIME = "all", _("All time")


class LeaderboardScore(models.Model):
    period = models.CharField(_("period"), max_length=5, choices=Period.choices)
    period_key = models.CharField(
        _("period key"), max_length=10, help_text=_("“2026-W48”, “2026-11” or “all”.")
    )
    board_id = models.BigIntegerField(_("board"), default=SITE_WIDE)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    points = models.IntegerField(_("points"), default=0)

    class Meta:
        verbose_name = _("leaderboard score")
        verbose_name_plural = _("leaderboard scores")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "period_key", "board_id", "member"],
                name="gamification_score_once",
            )
        ]
        indexes = [
            models.Index(
                fields=["period", "period_key", "board_id", "-points", "member"],
                name="gamif_score_rank",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period_key}@{self.board_id} {self.member_id}: {self.points}"
