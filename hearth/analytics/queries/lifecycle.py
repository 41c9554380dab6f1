"""Lifecycle per period (PostHog's definitions, see :mod:`hearth.analytics.definitions`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from sqlglot import exp

from hearth.analytics.definitions import PERIODS
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.queries.sources import active_days, period_index
from hearth.analytics.store.engine import Engine, Result

STATUSES = ("new", "returning", "resurrecting", "dormant")


@dataclass(frozen=True)
class LifecycleRow:
    period: int  # period index (see ``period_index``)
    start: dt.date
    new: int
    returning: int
    resurrecting: int
    dormant: int  # negative: members lost this period


class Lifecycle(AnalyticsQuery[list[LifecycleRow]]):
    name = "lifecycle"

    def __init__(self, window: Window, *, period: str = "week") -> None:
        if period not in PERIODS:
            raise QueryError(_("Unknown period: %(p)s.") % {"p": period})
        self.window, self.period = window, period

    def cache_key(self) -> str:
        return f"{self.window.key()}:{self.period}"

    def _since(self) -> dt.date:
        back = {"day": 1, "week": 7, "month": 31}[self.period]
        return self.window.start - dt.timedelta(days=back)

    def to_query(self) -> exp.Expression:
        days = active_days(self.window, since=self._since(), until=self.window.end)
        periods = (
            exp.select(
                exp.column("member_id"),
                period_index(exp.column("day"), self.period).as_("p"),
            )
            .from_("active")
            .group_by(exp.column("member_id"), exp.column("p"))
        )
        p, prev_p, next_p = exp.column("p"), exp.column("prev_p"), exp.column("next_p")
        over = {
            "partition_by": [exp.column("member_id", table="ap")],
            "order": exp.Order(expressions=[exp.Ordered(this=exp.column("p", table="ap"))]),
        }
        marked = (
            exp.select(
                exp.column("p", table="ap"),
                exp.Window(this=exp.func("LAG", exp.column("p", table="ap")), **over).as_("prev_p"),
                exp.Window(this=exp.func("LEAD", exp.column("p", table="ap")), **over).as_(
                    "next_p"
                ),
                period_index(exp.column("joined_day", table="m"), self.period).as_("joined_p"),
            )
            .from_("periods AS ap")
            .join("members AS m", on="ap.member_id = m.member_id")
        )
        one = exp.Literal.number(1)
        status = (
            exp.Case()
            .when(exp.column("joined_p").eq(p), exp.Literal.string("new"))
            .when(prev_p.eq(exp.Sub(this=p, expression=one)), exp.Literal.string("returning"))
            .else_(exp.Literal.string("resurrecting"))
        )
        active_rows = (
            exp.select(
                p.as_("p"), status.as_("status"), exp.func("COUNT", exp.Star()).as_("members")
            )
            .from_("marked")
            .group_by(exp.column("p"), exp.column("status"))
        )
        dormant = (
            exp.select(
                exp.Add(this=p, expression=one).as_("p"),
                exp.Literal.string("dormant").as_("status"),
                exp.Neg(this=exp.func("COUNT", exp.Star())).as_("members"),
            )
            .from_("marked")
            .where(
                exp.or_(
                    next_p.is_(exp.null()),
                    exp.GT(this=next_p, expression=exp.Add(this=p, expression=one)),
                )
            )
            .group_by(exp.Add(this=p, expression=one))
        )
        return (
            exp.union(active_rows, dormant, distinct=False)
            .with_("active", as_=days)
            .with_("periods", as_=periods)
            .with_("marked", as_=marked)
        )

    def from_rollup(self, engine: Engine) -> list[LifecycleRow] | None:
        from hearth.analytics.store.rollups import rollup_covers, rollup_rows

        name = f"lifecycle:{self.period}"
        if not rollup_covers(engine, name, self.window):
            return None
        start = self._start(self._index(self.window.start))
        rows = rollup_rows(engine, name, start, self.window.end)
        return self.shape(Result(("p", "status", "members"), [(n, g, v) for _at, g, n, v in rows]))

    def shape(self, result: Result) -> list[LifecycleRow]:
        first = self._index(self.window.start)
        last = self._index(self.window.end)
        table: dict[int, dict[str, int]] = {
            i: dict.fromkeys(STATUSES, 0) for i in range(first, last + 1)
        }
        for index, status, members in result.rows:
            if first <= int(index) <= last:
                table[int(index)][str(status)] += int(members)
        return [
            LifecycleRow(period=i, start=self._start(i), **counts) for i, counts in table.items()
        ]

    def _index(self, day: dt.date) -> int:
        epoch = dt.date(1970, 1, 5)
        if self.period == "day":
            return (day - epoch).days
        if self.period == "week":
            return (day - dt.timedelta(days=day.weekday()) - epoch).days // 7
        return day.year * 12 + day.month

    def _start(self, index: int) -> dt.date:
        epoch = dt.date(1970, 1, 5)
        if self.period == "day":
            return epoch + dt.timedelta(days=index)
        if self.period == "week":
            return epoch + dt.timedelta(days=7 * index)
        year, month = divmod(index - 1, 12)
        return dt.date(year, month + 1, 1)
