"""Effect 8 of the demo: what each channel cost (for the channel quality table and the advice).

One spend row per paid channel and calendar month of the demo's window
(``WINDOW_DAYS``), sized from the sign-ups the channel really brought that
month × its cost per sign-up in :data:`CAC` (± 10 %, from a random stream of
its own): content is production cost, offline is booth cost under the booth
campaigns (:data:`BOOTHS`, alternating by month), referral a little for gifts,
SEO nothing. Douyin and paid social are cheap enough per sign-up, but their
members rarely stay (effect 3), so their cost per retained member comes out
the worst and the budget advice flags them "reduce".
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from hearth.accounts.models import User
from hearth.demo.effects import WINDOW_DAYS
from hearth.growth.models import Campaign, Channel, ChannelKind, Spend, SpendKind

PAID_SOCIAL = "paid_social"
PAID_SOCIAL_NAME = "信息流广告"

CAC: dict[str, tuple[float, str]] = {
    "content": (30.0, SpendKind.PRODUCTION),
    "zhihu": (18.0, SpendKind.MEDIA),
    "bilibili": (22.0, SpendKind.MEDIA),
    "offline": (45.0, SpendKind.BOOTH),
    "wechat": (15.0, SpendKind.MEDIA),
    "weibo": (20.0, SpendKind.MEDIA),
    "xiaohongshu": (24.0, SpendKind.MEDIA),
    "douyin": (25.0, SpendKind.MEDIA),
    PAID_SOCIAL: (40.0, SpendKind.MEDIA),
    "referral": (4.0, SpendKind.INCENTIVES),
}
"""Yuan per sign-up the channel's spend is sized at, and the spend's type."""

BOOTHS = ("美食节展位", "科技展展位")
"""The offline booth campaigns; a month's booth cost goes to one of them, in turn."""


def _months(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    spans = []
    first = start
    while first <= end:
        following = (first.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        spans.append((first, min(following - dt.timedelta(days=1), end)))
        first = following
    return spans


def _signups(start: dt.date) -> Counter[tuple[str, str]]:
    """Sign-ups per (channel, month "YYYY-MM") from ``start`` on."""
    zone = timezone.get_current_timezone()
    counts: Counter[tuple[str, str]] = Counter()
    for channel, joined in User.objects.filter(
        date_joined__date__gte=start, is_staff=False
    ).values_list("channel", "date_joined"):
        counts[(channel, joined.astimezone(zone).strftime("%Y-%m"))] += 1
    return counts


def spend_plant(*, seed: int, now: dt.datetime) -> int:
    """Plant the channels' monthly spend (and the paid-social channel); the rows written."""
    rng = random.Random(seed * 31 + 8)
    today = timezone.localdate(now)
    start = today - dt.timedelta(days=WINDOW_DAYS - 1)
    channels = {c.key: c for c in Channel.objects.all()}
    with transaction.atomic():
        if PAID_SOCIAL not in channels:
            channels[PAID_SOCIAL] = Channel.objects.create(
                key=PAID_SOCIAL,
                name=PAID_SOCIAL_NAME,
                kind=ChannelKind.OTHER,
                description="抖音、微信朋友圈等平台的信息流广告",
                source_aliases=["feed", "cpc"],
            )
        booths = [
            Campaign.objects.get_or_create(
                name=name, defaults={"channel": channels.get("offline")}
            )[0]
            for name in BOOTHS
        ]
        signups = _signups(start)
        rows = []
        for index, (first, last) in enumerate(_months(start, today)):
            month = first.strftime("%Y-%m")
            for key, (cac, kind) in sorted(CAC.items()):
                if key not in channels or not signups[(key, month)]:
                    continue
                amount = signups[(key, month)] * cac * rng.uniform(0.9, 1.1)
                rows.append(
                    Spend(
                        channel=channels[key],
                        campaign=booths[index % len(booths)] if key == "offline" else None,
                        kind=kind,
                        period_start=first,
                        period_end=last,
                        amount=Decimal(round(amount / 10) * 10),
                        note="演示数据",
                    )
                )
        Spend.objects.bulk_create(rows)
    return len(rows)


def spend_reset() -> None:
    """Delete every spend row and the demo's booth campaigns when nothing else uses them."""
    Spend.objects.all().delete()
    Campaign.objects.filter(name__in=BOOTHS, spend__isnull=True, links__isnull=True).delete()
