"""Trends: a metric per period, optionally broken down by a member attribute.

Metrics: ``active`` (distinct active members in the period), ``new_members``
(joined in the period), or the number of one action (``read``, ``reply``,
``share`` …, or a custom event). Breakdowns: the member attributes of
:data:`~hearth.analytics.definitions.DIMENSIONS` — for ``active`` and
``new_members`` the member's current ones, for action counts the ones the
action was recorded with.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from sqlglot import exp

from hearth.analytics.definitions import ACTION_BITS, DIMENSIONS, PERIODS, custom_name_valid
from hearth.analytics.queries.active import ActiveMembers
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.queries.sources import (
    active_days,
    as_date,
    date_literal,
    period_start,
    period_starts,
)
from hearth.analytics.store.engine import Engine, Result

BASE_METRICS = ("active", "new_members")
TOTAL = ""  # the series name of the whole community


@dataclass
class Series:
    name: str  # the attribute's value ("" without a breakdown)
    points: dict[dt.date, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.points.values())


@dataclass(frozen=True)
class TrendResult:
    periods: list[dt.date]
    series: list[Series]
    previous_total: float  # the same metric over the window before, for the change

    @property
    def total(self) -> float:
        return sum(s.total for s in self.series)

    @property
    def change(self) -> float | None:
        """Relative change against the previous window (None when it was 0)."""
        if not self.previous_total:
            return None
        return round((self.total - self.previous_total) / self.previous_total, 4)


def metric_valid(metric: str) -> bool:
    return metric in BASE_METRICS or metric in ACTION_BITS or custom_name_valid(metric)


class Trend(AnalyticsQuery[TrendResult]):
    name = "trend"

    def __init__(
        self,
        window: Window,
        *,
        metric: str = "active",
        breakdown: str | None = None,
        period: str = "day",
    ) -> None:
        if not metric_valid(metric):
            raise QueryError(_("Unknown metric: %(m)s.") % {"m": metric})
        if breakdown is not None and breakdown not in DIMENSIONS:
            raise QueryError(_("Unknown breakdown: %(b)s.") % {"b": breakdown})
        if period not in PERIODS:
            raise QueryError(_("Unknown period: %(p)s.") % {"p": period})
        if breakdown == "device" and metric in BASE_METRICS:
            raise QueryError(_("Device breaks down action counts only."))
        self.window, self.metric, self.breakdown, self.period = window, metric, breakdown, period

    def cache_key(self) -> str:
        return f"{self.window.key()}:{self.metric}:{self.breakdown}:{self.period}"

    def _group(self, table: str) -> exp.Expression:
        if self.breakdown is None:
            return exp.Literal.string(TOTAL)
        return exp.Coalesce(  # as text: level is a number
            this=exp.cast(exp.column(self.breakdown, table=table), "VARCHAR"),
            expressions=[exp.Literal.string("")],
        )

    def query_for(self, start: dt.date, end: dt.date) -> exp.Expression:
        if self.metric == "active":
            days = active_days(self.window, since=start, until=end)
            return (
                exp.select(
                    period_start(exp.column("day", table="d"), self.period).as_("p"),
                    self._group("m").as_("grp"),
                    exp.func(
                        "COUNT", exp.Distinct(expressions=[exp.column("member_id", table="d")])
                    ).as_("value"),
                )
                .from_(days.subquery("d"))
                .join("members AS m", on="d.member_id = m.member_id")
                .group_by(exp.column("p"), exp.column("grp"))
            )
        if self.metric == "new_members":
            joined = exp.column("joined_day", table="m")
            return (
                exp.select(
                    period_start(joined, self.period).as_("p"),
                    self._group("m").as_("grp"),
                    exp.func("COUNT", exp.Star()).as_("value"),
                )
                .from_("members AS m")
                .where(joined.between(date_literal(start), date_literal(end)))
                .group_by(exp.column("p"), exp.column("grp"))
            )
        day = exp.column("day", table="a")
        return (
            exp.select(
                period_start(day, self.period).as_("p"),
                self._group("a").as_("grp"),
                exp.func("COUNT", exp.Star()).as_("value"),
            )
            .from_("activity AS a")
            .where(
                exp.and_(
                    exp.column("action", table="a").eq(self.metric),
                    day.between(date_literal(start), date_literal(end)),
                )
            )
            .group_by(exp.column("p"), exp.column("grp"))
        )

    def to_query(self) -> exp.Expression:
        return self.query_for(self.window.start, self.window.end)

    def previous(self) -> tuple[dt.date, dt.date]:
        length = dt.timedelta(days=self.window.days)
        return self.window.start - length, self.window.start - dt.timedelta(days=1)

    def from_rollup(self, engine: Engine) -> TrendResult | None:
        """Active members per day of the whole community are the DAU the store keeps."""
        if (self.metric, self.breakdown, self.period) != ("active", None, "day"):
            return None
        start, end = self.previous()
        current = ActiveMembers(self.window).from_rollup(engine)
        before = ActiveMembers(dataclasses.replace(self.window, start=start, end=end))
        previous = before.from_rollup(engine)
        if current is None or previous is None:
            return None
        series = Series(TOTAL, {p.day: float(p.value) for p in current})
        found = [series] if series.total else []
        return TrendResult(self._periods(), found, float(sum(p.value for p in previous)))

    def compute(self, engine: Engine) -> TrendResult:
        current = engine.run(self.to_query())
        before = engine.run(self.query_for(*self.previous()))
        previous_total = sum(float(row[2]) for row in before.rows)
        return self._shape(current, previous_total)

    def shape(self, result: Result) -> TrendResult:
        return self._shape(result, 0.0)

    def _shape(self, result: Result, previous_total: float) -> TrendResult:
        periods = self._periods()
        by_name: dict[str, Series] = defaultdict(lambda: Series(""))
        for start, group, value in result.rows:
            name = str(group)
            series = by_name.setdefault(name, Series(name))
            series.points[as_date(start)] = float(value)
        for series in by_name.values():
            for p in periods:
                series.points.setdefault(p, 0.0)
            series.points = dict(sorted(series.points.items()))
        ordered = sorted(by_name.values(), key=lambda s: (-s.total, s.name))
        return TrendResult(periods, ordered, previous_total)

    def _periods(self) -> list[dt.date]:
        return period_starts(self.window.start, self.window.end, self.period)
