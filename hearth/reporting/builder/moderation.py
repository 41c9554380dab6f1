"""Moderation figures of the period (flags, decisions, held and removed posts, sanctions)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db.models import Count, Q

from hearth.moderation.models import Appeal, Report, ReviewItem, Sanction
from hearth.moderation.selectors.metrics import quantile
from hearth.reporting.builder.context import Context
from hearth.reporting.sections import ModerationFigures


def _bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The instants the days ``first``…``last`` (community time zone) start and end."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone)
    return start, dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=zone)


def empty_moderation() -> ModerationFigures:
    return ModerationFigures(
        reports=0,
        handled=0,
        median_hours=None,
        held=0,
        removed=0,
        sanctions=0,
        appeals=0,
        previous_reports=0,
    )


def moderation_figures(ctx: Context) -> ModerationFigures:
    """Flags filed (members' reports), items decided and their median time from queue to
    decision, posts held by the pipeline, posts removed (decisions to reject), sanctions and
    appeals — each counted on the day it happened, in the period."""
    since, until = _bounds(ctx.period.start, ctx.period.end)
    first, last = ctx.previous
    before, _until = _bounds(first, last)
    in_period = Q(created_at__gte=since, created_at__lt=until)
    flags = Report.objects.filter(created_at__gte=before, created_at__lt=until).aggregate(
        now=Count("pk", filter=Q(created_at__gte=since)),
        before=Count("pk", filter=Q(created_at__lt=since)),
    )
    decided = ReviewItem.objects.filter(
        state=ReviewItem.State.DECIDED, decided_at__gte=since, decided_at__lt=until
    )
    items = ReviewItem.objects.filter(
        in_period | Q(state=ReviewItem.State.DECIDED, decided_at__gte=since, decided_at__lt=until)
    ).aggregate(
        handled=Count(
            "pk",
            filter=Q(state=ReviewItem.State.DECIDED, decided_at__gte=since)
            & Q(decided_at__lt=until),
        ),
        held=Count("pk", filter=in_period & Q(origin=ReviewItem.Origin.HELD)),
        removed=Count(
            "pk",
            filter=Q(state=ReviewItem.State.DECIDED, decided_at__gte=since, decided_at__lt=until)
            & Q(outcome=ReviewItem.Outcome.REJECTED),
        ),
    )
    timed = decided.exclude(decision_seconds=None)
    median = quantile(timed, "decision_seconds", timed.count(), 0.5)
    return ModerationFigures(
        reports=flags["now"],
        handled=items["handled"],
        median_hours=round(float(median) / 3600, 1) if median is not None else None,
        held=items["held"],
        removed=items["removed"],
        sanctions=Sanction.objects.filter(in_period).count(),
        appeals=Appeal.objects.filter(in_period).count(),
        previous_reports=flags["before"],
    )
