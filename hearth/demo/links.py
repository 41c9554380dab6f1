"""The demo's campaigns and tracked links: what the channel registry shows for each channel.

A Weibo series, a Douyin promotion, a Xiaohongshu note, a Zhihu column and two
offline booths (a food festival and a tech fair, each with a sign-up
incentive for its poster). Click counts are drawn from the seed, about ten
clicks per sign-up of the channel over the window, so the registry's table
reads plausibly; the links credit no member (the demo's members carry their
channel from the simulation).

The booth campaigns share their names with the spend plant
(:data:`hearth.demo.spend.BOOTHS`), so the booth costs and the booth links
sit under the same campaigns whichever plant runs first.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from hearth.growth.models import Campaign, Channel, ChannelKind, TrackedLink

CHANNEL_DEFAULTS: dict[str, tuple[str, str]] = {
    "weibo": ("微博", ChannelKind.WEIBO),
    "douyin": ("抖音", ChannelKind.DOUYIN),
    "xiaohongshu": ("小红书", ChannelKind.XIAOHONGSHU),
    "zhihu": ("知乎", ChannelKind.ZHIHU),
    "offline": ("线下活动", ChannelKind.OFFLINE),
}
"""The registry's default channels the links use (re-created if an operator removed one)."""


@dataclass(frozen=True)
class DemoCampaign:
    name: str
    channel: str
    utm_campaign: str
    starts_days_ago: int
    length_days: int
    notes: str


@dataclass(frozen=True)
class DemoLink:
    code: str
    campaign: str
    label: str
    destination: str
    medium: str
    content: str
    incentive: str
    clicks: int
    """Typical clicks; the seed varies it by ±30 %."""


CAMPAIGNS = (
    DemoCampaign(
        "微博话题系列", "weibo", "weibo-series", 80, 60, "每周两条话题微博，带社区精华帖链接"
    ),
    DemoCampaign(
        "抖音短视频推广", "douyin", "douyin-promo", 45, 30, "达人合作短视频，评论区置顶链接"
    ),
    DemoCampaign("小红书种草笔记", "xiaohongshu", "xhs-notes", 60, 45, "新人福利笔记，引导注册"),
    DemoCampaign("知乎专栏", "zhihu", "zhihu-column", 120, 120, "每月两篇长文，文末附社区链接"),
    DemoCampaign(
        "美食节展位", "offline", "food-festival", 50, 3, "展位 A-12，两名同事值守，扫码注册送积分"
    ),
    DemoCampaign("科技展展位", "offline", "tech-fair", 20, 4, "展位 T-08，现场演示与扫码注册"),
)

LINKS = (
    DemoLink(
        "wbtopic", "微博话题系列", "微博话题 · 精华帖合集", "/", "social", "topic-digest", "", 1800
    ),
    DemoLink(
        "wbsignup",
        "微博话题系列",
        "微博置顶 · 注册",
        "/accounts/signup/",
        "social",
        "pinned",
        "",
        950,
    ),
    DemoLink(
        "dyvideo",
        "抖音短视频推广",
        "抖音达人视频",
        "/accounts/signup/",
        "video",
        "kol-video",
        "新人注册送 20 积分",
        3200,
    ),
    DemoLink(
        "xhsnote",
        "小红书种草笔记",
        "小红书新人福利笔记",
        "/accounts/signup/",
        "social",
        "welcome-note",
        "注册即领新人勋章",
        1400,
    ),
    DemoLink("zhcolumn", "知乎专栏", "知乎专栏文末链接", "/", "article", "column-footer", "", 1100),
    DemoLink(
        "foodfair",
        "美食节展位",
        "美食节展位海报",
        "/accounts/signup/",
        "qr",
        "booth-poster",
        "现场注册送 50 积分",
        640,
    ),
    DemoLink(
        "foodcard",
        "美食节展位",
        "美食节传单",
        "/accounts/signup/",
        "qr",
        "flyer",
        "现场注册送 50 积分",
        210,
    ),
    DemoLink(
        "techfair",
        "科技展展位",
        "科技展展位海报",
        "/accounts/signup/",
        "qr",
        "booth-poster",
        "扫码注册，抽取机械键盘",
        520,
    ),
)


def _channels() -> dict[str, Channel]:
    channels = {}
    for key, (name, kind) in CHANNEL_DEFAULTS.items():
        channels[key] = Channel.objects.get_or_create(
            key=key, defaults={"name": name, "kind": kind}
        )[0]
    return channels


def links_plant(*, seed: int, now: dt.datetime) -> int:
    """Plant the demo's campaigns and tracked links (with click counts); the links written."""
    rng = random.Random(seed * 31 + 6)
    today = timezone.localdate(now)
    with transaction.atomic():
        channels = _channels()
        campaigns: dict[str, Campaign] = {}
        for spec in CAMPAIGNS:
            starts = today - dt.timedelta(days=spec.starts_days_ago)
            campaign, _created = Campaign.objects.get_or_create(
                name=spec.name, defaults={"channel": channels[spec.channel]}
            )
            campaign.channel = channels[spec.channel]
            campaign.utm_campaign = spec.utm_campaign
            campaign.starts_on = starts
            campaign.ends_on = starts + dt.timedelta(days=spec.length_days - 1)
            campaign.notes = spec.notes
            campaign.save()
            campaigns[spec.name] = campaign
        rows = []
        for link in LINKS:
            campaign = campaigns[link.campaign]
            assert campaign.channel is not None
            created = dt.datetime.combine(
                campaign.starts_on or today, dt.time(10), tzinfo=now.tzinfo
            )
            clicks = round(link.clicks * rng.uniform(0.7, 1.3))
            last = min(
                now,
                dt.datetime.combine(campaign.ends_on or today, dt.time(18), tzinfo=now.tzinfo),
            )
            rows.append(
                TrackedLink(
                    code=link.code,
                    channel=campaign.channel,
                    campaign=campaign,
                    label=link.label,
                    destination=link.destination,
                    utm_source=campaign.channel.key,
                    utm_medium=link.medium,
                    utm_campaign=campaign.utm_campaign,
                    utm_content=link.content,
                    incentive=link.incentive,
                    clicks=clicks,
                    last_clicked_at=last,
                    created_at=created,
                )
            )
        TrackedLink.objects.filter(code__in=[link.code for link in LINKS]).delete()
        TrackedLink.objects.bulk_create(rows)
    return len(rows)


def links_reset() -> None:
    """Delete every tracked link and campaign (after the spend rows, which protect campaigns)."""
    TrackedLink.objects.all().delete()
    Campaign.objects.all().delete()
