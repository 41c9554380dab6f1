"""Campaigns and tracked links (推广链接): UTM parameters, a short code and its QR code."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.growth.models.channels import Channel


class Campaign(models.Model):
    """A named push (a festival booth, a Weibo series) that links and spend can belong to."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    channel = models.ForeignKey(
        Channel,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("channel"),
    )
    utm_campaign = models.SlugField(_("utm_campaign"), max_length=100, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="growth_campaign_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class TrackedLink(models.Model):
    """A link to a page of the community carrying UTM parameters, reachable by a short code."""

    code = models.SlugField(_("short code"), max_length=16, unique=True)
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="links", verbose_name=_("channel")
    )
    campaign = models.ForeignKey(
        Campaign,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="links",
        verbose_name=_("campaign"),
    )
    label = models.CharField(_("label"), max_length=80)
    destination = models.CharField(
        _("destination"), max_length=300, default="/", help_text=_("A path on this site.")
    )
    utm_source = models.CharField(max_length=100)
    utm_medium = models.CharField(max_length=100, blank=True)
    utm_campaign = models.CharField(max_length=100, blank=True)
    utm_term = models.CharField(max_length=100, blank=True)
    utm_content = models.CharField(max_length=100, blank=True)
    incentive = models.CharField(
        _("sign-up incentive"),
        max_length=80,
        blank=True,
        help_text=_("Printed on the poster, e.g. “Sign up today for 50 points”."),
    )
    clicks = models.PositiveIntegerField(_("clicks"), default=0)
    last_clicked_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tracked link")
        verbose_name_plural = _("tracked links")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.label
