"""Board health: each board's reads, posts and active members against the window before, the
change against the community's, a declining flag and a sparkline; one board's drill-down."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from hearth.analytics.queries.board_trend import BoardDaily
from hearth.analytics.queries.boards import BoardDrilldown, BoardHealth, BoardRow, community_change
from hearth.analytics.queries.params import QueryError, Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.exports import Cell, Column, Table, range_stem
from hearth.cockpit.reports.labels import BREAKDOWN_LABELS, value_label, value_labeller
from hearth.community.selectors import board_names


def _change(now: int, before: int) -> float | None:
    return round((now - before) / before, 4) if before else None


@dataclass(frozen=True)
class BoardLine:
    row: BoardRow
    name: str
    relative: float | None  # reads change against the community's
    declining: bool
    spark: list[int]

    @property
    def board_id(self) -> int:
        return self.row.board_id

    @property
    def reads_change(self) -> float | None:
        return self.row.reads_change

    @property
    def posts_change(self) -> float | None:
        return _change(self.row.posts, self.row.previous_posts)

    @property
    def members_change(self) -> float | None:
        return _change(self.row.members, self.row.previous_members)


@dataclass(frozen=True)
class Segment:
    """One value of one attribute in the drill-down (a Contribution with its labels)."""

    dimension: str
    value: str
    label: str
    current: int
    previous: int
    expected: float
    gap: float
    share: float | None

    @property
    def change(self) -> float | None:
        return _change(self.current, self.previous)


@dataclass(frozen=True)
class Drilldown:
    board_id: int
    name: str
    metric: str
    segments: list[Segment]  # largest shortfall first

    @property
    def top(self) -> Segment | None:
        return self.segments[0] if self.segments else None

    @property
    def by_attribute(self) -> list[tuple[str, list[Segment]]]:
        groups: dict[str, list[Segment]] = {}
        for s in self.segments:
            groups.setdefault(s.dimension, []).append(s)
        return [(str(BREAKDOWN_LABELS.get(d, d)), rows) for d, rows in groups.items()]


@dataclass(frozen=True)
class BoardReport:
    window: Window
    previous: tuple[dt.date, dt.date]
    community: float  # the community's reads change
    lines: list[BoardLine]
    drilldown: Drilldown | None

    @property
    def stem(self) -> str:
        return range_stem(self.window)

    @property
    def declining(self) -> list[BoardLine]:
        return [line for line in self.lines if line.declining]

    @property
    def sparks(self) -> dict[str, list[int]]:
        return {f"board-{line.board_id}": line.spark for line in self.lines}

    def table(self) -> Table:
        columns = (
            Column(_("Board")),
            Column(_("Reads"), "int"),
            Column(_("Reads before"), "int"),
            Column(_("Reads change"), "percent"),
            Column(_("Against the community"), "percent"),
            Column(_("Posts"), "int"),
            Column(_("Posts before"), "int"),
            Column(_("Active members"), "int"),
            Column(_("Active members before"), "int"),
            Column(_("Declining")),
        )
        rows: tuple[tuple[Cell, ...], ...] = tuple(
            (
                line.name,
                line.row.reads,
                line.row.previous_reads,
                line.reads_change,
                line.relative,
                line.row.posts,
                line.row.previous_posts,
                line.row.members,
                line.row.previous_members,
                _("Yes") if line.declining else _("No"),
            )
            for line in self.lines
        )
        return Table("boards", _("Board health"), columns, rows)

    def drilldown_table(self) -> Table:
        columns = (
            Column(_("Attribute")),
            Column(_("Segment")),
            Column(_("This window"), "int"),
            Column(_("Previous window"), "int"),
            Column(_("Expected at the community's trend"), "number"),
            Column(_("Gap"), "number"),
            Column(_("Share of the attribute's gap"), "percent"),
        )
        segments = self.drilldown.segments if self.drilldown else []
        rows: tuple[tuple[Cell, ...], ...] = tuple(
            (
                str(BREAKDOWN_LABELS.get(s.dimension, s.dimension)),
                s.label,
                s.current,
                s.previous,
                s.expected,
                s.gap,
                s.share,
            )
            for s in segments
        )
        name = self.drilldown.name if self.drilldown else ""
        return Table("drilldown", _("Why: %(board)s") % {"board": name}, columns, rows)

    def tables(self) -> dict[str, Table]:
        found = {"boards": self.table()}
        if self.drilldown is not None:
            found["drilldown"] = self.drilldown_table()
        return found


def _drilldown(engine: Engine, window: Window, board_id: int, metric: str, name: str) -> Drilldown:
    found: list[Any] = BoardDrilldown(window, board_id=board_id, metric=metric).run(engine)
    labels: dict[str, dict[str, str]] = {}
    segments = []
    for c in found:
        names = labels.setdefault(c.dimension, value_labeller(c.dimension))
        segments.append(
            Segment(
                c.dimension,
                c.value,
                value_label(c.value, names),
                c.current,
                c.previous,
                c.expected,
                c.gap,
                c.share,
            )
        )
    return Drilldown(board_id, name, metric, segments)


def board_report(engine: Engine, *, window: Window, board: int | None, metric: str) -> BoardReport:
    names = board_names()
    if board is not None and board not in names:
        raise QueryError(_("There is no board %(id)d.") % {"id": board})
    rows = BoardHealth(window).run(engine)
    trend = community_change(rows)
    daily = BoardDaily(window).run(engine)
    lines = [
        BoardLine(
            row=r,
            name=names.get(r.board_id, f"#{r.board_id}"),
            relative=r.relative_change(trend),
            declining=r.declining(trend),
            spark=daily.get(r.board_id, [0] * window.days),
        )
        for r in rows
    ]
    lines.sort(key=lambda line: (not line.declining, -line.row.reads, line.name))
    drill = _drilldown(engine, window, board, metric, names[board]) if board is not None else None
    start = window.start - dt.timedelta(days=window.days)
    previous = (start, window.start - dt.timedelta(days=1))
    return BoardReport(window, previous, trend, lines, drill)
