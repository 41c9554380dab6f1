"""Effect 7 of the demo: one viral day, for the cockpit's anomaly alerts.

A recent topic of one board spreads through one acquisition channel: on that
day the board's reads reach about ``VIRAL_READ_MULTIPLE`` times their usual
level, mostly by members of that channel, and some of them share the topic
again. Written as rows like the rest of the demo (the bulk writer fires no
events), after the simulation and from a random stream of its own, so that
no other effect moves; :func:`activity_backfill` then copies them into the
activity log.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
from dataclasses import dataclass

from django.db.models import Count, F, Max
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.models import Board, Read, Share, Status, Topic
from hearth.community.services import text
from hearth.demo.depth import demo_read_depth
from hearth.demo.effects import (
    HOUR_WEIGHTS,
    RETENTION_WINDOW,
    VIRAL_CHANNEL_SHARE,
    VIRAL_DAYS_AGO,
    VIRAL_READ_MULTIPLE,
    VIRAL_SHARES,
    VIRAL_TOPICS_MAX,
    VIRALS,
    Viral,
)
from hearth.demo.writer_rows import SHARE_CODE_ALPHABET
from hearth.gamification.selectors import level_positions

HISTORY_WEEKS = 6
CANDIDATE_TOPICS = 40
RECENT_DAYS = 28


@dataclass(frozen=True)
class ViralDay:
    day: dt.date
    board_id: int
    topic_id: int
    channel: str
    reads: int  # reads added on the day
    shares: int


def viral_day(now: dt.datetime) -> dt.date:
    return timezone.localdate(now) - dt.timedelta(days=VIRAL_DAYS_AGO)


def _usual_reads(board: Board, day: dt.date) -> float:
    """The board's median reads on the same weekday of the weeks before ``day``."""
    days = [day - dt.timedelta(days=7 * k) for k in range(1, HISTORY_WEEKS + 1)]
    found = dict(
        Read.objects.filter(topic__board=board, day__in=days)
        .values_list("day")
        .annotate(n=Count("id"))
    )
    return float(statistics.median(found.get(d, 0) for d in days))


def _readers(rng: random.Random, day: dt.date, channel: str) -> tuple[list[int], list[int]]:
    """Regulars who already stayed (effects 3 and 5 stay as planted), of ``channel`` and the others.

    Regulars are above the first level: the topic spreads in the community's
    WeChat and Weibo groups, whose members have posted and been liked.
    Each list is in a random order where a member comes earlier the more they
    read in the weeks before (weight: the square of their reads), as the topic
    spreads among the community's keen readers.
    """
    joined_by = day - dt.timedelta(days=RETENTION_WINDOW[1] + 1)
    last_read = dict(
        Read.objects.filter(day__lt=day).values_list("member_id").annotate(last=Max("day"))
    )
    recent = Read.objects.filter(day__lt=day, day__gte=day - dt.timedelta(days=RECENT_DAYS))
    weight = dict(recent.values_list("member_id").annotate(n=Count("id")))
    first_level, positions = level_positions()
    regulars = [pk for pk, position in positions if position > first_level and pk in last_read]
    members = User.objects.filter(
        is_active=True, is_staff=False, groups__isnull=True, pk__in=regulars
    ).order_by("pk")
    keyed: list[tuple[float, int, bool]] = []
    for pk, joined, member_channel in members.values_list("pk", "date_joined", "channel"):
        first = timezone.localdate(joined)
        if first <= joined_by and (last_read[pk] - first).days >= RETENTION_WINDOW[0]:
            # weighted sampling without replacement: sort by u ** (1 / weight)
            key = rng.random() ** (1 / (weight.get(pk, 0) + 1) ** 2)
            keyed.append((key, pk, member_channel == channel))
    keyed.sort(reverse=True)
    return [pk for _k, pk, ours in keyed if ours], [pk for _k, pk, ours in keyed if not ours]


def _topics(board: Board, day: dt.date) -> list[Topic]:
    """The viral topic (the week's most read on the board) first, then others readers browse."""
    midnight = timezone.make_aware(
        dt.datetime.combine(day, dt.time()), timezone.get_current_timezone()
    )
    published = Topic.objects.filter(board=board, status=Status.PUBLISHED, created_at__lt=midnight)
    recent = published.filter(created_at__gte=midnight - dt.timedelta(days=7))
    viral = (
        recent.order_by("-read_count", "pk").first() or published.order_by("-created_at").first()
    )
    if viral is None:
        return []
    others = published.exclude(pk=viral.pk).order_by("-read_count", "pk")[:CANDIDATE_TOPICS]
    return [viral, *others]


def _at(rng: random.Random, day: dt.date) -> dt.datetime:
    hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
    local = dt.datetime.combine(day, dt.time(hour, rng.randrange(60), rng.randrange(60)))
    return timezone.make_aware(local, timezone.get_current_timezone())


def _reads(
    rng: random.Random, day: dt.date, topics: list[Topic], readers: list[int], wanted: int
) -> list[Read]:
    """About ``wanted`` reads: each reader opens the viral topic, then browses a few more."""
    seen = set(Read.objects.filter(day=day, topic__in=topics).values_list("member_id", "topic_id"))
    reads: list[Read] = []
    for member in readers:
        if len(reads) >= wanted:
            break
        browsed = [
            topics[0],
            *rng.sample(topics[1:], min(len(topics) - 1, rng.randint(0, VIRAL_TOPICS_MAX))),
        ]
        for k, topic in enumerate(browsed):
            if (member, topic.pk) in seen:
                continue
            dwell = rng.randint(40, 420) if k == 0 else rng.randint(10, 180)
            reads.append(
                Read(
                    member_id=member,
                    topic=topic,
                    day=day,
                    dwell_seconds=dwell,
                    depth=demo_read_depth(dwell, member, topic.pk),
                    source="share" if k == 0 else "board",
                    created_at=_at(rng, day),
                )
            )
    return reads


def _mixed(rng: random.Random, ours: list[int], others: list[int]) -> list[int]:
    """Readers in order: ``VIRAL_CHANNEL_SHARE`` of them from the channel while it lasts."""
    ours, others = ours[::-1], others[::-1]  # popped from the end: the first come first
    mixed: list[int] = []
    while ours and others:
        mixed.append((ours if rng.random() < VIRAL_CHANNEL_SHARE else others).pop())
    return mixed


def _code(rng: random.Random, taken: set[str]) -> str:
    code = "".join(rng.choices(SHARE_CODE_ALPHABET, k=10))
    while code in taken:
        code = "".join(rng.choices(SHARE_CODE_ALPHABET, k=10))
    taken.add(code)
    return code


def _shares(rng: random.Random, viral: Viral, reads: list[Read]) -> list[Share]:
    """Readers who came through the channel share the topic again, after reading it."""
    first = [r for r in reads if r.source == "share"]
    sharing = rng.sample(first, min(VIRAL_SHARES, len(first)))
    codes = [_code(rng, set()) for _ in sharing]
    taken = set(Share.objects.filter(code__in=codes).values_list("code", flat=True))
    return [
        Share(
            member_id=r.member_id,
            topic=r.topic,
            channel=viral.share_channel,
            code=_code(rng, taken) if code in taken else code,
            visits=rng.randint(5, 80),
            created_at=r.created_at + dt.timedelta(seconds=r.dwell_seconds),
        )
        for r, code in zip(sharing, codes, strict=True)
    ]


def viral_day_plant(*, seed: int, theme: str, now: dt.datetime) -> ViralDay | None:
    """Plant the viral day (None when the theme has none or the demo is too small for it)."""
    viral = VIRALS.get(theme)
    board = Board.objects.filter(slug=viral.board_slug).first() if viral else None
    if viral is None or board is None:
        return None
    rng = random.Random(seed * 13 + 7)
    day = viral_day(now)
    topics = _topics(board, day)
    ours, others = _readers(rng, day, viral.channel)
    if not topics or not ours:
        return None
    wanted = round((VIRAL_READ_MULTIPLE - 1) * _usual_reads(board, day))
    reads = _reads(rng, day, topics, _mixed(rng, ours, others), wanted)
    Read.objects.bulk_create(reads, batch_size=500)
    shares = _shares(rng, viral, reads)
    Share.objects.bulk_create(shares)
    _recount(topics, reads, shares)
    return ViralDay(day, board.pk, topics[0].pk, viral.channel, len(reads), len(shares))


def _recount(topics: list[Topic], reads: list[Read], shares: list[Share]) -> None:
    """Keep the topics' counters and hot scores equal to their rows."""
    for topic in topics:
        n = sum(r.topic_id == topic.pk for r in reads)
        s = sum(x.topic_id == topic.pk for x in shares)
        if not n and not s:
            continue
        Topic.objects.filter(pk=topic.pk).update(
            read_count=F("read_count") + n,
            view_count=F("view_count") + n,
            share_count=F("share_count") + s,
        )
        topic.refresh_from_db(fields=["read_count", "view_count", "share_count"])
        Topic.objects.filter(pk=topic.pk).update(hot_score=text.hot_score(topic))
