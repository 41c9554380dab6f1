"""Reads for featuring: topics recommended on the home page, and candidates for 精华.

Candidates are recent published topics, not featured yet, ranked by quality
signals measured over a recent window (see :func:`feature_candidates`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Avg,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from hearth.community.models import Read, Reply, Status, Topic
from hearth.community.permissions import AnyUser
from hearth.community.selectors.lists import topic_list_visible

CANDIDATE_WINDOWS = (7, 14, 30)
"""The windows (days) staff may look at; 14 is the default."""
DEFAULT_CANDIDATE_DAYS = 14
MIN_READS = 10
"""A topic read fewer times in the window is not judged: too few readers to tell."""

# Half-credit points of the saturating terms x / (x + k), and the weights of the score.
ENGAGEMENT_HALF = 0.2  # engagements (likes + replies + shares) per read
READING_HALF = 90.0  # seconds of average reading time
REPLIERS_HALF = 4.0  # distinct members replying
CONFIDENCE_HALF = 30.0  # reads
WEIGHTS = (0.4, 0.3, 0.3)  # engagement, reading time, repliers


def topic_list_recommended(
    *, user: AnyUser, limit: int = 5, now: dt.datetime | None = None
) -> list[Topic]:
    """Published topics staff recommend on the home page right now, newest first (one query)."""
    qs = topic_list_visible(user=user).filter(recommended_until__gt=now or timezone.now())
    return list(qs.select_related("author", "board").order_by("-created_at", "-id")[:limit])


@dataclass(frozen=True)
class FeatureCandidate:
    """A topic with the signals that make it a candidate, and its score (0–100)."""

    topic: Topic
    reads: int
    engagements: int  # likes + replies + shares
    engagement_per_read: float
    avg_read_seconds: float
    repliers: int  # distinct members other than the author with a published reply
    score: float


def _saturating(expression: Combinable, half: float) -> ExpressionWrapper[Any]:
    """``x / (x + half)``: 0 at 0, one half at ``half``, towards 1 beyond."""
    return ExpressionWrapper(expression / (expression + Value(half)), output_field=FloatField())


def _float(name: str) -> Cast:
    return Cast(name, output_field=FloatField())


def candidate_queryset(*, since: dt.datetime, min_reads: int = MIN_READS) -> QuerySet[Topic]:
    """Topics published since ``since``, not featured, with signals and ``score`` annotated.

    Topics are judged from their creation, so the counters (``read_count``,
    ``like_count``, ``reply_count``, ``share_count``) are the window's counts;
    reading time and distinct repliers come from two correlated subqueries. The
    score is computed in the database:

    - engagement per read ``e = (likes + replies + shares) / reads``, scored
      ``E = e / (e + 0.2)`` (half credit at one engagement per five reads);
    - average reading time ``t`` (mean ``Read.dwell_seconds``), ``T = t / (t + 90)``
      (half credit at 90 s);
    - distinct repliers ``d`` (the author excluded), ``D = d / (d + 4)``;
    - confidence ``C = reads / (reads + 30)``, so a few enthusiastic readers do
      not outrank a topic many people read and liked.

    ``score = 100 × C × (0.4·E + 0.3·T + 0.3·D)``. Each term saturates, so one
    signal alone cannot carry a topic; all three must be good.
    """
    dwell = (
        Read.objects.filter(topic=OuterRef("pk"))
        .order_by()
        .values("topic")
        .annotate(avg=Avg("dwell_seconds"))
        .values("avg")
    )
    repliers = (
        Reply.objects.filter(topic=OuterRef("pk"), status=Status.PUBLISHED)
        .exclude(author=OuterRef("author"))
        .order_by()
        .values("topic")
        .annotate(n=Count("author", distinct=True))
        .values("n")
    )
    reads = _float("read_count")
    per_read = ExpressionWrapper(
        (_float("like_count") + _float("reply_count") + _float("share_count")) / reads,
        output_field=FloatField(),
    )
    engagement, reading, spread = WEIGHTS
    return (
        Topic.objects.filter(
            status=Status.PUBLISHED,
            featured_level=0,
            created_at__gte=since,
            read_count__gte=max(min_reads, 1),
        )
        .annotate(
            avg_read_seconds=Coalesce(Subquery(dwell, output_field=FloatField()), Value(0.0)),
            repliers=Coalesce(Subquery(repliers, output_field=IntegerField()), Value(0)),
            engagement_per_read=per_read,
        )
        .annotate(
            score=ExpressionWrapper(
                Value(100.0)
                * _saturating(reads, CONFIDENCE_HALF)
                * (
                    Value(engagement) * _saturating(F("engagement_per_read"), ENGAGEMENT_HALF)
                    + Value(reading) * _saturating(F("avg_read_seconds"), READING_HALF)
                    + Value(spread) * _saturating(_float("repliers"), REPLIERS_HALF)
                ),
                output_field=FloatField(),
            )
        )
    )


def feature_candidates(
    *,
    days: int = DEFAULT_CANDIDATE_DAYS,
    limit: int = 30,
    min_reads: int = MIN_READS,
    now: dt.datetime | None = None,
) -> list[FeatureCandidate]:
    """The best topics of the last ``days`` days that are not featured yet, best first.

    One query, whatever the number of topics (see :func:`candidate_queryset`).
    """
    since = (now or timezone.now()) - dt.timedelta(days=days)
    qs = (
        candidate_queryset(since=since, min_reads=min_reads)
        .select_related("author", "board")
        .defer("body", "body_html")
        .order_by("-score", "-id")[:limit]
    )
    return [_candidate(topic) for topic in qs]


def _candidate(topic: Any) -> FeatureCandidate:
    """The candidate for a topic row carrying the annotations of :func:`candidate_queryset`."""
    return FeatureCandidate(
        topic=topic,
        reads=topic.read_count,
        engagements=topic.like_count + topic.reply_count + topic.share_count,
        engagement_per_read=round(topic.engagement_per_read, 3),
        avg_read_seconds=round(topic.avg_read_seconds, 1),
        repliers=topic.repliers,
        score=round(topic.score, 1),
    )


def candidate_days_parse(raw: str | None) -> int:
    """The window named in a query string; anything else is the default."""
    try:
        days = int(raw or DEFAULT_CANDIDATE_DAYS)
    except ValueError:
        return DEFAULT_CANDIDATE_DAYS
    return days if days in CANDIDATE_WINDOWS else DEFAULT_CANDIDATE_DAYS
