"""Key figures: this period against the days before, and against the goal on the metric."""

from __future__ import annotations

import datetime as dt

from hearth.analytics.metrics import metric_series
from hearth.goals.models import Goal
from hearth.reporting.builder.context import Context
from hearth.reporting.sections import Kpi

# the metrics of the report's first section, in the order shown
KPI_METRICS = (
    "dau",
    "wau",
    "mau",
    "stickiness",
    "new_members",
    "reads",
    "topics",
    "replies",
    "likes",
    "shares",
)


def _goals() -> dict[str, Goal]:
    """The live goal on each metric over the whole community (the newest when there are several)."""
    found: dict[str, Goal] = {}
    live = Goal.objects.filter(archived=False, filter_kind="", metric_key__in=KPI_METRICS)
    for goal in live.order_by("-created_at", "-pk"):
        found.setdefault(goal.metric_key, goal)
    return found


def kpi_rows(ctx: Context) -> tuple[list[Kpi], dict[str, list[float | None]], list[str]]:
    """The KPI rows, each metric's daily values (charts) and the days (ISO)."""
    goals = _goals()
    rows: list[Kpi] = []
    daily: dict[str, list[float | None]] = {}
    days: list[dt.date] = []
    for key in KPI_METRICS:
        series = metric_series(key=key, window=ctx.window, period="day", engine=ctx.engine)
        spark = [p.value for p in series.points]
        days = [p.start for p in series.points]
        daily[key] = spark
        goal = goals.get(key)
        rows.append(
            Kpi(
                key=key,
                label=series.metric.label,
                value=series.value,
                previous=series.previous,
                change=series.change,
                percent=series.metric.percent,
                goal_id=goal.pk if goal else None,
                goal_target=goal.target if goal else None,
                goal_status=goal.status if goal else None,
                spark=spark,
            )
        )
    return rows, daily, [d.isoformat() for d in days]
