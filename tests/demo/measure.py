"""Measure the planted effects (hearth.demo.effects) back from the database rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from hearth.accounts.models import age_band_for
from hearth.community.models import BoardFollow, Like, Read, Reply, Share, Topic
from hearth.demo import effects


@dataclass(frozen=True)
class Action:
    member: int
    kind: str
    at: dt.datetime  # local time


def actions() -> list[Action]:
    """Every action (read, like, reply, topic, share) with its local time."""
    tz = timezone.get_current_timezone()
    rows: list[Action] = []
    for kind, qs, member in (
        ("read", Read.objects.all(), "member_id"),
        ("like", Like.objects.all(), "member_id"),
        ("reply", Reply.objects.all(), "author_id"),
        ("topic", Topic.objects.all(), "author_id"),
        ("share", Share.objects.all(), "member_id"),
    ):
        for member_id, created in qs.values_list(member, "created_at").iterator(chunk_size=20000):
            rows.append(Action(member_id, kind, created.astimezone(tz)))
    return rows


def weekend_ratio(rows: list[Action]) -> float:
    """Mean actions per Saturday/Sunday ÷ per Monday–Thursday, averaged over full weeks."""
    per_day = Counter(a.at.date() for a in rows)
    first, last = min(per_day), max(per_day)
    monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
    ratios = []
    while monday + dt.timedelta(days=7) <= last:
        week = [per_day.get(monday + dt.timedelta(days=k), 0) for k in range(7)]
        weekday = sum(week[:4]) / 4
        if weekday >= 50:
            ratios.append((week[5] + week[6]) / 2 / weekday)
        monday += dt.timedelta(days=7)
    return sum(ratios) / len(ratios)


def hour_shares(rows: list[Action]) -> dict[int, float]:
    hours = Counter(a.at.hour for a in rows)
    return {h: hours.get(h, 0) / len(rows) for h in range(24)}


def top_decile_post_share() -> float:
    """Share of topics + replies written by the 10 % of members who write most."""
    members = get_user_model().objects.filter(is_staff=False, groups__isnull=True)
    posts: Counter[int] = Counter()
    for author, n in Topic.objects.values_list("author_id").annotate(n=Count("id")):
        posts[author] += n
    for author, n in Reply.objects.values_list("author_id").annotate(n=Count("id")):
        posts[author] += n
    ids = set(members.values_list("id", flat=True))
    counts = sorted((posts.get(i, 0) for i in ids), reverse=True)
    top = counts[: max(1, len(counts) // 10)]
    return sum(top) / sum(counts)


def active_offsets(rows: list[Action]) -> tuple[dict[int, set[int]], dict[int, object]]:
    """Each member's active day offsets after joining, and their channel."""
    tz = timezone.get_current_timezone()
    joined = {}
    channel = {}
    for pk, date_joined, ch in get_user_model().objects.values_list("id", "date_joined", "channel"):
        joined[pk] = date_joined.astimezone(tz).date()
        channel[pk] = ch
    offsets: dict[int, set[int]] = defaultdict(set)
    for a in rows:
        if a.member in joined:
            offsets[a.member].add((a.at.date() - joined[a.member]).days)
    return offsets, channel


def retention_by_channel(rows: list[Action], today: dt.date) -> dict[str, tuple[int, float]]:
    """Per channel: members who joined ≥ 31 days ago, and the share active on offsets 8–30."""
    tz = timezone.get_current_timezone()
    offsets, _channel = active_offsets(rows)
    low, high = effects.RETENTION_WINDOW
    totals: Counter[str] = Counter()
    retained: Counter[str] = Counter()
    members = get_user_model().objects.exclude(channel="")
    for pk, date_joined, ch in members.values_list("id", "date_joined", "channel"):
        if (today - date_joined.astimezone(tz).date()).days <= high:
            continue
        totals[ch] += 1
        retained[ch] += any(low <= o <= high for o in offsets.get(pk, ()))
    return {ch: (totals[ch], retained[ch] / totals[ch]) for ch in totals}


def reads_by_band(board_slug: str, today: dt.date) -> dict[tuple[bool, str, str], int]:
    """Reads counted by (on the board?, age band, period) with periods "recent"/"before"."""
    weeks = effects.DECLINE_WEEKS
    cut = today - dt.timedelta(days=7 * weeks - 1)
    start = cut - dt.timedelta(days=7 * weeks)
    band_of = {
        pk: age_band_for(year, today)
        for pk, year in get_user_model().objects.values_list("id", "birth_year")
    }
    counts: Counter[tuple[bool, str, str]] = Counter()
    rows = Read.objects.filter(day__gte=start).values_list("member_id", "topic__board__slug", "day")
    for member, slug, day in rows.iterator(chunk_size=20000):
        period = "recent" if day >= cut else "before"
        counts[(slug == board_slug, band_of.get(member, ""), period)] += 1
    return counts


def board_follow_counts() -> dict[int, int]:
    return dict(BoardFollow.objects.values_list("member_id").annotate(n=Count("id")))
