"""Custom metrics: a count of one action, or the ratio of two, per period.

A custom metric (:class:`hearth.analytics.models.CustomMetric`) names a
*numerator* action (usually a custom event such as ``course_completed``) and
optionally a *denominator* (``course_enrolled``); *completion rate* is then
``course_completed ÷ course_enrolled`` of each period. Both are counted as
*events* (rows of the log) or as *distinct members* who took the action in the
period. A period whose denominator is 0 has no value (``None``), not an
error. Over a whole window the ratio is the window's numerator over the
window's denominator (members are distinct over the whole window), never a
mean of the periods' ratios.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from sqlglot import exp

from hearth.analytics.definitions import PERIODS
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.params import QueryError, Window, known_action
from hearth.analytics.queries.sources import (
    as_date,
    date_literal,
    period_start,
    period_starts,
)
from hearth.analytics.store.engine import Engine, Result

UNITS = ("events", "members")


@dataclass(frozen=True)
class RatioPoint:
    start: dt.date  # the period's first day
    numerator: float
    denominator: float | None  # None: a plain count

    @property
    def value(self) -> float | None:
        if self.denominator is None:
            return self.numerator
        return round(self.numerator / self.denominator, 4) if self.denominator else None


@dataclass(frozen=True)
class CustomResult:
    points: list[RatioPoint]  # the window's periods
    before: list[RatioPoint]  # the periods of the window of the same length before
    total: RatioPoint  # the whole window
    previous_total: RatioPoint  # the whole window before


def ratio(numerator: float, denominator: float | None) -> float | None:
    return RatioPoint(dt.date.min, numerator, denominator).value


class CustomMetricQuery(AnalyticsQuery[CustomResult]):
    """The numerator and denominator of each period of the window and of the window before."""

    name = "custom_metric"

    def __init__(
        self,
        window: Window,
        *,
        numerator: str,
        denominator: str | None = None,
        unit: str = "events",
        period: str = "day",
    ) -> None:
        for action in (numerator, denominator):
            if action is not None and not known_action(action):
                raise QueryError(_("Unknown action: %(actions)s.") % {"actions": action})
        if numerator == denominator:
            raise QueryError(_("The numerator and the denominator must be different actions."))
        if unit not in UNITS:
            raise QueryError(_("Count events or members, not %(unit)s.") % {"unit": unit})
        if period not in PERIODS:
            raise QueryError(_("Unknown period: %(p)s.") % {"p": period})
        self.window, self.numerator, self.denominator = window, numerator, denominator or None
        self.unit, self.period = unit, period

    def cache_key(self) -> str:
        return f"{self.window.key()}:{self.numerator}:{self.denominator}:{self.unit}:{self.period}"

    @property
    def actions(self) -> list[str]:
        return [self.numerator] + ([self.denominator] if self.denominator else [])

    @property
    def before(self) -> tuple[dt.date, dt.date]:
        return self.window.start - dt.timedelta(days=self.window.days), self.window.start

    def _day(self) -> exp.Expression:
        if self.window.tz == settings.TIME_ZONE:
            return exp.column("day")
        return exp.cast(
            exp.AtTimeZone(this=exp.column("occurred_at"), zone=exp.Literal.string(self.window.tz)),
            exp.DataType.Type.DATE,
        )

    def _rows(self) -> exp.Select:
        """The actions' rows in both windows, with their day in the window's time zone."""
        start = self.before[0] - dt.timedelta(days=1)  # a time zone may move a row a day
        end = self.window.end + dt.timedelta(days=1)
        return (
            exp.select(exp.column("member_id"), exp.column("action"), self._day().as_("d"))
            .from_("activity")
            .where(
                exp.and_(
                    exp.column("action").isin(*[exp.Literal.string(a) for a in self.actions]),
                    exp.column("day").between(date_literal(start), date_literal(end)),
                )
            )
        )

    def _count(self, condition: exp.Expression | None = None) -> exp.Expression:
        if self.unit == "members":
            member: exp.Expression = exp.column("member_id")
            if condition is not None:
                member = exp.Case().when(condition, member).else_(exp.null())
            return exp.Count(this=exp.Distinct(expressions=[member]))
        if condition is None:
            return exp.Count(this=exp.Star())
        return exp.Sum(
            this=exp.Case().when(condition, exp.Literal.number(1)).else_(exp.Literal.number(0))
        )

    def _in(self, start: dt.date, end: dt.date) -> exp.Expression:
        return exp.column("d").between(date_literal(start), date_literal(end))

    def to_query(self) -> exp.Expression:
        """Per period and action: the count, and whether the period is in the window (``cur``)."""
        current = exp.GTE(this=exp.column("d"), expression=date_literal(self.window.start))
        return (
            exp.select(
                period_start(exp.column("d"), self.period).as_("p"),
                exp.column("action"),
                exp.cast(current, "INT").as_("cur"),
                self._count().as_("value"),
            )
            .from_(self._rows().subquery("r"))
            .where(self._in(self.before[0], self.window.end))
            .group_by(exp.column("p"), exp.column("action"), exp.column("cur"))
        )

    def totals_query(self) -> exp.Expression:
        """Per action: the count over the window and over the window before."""
        then = self._in(self.before[0], self.before[1] - dt.timedelta(days=1))
        return (
            exp.select(
                exp.column("action"),
                self._count(self._in(self.window.start, self.window.end)).as_("now"),
                self._count(then).as_("then"),
            )
            .from_(self._rows().subquery("r"))
            .group_by(exp.column("action"))
        )

    def compute(self, engine: Engine) -> CustomResult:
        totals = {
            str(a): (float(n or 0), float(t or 0))
            for a, n, t in engine.run(self.totals_query()).rows
        }
        points = self.shape(engine.run(self.to_query()))
        numerator = totals.get(self.numerator, (0.0, 0.0))
        denominator = totals.get(self.denominator or "", (0.0, 0.0))
        has_denominator = self.denominator is not None
        return CustomResult(
            points=points.points,
            before=points.before,
            total=RatioPoint(
                self.window.start, numerator[0], denominator[0] if has_denominator else None
            ),
            previous_total=RatioPoint(
                self.before[0], numerator[1], denominator[1] if has_denominator else None
            ),
        )

    def shape(self, result: Result) -> CustomResult:
        counts: dict[tuple[dt.date, str, bool], float] = {}
        for start, action, cur, value in result.rows:
            counts[(as_date(start), str(action), bool(cur))] = float(value or 0)
        current = period_starts(self.window.start, self.window.end, self.period)
        before = period_starts(self.before[0], self.before[1] - dt.timedelta(days=1), self.period)

        def point(start: dt.date, cur: bool) -> RatioPoint:
            den = counts.get((start, self.denominator, cur), 0.0) if self.denominator else None
            return RatioPoint(start, counts.get((start, self.numerator, cur), 0.0), den)

        empty = RatioPoint(self.window.start, 0.0, None)
        return CustomResult(
            points=[point(p, True) for p in current],
            before=[point(p, False) for p in before],
            total=empty,
            previous_total=empty,
        )
