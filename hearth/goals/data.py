"""The metric's daily values a goal needs, read through analytics' public face."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from hearth.analytics.metrics import MetricScope, metric_definition, metric_series
from hearth.analytics.queries.params import window
from hearth.analytics.store.engine import Engine
from hearth.goals import progress as maths
from hearth.goals.models import Goal, GoalSettings
from hearth.goals.progress import HISTORY_DAYS, Kind, total_days


@dataclass(frozen=True)
class GoalSpec:
    """What decides a goal's figures (a saved goal, or a form's input before saving)."""

    metric_key: str
    period_start: dt.date
    deadline: dt.date
    filter_kind: str = ""
    filter_value: str = ""

    @property
    def scope(self) -> MetricScope | None:
        if not self.filter_kind:
            return None
        return MetricScope(self.filter_kind, self.filter_value)  # type: ignore[arg-type]

    @property
    def comparable(self) -> tuple[dt.date, dt.date]:
        """The comparable period: as many days as the goal's, just before it."""
        days = total_days(self.period_start, self.deadline)
        return self.period_start - dt.timedelta(days=days), self.period_start - dt.timedelta(days=1)


# an analytics store already open and up to date, for a batch of computations (the daily
# recompute, the demo); without it every read opens and syncs the store
_STORE: ContextVar[Engine | None] = ContextVar("goals_store", default=None)


@contextmanager
def goals_store(engine: Engine) -> Iterator[None]:
    """Read every goal's values from ``engine`` (open and synced) within this block."""
    token = _STORE.set(engine)
    try:
        yield
    finally:
        _STORE.reset(token)


def metric_kind(key: str) -> Kind:
    """The metric's kind; QueryError when the metric does not exist (any more)."""
    return metric_definition(key).kind


def daily_values(spec: GoalSpec, start: dt.date, end: dt.date) -> dict[dt.date, float | None]:
    """The metric on each day from ``start`` to ``end``; QueryError on a bad metric or scope."""
    series = metric_series(
        key=spec.metric_key,
        window=window(start=start, end=end),
        period="day",
        scope=spec.scope,
        engine=_STORE.get(),
    )
    return {p.start: p.value for p in series.points}


def goal_values(spec: GoalSpec, today: dt.date) -> dict[dt.date, float | None]:
    """Every day a goal's computation reads on ``today``: the comparable period, the trend's
    history before the period, and the period's complete days."""
    first = min(spec.comparable[0], spec.period_start - dt.timedelta(days=HISTORY_DAYS))
    last = max(
        min(today - dt.timedelta(days=1), spec.deadline), spec.period_start - dt.timedelta(days=1)
    )
    return daily_values(spec, first, last)


def goal_progress(
    goal: Goal, kind: Kind, daily: dict[dt.date, float | None], today: dt.date
) -> maths.Progress:
    """The goal's figures on ``today`` from the metric's daily values, with the thresholds."""
    thresholds = GoalSettings.load()
    inputs = maths.Inputs(
        kind=kind,
        start=goal.period_start,
        deadline=goal.deadline,
        today=today,
        baseline=goal.baseline,
        target=goal.target,
        on_track_at=thresholds.on_track_at,
        at_risk_below=thresholds.at_risk_below,
    )
    return maths.progress(inputs, daily)
