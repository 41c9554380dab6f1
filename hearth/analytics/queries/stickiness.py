"""Stickiness distribution (PostHog's stickiness): how many members were active on exactly
1, 2, … N days (or weeks, or months) of the window.

A member counts once, in the bucket of the number of distinct periods of the
window on which they were active (by the community's definition of active,
see :mod:`hearth.analytics.definitions`). ``N`` is the number of periods the
window touches (its days; or the weeks / months it overlaps, partly or
wholly). Members never active in the window are in no bucket. Each bucket's
*share* is of all members active in the window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from sqlglot import exp

from hearth.analytics.definitions import PERIODS
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.queries.sources import active_days, period_index
from hearth.analytics.store.engine import Result


@dataclass(frozen=True)
class StickinessBucket:
    periods: int  # active on exactly this many periods of the window
    members: int
    share: float  # of the members active in the window


def periods_in(window: Window, period: str) -> int:
    """How many days / ISO weeks / months the window touches."""
    if period == "day":
        return window.days
    if period == "week":
        first = window.start - dt.timedelta(days=window.start.weekday())
        return (window.end - first).days // 7 + 1
    return (window.end.year - window.start.year) * 12 + window.end.month - window.start.month + 1


class StickinessDistribution(AnalyticsQuery[list[StickinessBucket]]):
    name = "stickiness_distribution"

    def __init__(self, window: Window, *, period: str = "day") -> None:
        if period not in PERIODS:
            raise QueryError(_("Unknown period: %(p)s.") % {"p": period})
        self.window, self.period = window, period

    def cache_key(self) -> str:
        return f"{self.window.key()}:{self.period}"

    def to_query(self) -> exp.Expression:
        days = active_days(self.window, since=self.window.start, until=self.window.end)
        days.set("distinct", None)  # the periods are counted distinct per member below
        per_member = (
            exp.select(
                exp.column("member_id"),
                exp.Count(
                    this=exp.Distinct(expressions=[period_index(exp.column("day"), self.period)])
                ).as_("n"),
            )
            .from_(days.subquery("d"))
            .group_by(exp.column("member_id"))
        )
        return (
            exp.select(exp.column("n"), exp.func("COUNT", exp.Star()).as_("members"))
            .from_(per_member.subquery("p"))
            .group_by(exp.column("n"))
            .order_by(exp.column("n"))
        )

    def shape(self, result: Result) -> list[StickinessBucket]:
        counts = {int(n): int(members) for n, members in result.rows}
        total = sum(counts.values())
        return [
            StickinessBucket(
                periods=n,
                members=counts.get(n, 0),
                share=round(counts.get(n, 0) / total, 4) if total else 0.0,
            )
            for n in range(1, periods_in(self.window, self.period) + 1)
        ]
