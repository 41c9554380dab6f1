"""Funnels: members reaching each step in order, within a window after the first step.

A step is an action, reached at the time of its ``times``-th occurrence (e.g.
"followed 3 boards" is ``follow`` × 3), provided that is not before the
previous step and not later than ``within_days`` after the first. Conversion
is counted against the first step and the one before; the median time is
from the previous step.

With a *breakdown* (channel, region, age band, gender or level) every step is
counted per segment: the member's attribute as the ``members`` table holds it
now (a funnel follows people, and a level at sign-up would say nothing), so
each member stays in one segment through all steps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from sqlglot import exp

from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.params import QueryError, Window, known_action
from hearth.analytics.queries.sources import date_literal, number
from hearth.analytics.store.engine import Result


@dataclass(frozen=True)
class Step:
    action: str
    times: int = 1


@dataclass(frozen=True)
class StepResult:
    action: str
    times: int
    members: int
    of_first: float  # share of the first step's members
    of_previous: float  # share of the previous step's members
    median_hours: float | None  # from the previous step
    segment: str = ""  # the breakdown's value ("" without a breakdown)


ONBOARDING = (
    Step("sign_up"),
    Step("profile_complete"),
    Step("follow", 3),
    Step("read"),
    Step("like"),
    Step("reply"),
    Step("topic"),
)

BREAKDOWNS = ("channel", "region", "age_band", "gender", "level")


class Funnel(AnalyticsQuery[list[StepResult]]):
    """Members whose first step falls in the window, through the steps in order."""

    name = "funnel"

    def __init__(
        self,
        window: Window,
        *,
        steps: tuple[Step, ...] = ONBOARDING,
        within_days: int = 7,
        breakdown: str | None = None,
    ) -> None:
        if len(steps) < 2:
            raise QueryError(_("A funnel needs at least two steps."))
        for step in steps:
            if not known_action(step.action) or step.times < 1:
                raise QueryError(_("Unknown funnel step: %(s)s.") % {"s": step.action})
        if not 1 <= within_days <= 365:
            raise QueryError(_("The conversion window is 1 to 365 days."))
        if breakdown is not None and breakdown not in BREAKDOWNS:
            raise QueryError(_("Unknown breakdown: %(b)s.") % {"b": breakdown})
        self.window, self.steps, self.within_days = window, steps, within_days
        self.breakdown = breakdown

    def cache_key(self) -> str:
        steps = ",".join(f"{s.action}x{s.times}" for s in self.steps)
        return f"{self.window.key()}:{steps}:{self.within_days}:{self.breakdown or ''}"

    def _entered(self) -> exp.Select:
        """Members whose first step falls in the window: when, and their segment."""
        local_day = exp.cast(
            exp.AtTimeZone(
                this=exp.column("t", table="f"), zone=exp.Literal.string(self.window.tz)
            ),
            exp.DataType.Type.DATE,
        )
        segment: exp.Expression = (
            exp.Coalesce(
                this=exp.cast(exp.column(self.breakdown, table="m"), "VARCHAR"),
                expressions=[exp.Literal.string("")],
            )
            if self.breakdown
            else exp.Literal.string("")
        )
        first = (
            exp.select(
                exp.column("member_id", table="f"),
                exp.column("t", table="f"),
                exp.column("t", table="f").as_("t0"),
                segment.as_("grp"),
            )
            .from_(self._nth(self.steps[0]).subquery("f"))
            .where(
                exp.and_(
                    # a cheap bound first (two days' slack for any time zone), then the zone
                    exp.column("t", table="f").between(
                        date_literal(self.window.start - dt.timedelta(days=2)),
                        date_literal(self.window.end + dt.timedelta(days=2)),
                    ),
                    local_day.between(
                        date_literal(self.window.start), date_literal(self.window.end)
                    ),
                )
            )
        )
        if self.breakdown:
            first = first.join("members AS m", on="m.member_id = f.member_id", join_type="left")
        return first

    def _later_rows(self) -> exp.Select:
        """The rows of the later steps' actions of the members who entered (``s0``), read in
        one pass, and none after the last day a step can count (the window's end plus the
        conversion window, and two days for time zones): the n-th occurrence among a
        member's rows up to then is the n-th of all of them whenever it counts."""
        last = self.window.end + dt.timedelta(days=self.within_days + 2)
        actions = sorted({step.action for step in self.steps[1:]})
        return (
            exp.select("member_id", "action", "occurred_at")
            .from_("activity")
            .where(
                exp.and_(
                    exp.column("action").isin(*[exp.Literal.string(a) for a in actions]),
                    exp.LTE(this=exp.column("day"), expression=date_literal(last)),
                    exp.column("member_id").isin(query=exp.select("member_id").from_("s0")),
                )
            )
        )

    def _nth(self, step: Step, *, rows: str = "activity") -> exp.Select:
        """When each member did ``step.action`` for the ``step.times``-th time (a first
        occurrence is a ``MIN``, not a ranking), over the log or the later steps' rows."""
        conditions = exp.and_(
            exp.column("action").eq(step.action), exp.column("member_id").is_(exp.null()).not_()
        )
        if step.times == 1:
            return (
                exp.select("member_id", exp.func("MIN", exp.column("occurred_at")).as_("t"))
                .from_(rows)
                .where(conditions)
                .group_by("member_id")
            )
        ranked = (
            exp.select(
                "member_id",
                "occurred_at",
                exp.Window(
                    this=exp.func("ROW_NUMBER"),
                    partition_by=[exp.column("member_id")],
                    order=exp.Order(expressions=[exp.Ordered(this=exp.column("occurred_at"))]),
                ).as_("n"),
            )
            .from_(rows)
            .where(conditions)
        )
        return (
            exp.select("member_id", exp.column("occurred_at").as_("t"))
            .from_(ranked.subquery("r"))
            .where(exp.column("n").eq(number(step.times)))
        )

    def to_query(self) -> exp.Expression:
        query = exp.select("*").from_("s0")
        query = query.with_("s0", as_=self._entered())
        query = query.with_("later", as_=self._later_rows())
        limit = exp.Add(
            this=exp.column("t0", table="p"),
            expression=exp.Interval(
                this=exp.Literal.string(str(self.within_days)), unit=exp.var("DAY")
            ),
        )
        for k, step in enumerate(self.steps[1:], start=1):
            reached = (
                exp.select(
                    exp.column("member_id", table="p"),
                    exp.func("MIN", exp.column("t", table="x")).as_("t"),
                    exp.func("MIN", exp.column("t0", table="p")).as_("t0"),
                    exp.func("MIN", exp.column("t", table="p")).as_("prev_t"),
                    exp.func("MIN", exp.column("grp", table="p")).as_("grp"),
                )
                .from_(f"s{k - 1} AS p")
                .join(self._nth(step, rows="later").subquery("x"), on="x.member_id = p.member_id")
                .where(
                    exp.and_(
                        exp.GTE(
                            this=exp.column("t", table="x"), expression=exp.column("t", table="p")
                        ),
                        exp.LTE(this=exp.column("t", table="x"), expression=limit),
                    )
                )
                .group_by(exp.column("member_id", table="p"))
            )
            query = query.with_(f"s{k}", as_=reached)
        parts = []
        for k in range(len(self.steps)):
            hours = (
                exp.Literal.number(0)
                if k == 0
                else exp.Div(
                    this=exp.Extract(
                        this=exp.var("EPOCH"),
                        expression=exp.Sub(this=exp.column("t"), expression=exp.column("prev_t")),
                    ),
                    expression=number(3600),
                )
            )
            parts.append(
                exp.select(
                    exp.Literal.number(k).as_("step"),
                    exp.column("grp"),
                    exp.func("COUNT", exp.Star()).as_("members"),
                    exp.WithinGroup(
                        this=exp.func("PERCENTILE_CONT", exp.Literal.number(0.5)),
                        expression=exp.Order(expressions=[exp.Ordered(this=hours)]),
                    ).as_("median_hours"),
                )
                .from_(f"s{k}")
                .group_by(exp.column("grp"))
            )
        union: exp.Expression = parts[0]
        for part in parts[1:]:
            union = exp.union(union, part, distinct=False)
        union.set("with_", query.args["with_"])
        return union

    def shape(self, result: Result) -> list[StepResult]:
        """Each segment's steps in order (one segment, "", without a breakdown); segments
        with the most members at the first step come first."""
        counts: dict[str, dict[int, tuple[int, object]]] = {}
        for step, grp, members, median in result.rows:
            counts.setdefault(str(grp), {})[int(step)] = (int(members), median)
        if not counts and self.breakdown is None:
            counts[""] = {}
        order = sorted(counts, key=lambda g: (-counts[g].get(0, (0, None))[0], g))
        return [row for grp in order for row in self._segment(grp, counts[grp])]

    def _segment(self, grp: str, counts: dict[int, tuple[int, object]]) -> list[StepResult]:
        first = counts.get(0, (0, None))[0]
        out: list[StepResult] = []
        previous = first
        for k, step in enumerate(self.steps):
            members, median = counts.get(k, (0, None))
            out.append(
                StepResult(
                    action=step.action,
                    times=step.times,
                    members=members,
                    of_first=round(members / first, 4) if first else 0.0,
                    of_previous=round(members / previous, 4) if previous else 0.0,
                    median_hours=round(float(str(median)), 2)
                    if k and median is not None and members
                    else None,
                    segment=grp,
                )
            )
            previous = members
        return out
