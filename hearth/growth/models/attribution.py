"""Attribution (渠道归因): the touches that brought a member, and the browsers they used."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Touch(models.Model):
    """One landing from a source before sign-up (a tracked link, a UTM URL, a search engine, an invite).

    ``position`` orders a member's touches from 0 (first touch); ``credit`` is the
    touch's share under linear attribution (1 ÷ the member's number of touches).
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="touches"
    )
    position = models.PositiveSmallIntegerField()
    occurred_at = models.DateTimeField()
    channel = models.CharField(_("channel"), max_length=40, db_index=True)
    source = models.CharField(max_length=100, blank=True)
    medium = models.CharField(max_length=100, blank=True)
    campaign = models.CharField(max_length=100, blank=True)
    term = models.CharField(max_length=100, blank=True)
    content = models.CharField(max_length=100, blank=True)
    link = models.ForeignKey(
        "growth.TrackedLink", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    referrer = models.CharField(max_length=500, blank=True)
    landing_path = models.CharField(max_length=500, blank=True)
    credit = models.FloatField(default=1.0)

    class Meta:
        verbose_name = _("touch")
        verbose_name_plural = _("touches")
        ordering = ["member", "position"]
        constraints = [
            models.UniqueConstraint(fields=["member", "position"], name="growth_touch_position")
        ]

    def __str__(self) -> str:
        return f"{self.member_id}#{self.position} {self.channel}"


class MemberAttribution(models.Model):
    """A member's first and last touch channels, kept for the channel tables' group-bys."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="attribution",
    )
    first_channel = models.CharField(_("first touch"), max_length=40, db_index=True)
    last_channel = models.CharField(_("last touch"), max_length=40, db_index=True)
    touch_count = models.PositiveSmallIntegerField(default=0)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitees",
        verbose_name=_("invited by"),
    )
    signup_device = models.CharField(max_length=64, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("member attribution")
        verbose_name_plural = _("member attributions")

    def __str__(self) -> str:
        return f"{self.member_id}: {self.first_channel} → {self.last_channel}"


class MemberDevice(models.Model):
    """A browser a member has signed in from (a hash of the first-party device cookie).

    Used to refuse self-invites: an invite code redeemed from a browser its
    owner uses.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="devices"
    )
    device = models.CharField(max_length=64, db_index=True)
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "device"], name="growth_member_device_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.device[:8]}"
