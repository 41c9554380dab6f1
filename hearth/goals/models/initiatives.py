"""An initiative (举措): a plan item linked to goals, with an owner, dates and a status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InitiativeKind(models.TextChoices):
    PLAN = "plan", _("Plan item")
    BOARD_OPEN = "board_open", _("Open a board")
    BOARD_MERGE = "board_merge", _("Merge boards")
    BOARD_CLOSE = "board_close", _("Close a board")


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", pgettext_lazy("initiative status", "In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Initiative(models.Model):
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("type"), max_length=12, choices=InitiativeKind.choices, default=InitiativeKind.PLAN
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    rationale = models.TextField(_("rationale"), max_length=2000, blank=True)
    goals = models.ManyToManyField(
        "goals.Goal", blank=True, related_name="initiatives", verbose_name=_("goals")
    )
    # the boards it touches (opened, merged, closed, or where it runs); the rest are the control
    boards = models.ManyToManyField(
        "community.Board", blank=True, related_name="+", verbose_name=_("boards")
    )
    # board plans: the planned board's name (open) or the board merged into (merge)
    board_name = models.CharField(_("new board's name"), max_length=40, blank=True)
    merge_into = models.ForeignKey(
        "community.Board",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("merge into"),
    )
    segment_id = models.PositiveIntegerField(null=True, blank=True)  # a segment it targets
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.PLANNED,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return self.name
