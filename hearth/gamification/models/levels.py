"""The level ladder (等级) and what each level unlocks (权益)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.Model):
    """One rung of the ladder. A member sits at the highest rung their lifetime points reach.

    Rows are written only by :func:`hearth.gamification.services.ladder_set`,
    which keeps positions 1…n contiguous, the first threshold 0 and thresholds
    strictly increasing. The privilege fields say what members at this level
    may do; the permission functions read them through
    :func:`hearth.gamification.selectors.privileges_for`.
    """

    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    name = models.CharField(_("name"), max_length=30)
    threshold = models.PositiveIntegerField(
        _("threshold"), help_text=_("Lifetime points needed to reach this level.")
    )
    # Privileges (权益)
    post_restricted = models.BooleanField(
        _("post in restricted boards"),
        default=False,
        help_text=_("May start topics in boards open to “members whose level unlocks them”."),
    )
    upload_images = models.BooleanField(_("upload images"), default=False)
    daily_post_limit = models.PositiveIntegerField(
        _("daily posting limit"),
        null=True,
        blank=True,
        help_text=_("Most topics and replies per day; empty for no limit."),
    )
    custom_title = models.BooleanField(_("custom title"), default=False)
    invite_codes = models.PositiveSmallIntegerField(_("invite codes per month"), default=0)
    badge = models.ForeignKey(
        "gamification.Badge",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("exclusive badge"),
        help_text=_("Granted on reaching this level."),
    )
    event_early_hours = models.PositiveSmallIntegerField(
        _("early event registration (hours)"),
        default=0,
        help_text=_("How many hours before everyone else the member may register for events."),
    )

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["position"]
        permissions = [("manage_ladder", _("Can edit the level ladder"))]

    def __str__(self) -> str:
        return f"{self.position}. {self.name} ({self.threshold})"
