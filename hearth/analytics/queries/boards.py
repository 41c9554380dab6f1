"""Board health: reads, posts and active members per board against the window before, which
boards decline, and why — the segments that contributed most to a board's change.

*Declining*: against the previous window of the same length, the board's
reads did at least ``DECLINE_THRESHOLD`` (15 %) worse than the whole
community's (``(1 + board change) / (1 + community change) - 1``), from at
least ``DECLINE_MIN_READS`` reads: a board that grows 10 % while the
community grows 40 % is losing its readers' attention.
*Contribution* of a segment (e.g. age band 18-24) to a board's change: the
segment's reads now minus what they would be had they followed the
community's change (its *gap*); each attribute's segments are ranked by gap,
the biggest shortfall first, with their share of the attribute's total gap.
Segments come from the attributes each action was recorded with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.utils.translation import gettext as _
from sqlglot import exp

from hearth.analytics.definitions import DIMENSIONS
from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.contribution import (
    Contribution,
    contributions,
    count_if,
    segment_counts,
)
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.queries.sources import date_literal
from hearth.analytics.store.engine import Engine, Result

DECLINE_THRESHOLD = 0.15
DECLINE_MIN_READS = 20
POSTS = ("topic", "reply")


@dataclass(frozen=True)
class BoardRow:
    board_id: int
    reads: int
    previous_reads: int
    posts: int
    previous_posts: int
    members: int
    previous_members: int

    @property
    def reads_change(self) -> float | None:
        return _change(self.reads, self.previous_reads)

    def relative_change(self, community_change: float) -> float | None:
        """The board's reads change against the community's (0: the same trend)."""
        change = self.reads_change
        if change is None or community_change <= -1:
            return None
        return round((1 + change) / (1 + community_change) - 1, 4)

    def declining(self, community_change: float) -> bool:
        relative = self.relative_change(community_change)
        return (
            relative is not None
            and self.previous_reads >= DECLINE_MIN_READS
            and relative <= -DECLINE_THRESHOLD
        )


def community_change(rows: list[BoardRow]) -> float:
    """The change of all boards' reads together (0 when there were none before)."""
    before = sum(r.previous_reads for r in rows)
    return (sum(r.reads for r in rows) - before) / before if before else 0.0


def _change(now: int, before: int) -> float | None:
    return round((now - before) / before, 4) if before else None


def _previous(window: Window) -> tuple[dt.date, dt.date]:
    length = dt.timedelta(days=window.days)
    return window.start - length, window.start - dt.timedelta(days=1)


def _in(start: dt.date, end: dt.date) -> exp.Expression | exp.Condition:
    return exp.column("day").between(date_literal(start), date_literal(end))


class BoardHealth(AnalyticsQuery[list[BoardRow]]):
    name = "board_health"

    def __init__(self, window: Window) -> None:
        self.window = window

    def cache_key(self) -> str:
        return self.window.key()

    def to_query(self) -> exp.Expression:
        before = _previous(self.window)
        now = _in(self.window.start, self.window.end)
        then = _in(*before)
        read = exp.column("action").eq("read")
        post = exp.column("action").isin(*[exp.Literal.string(a) for a in POSTS])

        def members(span: exp.Expression | exp.Condition) -> exp.Expression:
            case = exp.Case().when(span, exp.column("member_id")).else_(exp.null())
            return exp.Count(this=exp.Distinct(expressions=[case]))

        return (
            exp.select(
                "board_id",
                count_if(exp.and_(read, now)).as_("reads"),
                count_if(exp.and_(read, then)).as_("previous_reads"),
                count_if(exp.and_(post, now)).as_("posts"),
                count_if(exp.and_(post, then)).as_("previous_posts"),
                members(now).as_("members"),
                members(then).as_("previous_members"),
            )
            .from_("activity")
            .where(
                exp.and_(
                    exp.column("board_id").is_(exp.null()).not_(),
                    _in(before[0], self.window.end),
                )
            )
            .group_by("board_id")
            .order_by("board_id")
        )

    def shape(self, result: Result) -> list[BoardRow]:
        return [BoardRow(*(int(v or 0) for v in row)) for row in result.rows]

    def from_rollup(self, engine: Engine) -> list[BoardRow] | None:
        from hearth.analytics.store.rollups import BOARD_WINDOW, rollup_covers, rollup_rows

        name = f"board_health:{BOARD_WINDOW}"
        if self.window.days != BOARD_WINDOW or not rollup_covers(engine, name, self.window):
            return None
        values: dict[int, list[int]] = {}
        for _at, board, field, value in rollup_rows(engine, name, self.window.end, self.window.end):
            values.setdefault(int(board), [0] * (len(fields(BoardRow)) - 1))[int(field)] = int(
                value
            )
        return [BoardRow(board, *fields) for board, fields in sorted(values.items())]


class BoardDrilldown(AnalyticsQuery[list[Contribution]]):
    """Which segments of one board's readers (or posters) made its change."""

    name = "board_drilldown"

    def __init__(self, window: Window, *, board_id: int, metric: str = "read") -> None:
        if metric not in ("read", *POSTS):
            raise QueryError(_("Unknown metric: %(m)s.") % {"m": metric})
        self.window, self.board_id, self.metric = window, board_id, metric

    def cache_key(self) -> str:
        return f"{self.window.key()}:{self.board_id}:{self.metric}"

    def to_query(self) -> exp.Expression:
        before = _previous(self.window)
        now = _in(self.window.start, self.window.end)
        then = _in(*before)
        return segment_counts(
            "activity",
            dimensions=DIMENSIONS,
            now=now,
            then=then,
            where=exp.and_(
                exp.column("board_id").eq(self.board_id),
                exp.column("action").eq(self.metric),
                _in(before[0], self.window.end),
            ),
        )

    def community_query(self) -> exp.Expression:
        before = _previous(self.window)
        return (
            exp.select(
                count_if(_in(self.window.start, self.window.end)).as_("current"),
                count_if(_in(*before)).as_("previous"),
            )
            .from_("activity")
            .where(
                exp.and_(
                    exp.column("action").eq(self.metric),
                    exp.column("board_id").is_(exp.null()).not_(),
                    _in(before[0], self.window.end),
                )
            )
        )

    def compute(self, engine: Engine) -> list[Contribution]:
        current, previous = (int(v or 0) for v in engine.run(self.community_query()).rows[0])
        self.growth = (current - previous) / previous if previous else 0.0
        return self.shape(engine.run(self.to_query()))

    def shape(self, result: Result) -> list[Contribution]:
        return contributions(result.rows, getattr(self, "growth", 0.0))
