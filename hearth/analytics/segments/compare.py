"""Comparing segments: size, activity, actions per member and early retention, side by side.

For each segment, over a window (``start``…``end``, the community's active set):

* **members** — the segment's size (evaluated on ``today``);
* **active_30d** — members active in the 30 days ending on the window's end;
* **avg_dau** — the segment's active members per day, averaged over the window;
* **reads / replies / topics** — those actions in the window, per member;
* **D7 / D30 retention** — of the members who joined in the window early enough
  to be followed N days (joined on or before ``end - N``), the share active on
  the N-th day after the join day (N-day retention, as in the retention
  analysis); None when no one joined early enough.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from sqlglot import exp

from hearth.analytics.definitions import action_mask
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.sources import active_days, date_literal, number
from hearth.analytics.segments.definition import SegmentDefinition, SegmentError
from hearth.analytics.segments.queries import segment_conditions
from hearth.analytics.store.engine import Engine, Result

ACTIVE_DAYS = 30
COUNTED_ACTIONS = ("read", "reply", "topic")
RETENTION_DAYS = (7, 30)
MAX_COMPARED = 4


@dataclass(frozen=True)
class SegmentSummary:
    name: str
    members: int
    active_30d: int
    active_days: int  # member-days active in the window
    window_days: int
    actions: dict[str, int]  # read / reply / topic → count in the window
    retention: dict[int, tuple[int, int]]  # N → (followed, active on day N)

    @property
    def active_share(self) -> float:
        return round(self.active_30d / self.members, 4) if self.members else 0.0

    @property
    def avg_dau(self) -> float:
        return round(self.active_days / self.window_days, 2) if self.window_days else 0.0

    def per_member(self, action: str) -> float:
        return round(self.actions.get(action, 0) / self.members, 2) if self.members else 0.0

    def retention_rate(self, days: int) -> float | None:
        followed, kept = self.retention.get(days, (0, 0))
        return round(kept / followed, 4) if followed else None


def _scalar(query: exp.Select, name: str) -> exp.Expr:
    return exp.Subquery(this=query).as_(name)


def _count(source: str, where: exp.Expr | None = None, *, distinct: str = "") -> exp.Select:
    counted = (
        exp.func("COUNT", exp.Distinct(expressions=[exp.column(distinct)]))
        if distinct
        else exp.func("COUNT", exp.Star())
    )
    query = exp.select(counted).from_(source)
    return query.where(where) if where is not None else query


class SegmentSummaryQuery(AnalyticsQuery[SegmentSummary]):
    """One segment's row of the comparison."""

    name = "segment_summary"

    def __init__(
        self, definition: SegmentDefinition, window: Window, *, today: dt.date, label: str = ""
    ) -> None:
        self.definition, self.window, self.today, self.label = definition, window, today, label

    def cache_key(self) -> str:
        return f"{self.definition.key()}|{self.window.key()}|{self.today}|{self.label}"

    def _members(self) -> exp.Select:
        conditions = segment_conditions(
            self.definition, today=self.today, active=self.window.actions
        )
        query = exp.select(
            exp.column("member_id", table="m"), exp.column("joined_day", table="m")
        ).from_("members AS m")
        return query.where(exp.and_(*conditions)) if conditions else query

    def _active(self) -> exp.Select:
        """Distinct (member, day) the segment's members were active, from the 30 days before
        the window's end (or its start, if earlier) to its end."""
        end = self.window.end
        since = min(self.window.start, end - dt.timedelta(days=ACTIVE_DAYS - 1))
        in_segment = exp.column("member_id").isin(query=exp.select("member_id").from_("seg"))
        if self.window.uses_rollup:  # the member-day masks, only the segment's rows
            hit = exp.BitwiseAnd(
                this=exp.column("mask"), expression=number(action_mask(self.window.actions))
            ).neq(0)
            days = exp.column("day").between(date_literal(since), date_literal(end))
            return (
                exp.select("member_id", "day")
                .distinct()
                .from_("member_days")
                .where(exp.and_(in_segment, hit, days))
            )
        found = active_days(self.window, since=since, until=end)
        return exp.select("member_id", "day").from_(found.subquery("d")).where(in_segment)

    def _actions(self) -> exp.Select:
        """One row: the segment's reads, replies and topics in the window (one scan)."""
        action = exp.column("action")
        counts = [
            exp.func(
                "COUNT", exp.Case().when(action.eq(exp.Literal.string(a)), exp.Literal.number(1))
            ).as_(f"n_{a}")
            for a in COUNTED_ACTIONS
        ]
        start, end = date_literal(self.window.start), date_literal(self.window.end)
        return (
            exp.select(*counts)
            .from_("activity")
            .where(
                exp.and_(
                    action.isin(*[exp.Literal.string(a) for a in COUNTED_ACTIONS]),
                    exp.column("day").between(start, end),
                    exp.column("member_id").isin(query=exp.select("member_id").from_("seg")),
                )
            )
        )

    def to_query(self) -> exp.Expression:
        start, end = date_literal(self.window.start), date_literal(self.window.end)
        day = exp.column("day")
        recent = date_literal(self.window.end - dt.timedelta(days=ACTIVE_DAYS - 1))
        columns = [
            _scalar(_count("seg"), "members"),
            _scalar(_count("act", day.between(recent, end), distinct="member_id"), "active_30d"),
            _scalar(_count("act", day.between(start, end)), "active_days"),
            *[exp.column(f"n_{a}", table="acts") for a in COUNTED_ACTIONS],
        ]
        for n in RETENTION_DAYS:
            columns += self._retention(n)
        return (
            exp.select(*columns)
            .from_("acts")
            .with_("seg", as_=self._members())
            .with_("act", as_=self._active())
            .with_("acts", as_=self._actions())
        )

    def _retention(self, n: int) -> list[exp.Expr]:
        last = self.window.end - dt.timedelta(days=n)
        joined = exp.column("joined_day", table="s")
        followed = joined.between(date_literal(self.window.start), date_literal(last))
        cohort = _count("seg AS s", followed)
        kept = (
            exp.select(exp.func("COUNT", exp.Distinct(expressions=[exp.column("member_id", "s")])))
            .from_("seg AS s")
            .join(
                "act AS d",
                on=exp.and_(
                    exp.column("member_id", "d").eq(exp.column("member_id", "s")),
                    exp.column("day", "d").eq(exp.Add(this=joined, expression=number(n))),
                ),
            )
            .where(followed)
        )
        return [_scalar(cohort, f"followed_{n}"), _scalar(kept, f"kept_{n}")]

    def shape(self, result: Result) -> SegmentSummary:
        row = dict(zip(result.columns, result.rows[0], strict=True))
        return SegmentSummary(
            name=self.label,
            members=int(row["members"]),
            active_30d=int(row["active_30d"]),
            active_days=int(row["active_days"]),
            window_days=self.window.days,
            actions={a: int(row[f"n_{a}"]) for a in COUNTED_ACTIONS},
            retention={
                n: (int(row[f"followed_{n}"]), int(row[f"kept_{n}"])) for n in RETENTION_DAYS
            },
        )


class SegmentComparison(AnalyticsQuery[list[SegmentSummary]]):
    """Two to four segments' summaries over the same window. An empty segment is refused."""

    name = "segment_comparison"

    def __init__(
        self,
        segments: list[tuple[str, SegmentDefinition]],
        window: Window,
        *,
        today: dt.date,
    ) -> None:
        if not 2 <= len(segments) <= MAX_COMPARED:
            raise SegmentError(_("Choose two to %(n)d segments to compare.") % {"n": MAX_COMPARED})
        names = [name for name, _definition in segments]
        if len(set(names)) != len(names):
            raise SegmentError(_("Choose each segment once."))
        self.parts = [
            SegmentSummaryQuery(definition, window, today=today, label=name)
            for name, definition in segments
        ]
        self.window, self.today = window, today

    def cache_key(self) -> str:
        return "||".join(part.cache_key() for part in self.parts)

    def to_query(self) -> exp.Expression:
        return self.parts[0].to_query()  # each part runs on its own (see compute)

    def shape(self, result: Result) -> list[SegmentSummary]:  # pragma: no cover - compute
        raise NotImplementedError

    def compute(self, engine: Engine) -> list[SegmentSummary]:
        rows = [part.calculate(engine) for part in self.parts]
        empty = [row.name for row in rows if not row.members]
        if empty:
            raise SegmentError(
                _("This segment has no members, so it cannot be compared: %(names)s.")
                % {"names": ", ".join(empty)}
            )
        return rows
