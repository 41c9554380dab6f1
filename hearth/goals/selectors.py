"""Goal reads: the list, the day history and what the detail page charts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from hearth.analytics.queries.params import QueryError
from hearth.goals import progress as maths
from hearth.goals.data import GoalSpec, goal_progress, goal_values, metric_kind
from hearth.goals.models import Goal, GoalDay


def goal_list(*, archived: bool = False) -> QuerySet[Goal]:
    """Goals, by deadline (the live ones, or the archived ones)."""
    return Goal.objects.filter(archived=archived).select_related("owner")


def goal_history(goal: Goal) -> list[GoalDay]:
    """The goal's computation of each day, oldest first."""
    return list(GoalDay.objects.filter(goal=goal).order_by("day"))


@dataclass(frozen=True)
class HistoryPoint:
    day: str  # ISO
    actual: float | None
    forecast: float | None
    low: float | None
    high: float | None
    status: str


@dataclass
class GoalChart:
    """Everything the goal's chart draws, one value per day of the period (``days``).

    ``actual`` is what is compared with the target: the running total for a count, the
    day's value for a level (``daily`` is always the day's value); None for days not yet
    complete. ``expected`` is the pace line (0 → target for a count, baseline → target for a
    level) at the end of each day. ``forecast``/``low``/``high`` start on the last complete
    day (joining the actual) and run to the deadline. ``history`` is each computed day's
    forecast, to show how it moved.
    """

    kind: str
    days: list[str]
    daily: list[float | None]
    actual: list[float | None]
    expected: list[float | None]
    forecast: list[float | None]
    low: list[float | None]
    high: list[float | None]
    target: float | None
    baseline: float | None
    history: list[HistoryPoint] = field(default_factory=list)
    problem: str = ""


def _running(values: list[float | None]) -> list[float | None]:
    total = 0.0
    out: list[float | None] = []
    for v in values:
        total += v or 0.0
        out.append(total)
    return out


def goal_chart(goal: Goal, *, today: dt.date | None = None) -> GoalChart:
    """The goal's chart on ``today`` (the community's today)."""
    today = today or timezone.localdate()
    total = maths.total_days(goal.period_start, goal.deadline)
    days = [goal.period_start + dt.timedelta(days=i) for i in range(total)]
    history = [
        HistoryPoint(
            d.day.isoformat(), d.actual, d.forecast, d.forecast_low, d.forecast_high, d.status
        )
        for d in goal_history(goal)
    ]
    empty: list[float | None] = [None] * total
    chart = GoalChart(
        kind="count",
        days=[d.isoformat() for d in days],
        daily=list(empty),
        actual=list(empty),
        expected=list(empty),
        forecast=list(empty),
        low=list(empty),
        high=list(empty),
        target=goal.target,
        baseline=goal.baseline,
        history=history,
        problem=goal.problem,
    )
    spec = GoalSpec(
        goal.metric_key, goal.period_start, goal.deadline, goal.filter_kind, goal.filter_value
    )
    try:
        kind = metric_kind(goal.metric_key)
        daily = goal_values(spec, today)
    except QueryError as exc:
        chart.problem = str(exc)
        return chart
    chart.kind = kind
    elapsed = maths.elapsed_days(goal.period_start, goal.deadline, today)
    done = [daily.get(d) for d in days[:elapsed]]
    chart.daily = done + [None] * (total - elapsed)
    chart.actual = (_running(done) if kind == "count" else list(done)) + [None] * (total - elapsed)
    chart.expected = [
        maths.expected_at(kind, goal.baseline, goal.target, (i + 1) / total) for i in range(total)
    ]
    _forecast(chart, goal, kind, daily, today)
    return chart


def _forecast(
    chart: GoalChart,
    goal: Goal,
    kind: maths.Kind,
    daily: dict[dt.date, float | None],
    today: dt.date,
) -> None:
    result = goal_progress(goal, kind, daily, today)
    if not result.path:
        return
    if result.elapsed:  # join the actual line on the last complete day
        joined = chart.actual[result.elapsed - 1]
        for line in (chart.forecast, chart.low, chart.high):
            line[result.elapsed - 1] = joined
    for offset, band in enumerate(result.path):
        day = result.elapsed + offset
        chart.forecast[day], chart.low[day], chart.high[day] = band.value, band.low, band.high
