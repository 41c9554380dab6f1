"""Reading: dwell time and read depth per read, and when members read (weekday × hour).

A *read* is one member, topic and day: its ``read`` row and any ``dwell`` rows
after it. Its dwell is the sum of their seconds, its depth the largest depth
reported (see :mod:`hearth.analytics.definitions`, "Content").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from hearth.analytics.queries.base import AnalyticsQuery
from hearth.analytics.queries.content import count_if, in_days, percentile, ratio
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.sources import date_literal, number
from hearth.analytics.store.engine import Result

# lower bounds (seconds / percent) of the distributions' buckets
DWELL_BUCKETS = (0, 10, 30, 60, 180, 600)
DEPTH_BUCKETS = (0, 25, 50, 75, 100)


def bucket_labels(bounds: tuple[int, ...], unit: str) -> list[str]:
    """``0–9s``, ``10–29s`` … ``600s+`` (the last bucket is open; depth's last is exactly 100)."""
    labels = []
    for i, low in enumerate(bounds):
        if i + 1 < len(bounds):
            labels.append(f"{low}–{bounds[i + 1] - 1}{unit}")
        else:
            labels.append(f"{low}{unit}" if unit == "%" else f"{low}{unit}+")
    return labels


def _bucket_sums(value: exp.Expression, bounds: tuple[int, ...], prefix: str) -> list[exp.Expr]:
    sums: list[exp.Expr] = []
    for i, low in enumerate(bounds):
        condition: exp.Expression | exp.Condition = exp.GTE(this=value, expression=number(low))
        if i + 1 < len(bounds):
            condition = exp.and_(condition, exp.LT(this=value, expression=number(bounds[i + 1])))
        sums.append(count_if(condition).as_(f"{prefix}{i}"))
    return sums


@dataclass(frozen=True)
class DepthRow:
    board_id: int | None  # None: the whole community
    reads: int
    median_dwell: float | None  # seconds
    p90_dwell: float | None
    with_depth: int  # reads whose page reported a depth
    median_depth: float | None
    mean_depth: float | None
    dwell_buckets: tuple[int, ...]
    depth_buckets: tuple[int, ...]

    @property
    def finished(self) -> int:
        """Reads that reached the end (depth 100)."""
        return self.depth_buckets[-1] if self.depth_buckets else 0

    @property
    def finished_share(self) -> float | None:
        return ratio(self.finished, self.with_depth)


@dataclass(frozen=True)
class DepthResult:
    total: DepthRow
    boards: list[DepthRow]


class ReadDepth(AnalyticsQuery[DepthResult]):
    """Median dwell per read, the depth reached, and both distributions, per board and in all."""

    name = "read_depth"

    def __init__(self, window: Window) -> None:
        self.window = window

    def cache_key(self) -> str:
        return self.window.key()

    def reads(self) -> exp.Select:
        action = exp.column("action")
        return (
            exp.select(
                exp.func("MAX", exp.column("board_id")).as_("board_id"),
                exp.func("COALESCE", exp.Sum(this=exp.column("value")), number(0)).as_("dwell"),
                exp.func("MAX", exp.column("depth")).as_("depth"),
                count_if(action.eq("read")).as_("first"),
            )
            .from_("activity")
            .where(
                exp.and_(
                    action.isin(exp.Literal.string("read"), exp.Literal.string("dwell")),
                    exp.column("member_id").is_(exp.null()).not_(),
                    in_days(exp.column("day"), self.window),
                )
            )
            .group_by("member_id", "topic_id", "day")
        )

    def to_query(self) -> exp.Expression:
        dwell, depth = exp.column("dwell", table="r"), exp.column("depth", table="r")
        board = exp.column("board_id", table="r")
        return (
            exp.select(
                board.as_("board_id"),
                exp.func("COUNT", exp.Star()).as_("reads"),
                percentile(0.5, dwell).as_("median_dwell"),
                percentile(0.9, dwell).as_("p90_dwell"),
                exp.func("COUNT", depth).as_("with_depth"),
                percentile(0.5, depth).as_("median_depth"),
                exp.func("AVG", depth).as_("mean_depth"),
                *_bucket_sums(dwell, DWELL_BUCKETS, "dw"),
                *_bucket_sums(depth, DEPTH_BUCKETS, "dp"),
            )
            .from_(self.reads().subquery("r"))
            .where(exp.GT(this=exp.column("first", table="r"), expression=number(0)))
            .group_by(exp.Rollup(expressions=[board]))
        )

    def shape(self, result: Result) -> DepthResult:
        n_dwell = len(DWELL_BUCKETS)
        rows = []
        for row in result.rows:
            board, reads, median, p90, with_depth, median_depth, mean_depth = row[:7]
            buckets = [int(v or 0) for v in row[7:]]
            rows.append(
                DepthRow(
                    board_id=int(board) if board is not None else None,
                    reads=int(reads or 0),
                    median_dwell=_round(median),
                    p90_dwell=_round(p90),
                    with_depth=int(with_depth or 0),
                    median_depth=_round(median_depth),
                    mean_depth=_round(mean_depth),
                    dwell_buckets=tuple(buckets[:n_dwell]),
                    depth_buckets=tuple(buckets[n_dwell:]),
                )
            )
        empty = DepthRow(
            None, 0, None, None, 0, None, None, (0,) * n_dwell, (0,) * len(DEPTH_BUCKETS)
        )
        total = next((r for r in rows if r.board_id is None), empty)
        boards = sorted((r for r in rows if r.board_id is not None), key=lambda r: r.board_id or 0)
        return DepthResult(total, boards)


def _round(value: Any) -> float | None:
    return round(float(value), 1) if value is not None else None


WEEKDAYS = 7
HOURS = 24
QUARTER = 15 * 60  # seconds


@dataclass(frozen=True)
class HeatmapResult:
    """Reads per weekday (0 = Monday) and local hour; ``days`` counts each weekday's days."""

    cells: list[list[int]]  # [weekday][hour]
    days: list[int] = field(default_factory=lambda: [0] * WEEKDAYS)

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.cells)

    def hour_totals(self) -> list[int]:
        return [sum(self.cells[d][h] for d in range(WEEKDAYS)) for h in range(HOURS)]

    def weekday_totals(self) -> list[int]:
        return [sum(row) for row in self.cells]

    def per_day(self, weekday: int) -> float:
        """Average reads on one such day of the window."""
        return self.weekday_totals()[weekday] / self.days[weekday] if self.days[weekday] else 0.0

    @property
    def peak_hour(self) -> int | None:
        totals = self.hour_totals()
        return max(range(HOURS), key=totals.__getitem__) if any(totals) else None

    @property
    def weekend_ratio(self) -> float | None:
        """Reads on an average Saturday/Sunday ÷ on an average Monday–Thursday."""
        weekday = sum(self.per_day(d) for d in range(4)) / 4
        weekend = (self.per_day(5) + self.per_day(6)) / 2
        return round(weekend / weekday, 3) if weekday else None

    def share(self, hours: tuple[int, ...]) -> float | None:
        return ratio(sum(self.hour_totals()[h] for h in hours), self.total)


class ReadingHeatmap(AnalyticsQuery[HeatmapResult]):
    """Reads by weekday × hour of day, both in the window's time zone."""

    name = "reading_heatmap"

    def __init__(self, window: Window) -> None:
        self.window = window

    def cache_key(self) -> str:
        return self.window.key()

    def to_query(self) -> exp.Expression:
        """Reads are counted per quarter of an hour first, and only those (a few thousand)
        are turned into local time: every time zone's offset is a whole number of quarter
        hours, so each quarter falls on one local weekday and hour."""
        quarter = exp.Floor(
            this=exp.Div(
                this=exp.Extract(this=exp.var("EPOCH"), expression=exp.column("occurred_at")),
                expression=number(QUARTER),
            )
        )
        counted = (
            exp.select(quarter.as_("q"), exp.func("COUNT", exp.Star()).as_("n"))
            .from_("activity")
            .where(
                exp.and_(
                    exp.column("action").eq("read"),
                    exp.column("day").between(  # community days: within a day of local ones
                        date_literal(self.window.start - dt.timedelta(days=1)),
                        date_literal(self.window.end + dt.timedelta(days=1)),
                    ),
                )
            )
            .group_by(exp.column("q"))
        )
        local = exp.AtTimeZone(
            this=exp.UnixToTime(this=exp.Mul(this=exp.column("q"), expression=number(QUARTER))),
            zone=exp.Literal.string(self.window.tz),
        )
        inner = exp.select(
            exp.cast(local.copy(), exp.DataType.Type.DATE).as_("local_day"),
            exp.cast(exp.Extract(this=exp.var("ISODOW"), expression=local.copy()), "INT").as_("wd"),
            exp.cast(exp.Extract(this=exp.var("HOUR"), expression=local.copy()), "INT").as_("h"),
            exp.column("n"),
        ).from_(counted.subquery("c"))
        span = exp.column("local_day").between(
            date_literal(self.window.start), date_literal(self.window.end)
        )
        return (
            exp.select("wd", "h", exp.Sum(this=exp.column("n")).as_("reads"))
            .from_(inner.subquery("r"))
            .where(span)
            .group_by("wd", "h")
        )

    def shape(self, result: Result) -> HeatmapResult:
        cells = [[0] * HOURS for _ in range(WEEKDAYS)]
        for weekday, hour, reads in result.rows:
            cells[int(weekday) - 1][int(hour)] = int(reads)
        days = [0] * WEEKDAYS
        day = self.window.start
        while day <= self.window.end:
            days[day.weekday()] += 1
            day += dt.timedelta(days=1)
        return HeatmapResult(cells, days)
