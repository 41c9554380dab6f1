"""Cockpit reads: aggregate queries only, a fixed number per page whatever the data size.

This is the simple ORM overview; the analytics engine comes later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from hearth.accounts.models import User
from hearth.cockpit.models import StaffRoleChange
from hearth.community.models import Board, Like, Read, Reply, Status, Topic
from hearth.core.roles import ROLE_LABELS


@dataclass(frozen=True)
class Kpi:
    key: str
    value: int
    previous: int | None = None  # the same measure over the 7 days before

    @property
    def delta_percent(self) -> int | None:
        if self.previous is None or self.previous == 0:
            return None
        return round((self.value - self.previous) * 100 / self.previous)

    @property
    def delta(self) -> int | None:
        return None if self.previous is None else self.value - self.previous


@dataclass(frozen=True)
class Window:
    """The last 7 days and the 7 days before them, as times and as local dates."""

    now: dt.datetime
    since: dt.datetime
    before: dt.datetime
    today: dt.date
    since_day: dt.date
    before_day: dt.date

    @classmethod
    def ending(cls, now: dt.datetime) -> Window:
        today = timezone.localdate(now)
        return cls(
            now=now,
            since=now - dt.timedelta(days=7),
            before=now - dt.timedelta(days=14),
            today=today,
            since_day=today - dt.timedelta(days=6),
            before_day=today - dt.timedelta(days=13),
        )


def _two_weeks(qs: QuerySet[Any], field: str, since: Any, before: Any) -> tuple[int, int]:
    row = qs.aggregate(
        current=Count("pk", filter=Q(**{f"{field}__gte": since})),
        previous=Count("pk", filter=Q(**{f"{field}__gte": before, f"{field}__lt": since})),
    )
    return row["current"], row["previous"]


def _active_members(w: Window, *, current: bool) -> int:
    """Distinct members who read, posted, replied or liked in the window."""
    if current:
        window = Q(created_at__gte=w.since)
        reads = Read.objects.filter(day__gte=w.since_day)
    else:
        window = Q(created_at__gte=w.before, created_at__lt=w.since)
        reads = Read.objects.filter(day__gte=w.before_day, day__lt=w.since_day)
    union = (
        reads.values("member_id")
        .union(
            Topic.objects.filter(window).values("author_id"),
            Reply.objects.filter(window).values("author_id"),
            Like.objects.filter(window).values("member_id"),
        )
        .order_by()
    )
    return union.count()


def overview_kpis(*, now: dt.datetime | None = None) -> list[Kpi]:
    """Headline numbers for the overview, each with the previous 7 days to compare."""
    w = Window.ending(now or timezone.now())
    members = User.objects.filter(is_active=True).aggregate(
        total=Count("pk"),
        current=Count("pk", filter=Q(date_joined__gte=w.since)),
        previous=Count("pk", filter=Q(date_joined__gte=w.before, date_joined__lt=w.since)),
    )
    topics = Topic.objects.exclude(status=Status.DELETED).aggregate(
        current=Count("pk", filter=Q(created_at__gte=w.since)),
        previous=Count("pk", filter=Q(created_at__gte=w.before, created_at__lt=w.since)),
        featured=Count("pk", filter=Q(status=Status.PUBLISHED, featured_level__gt=0)),
    )
    replies = _two_weeks(
        Reply.objects.exclude(status=Status.DELETED), "created_at", w.since, w.before
    )
    likes = _two_weeks(Like.objects.all(), "created_at", w.since, w.before)
    reads = _two_weeks(Read.objects.all(), "day", w.since_day, w.before_day)
    return [
        Kpi("members", members["total"]),
        Kpi("new_members", members["current"], members["previous"]),
        Kpi("active_members", _active_members(w, current=True), _active_members(w, current=False)),
        Kpi("topics", topics["current"], topics["previous"]),
        Kpi("replies", *replies),
        Kpi("likes", *likes),
        Kpi("reads", *reads),
        Kpi("featured", topics["featured"]),
    ]


def _per_day(qs: QuerySet[Any], field: str, first: dt.date, *, is_date: bool) -> dict[dt.date, int]:
    if is_date:
        rows = qs.filter(**{f"{field}__gte": first}).values(field).annotate(n=Count("pk"))
        return {row[field]: row["n"] for row in rows.order_by()}
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    rows = (
        qs.filter(**{f"{field}__gte": start})
        .annotate(day=TruncDate(field))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["day"]: row["n"] for row in rows}


def overview_daily_series(*, days: int = 30, now: dt.datetime | None = None) -> dict[str, Any]:
    """New members, topics, replies and reads per day over the last ``days`` days."""
    today = timezone.localdate(now or timezone.now())
    first = today - dt.timedelta(days=days - 1)
    dates = [first + dt.timedelta(days=i) for i in range(days)]
    counts = {
        "members": _per_day(User.objects.all(), "date_joined", first, is_date=False),
        "topics": _per_day(
            Topic.objects.exclude(status=Status.DELETED), "created_at", first, is_date=False
        ),
        "replies": _per_day(
            Reply.objects.exclude(status=Status.DELETED), "created_at", first, is_date=False
        ),
        "reads": _per_day(Read.objects.all(), "day", first, is_date=True),
    }
    return {
        "days": [d.isoformat() for d in dates],
        **{key: [per_day.get(d, 0) for d in dates] for key, per_day in counts.items()},
    }


def _count_since(model_qs: QuerySet[Any], board_path: str) -> Subquery:
    return Subquery(
        model_qs.filter(**{board_path: OuterRef("pk")})
        .order_by()
        .values(board_path)
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def boards_top(*, limit: int = 8, now: dt.datetime | None = None) -> list[Board]:
    """The boards with the most reads in the last 7 days, with 7-day topic and reply counts."""
    w = Window.ending(now or timezone.now())
    topics = Topic.objects.filter(created_at__gte=w.since).exclude(status=Status.DELETED)
    replies = Reply.objects.filter(created_at__gte=w.since).exclude(status=Status.DELETED)
    reads = Read.objects.filter(day__gte=w.since_day)
    return list(
        Board.objects.annotate(
            topics_7d=Coalesce(_count_since(topics, "board"), 0),
            replies_7d=Coalesce(_count_since(replies, "topic__board"), 0),
            reads_7d=Coalesce(_count_since(reads, "topic__board"), 0),
        ).order_by("-reads_7d", "-replies_7d", "position", "id")[:limit]
    )


@dataclass(frozen=True)
class AttentionItem:
    topic: Topic
    reason: str  # "held" or "unanswered"


def topics_needing_attention(
    *, limit: int = 8, now: dt.datetime | None = None
) -> list[AttentionItem]:
    """Topics held for review, then recent topics nobody has answered (newest first)."""
    now = now or timezone.now()
    base = (
        Topic.objects.select_related("board", "author")
        .defer("body", "body_html")
        .order_by("-created_at")
    )
    held = list(base.filter(status=Status.HELD)[:limit])
    unanswered = list(
        base.filter(
            status=Status.PUBLISHED,
            reply_count=0,
            created_at__gte=now - dt.timedelta(days=7),
            created_at__lte=now - dt.timedelta(hours=2),
        )[: max(limit - len(held), 0)]
    )
    return [AttentionItem(t, "held") for t in held] + [
        AttentionItem(t, "unanswered") for t in unanswered
    ]


@dataclass(frozen=True)
class TopicFilters:
    board: Board | None = None
    status: str = ""
    featured: str = ""  # "", "yes", "no"
    pinned: str = ""  # "", "yes", "no"
    q: str = ""


def topics_for_cockpit(*, filters: TopicFilters, page: int = 1, per_page: int = 30) -> Page[Topic]:
    """Recent topics for the content table, filtered, newest first."""
    qs = (
        Topic.objects.select_related("board", "author")
        .defer("body", "body_html")
        .order_by("-created_at", "-id")
    )
    if filters.board is not None:
        qs = qs.filter(board=filters.board)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.featured == "yes":
        qs = qs.filter(featured_level__gt=0)
    elif filters.featured == "no":
        qs = qs.filter(featured_level=0)
    if filters.pinned == "yes":
        qs = qs.exclude(pin_scope="")
    elif filters.pinned == "no":
        qs = qs.filter(pin_scope="")
    if filters.q:
        qs = qs.filter(title__icontains=filters.q)
    return Paginator(qs, per_page).get_page(page)


def boards_for_cockpit() -> list[Board]:
    """Every board in order, with its moderators."""
    return list(
        Board.objects.prefetch_related(
            Prefetch("moderators", queryset=User.objects.order_by("username"))
        ).order_by("position", "id")
    )


def staff_list() -> list[User]:
    """Members holding at least one staff role, or superusers, with their role groups."""
    roles = Group.objects.filter(name__in=list(ROLE_LABELS)).order_by("name")
    return list(
        User.objects.filter(Q(groups__name__in=list(ROLE_LABELS)) | Q(is_superuser=True))
        .distinct()
        .prefetch_related(Prefetch("groups", queryset=roles, to_attr="role_groups"))
        .order_by("username")
    )


def staff_role_changes_recent(*, limit: int = 20) -> list[StaffRoleChange]:
    return list(StaffRoleChange.objects.select_related("actor", "member")[:limit])
