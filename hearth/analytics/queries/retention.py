"""Cohort retention: members grouped by when they joined (or by an attribute), active N periods on.

*N-period* retention counts the cohort's members active in the N-th period
after their own join period; *on or after* counts those active in that period
or any later one. Period 0 is the join period itself.

Cohorts by ``first_board`` group members by the board of their first topic or
reply in the activity log (ties in time: the lowest row id); members who have
not posted belong to no such cohort. Only the join-period and channel cohorts
are materialised (``store/rollups.py``); this one is always computed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from sqlglot import exp

from hearth.analytics.definitions import DIMENSIONS, PERIODS
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.queries.sources import active_days, date_literal, period_index, period_start
from hearth.analytics.store.engine import Engine, Result

MODES = ("n_period", "on_or_after")
COHORT_BY = ("joined", *(d for d in DIMENSIONS if d != "device"), "first_board")
POSTS = ("topic", "reply")


@dataclass
class Cohort:
    name: str  # the join period's first day (ISO) or the attribute's value
    size: int
    retained: list[int] = field(default_factory=list)  # members, period 0…N

    @property
    def rates(self) -> list[float]:
        return [round(n / self.size, 4) if self.size else 0.0 for n in self.retained]


class Retention(AnalyticsQuery[list[Cohort]]):
    """Members who joined in the window, by cohort, and how many were active in each period."""

    name = "retention"

    def __init__(
        self,
        window: Window,
        *,
        period: str = "week",
        periods: int = 12,
        mode: str = "n_period",
        cohort_by: str = "joined",
        cells: bool = False,
    ) -> None:
        if period not in PERIODS:
            raise QueryError(_("Unknown period: %(p)s.") % {"p": period})
        if mode not in MODES:
            raise QueryError(_("Unknown retention mode: %(m)s.") % {"m": mode})
        if cohort_by not in COHORT_BY:
            raise QueryError(_("Cohorts cannot be formed by %(c)s.") % {"c": cohort_by})
        if not 1 <= periods <= 400:
            raise QueryError(_("Follow a cohort for 1 to 400 periods."))
        self.window, self.period, self.periods = window, period, periods
        self.mode, self.cohort_by = mode, cohort_by
        self.cells = cells  # rows per join day too (the rollup keeps those; they add up)

    def cache_key(self) -> str:
        return (
            f"{self.window.key()}:{self.period}:{self.periods}:{self.mode}:{self.cohort_by}"
            f":{self.cells}"
        )

    @property
    def rollup_name(self) -> str:
        return f"retention:{self.period}:{self.periods}:{self.mode}:{self.cohort_by}"

    def _horizon(self) -> dt.date:
        step = {"day": 1, "week": 7, "month": 31}[self.period]
        return self.window.end + dt.timedelta(days=step * (self.periods + 1))

    def _cohort(self) -> exp.Select:
        """Members who joined in the window: their cohort, join day and its period index."""
        joined = exp.column("joined_day", table="m")
        if self.cohort_by == "joined":
            group: exp.Expression = exp.cast(period_start(joined, self.period), "VARCHAR")
        elif self.cohort_by == "first_board":
            group = exp.cast(exp.column("board_id", table="fb"), "VARCHAR")
        else:
            group = exp.Coalesce(
                this=exp.cast(exp.column(self.cohort_by, table="m"), "VARCHAR"),
                expressions=[exp.Literal.string("")],
            )
        cohort = (
            exp.select(
                exp.column("member_id", table="m"),
                group.as_("cohort"),
                period_index(joined, self.period).as_("joined_index"),
                joined.as_("joined"),
            )
            .from_("members AS m")
            .where(joined.between(date_literal(self.window.start), date_literal(self.window.end)))
        )
        if self.cohort_by == "first_board":
            cohort = cohort.join(
                first_boards().subquery("fb"), on="fb.member_id = m.member_id", join_type="inner"
            )
        return cohort

    def to_query(self) -> exp.Expression:
        cohort = self._cohort()
        days = active_days(self.window, since=self.window.start, until=self._horizon())
        offsets = (
            exp.select(
                exp.column("member_id", table="c"),
                exp.column("cohort", table="c"),
                exp.column("joined", table="c"),
                exp.Sub(
                    this=period_index(exp.column("day", table="d"), self.period),
                    expression=exp.column("joined_index", table="c"),
                ).as_("n"),
            )
            .distinct()
            .from_("cohort AS c")
            .join("active AS d", on="c.member_id = d.member_id")
        )
        kept = exp.column("n").between(exp.Literal.number(0), exp.Literal.number(self.periods))
        keys = ["cohort", "joined"] if self.cells else ["cohort"]
        if self.mode == "n_period":
            counted = (
                exp.select(*keys, "n", exp.func("COUNT", exp.Star()).as_("members"))
                .from_("offsets")
                .where(kept)
                .group_by(*keys, "n")
            )
        else:  # each member once, at the furthest period reached
            furthest = (
                exp.select(*keys, "member_id", exp.func("MAX", exp.column("n")).as_("n"))
                .from_("offsets")
                .where(kept)
                .group_by(*keys, "member_id")
            )
            counted = (
                exp.select(*keys, "n", exp.func("COUNT", exp.Star()).as_("members"))
                .from_(furthest.subquery("f"))
                .group_by(*keys, "n")
            )
        sizes = (
            exp.select(
                *keys,
                exp.Literal.number(-1).as_("n"),
                exp.func("COUNT", exp.Star()).as_("members"),
            )
            .from_("cohort")
            .group_by(*keys)
        )
        return (
            exp.union(sizes, counted, distinct=False)
            .with_("cohort", as_=cohort)
            .with_("active", as_=days)
            .with_("offsets", as_=offsets)
        )

    def shape(self, result: Result) -> list[Cohort]:
        sizes: dict[str, int] = {}
        counts: dict[str, dict[int, int]] = defaultdict(dict)
        for cohort, n, members in result.rows:
            if int(n) == -1:
                sizes[str(cohort)] = int(members)
            else:
                counts[str(cohort)][int(n)] = int(members)
        cohorts = []
        for name in sorted(sizes):
            retained = [counts[name].get(n, 0) for n in range(self.periods + 1)]
            if self.mode == "on_or_after":  # reached n or further
                for n in range(self.periods - 1, -1, -1):
                    retained[n] += retained[n + 1]
            cohorts.append(Cohort(name=_cohort_name(name), size=sizes[name], retained=retained))
        return cohorts

    def from_rollup(self, engine: Engine) -> list[Cohort] | None:
        from hearth.analytics.store.rollups import rollup_covers, rollup_rows

        if self.cells or not rollup_covers(engine, self.rollup_name, self.window):
            return None
        rows = rollup_rows(
            engine, self.rollup_name, self.window.start, self.window.end, summed=True
        )
        return self.shape(Result(("cohort", "n", "members"), rows))


def first_boards(*, posts_only: bool = True) -> exp.Select:
    """``(member_id, board_id)``: the board of each member's first topic or reply (with
    ``posts_only=False``: of their first action that carries a board, reads included)."""
    conditions: list[exp.Expression] = [
        exp.column("member_id").is_(exp.null()).not_(),
        exp.column("board_id").is_(exp.null()).not_(),
    ]
    if posts_only:
        conditions.insert(0, exp.column("action").isin(*[exp.Literal.string(a) for a in POSTS]))
    ranked = (
        exp.select(
            "member_id",
            "board_id",
            exp.Window(
                this=exp.func("ROW_NUMBER"),
                partition_by=[exp.column("member_id")],
                order=exp.Order(
                    expressions=[
                        exp.Ordered(this=exp.column("occurred_at")),
                        exp.Ordered(this=exp.column("id")),
                    ]
                ),
            ).as_("n"),
        )
        .from_("activity")
        .where(exp.and_(*conditions))
    )
    return (
        exp.select("member_id", "board_id")
        .from_(ranked.subquery("r"))
        .where(exp.column("n").eq(exp.Literal.number(1)))
    )


def _cohort_name(value: str) -> str:
    return value[:10] if len(value) >= 10 and value[4] == "-" else value
