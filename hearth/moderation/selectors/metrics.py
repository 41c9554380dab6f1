"""Moderation metrics for the cockpit: the queue, decisions, appeals, reports, offenders, words.

Each metric is a query object: typed parameters, ``query()`` builds the
QuerySet, ``run()`` executes it and answers plain dataclasses. Every metric
costs a fixed number of aggregate queries whatever the data size (medians and
percentiles are read with one ordered, sliced query each, never by loading
the rows).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Exists, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from hearth.accounts.models import User
from hearth.moderation.models import (
    Appeal,
    Report,
    ReportReason,
    ReviewItem,
    Sanction,
    SanctionKind,
    WatchedWord,
)

PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30
REPEAT_WINDOW_DAYS = 30
REPEAT_MIN = 2
"""A repeat offender has at least this many sanctions, or rejected posts, in the window."""

_OPEN = (ReviewItem.State.OPEN, ReviewItem.State.ESCALATED)
_DECIDED = ReviewItem.State.DECIDED
_OUTCOMES = ReviewItem.Outcome
_OVERTURNED = Q(overturned=True) | Q(appeal__state=Appeal.State.OVERTURNED)


def period_parse(raw: str | None) -> int:
    """The period (days) named in a query string; anything else is the default."""
    try:
        days = int(raw or DEFAULT_PERIOD)
    except ValueError:
        return DEFAULT_PERIOD
    return days if days in PERIODS else DEFAULT_PERIOD


@dataclass(frozen=True)
class Period:
    days: int
    now: dt.datetime

    @property
    def since(self) -> dt.datetime:
        return self.now - dt.timedelta(days=self.days)


def quantile(qs: QuerySet[Any], field: str, count: int, q: float) -> Any:
    """The ``q`` quantile of ``field`` over ``count`` rows (linear interpolation), one query.

    Matches ``statistics.quantiles(method="inclusive")``: position ``q × (n − 1)``
    in ascending order, between the two values around it. None when empty.
    """
    if count <= 0:
        return None
    position = q * (count - 1)
    low = math.floor(position)
    values = list(
        qs.exclude(**{f"{field}__isnull": True})
        .order_by(field)
        .values_list(field, flat=True)[low : low + 2]
    )
    if not values:
        return None
    if len(values) == 1 or position == low:
        return values[0]
    return values[0] + (values[1] - values[0]) * (position - low)


def _hours(delta: dt.timedelta) -> float:
    return round(delta.total_seconds() / 3600, 1)


# The queue, now ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueStats:
    open: int  # open and escalated items
    escalated: int
    claimed: int
    held: int
    reported: int
    flagged: int
    oldest_hours: float | None
    median_hours: float | None


@dataclass(frozen=True)
class QueueSnapshot:
    now: dt.datetime

    def query(self) -> QuerySet[ReviewItem]:
        return ReviewItem.objects.filter(state__in=_OPEN)

    def run(self) -> QueueStats:
        qs = self.query()
        origin = ReviewItem.Origin
        row = qs.aggregate(
            n=Count("pk"),
            escalated=Count("pk", filter=Q(state=ReviewItem.State.ESCALATED)),
            claimed=Count("pk", filter=Q(claimed_by__isnull=False)),
            held=Count("pk", filter=Q(origin=origin.HELD)),
            reported=Count("pk", filter=Q(origin=origin.REPORTED)),
            flagged=Count("pk", filter=Q(origin=origin.FLAGGED)),
            oldest=Min("created_at"),
        )
        median_at = quantile(qs, "created_at", row["n"], 0.5)
        return QueueStats(
            open=row["n"],
            escalated=row["escalated"],
            claimed=row["claimed"],
            held=row["held"],
            reported=row["reported"],
            flagged=row["flagged"],
            oldest_hours=_hours(self.now - row["oldest"]) if row["oldest"] else None,
            median_hours=_hours(self.now - median_at) if median_at else None,
        )


# Decisions over the period -----------------------------------------------------------------


@dataclass(frozen=True)
class DecisionStats:
    queued: int  # items opened in the period
    decided: int  # items decided in the period
    approved: int
    edited: int
    rejected: int
    overturned: int  # of the decided, overturned on appeal since
    median_seconds: float | None  # queued → decided
    p90_seconds: float | None

    @property
    def overturn_rate(self) -> float | None:
        return self.overturned / self.decided if self.decided else None


@dataclass(frozen=True)
class DecisionSummary:
    period: Period

    def query(self) -> QuerySet[ReviewItem]:
        return ReviewItem.objects.filter(state=_DECIDED, decided_at__gte=self.period.since)

    def run(self) -> DecisionStats:
        decided = Q(state=_DECIDED, decided_at__gte=self.period.since)
        row = ReviewItem.objects.filter(Q(created_at__gte=self.period.since) | decided).aggregate(
            queued=Count("pk", filter=Q(created_at__gte=self.period.since)),
            decided=Count("pk", filter=decided),
            approved=Count("pk", filter=decided & Q(outcome=_OUTCOMES.APPROVED)),
            edited=Count("pk", filter=decided & Q(outcome=_OUTCOMES.EDITED)),
            rejected=Count("pk", filter=decided & Q(outcome=_OUTCOMES.REJECTED)),
            overturned=Count("pk", filter=decided & _OVERTURNED),
            timed=Count("pk", filter=decided & Q(decision_seconds__isnull=False)),
        )
        timed = self.query().exclude(decision_seconds=None)
        median = quantile(timed, "decision_seconds", row["timed"], 0.5)
        p90 = quantile(timed, "decision_seconds", row["timed"], 0.9)
        return DecisionStats(
            queued=row["queued"],
            decided=row["decided"],
            approved=row["approved"],
            edited=row["edited"],
            rejected=row["rejected"],
            overturned=row["overturned"],
            median_seconds=float(median) if median is not None else None,
            p90_seconds=float(p90) if p90 is not None else None,
        )


@dataclass(frozen=True)
class ModeratorRow:
    moderator_id: int | None
    name: str
    username: str
    decisions: int
    approved: int
    rejected: int
    overturned: int
    avg_seconds: float | None


@dataclass(frozen=True)
class ModeratorWorkload:
    """Decisions per moderator in the period, most decisions first."""

    period: Period

    def query(self) -> QuerySet[ReviewItem, dict[str, Any]]:
        return (
            ReviewItem.objects.filter(state=_DECIDED, decided_at__gte=self.period.since)
            .values("decided_by", "decided_by__username", "decided_by__display_name")
            .annotate(
                decisions=Count("pk"),
                approved=Count("pk", filter=Q(outcome__in=(_OUTCOMES.APPROVED, _OUTCOMES.EDITED))),
                rejected=Count("pk", filter=Q(outcome=_OUTCOMES.REJECTED)),
                overturned=Count("pk", filter=_OVERTURNED),
                avg_seconds=Avg("decision_seconds"),
            )
            .order_by("-decisions", "decided_by__username")
        )

    def run(self) -> list[ModeratorRow]:
        return [
            ModeratorRow(
                moderator_id=row["decided_by"],
                name=row["decided_by__display_name"] or row["decided_by__username"] or "",
                username=row["decided_by__username"] or "",
                decisions=row["decisions"],
                approved=row["approved"],
                rejected=row["rejected"],
                overturned=row["overturned"],
                avg_seconds=row["avg_seconds"],
            )
            for row in self.query()
        ]


@dataclass(frozen=True)
class AppealStats:
    filed: int
    pending: int
    upheld: int
    overturned: int


@dataclass(frozen=True)
class AppealSummary:
    """Appeals filed in the period (against decisions and sanctions), by state now."""

    period: Period

    def query(self) -> QuerySet[Appeal]:
        return Appeal.objects.filter(created_at__gte=self.period.since)

    def run(self) -> AppealStats:
        state = Appeal.State
        row = self.query().aggregate(
            filed=Count("pk"),
            pending=Count("pk", filter=Q(state=state.PENDING)),
            upheld=Count("pk", filter=Q(state=state.UPHELD)),
            overturned=Count("pk", filter=Q(state=state.OVERTURNED)),
        )
        return AppealStats(**row)


# Reports, offenders, words -----------------------------------------------------------------


@dataclass(frozen=True)
class ReasonRow:
    reason: str
    label: str
    reports: int
    upheld: int
    dismissed: int
    pending: int


@dataclass(frozen=True)
class ReportsByReason:
    """Reports filed in the period per reason, every reason listed (most reports first)."""

    period: Period

    def query(self) -> QuerySet[Report, dict[str, Any]]:
        outcome = Report.Outcome
        return (
            Report.objects.filter(created_at__gte=self.period.since)
            .values("reason")
            .annotate(
                reports=Count("pk"),
                upheld=Count("pk", filter=Q(outcome=outcome.UPHELD)),
                dismissed=Count("pk", filter=Q(outcome=outcome.DISMISSED)),
                pending=Count("pk", filter=Q(outcome=outcome.PENDING)),
            )
            .order_by()
        )

    def run(self) -> list[ReasonRow]:
        found = {row["reason"]: row for row in self.query()}
        rows = [
            ReasonRow(
                reason=reason.value,
                label=str(reason.label),
                reports=found.get(reason.value, {}).get("reports", 0),
                upheld=found.get(reason.value, {}).get("upheld", 0),
                dismissed=found.get(reason.value, {}).get("dismissed", 0),
                pending=found.get(reason.value, {}).get("pending", 0),
            )
            for reason in ReportReason
        ]
        return sorted(rows, key=lambda r: -r.reports)


@dataclass(frozen=True)
class OffenderRow:
    member: User
    sanctions: int
    rejected: int
    restricted_now: bool  # an active mute or ban


@dataclass(frozen=True)
class RepeatOffenders:
    """Members with ≥ ``minimum`` sanctions, or ≥ ``minimum`` rejected posts, in the window.

    Sanctions and rejections overturned on appeal (the sanction's own, or its
    post's) do not count.
    """

    now: dt.datetime
    window_days: int = REPEAT_WINDOW_DAYS
    minimum: int = REPEAT_MIN
    limit: int = 20

    def query(
        self,
    ) -> tuple[QuerySet[Sanction, dict[str, Any]], QuerySet[ReviewItem, dict[str, Any]]]:
        since = self.now - dt.timedelta(days=self.window_days)
        sanctions = (
            Sanction.objects.filter(created_at__gte=since)
            .exclude(appeal__state=Appeal.State.OVERTURNED)
            .exclude(item__overturned=True)
            .values("member")
            .annotate(n=Count("pk"))
            .order_by()
        )
        rejected = (
            ReviewItem.objects.filter(
                state=_DECIDED,
                outcome=_OUTCOMES.REJECTED,
                decided_at__gte=since,
                overturned=False,
            )
            .values("author")
            .annotate(n=Count("pk"))
            .order_by()
        )
        return sanctions, rejected

    def run(self) -> list[OffenderRow]:
        sanctions_qs, rejected_qs = self.query()
        sanctions = {row["member"]: row["n"] for row in sanctions_qs}
        rejected = {row["author"]: row["n"] for row in rejected_qs}
        ids = {
            pk
            for pk in sanctions.keys() | rejected.keys()
            if sanctions.get(pk, 0) >= self.minimum or rejected.get(pk, 0) >= self.minimum
        }
        ranked = sorted(ids, key=lambda pk: (-(sanctions.get(pk, 0) + rejected.get(pk, 0)), pk))
        ranked = ranked[: self.limit]
        active = Sanction.objects.filter(
            member=OuterRef("pk"),
            kind__in=(SanctionKind.MUTE, SanctionKind.BAN),
            lifted_at__isnull=True,
            starts_at__lte=self.now,
        ).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=self.now))
        members = User.objects.filter(pk__in=ranked).annotate(restricted_now=Exists(active))
        by_pk = {member.pk: member for member in members}
        return [
            OffenderRow(
                member=by_pk[pk],
                sanctions=sanctions.get(pk, 0),
                rejected=rejected.get(pk, 0),
                restricted_now=bool(getattr(by_pk[pk], "restricted_now", False)),
            )
            for pk in ranked
            if pk in by_pk
        ]


@dataclass(frozen=True)
class WatchedWordHits:
    """The watched words that fired most (all time), with their list."""

    limit: int = 10

    def query(self) -> QuerySet[WatchedWord]:
        return (
            WatchedWord.objects.filter(hit_count__gt=0)
            .select_related("word_list")
            .order_by("-hit_count", "term", "pk")
        )

    def run(self) -> list[WatchedWord]:
        return list(self.query()[: self.limit])


# Everything for the page ---------------------------------------------------------------------


@dataclass(frozen=True)
class ModerationMetrics:
    period: Period
    queue: QueueStats
    decisions: DecisionStats
    moderators: list[ModeratorRow]
    appeals: AppealStats
    reports: list[ReasonRow]
    offenders: list[OffenderRow]
    words: list[WatchedWord]


def moderation_metrics(
    *, days: int = DEFAULT_PERIOD, now: dt.datetime | None = None
) -> ModerationMetrics:
    """Every moderation metric over the last ``days`` days (the queue and words: now)."""
    period = Period(days=days, now=now or timezone.now())
    return ModerationMetrics(
        period=period,
        queue=QueueSnapshot(now=period.now).run(),
        decisions=DecisionSummary(period).run(),
        moderators=ModeratorWorkload(period).run(),
        appeals=AppealSummary(period).run(),
        reports=ReportsByReason(period).run(),
        offenders=RepeatOffenders(now=period.now).run(),
        words=WatchedWordHits().run(),
    )
