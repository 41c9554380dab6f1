"""Strategy (战略): positioning, long-term aims, content mix targets and competitors."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Positioning(models.Model):
    """The community's positioning statement (one row)."""

    statement = models.TextField(_("positioning statement"), max_length=2000, blank=True)
    audience = models.CharField(_("who it is for"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("positioning")
        verbose_name_plural = _("positioning")

    def __str__(self) -> str:
        return self.statement[:40]

    @classmethod
    def load(cls) -> Positioning:
        found, _created = cls.objects.get_or_create(pk=1)
        return found


class StrategyAim(models.Model):
    """A long-term aim, e.g. "the best-known community of the industry"."""

    title = models.CharField(_("aim"), max_length=120)
    detail = models.TextField(_("detail"), max_length=1000, blank=True)
    horizon = models.DateField(_("by"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("long-term aim")
        verbose_name_plural = _("long-term aims")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class ContentMixTarget(models.Model):
    """The share of member content (UGC) wanted on a board; the rest is staff content (PGC)."""

    board = models.OneToOneField(
        "community.Board",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("board"),
    )
    ugc_share = models.FloatField(_("member content share"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("content mix target")
        verbose_name_plural = _("content mix targets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ugc_share__gte=0) & models.Q(ugc_share__lte=1),
                name="content_mix_share_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.board_id}: {self.ugc_share:.0%}"


class Competitor(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    url = models.URLField(_("address"), blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("competitor")
        verbose_name_plural = _("competitors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CompetitorFigure(models.Model):
    """A competitor community's public figures on a day, as entered by staff."""

    competitor = models.ForeignKey(Competitor, on_delete=models.CASCADE, related_name="figures")
    day = models.DateField(_("day"))
    members = models.PositiveIntegerField(_("members"), null=True, blank=True)
    posts = models.PositiveIntegerField(_("posts"), null=True, blank=True)
    followers = models.PositiveIntegerField(_("followers"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("competitor figure")
        verbose_name_plural = _("competitor figures")
        ordering = ["competitor", "day"]
        constraints = [
            models.UniqueConstraint(fields=["competitor", "day"], name="competitor_figure_day")
        ]

    def __str__(self) -> str:
        return f"{self.competitor_id} {self.day}"
