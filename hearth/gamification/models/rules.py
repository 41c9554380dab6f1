"""Point rules (积分规则): what an action earns, how often, and with which limits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hearth.gamification.actions import Cycle, PointAction


class PointRule(models.Model):
    action = models.CharField(_("action"), max_length=32, choices=PointAction.choices, unique=True)
    points = models.IntegerField(
        _("points"), help_text=_("Negative for a penalty. Multiplied by the featured level.")
    )
    cycle = models.CharField(_("cycle"), max_length=16, choices=Cycle.choices)
    cap = models.PositiveIntegerField(
        _("cap per cycle"),
        null=True,
        blank=True,
        help_text=_("Most rewards per cycle; empty for no cap."),
    )
    no_repeat_target = models.BooleanField(_("no repeat for the same target"), default=False)
    floor = models.IntegerField(
        _("floor"),
        null=True,
        blank=True,
        help_text=_("A penalty never takes the spendable balance below this; empty for none."),
    )
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("point rule")
        verbose_name_plural = _("point rules")
        ordering = ["action"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.points:+d}"


class PointRuleBoardOverride(models.Model):
    """Different points for one rule in one board (e.g. a board the team wants to grow)."""

    rule = models.ForeignKey(PointRule, on_delete=models.CASCADE, related_name="board_overrides")
    board = models.ForeignKey(
        "community.Board", on_delete=models.CASCADE, related_name="+", verbose_name=_("board")
    )
    points = models.IntegerField(_("points"))

    class Meta:
        verbose_name = _("board override")
        verbose_name_plural = _("board overrides")
        constraints = [
            models.UniqueConstraint(fields=["rule", "board"], name="gamification_override_unique")
        ]

    def __str__(self) -> str:
        return f"{self.rule_id}@{self.board_id}: {self.points:+d}"
