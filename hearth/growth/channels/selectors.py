"""Reads of the channel registry: each channel's sign-ups, links and clicks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.growth.models import (
    OTHER,
    SOCIAL_KINDS,
    Campaign,
    Channel,
    ChannelKind,
    Touch,
    TrackedLink,
)

RECENT_DAYS = 30
KIND_ORDER = {kind: i for i, kind in enumerate(ChannelKind.values)}


@dataclass(frozen=True)
class ChannelRow:
    """One channel as the registry's table shows it."""

    channel: Channel
    group: str
    signups_recent: int
    signups_total: int
    clicks: int
    link_count: int


@dataclass(frozen=True)
class ChannelTotals:
    signups_recent: int
    signups_total: int
    clicks: int
    link_count: int
    campaign_count: int


@dataclass(frozen=True)
class UnclaimedSource:
    """A touch source no channel claims (an unregistered UTM source or another site)."""

    source: str
    medium: str
    members: int
    last_seen: dt.datetime


@dataclass(frozen=True)
class RecentSignup:
    username: str
    joined: dt.datetime
    first_channel: str
    last_channel: str


def channel_group(channel: Channel) -> str:
    """Social platforms share one group; every other type is its own group."""
    if channel.kind in SOCIAL_KINDS:
        return _("Social media")
    return str(ChannelKind(channel.kind).label) if channel.kind in ChannelKind.values else ""


def _signups_by_key(now: dt.datetime) -> dict[str, tuple[int, int]]:
    since = now - dt.timedelta(days=RECENT_DAYS)
    rows = (
        User.objects.exclude(channel="")
        .values("channel")
        .annotate(total=Count("pk"), recent=Count("pk", filter=Q(date_joined__gte=since)))
    )
    return {row["channel"]: (row["recent"], row["total"]) for row in rows}


def channel_rows(*, now: dt.datetime | None = None) -> list[ChannelRow]:
    """Every channel with its sign-ups (last 30 days and all time), link clicks and links.

    Sorted social media first, then by type, then by name.
    """
    signups = _signups_by_key(now or timezone.now())
    channels = Channel.objects.annotate(
        link_clicks=Sum("links__clicks"), links_n=Count("links")
    ).order_by("name", "key")
    rows = [
        ChannelRow(
            channel=channel,
            group=channel_group(channel),
            signups_recent=signups.get(channel.key, (0, 0))[0],
            signups_total=signups.get(channel.key, (0, 0))[1],
            clicks=channel.link_clicks or 0,
            link_count=channel.links_n,
        )
        for channel in channels
    ]
    rows.sort(key=lambda row: _group_order(row.channel))
    return rows


def _group_order(channel: Channel) -> int:
    return -1 if channel.kind in SOCIAL_KINDS else KIND_ORDER.get(channel.kind, len(KIND_ORDER))


def channel_totals(*, channel: Channel, now: dt.datetime | None = None) -> ChannelTotals:
    since = (now or timezone.now()) - dt.timedelta(days=RECENT_DAYS)
    members = User.objects.filter(channel=channel.key).aggregate(
        total=Count("pk"), recent=Count("pk", filter=Q(date_joined__gte=since))
    )
    links = TrackedLink.objects.filter(channel=channel).aggregate(
        clicks=Sum("clicks"), n=Count("pk")
    )
    return ChannelTotals(
        signups_recent=members["recent"],
        signups_total=members["total"],
        clicks=links["clicks"] or 0,
        link_count=links["n"],
        campaign_count=Campaign.objects.filter(channel=channel).count(),
    )


def channel_recent_signups(*, channel: Channel, limit: int = 20) -> list[RecentSignup]:
    """The latest members who carry this channel, with their first and last touch (by name)."""
    names = channel_names()
    rows = (
        User.objects.filter(channel=channel.key)
        .order_by("-date_joined", "-pk")
        .values(
            "username", "date_joined", "attribution__first_channel", "attribution__last_channel"
        )[:limit]
    )
    return [
        RecentSignup(
            username=row["username"],
            joined=row["date_joined"],
            first_channel=_name(names, row["attribution__first_channel"]),
            last_channel=_name(names, row["attribution__last_channel"]),
        )
        for row in rows
    ]


def channel_names() -> dict[str, str]:
    """Channel key → name, for showing touches by name."""
    return dict(Channel.objects.values_list("key", "name"))


def _name(names: dict[str, str], key: str | None) -> str:
    return names.get(key, key) if key else ""


def unclaimed_sources(*, limit: int = 20) -> list[UnclaimedSource]:
    """Sources whose touches were credited to ``other`` because no channel claims them.

    Adding the source to a channel's other UTM sources credits later landings
    to that channel; touches already recorded keep ``other``.
    """
    rows = (
        Touch.objects.filter(channel=OTHER)
        .exclude(source="")
        .values("source", "medium")
        .annotate(members=Count("member", distinct=True), last_seen=Max("occurred_at"))
        .order_by("-members", "source", "medium")[:limit]
    )
    return [
        UnclaimedSource(
            source=row["source"],
            medium=row["medium"],
            members=row["members"],
            last_seen=row["last_seen"],
        )
        for row in rows
    ]
