"""DAU, WAU, MAU (rolling 1, 7, 30 days) and stickiness, as daily series.

Rolling counts use the window-and-difference formulation: each member's
active days are merged into runs of coverage (a day covers itself and the
``window - 1`` days after it); a run adds one member on its first day and
removes one the day after it ends; a running sum of those changes is the
count. One pass over the member-days, whatever the window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlglot import exp

from hearth.analytics.definitions import ROLLING_WINDOWS
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.queries.sources import active_days, as_date, number
from hearth.analytics.store.engine import Engine, Result


@dataclass(frozen=True)
class Point:
    day: dt.date
    value: float


class ActiveMembers(AnalyticsQuery[list[Point]]):
    """Distinct active members in the ``days`` days ending each day of the window."""

    name = "active_members"

    def __init__(self, window: Window, *, days: int = 1) -> None:
        if days < 1 or days > 366:
            raise QueryError("the rolling window is 1 to 366 days")
        self.window = window
        self.days = days

    @classmethod
    def named(cls, metric: str, window: Window) -> ActiveMembers:
        """``dau``, ``wau`` or ``mau``."""
        return cls(window, days=ROLLING_WINDOWS[metric])

    def cache_key(self) -> str:
        return f"{self.window.key()}:{self.days}"

    def to_query(self) -> exp.Expression:
        w = self.days
        since = self.window.start - dt.timedelta(days=w - 1)
        days = active_days(self.window, since=since, until=self.window.end)
        if w == 1:  # each day on its own: a count per day is its change from the day before
            return self._daily(days)
        day, prev_day, next_day = exp.column("day"), exp.column("prev_day"), exp.column("next_day")
        over = exp.Window(
            partition_by=[exp.column("member_id")],
            order=exp.Order(expressions=[exp.Ordered(this=day)]),
        )
        marked = exp.select(
            day,
            exp.Window(this=exp.func("LAG", day), **over.args).as_("prev_day"),
            exp.Window(this=exp.func("LEAD", day), **over.args).as_("next_day"),
        ).from_("active")
        starts = (
            exp.select(day.as_("at"), exp.func("COUNT", exp.Star()).as_("n"))
            .from_("marked")
            .where(
                exp.or_(
                    prev_day.is_(exp.null()),
                    exp.LTE(this=exp.Add(this=prev_day, expression=number(w)), expression=day),
                )
            )
            .group_by(day)
        )
        ends = (
            exp.select(
                exp.Add(this=day, expression=number(w)).as_("at"),
                exp.Neg(this=exp.func("COUNT", exp.Star())).as_("n"),
            )
            .from_("marked")
            .where(
                exp.or_(
                    next_day.is_(exp.null()),
                    exp.GTE(this=next_day, expression=exp.Add(this=day, expression=number(w))),
                )
            )
            .group_by(day)
        )
        changes = exp.union(starts, ends, distinct=False)
        return (
            exp.select(exp.column("at"), exp.func("SUM", exp.column("n")).as_("change"))
            .from_(changes.subquery("changes"))
            .group_by(exp.column("at"))
            .order_by(exp.column("at"))
            .with_("active", as_=days)
            .with_("marked", as_=marked)
        )

    def from_rollup(self, engine: Engine) -> list[Point] | None:
        from hearth.analytics.store.rollups import rollup_covers, rollup_rows

        name = f"active:{self.days}"
        if not rollup_covers(engine, name, self.window):
            return None
        rows = rollup_rows(engine, name, self.window.start, self.window.end)
        values = {as_date(at): value for at, _grp, _n, value in rows}
        return [
            Point(day, int(values.get(day, 0))) for day in _days(self.window.start, self.window.end)
        ]

    def _daily(self, days: exp.Select) -> exp.Expression:
        counted = (
            exp.select(exp.column("day").as_("at"), exp.Count(this=exp.Star()).as_("members"))
            .from_(days.subquery("d"))
            .group_by(exp.column("day"))
        )
        return exp.select("at", "members").from_(counted.subquery("c")).order_by("at")

    def shape(self, result: Result) -> list[Point]:
        if self.days == 1:
            counts = {as_date(at): int(n) for at, n in result.rows}
            return [
                Point(day, counts.get(day, 0)) for day in _days(self.window.start, self.window.end)
            ]
        changes = {as_date(at): int(change) for at, change in result.rows}
        since = self.window.start - dt.timedelta(days=self.days - 1)
        running = 0
        series: list[Point] = []
        day = since
        while day <= self.window.end:
            running += changes.get(day, 0)
            if day >= self.window.start:
                series.append(Point(day, running))
            day += dt.timedelta(days=1)
        return series


class Stickiness(AnalyticsQuery[list[Point]]):
    """DAU ÷ MAU of each day (0 when nobody was active in the 30 days)."""

    name = "stickiness"

    def __init__(self, window: Window) -> None:
        self.window = window
        self.dau = ActiveMembers(window, days=1)
        self.mau = ActiveMembers(window, days=30)

    def cache_key(self) -> str:
        return self.window.key()

    def to_query(self) -> exp.Expression:
        return self.dau.to_query()  # the MAU tree runs beside it (see calculate)

    def shape(self, result: Result) -> list[Point]:  # pragma: no cover - calculate combines
        raise NotImplementedError

    def compute(self, engine: Engine) -> list[Point]:
        dau = self.dau.calculate(engine)
        mau = self.mau.calculate(engine)
        return [
            Point(d.day, round(d.value / m.value, 4) if m.value else 0.0)
            for d, m in zip(dau, mau, strict=True)
        ]


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
