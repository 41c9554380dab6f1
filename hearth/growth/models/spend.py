"""Spend (投放花费) per channel, period and campaign, a booth's cost included."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.growth.models.channels import Channel
from hearth.growth.models.links import Campaign


class SpendKind(models.TextChoices):
    MEDIA = "media", _("Ads and promoted posts")
    BOOTH = "booth", _("Booth, venue and travel")
    PRODUCTION = "production", _("Content production")
    INCENTIVES = "incentives", _("Gifts and incentives")
    AGENCY = "agency", _("Agency and partner fees")
    OTHER = "other", _("Other")


class Spend(models.Model):
    """Money spent on one channel over ``period_start``…``period_end`` (both included)."""

    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="spend", verbose_name=_("channel")
    )
    campaign = models.ForeignKey(
        Campaign,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spend",
        verbose_name=_("campaign"),
    )
    kind = models.CharField(
        _("type"), max_length=12, choices=SpendKind.choices, default=SpendKind.MEDIA
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("spend")
        verbose_name_plural = _("spend")
        ordering = ["-period_start", "channel_id", "pk"]
        indexes = [models.Index(fields=["period_start", "period_end"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="growth_spend_positive"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="growth_spend_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.period_start}…{self.period_end}: {self.amount}"
