"""Resolve a metric key into a series per period, with the window before for comparison.

Built-in metrics reuse the analyses (never redefine them): DAU, WAU, MAU and
stickiness from :mod:`~hearth.analytics.queries.active`, new members and
action counts from :class:`~hearth.analytics.queries.trends.Trend`. Custom
metrics run :class:`~hearth.analytics.queries.custom.CustomMetricQuery`.

How a period's value is made from its days depends on the metric's *kind*:

* ``count`` (new members, reads, …): the sum of the days;
* ``gauge`` (DAU, WAU, MAU, stickiness — a level on each day): the mean of
  the days, so "DAU this month" is the month's average DAU;
* ``ratio`` (a custom metric with a denominator): the period's numerator over
  its denominator, counted over the whole period (no value when it is 0).

The window's value follows the same rule over the whole window, and
``previous`` is that of the window of the same length just before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.analytics.definitions import PERIODS, ROLLING_WINDOWS
from hearth.analytics.metrics.scopes import MetricScope, scope_narrowing
from hearth.analytics.models import CustomMetric
from hearth.analytics.queries.active import ActiveMembers, Stickiness
from hearth.analytics.queries.custom import CustomMetricQuery, RatioPoint
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.queries.scoped import ScopedEngine
from hearth.analytics.queries.sources import period_of
from hearth.analytics.queries.trends import Trend
from hearth.analytics.store.engine import Engine

Kind = Literal["count", "gauge", "ratio"]

# key → (label, kind, what computes it: a rolling window, "stickiness" or a trend metric)
BUILTIN: dict[str, tuple[Promise, Kind, str]] = {
    "dau": (gettext_lazy("DAU"), "gauge", "dau"),
    "wau": (gettext_lazy("WAU"), "gauge", "wau"),
    "mau": (gettext_lazy("MAU"), "gauge", "mau"),
    "stickiness": (gettext_lazy("Stickiness"), "gauge", "stickiness"),
    "new_members": (gettext_lazy("New members"), "count", "new_members"),
    "visits": (gettext_lazy("Visits"), "count", "visit"),
    "reads": (gettext_lazy("Reads"), "count", "read"),
    "topics": (gettext_lazy("Topics"), "count", "topic"),
    "replies": (gettext_lazy("Replies"), "count", "reply"),
    "likes": (gettext_lazy("Likes"), "count", "like"),
    "shares": (gettext_lazy("Shares"), "count", "share"),
    "follows": (gettext_lazy("Follows"), "count", "follow"),
}

# the metrics anomaly detection watches, besides every custom metric
KEY_METRICS = ("dau", "new_members", "reads", "replies", "topics", "shares")


@dataclass(frozen=True)
class MetricDef:
    key: str
    label: str
    kind: Kind
    custom: bool = False
    description: str = ""
    numerator: str = ""  # custom metrics: the actions
    denominator: str = ""
    unit: str = "events"
    pk: int | None = None  # custom metrics: the row

    @property
    def percent(self) -> bool:
        """Shown as a percentage (a ratio, or stickiness)."""
        return self.kind == "ratio" or self.key == "stickiness"

    @property
    def source(self) -> str:
        """The action whose rows make the metric (for explanations): "" for members' metrics."""
        if self.custom:
            return self.numerator
        found = BUILTIN[self.key][2]
        return "" if found in (*ROLLING_WINDOWS, "stickiness", "new_members") else found


@dataclass(frozen=True)
class MetricPoint:
    start: dt.date  # the period's first day
    value: float | None  # None: no value (a ratio over nothing)
    numerator: float | None = None  # ratios: the counts behind the value
    denominator: float | None = None


@dataclass(frozen=True)
class MetricSeries:
    metric: MetricDef
    window: Window
    period: str
    points: tuple[MetricPoint, ...]  # the window's periods
    before: tuple[MetricPoint, ...]  # the periods of the window before
    value: float | None  # the whole window
    previous: float | None  # the whole window before

    @property
    def previous_range(self) -> tuple[dt.date, dt.date]:
        start = self.window.start - dt.timedelta(days=self.window.days)
        return start, self.window.start - dt.timedelta(days=1)

    @property
    def change(self) -> float | None:
        """Relative change against the window before (None when that was 0 or had no value)."""
        if self.value is None or not self.previous:
            return None
        return round((self.value - self.previous) / self.previous, 4)

    @property
    def delta(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return round(self.value - self.previous, 4)

    def compared(self) -> list[tuple[MetricPoint, float | None]]:
        """Each period beside the value of the period before it."""
        earlier: list[MetricPoint | None] = [*(self.before[-1:] or [None]), *self.points[:-1]]
        return [(p, e.value if e else None) for p, e in zip(self.points, earlier, strict=True)]


def _custom_def(row: CustomMetric) -> MetricDef:
    return MetricDef(
        key=row.key,
        label=row.name,
        kind="ratio" if row.denominator else "count",
        custom=True,
        description=row.description,
        numerator=row.numerator,
        denominator=row.denominator,
        unit=row.unit,
        pk=row.pk,
    )


def metric_choices() -> list[MetricDef]:
    """Every metric: the built-in ones, then the custom ones by name."""
    built_in = [MetricDef(key, str(label), kind) for key, (label, kind, _src) in BUILTIN.items()]
    return built_in + [_custom_def(row) for row in CustomMetric.objects.all()]


def metric_definition(key: str) -> MetricDef:
    """The metric ``key``; QueryError when there is none."""
    if key in BUILTIN:
        label, kind, _src = BUILTIN[key]
        return MetricDef(key, str(label), kind)
    row = CustomMetric.objects.filter(key=key).first()
    if row is None:
        raise QueryError(
            _("Unknown metric: %(m)s. Choose a built-in metric (%(known)s) or a custom one.")
            % {"m": key[:60], "known": ", ".join(BUILTIN)}
        )
    return _custom_def(row)


@contextmanager
def store_for(engine: Engine | None) -> Iterator[Engine]:
    """``engine``, or the configured store opened and brought up to date for this block."""
    if engine is not None:
        yield engine
        return
    from hearth.analytics.store.locate import open_store
    from hearth.analytics.store.sync import store_sync

    with open_store() as opened:
        store_sync(opened)
        yield opened


def metric_series(
    *,
    key: str,
    window: Window,
    period: str = "day",
    engine: Engine | None = None,
    scope: MetricScope | None = None,
) -> MetricSeries:
    """The metric ``key`` per ``period`` over ``window``, and over the window before.

    Without ``engine`` the store is opened and brought up to date first. With ``scope``
    the metric counts only that board's, segment's or channel's members and actions (see
    :mod:`~hearth.analytics.queries.scoped`); an unknown one raises QueryError naming it.
    """
    metric = metric_definition(key)
    if period not in PERIODS:
        raise QueryError(_("Unknown period: %(p)s.") % {"p": period})
    narrowing = scope_narrowing(scope) if scope is not None else None
    with store_for(engine) as opened:
        store: Engine = opened if narrowing is None else ScopedEngine(opened, narrowing)
        if metric.custom:
            return _custom_series(store, metric, window, period)
        daily = _builtin_daily(store, metric, window)
    return _aggregate(metric, window, period, daily)


def _custom_series(engine: Engine, metric: MetricDef, window: Window, period: str) -> MetricSeries:
    result = CustomMetricQuery(
        window,
        numerator=metric.numerator,
        denominator=metric.denominator or None,
        unit=metric.unit,
        period=period,
    ).run(engine)

    def point(p: RatioPoint) -> MetricPoint:
        return MetricPoint(p.start, p.value, p.numerator, p.denominator)

    return MetricSeries(
        metric,
        window,
        period,
        tuple(point(p) for p in result.points),
        tuple(point(p) for p in result.before),
        result.total.value,
        result.previous_total.value,
    )


def _builtin_daily(engine: Engine, metric: MetricDef, window: Window) -> dict[dt.date, float]:
    """The metric on each day of the window and of the window before."""
    extended = dataclasses.replace(window, start=window.start - dt.timedelta(days=window.days))
    source = BUILTIN[metric.key][2]
    if source in ROLLING_WINDOWS:
        return {p.day: p.value for p in ActiveMembers.named(source, extended).run(engine)}
    if source == "stickiness":
        return {p.day: p.value for p in Stickiness(extended).run(engine)}
    result = Trend(extended, metric=source, period="day").run(engine)
    points = result.series[0].points if result.series else {}
    return {day: points.get(day, 0.0) for day in result.periods}


def _combine(kind: Kind, values: list[float]) -> float | None:
    if not values:
        return None
    if kind == "gauge":
        return round(sum(values) / len(values), 4)
    return sum(values)


def _aggregate(
    metric: MetricDef, window: Window, period: str, daily: dict[dt.date, float]
) -> MetricSeries:
    def periods(start: dt.date, end: dt.date) -> tuple[MetricPoint, ...]:
        grouped: dict[dt.date, list[float]] = {}
        for day in _days(start, end):
            grouped.setdefault(period_of(day, period), []).append(daily.get(day, 0.0))
        return tuple(MetricPoint(p, _combine(metric.kind, v)) for p, v in grouped.items())

    before_start = window.start - dt.timedelta(days=window.days)
    before_end = window.start - dt.timedelta(days=1)
    return MetricSeries(
        metric,
        window,
        period,
        periods(window.start, window.end),
        periods(before_start, before_end),
        _combine(metric.kind, [daily.get(d, 0.0) for d in _days(window.start, window.end)]),
        _combine(metric.kind, [daily.get(d, 0.0) for d in _days(before_start, before_end)]),
    )


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def custom_events_seen(*, engine: Engine, limit: int = 100) -> list[str]:
    """The custom events' names the store has seen (for pickers), by name."""
    from sqlglot import exp

    from hearth.analytics.definitions import ACTION_BITS

    tree = (
        exp.select("action")
        .distinct()
        .from_("activity")
        .where(exp.column("action").isin(*[exp.Literal.string(a) for a in ACTION_BITS]).not_())
        .order_by("action")
        .limit(limit)
    )
    return [str(row[0]) for row in engine.run(tree).rows]
