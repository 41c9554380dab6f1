"""How signals become a decision: policies per board and level, and the site's settings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalAction(models.TextChoices):
    IGNORE = "ignore", _("Ignore")
    FLAG = "flag", _("Flag only")
    HOLD = "hold", _("Hold for review")
    BLOCK = "block", _("Block")


class ModerationPolicy(models.Model):
    """What to do with each signal, for one board (None: every board) and members up to a level.

    The policy for a post is the most specific row: its board before the site,
    and among those the lowest ``max_level_position`` that covers the author's
    level (None covers every level).
    """

    board = models.ForeignKey(
        "community.Board",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("board"),
    )
    max_level_position = models.PositiveSmallIntegerField(
        _("for members up to level"), null=True, blank=True
    )
    first_posts_held = models.PositiveSmallIntegerField(
        _("first posts always held"), default=3
    )  # a member's first N topics and replies
    contact_action = models.CharField(
        _("contact details"), max_length=6, choices=SignalAction.choices, default=SignalAction.HOLD
    )
    link_action = models.CharField(
        _("links"), max_length=6, choices=SignalAction.choices, default=SignalAction.FLAG
    )
    shortener_action = models.CharField(
        _("link shorteners"), max_length=6, choices=SignalAction.choices, default=SignalAction.HOLD
    )
    repeat_action = models.CharField(
        _("repeated characters"),
        max_length=6,
        choices=SignalAction.choices,
        default=SignalAction.FLAG,
    )
    flood_action = models.CharField(
        _("copy-paste flooding"),
        max_length=6,
        choices=SignalAction.choices,
        default=SignalAction.HOLD,
    )
    repost_action = models.CharField(
        _("reposts of others' content"),
        max_length=6,
        choices=SignalAction.choices,
        default=SignalAction.HOLD,
    )
    classifier_hold = models.FloatField(_("classifier score that holds"), null=True, default=0.8)
    classifier_block = models.FloatField(_("classifier score that blocks"), null=True, default=None)

    class Meta:
        verbose_name = _("moderation policy")
        verbose_name_plural = _("moderation policies")
        constraints = (
            models.UniqueConstraint(
                fields=("board", "max_level_position"),
                name="moderation_policy_unique",
                nulls_distinct=False,
            ),
        )

    def __str__(self) -> str:
        return f"policy {self.board_id or '*'}/{self.max_level_position or '*'}"


class ModerationSettings(models.Model):
    """The site's one row of report and sanction settings (pk = 1)."""

    reports_per_day = models.PositiveSmallIntegerField(_("reports per member per day"), default=10)
    hide_after_reports = models.PositiveSmallIntegerField(
        _("trusted reports that hide content"), default=3
    )
    trusted_min_level = models.PositiveSmallIntegerField(
        _("trusted reporters' minimum level"), default=2
    )
    trusted_min_accuracy = models.FloatField(_("trusted reporters' minimum accuracy"), default=0.6)
    warnings_to_escalate = models.PositiveSmallIntegerField(_("warnings that escalate"), default=3)
    escalation_window_days = models.PositiveSmallIntegerField(
        _("escalation window (days)"), default=30
    )

    class Meta:
        verbose_name = _("moderation settings")
        verbose_name_plural = _("moderation settings")

    def __str__(self) -> str:
        return "moderation settings"

    @classmethod
    def current(cls) -> ModerationSettings:
        settings, _created = cls.objects.get_or_create(pk=1)
        return settings
