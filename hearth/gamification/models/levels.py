"""The level ladder (等级): operator-edited names and lifetime-point thresholds."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.Model):
    """One rung of the ladder. A member sits at the highest rung their lifetime points reach.

    Rows are written only by :func:`hearth.gamification.services.ladder_set`,
    which keeps positions 1…n contiguous, the first threshold 0 and thresholds
    strictly increasing.
    """

    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    name = models.CharField(_("name"), max_length=30)
    threshold = models.PositiveIntegerField(
        _("threshold"), help_text=_("Lifetime points needed to reach this level.")
    )

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["position"]
        permissions = [("manage_ladder", _("Can edit the level ladder"))]

    def __str__(self) -> str:
        return f"{self.position}. {self.name} ({self.threshold})"
