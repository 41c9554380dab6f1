"""The channel registry (渠道): where members come from, online and offline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DIRECT = "direct"
"""The channel of a member who arrived with no tracked touch at all."""
OTHER = "other"
"""The channel of a touch whose source no channel claims (an unregistered UTM source)."""
SEARCH = "seo"
"""The registry's search channel: organic search engines are credited to it."""
REFERRAL = "referral"
"""The registry's invite channel: member invite codes are credited to it."""


class ChannelKind(models.TextChoices):
    WECHAT = "wechat", _("WeChat")
    WEIBO = "weibo", _("Weibo")
    DOUYIN = "douyin", _("Douyin")
    XIAOHONGSHU = "xiaohongshu", _("Xiaohongshu")
    BILIBILI = "bilibili", _("Bilibili")
    ZHIHU = "zhihu", _("Zhihu")
    SEARCH = "search", _("Search / SEO")
    CONTENT = "content", _("Content marketing")
    OFFLINE = "offline", _("Offline event")
    PARTNER = "partner", _("Partner")
    REFERRAL = "referral", _("Referral / invite")
    OTHER = "other", _("Other")


SOCIAL_KINDS = frozenset(
    {
        ChannelKind.WECHAT,
        ChannelKind.WEIBO,
        ChannelKind.DOUYIN,
        ChannelKind.XIAOHONGSHU,
        ChannelKind.BILIBILI,
        ChannelKind.ZHIHU,
    }
)


class Channel(models.Model):
    """An acquisition channel. ``key`` is what members carry (``User.channel``) and UTM sources map to."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("type"), max_length=16, choices=ChannelKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    source_aliases = models.JSONField(
        _("other UTM sources"),
        default=list,
        blank=True,
        help_text=_("Other utm_source values that mean this channel, e.g. weixin, wx."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["name", "key"]
        permissions = [("manage_growth", "Can manage channels, campaigns, tracked links and spend")]

    def __str__(self) -> str:
        return self.name
