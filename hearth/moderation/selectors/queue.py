"""Reads of the review queue (审核队列): who may decide, the ordered queue, one item in full.

Ordering: ``priority`` is kept on the row by the services (severity, reports
weighted by their reporters' accuracy, reach); the waiting time is added here,
in the query, as one point per 6 hours waited up to 12 (twelve datetime
comparisons, the same SQL on SQLite and PostgreSQL), so an old item rises
without any periodic job.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db.models import Case, Count, F, FloatField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.models import Reply, Status, Topic
from hearth.community.permissions import AnyUser
from hearth.moderation.content import ContentView
from hearth.moderation.models import (
    AuditEntry,
    ContentKind,
    Report,
    ReviewItem,
    Sanction,
    WordCategory,
)
from hearth.moderation.selectors.reports import NO_RECORD, ReporterRecord, reporter_records

CLAIM_MINUTES = 15
CLAIM_TTL = dt.timedelta(minutes=CLAIM_MINUTES)
AGE_STEP_HOURS = 6
AGE_STEPS = 12  # at most 12 points for waiting (72 hours)
DECIDED_SHOWN_DAYS = 7

TAB_OPEN = "open"
TAB_ESCALATED = "escalated"
TAB_DECIDED = "decided"
TABS = (TAB_OPEN, TAB_ESCALATED, TAB_DECIDED)


# ---------------------------------------------------------------- who may decide


def can_review_queue(user: AnyUser) -> bool:
    """Staff who moderate content see the queue and decide open items."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm("core.access_cockpit")
        and user.has_perm("community.moderate_content")
    )


def can_decide_escalated(user: AnyUser) -> bool:
    """Escalated items are decided by holders of ``moderation.review_content``
    (the community manager and administrator roles)."""
    return can_review_queue(user) and user.has_perm("moderation.review_content")


def can_decide_item(user: AnyUser, item: ReviewItem) -> bool:
    if item.state == ReviewItem.State.ESCALATED:
        return can_decide_escalated(user)
    return can_review_queue(user)


def claim_holder(item: ReviewItem, *, now: dt.datetime | None = None) -> User | None:
    """Who holds the item now (a claim lapses after 15 minutes), or None."""
    if item.claimed_by_id is None or item.claimed_at is None:
        return None
    if item.claimed_at <= (now or timezone.now()) - CLAIM_TTL:
        return None
    return item.claimed_by


def mean_pending_accuracy(item: ReviewItem) -> float:
    """The mean accuracy of the members whose reports on the item wait for a decision."""
    reporter_ids = list(
        Report.objects.filter(item=item, outcome=Report.Outcome.PENDING).values_list(
            "reporter_id", flat=True
        )
    )
    if not reporter_ids:
        return 0.0
    records = reporter_records(reporter_ids)
    return sum(records.get(pk, NO_RECORD).accuracy for pk in reporter_ids) / len(reporter_ids)


# ---------------------------------------------------------------- the queue


@dataclass(frozen=True)
class QueueFilters:
    tab: str = TAB_OPEN
    origin: str = ""
    board_id: int | None = None
    category: str = ""


def age_points(now: dt.datetime) -> Case:
    """One point per 6 hours an item has waited, up to 12, as a query expression."""
    return Case(
        *(
            When(
                created_at__lte=now - dt.timedelta(hours=AGE_STEP_HOURS * step),
                then=Value(float(step)),
            )
            for step in range(AGE_STEPS, 0, -1)
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )


def queue_items(filters: QueueFilters, *, now: dt.datetime | None = None) -> QuerySet[ReviewItem]:
    """The items of one tab, filtered; open ones by priority now (waiting time included)."""
    now = now or timezone.now()
    qs = ReviewItem.objects.select_related(
        "author", "board", "claimed_by", "decided_by", "rule"
    ).annotate(priority_now=F("priority") + age_points(now))
    if filters.origin:
        qs = qs.filter(origin=filters.origin)
    if filters.board_id is not None:
        qs = qs.filter(board_id=filters.board_id)
    if filters.category:
        # reasons is a JSON list of objects; match the serialised pair (same text on both backends)
        qs = qs.filter(reasons__icontains=f'"category": "{filters.category}"')
    if filters.tab == TAB_ESCALATED:
        return qs.filter(state=ReviewItem.State.ESCALATED).order_by("escalated_at", "pk")
    if filters.tab == TAB_DECIDED:
        since = now - dt.timedelta(days=DECIDED_SHOWN_DAYS)
        return qs.filter(state=ReviewItem.State.DECIDED, decided_at__gte=since).order_by(
            "-decided_at", "-pk"
        )
    return qs.filter(state=ReviewItem.State.OPEN).order_by("-priority_now", "created_at", "pk")


def queue_counts(*, now: dt.datetime | None = None) -> dict[str, int]:
    """How many items each tab holds (decided: the last 7 days), in one query."""
    since = (now or timezone.now()) - dt.timedelta(days=DECIDED_SHOWN_DAYS)
    return ReviewItem.objects.aggregate(
        open=Count("pk", filter=Q(state=ReviewItem.State.OPEN)),
        escalated=Count("pk", filter=Q(state=ReviewItem.State.ESCALATED)),
        decided=Count("pk", filter=Q(state=ReviewItem.State.DECIDED, decided_at__gte=since)),
    )


def item_get(pk: int) -> ReviewItem | None:
    return (
        ReviewItem.objects.select_related("author", "board", "claimed_by", "decided_by", "rule")
        .annotate(priority_now=F("priority") + age_points(timezone.now()))
        .filter(pk=pk)
        .first()
    )


# ---------------------------------------------------------------- rows with everything shown


@dataclass(frozen=True)
class ReportLine:
    report: Report
    record: ReporterRecord


@dataclass
class QueueRow:
    item: ReviewItem
    content: ContentView | None
    reports: list[ReportLine] = field(default_factory=list)
    reasons: list[dict[str, Any]] = field(default_factory=list)  # the pipeline's and reports'
    escalations: list[dict[str, Any]] = field(default_factory=list)
    author_sanctions: int = 0
    author_rejections: int = 0
    holder: User | None = None

    @property
    def priority_now(self) -> float:
        return float(getattr(self.item, "priority_now", self.item.priority))

    @property
    def status_label(self) -> str:
        if self.content is None:
            return ""
        return (
            str(Status(self.content.status).label) if self.content.status in Status.values else ""
        )


def _topic_views(ids: list[int]) -> dict[tuple[str, int], ContentView]:
    rows = Topic.objects.filter(pk__in=ids).values_list(
        "pk", "author_id", "board_id", "title", "body", "status",
        "read_count", "view_count", "like_count", "reply_count",
    )  # fmt: skip
    views = {}
    for pk, author_id, board_id, title, body, status, reads, views_, likes, replies in rows:
        views[(ContentKind.TOPIC.value, pk)] = ContentView(
            kind=ContentKind.TOPIC,
            pk=pk,
            author_id=author_id,
            board_id=board_id,
            title=title,
            text=body,
            status=status,
            url=reverse("community:topic", args=[pk]),
            reach=reads + views_ + likes + replies,
        )
    return views


def _reply_views(ids: list[int]) -> dict[tuple[str, int], ContentView]:
    rows = Reply.objects.filter(pk__in=ids).values_list(
        "pk", "author_id", "topic__board_id", "topic_id", "topic__title", "body", "status",
        "like_count", "topic__read_count",
    )  # fmt: skip
    views = {}
    for pk, author_id, board_id, topic_id, title, body, status, likes, reads in rows:
        views[(ContentKind.REPLY.value, pk)] = ContentView(
            kind=ContentKind.REPLY,
            pk=pk,
            author_id=author_id,
            board_id=board_id,
            title=title,
            text=body,
            status=status,
            url=reverse("community:topic", args=[topic_id]) + f"#r{pk}",
            reach=likes + reads // 10,
        )
    return views


def _profile_views(ids: list[int]) -> dict[tuple[str, int], ContentView]:
    rows = User.objects.filter(pk__in=ids).values_list(
        "pk", "username", "display_name", "bio", "topic_count", "reply_count"
    )
    return {
        (ContentKind.PROFILE.value, pk): ContentView(
            kind=ContentKind.PROFILE,
            pk=pk,
            author_id=pk,
            board_id=None,
            title=display_name or username,
            text="\n".join(t for t in (display_name, bio) if t),
            status="published",
            url=reverse("accounts:member", args=[username]),
            reach=topics + replies,
        )
        for pk, username, display_name, bio, topics, replies in rows
    }


class NamesContent(Protocol):
    """A review item, a report: anything naming a text by (kind, id)."""

    content_kind: str
    content_id: int


def contents_for(items: Iterable[NamesContent]) -> dict[tuple[str, int], ContentView]:
    """The texts the items name, at most one query per kind."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for item in items:
        by_kind[item.content_kind].append(item.content_id)
    found: dict[tuple[str, int], ContentView] = {}
    if by_kind[ContentKind.TOPIC]:
        found |= _topic_views(by_kind[ContentKind.TOPIC])
    if by_kind[ContentKind.REPLY]:
        found |= _reply_views(by_kind[ContentKind.REPLY])
    if by_kind[ContentKind.PROFILE]:
        found |= _profile_views(by_kind[ContentKind.PROFILE])
    return found


def _counts_by_member(qs: QuerySet[Any], field_name: str) -> dict[int, int]:
    return dict(qs.values(field_name).annotate(n=Count("pk")).values_list(field_name, "n"))


def _labelled(reason: dict[str, Any]) -> dict[str, Any]:
    """The reason with its category's label, for the queue to show."""
    category = str(reason.get("category") or "")
    label = str(WordCategory(category).label) if category in WordCategory.values else category
    return {**reason, "category_label": label}


def queue_rows(items: list[ReviewItem], *, now: dt.datetime | None = None) -> list[QueueRow]:
    """Everything the queue shows for ``items``, in a fixed number of queries."""
    if not items:
        return []
    now = now or timezone.now()
    contents = contents_for(items)
    reports: dict[int, list[Report]] = defaultdict(list)
    for report in (
        Report.objects.filter(item__in=items).select_related("reporter").order_by("created_at")
    ):
        reports[report.item_id or 0].append(report)
    records = reporter_records({r.reporter_id for rs in reports.values() for r in rs})
    author_ids = {item.author_id for item in items}
    sanctions = _counts_by_member(Sanction.objects.filter(member_id__in=author_ids), "member_id")
    rejections = _counts_by_member(
        ReviewItem.objects.filter(author_id__in=author_ids, outcome=ReviewItem.Outcome.REJECTED),
        "author_id",
    )
    rows = []
    for item in items:
        rows.append(
            QueueRow(
                item=item,
                content=contents.get((item.content_kind, item.content_id)),
                reports=[
                    ReportLine(r, records.get(r.reporter_id, NO_RECORD)) for r in reports[item.pk]
                ],
                reasons=[_labelled(r) for r in item.reasons if r.get("code") != "escalated"],
                escalations=[r for r in item.reasons if r.get("code") == "escalated"],
                author_sanctions=sanctions.get(item.author_id, 0),
                author_rejections=rejections.get(item.author_id, 0),
                holder=claim_holder(item, now=now),
            )
        )
    return rows


# ---------------------------------------------------------------- the author's view


def latest_items(*, kind: str, ids: Iterable[int]) -> dict[int, ReviewItem]:
    """The newest review item of each content (open or decided), with its rule: one query."""
    wanted = list(ids)
    if not wanted:
        return {}
    latest: dict[int, ReviewItem] = {}
    for item in (
        ReviewItem.objects.filter(content_kind=kind, content_id__in=wanted)
        .select_related("rule")
        .order_by("content_id", "-created_at", "-pk")
    ):
        latest.setdefault(item.content_id, item)
    return latest


def latest_item(*, kind: str, content_id: int) -> ReviewItem | None:
    return latest_items(kind=kind, ids=[content_id]).get(content_id)


def item_history(item: ReviewItem, *, limit: int = 50) -> list[AuditEntry]:
    """The audit entries about the item and its content, newest first."""
    return list(
        AuditEntry.objects.filter(
            Q(target_kind="review_item", target_id=item.pk)
            | Q(target_kind=item.content_kind, target_id=item.content_id)
        ).select_related("actor")[:limit]
    )
