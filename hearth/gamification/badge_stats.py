"""The member statistics badge rules compare with their thresholds, one reading per criterion.

Two shapes of the same readings: :func:`statistics_for_member` for one member
as events happen (a few small queries), and :func:`members_reaching` for every
member at once (one aggregate query per criterion) for the backfill. Both must
give the same answer on the same data.

The sign-in streak has two readings: the *current* streak (the streak of the
latest sign-in) and the *best* streak ever. A badge that is kept once earned
is judged on the best streak (it was earned the day the streak reached the
threshold); a badge with automatic revoking is judged on the current one.
For every other criterion both readings are the same number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, QuerySet

from hearth.accounts.models import User
from hearth.community.models import Status, Topic
from hearth.gamification.models import BadgeCriterion, BadgeGrant, CheckIn, PointBalance

EVENT_SOURCE_PREFIX = "event:"

# Criteria read from the denormalised counters on the member row.
COUNTER_FIELDS: dict[str, str] = {
    BadgeCriterion.TOPICS: "topic_count",
    BadgeCriterion.REPLIES: "reply_count",
    BadgeCriterion.LIKES_RECEIVED: "likes_received",
    BadgeCriterion.FOLLOWERS: "follower_count",
}
STATISTIC_CRITERIA: frozenset[str] = frozenset(
    c for c in BadgeCriterion.values if c != BadgeCriterion.MANUAL
)


@dataclass(frozen=True)
class MemberStatistics:
    """One member's readings: ``current`` and ``best`` differ only for the sign-in streak."""

    current: Mapping[str, int]
    best: Mapping[str, int]

    def reaches(self, *, criterion: str, threshold: int, auto_revoke: bool) -> bool:
        reading = self.current if auto_revoke else self.best
        return reading.get(criterion, 0) >= threshold


def _featured_topics() -> QuerySet[Topic]:
    return Topic.objects.filter(status=Status.PUBLISHED, featured_level__gt=0)


def _event_wins() -> QuerySet[BadgeGrant]:
    return BadgeGrant.objects.filter(
        source_key__startswith=EVENT_SOURCE_PREFIX, revoked_at__isnull=True
    )


def statistics_for_member(*, member_id: int, criteria: Iterable[str]) -> MemberStatistics:
    """The readings of ``criteria`` for one member (one query per kind of source)."""
    wanted = set(criteria) & STATISTIC_CRITERIA
    current: dict[str, int] = {}
    counters = [c for c in wanted if c in COUNTER_FIELDS]
    if counters:
        row = User.objects.filter(pk=member_id).values(*(COUNTER_FIELDS[c] for c in counters))
        values = row.first() or {}
        current.update({c: int(values.get(COUNTER_FIELDS[c]) or 0) for c in counters})
    if BadgeCriterion.FEATURED_TOPICS in wanted:
        current[BadgeCriterion.FEATURED_TOPICS] = (
            _featured_topics().filter(author_id=member_id).count()
        )
    if BadgeCriterion.LIFETIME_POINTS in wanted:
        lifetime = PointBalance.objects.filter(member_id=member_id).values_list(
            "lifetime", flat=True
        )
        current[BadgeCriterion.LIFETIME_POINTS] = int(lifetime.first() or 0)
    if BadgeCriterion.EVENT_WINS in wanted:
        current[BadgeCriterion.EVENT_WINS] = _event_wins().filter(member_id=member_id).count()
    best = dict(current)
    if BadgeCriterion.CHECK_IN_STREAK in wanted:
        check_ins = CheckIn.objects.filter(member_id=member_id)
        latest = check_ins.order_by("-day").values_list("streak", flat=True).first()
        top = check_ins.aggregate(top=Max("streak"))["top"]
        current[BadgeCriterion.CHECK_IN_STREAK] = int(latest or 0)
        best[BadgeCriterion.CHECK_IN_STREAK] = int(top or 0)
    return MemberStatistics(current=current, best=best)


def members_reaching(
    *, criterion: str, threshold: int, current: bool, without: QuerySet[Any] | None = None
) -> QuerySet[Any]:
    """Ids of every member whose reading of ``criterion`` is at least ``threshold``.

    One aggregate query, usable as a subquery (``member_id__in=...``). With
    ``current`` the sign-in streak is the latest one, else the best one.
    ``without`` (a queryset of member ids) is left out, in the same query.
    """
    rows: QuerySet[Any]
    if criterion in COUNTER_FIELDS:
        rows, field = User.objects.filter(**{f"{COUNTER_FIELDS[criterion]}__gte": threshold}), "pk"
    elif criterion == BadgeCriterion.LIFETIME_POINTS:
        rows, field = PointBalance.objects.filter(lifetime__gte=threshold), "member_id"
    elif criterion == BadgeCriterion.FEATURED_TOPICS:
        rows, field = _grouped(_featured_topics(), "author_id", "pk", threshold), "author_id"
    elif criterion == BadgeCriterion.EVENT_WINS:
        rows, field = _grouped(_event_wins(), "member_id", "pk", threshold), "member_id"
    elif criterion == BadgeCriterion.CHECK_IN_STREAK and not current:
        rows, field = _grouped(CheckIn.objects.all(), "member_id", None, threshold), "member_id"
    elif criterion == BadgeCriterion.CHECK_IN_STREAK:
        later = CheckIn.objects.filter(member_id=OuterRef("member_id"), day__gt=OuterRef("day"))
        rows = CheckIn.objects.filter(streak__gte=threshold).exclude(Exists(later))
        field = "member_id"
    else:
        raise ValueError(f"no statistic for the criterion {criterion!r}")
    if without is not None:
        rows = rows.exclude(**{f"{field}__in": without})
    return rows.values_list(field, flat=True)


def _grouped(
    rows: QuerySet[Any], member_field: str, counted: str | None, threshold: int
) -> QuerySet[Any]:
    """Members with at least ``threshold`` rows (``counted``), or a best streak that high (None)."""
    reading = Count(counted) if counted else Max("streak")
    grouped: QuerySet[Any] = (
        rows.order_by()
        .values(member_field)
        .annotate(reading=reading)
        .filter(reading__gte=threshold)
    )
    return grouped
