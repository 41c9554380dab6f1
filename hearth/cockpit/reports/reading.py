"""Reading: when members read (weekday × hour heatmap in a chosen time zone), how long a read
lasts and how far down the topic it gets, per board."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.analytics.queries.params import Window
from hearth.analytics.queries.reading import (
    DEPTH_BUCKETS,
    DWELL_BUCKETS,
    HOURS,
    WEEKDAYS,
    DepthResult,
    DepthRow,
    HeatmapResult,
    ReadDepth,
    ReadingHeatmap,
    bucket_labels,
)
from hearth.analytics.store.engine import Engine
from hearth.cockpit.content_selectors import board_names_for
from hearth.cockpit.exports import Cell, Column, Table, range_stem
from hearth.cockpit.reports.content import Tile, previous_window

WEEKDAY_LABELS: tuple[Promise, ...] = (
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
)


def _depth_labels() -> list[str]:
    labels = bucket_labels(DEPTH_BUCKETS, "%")
    labels[-1] = _("100% (to the end)")
    return labels


@dataclass(frozen=True)
class ReadingReport:
    window: Window
    depth: DepthResult
    previous: DepthResult
    heatmap: HeatmapResult
    boards: dict[int, str]

    @property
    def stem(self) -> str:
        zone = self.window.tz.replace("/", "-")
        return f"{range_stem(self.window)}-{zone}"

    def tiles(self) -> list[Tile]:
        return [*self._read_tiles(), *self._time_tiles()]

    def _read_tiles(self) -> list[Tile]:
        now, before = self.depth.total, self.previous.total
        return [
            Tile(
                "reads",
                _("Reads"),
                float(now.reads),
                float(before.reads),
                _("one per member, topic and day"),
            ),
            Tile(
                "dwell",
                _("Median reading time"),
                now.median_dwell,
                before.median_dwell,
                _("90th percentile %(s)s s") % {"s": _num(now.p90_dwell)},
                "seconds",
            ),
            Tile(
                "depth",
                _("Median read depth"),
                _pct(now.median_depth),
                _pct(before.median_depth),
                _("%(n)d reads report a depth") % {"n": now.with_depth},
                "percent",
            ),
            Tile(
                "finished",
                _("Read to the end"),
                now.finished_share,
                before.finished_share,
                _("reached 100% of the topic"),
                "percent",
            ),
        ]

    def _time_tiles(self) -> list[Tile]:
        heat = self.heatmap
        peak = heat.peak_hour
        return [
            Tile(
                "peak",
                _("Busiest hour"),
                float(peak) if peak is not None else None,
                None,
                _("%(tz)s time") % {"tz": self.window.tz},
                "hour",
            ),
            Tile(
                "weekend",
                _("Weekend vs weekday"),
                heat.weekend_ratio,
                None,
                _("reads on a weekend day ÷ Monday–Thursday"),
                "ratio",
            ),
        ]

    def heatmap_table(self) -> Table:
        columns = (
            Column(_("Weekday")),
            *(Column(f"{h:02d}", "int") for h in range(HOURS)),
            Column(_("Total"), "int"),
            Column(_("Per day"), "number"),
        )
        rows: tuple[tuple[Cell, ...], ...] = tuple(
            (
                str(WEEKDAY_LABELS[d]),
                *self.heatmap.cells[d],
                sum(self.heatmap.cells[d]),
                round(self.heatmap.per_day(d), 1),
            )
            for d in range(WEEKDAYS)
        )
        return Table("heatmap", _("Reads by weekday and hour"), columns, rows)

    def dwell_table(self) -> Table:
        labels = bucket_labels(DWELL_BUCKETS, "s")
        total = self.depth.total
        rows = tuple(
            (label, n, n / total.reads if total.reads else None)
            for label, n in zip(labels, total.dwell_buckets, strict=True)
        )
        columns = (
            Column(_("Reading time")),
            Column(_("Reads"), "int"),
            Column(_("Share"), "percent"),
        )
        return Table("dwell", _("Reading time per read"), columns, rows)

    def depth_table(self) -> Table:
        total = self.depth.total
        rows = tuple(
            (label, n, n / total.with_depth if total.with_depth else None)
            for label, n in zip(_depth_labels(), total.depth_buckets, strict=True)
        )
        columns = (
            Column(_("Read depth")),
            Column(_("Reads"), "int"),
            Column(_("Share"), "percent"),
        )
        return Table("depth", _("Read depth"), columns, rows)

    def board_table(self) -> Table:
        columns = (
            Column(_("Board")),
            Column(_("Reads"), "int"),
            Column(_("Median reading time (s)"), "number"),
            Column(_("90th percentile (s)"), "number"),
            Column(_("Reads with a depth"), "int"),
            Column(_("Median depth"), "percent"),
            Column(_("Mean depth"), "percent"),
            Column(_("Read to the end"), "percent"),
        )
        lines = sorted(self.depth.boards, key=lambda r: -r.reads)
        rows = tuple(self._board_row(r) for r in [*lines, self.depth.total])
        return Table("boards", _("Reading by board"), columns, rows)

    def _board_row(self, row: DepthRow) -> tuple[Cell, ...]:
        name = (
            _("All boards")
            if row.board_id is None
            else self.boards.get(row.board_id, str(row.board_id))
        )
        return (
            name,
            row.reads,
            row.median_dwell,
            row.p90_dwell,
            row.with_depth,
            _pct(row.median_depth),
            _pct(row.mean_depth),
            row.finished_share,
        )

    def tables(self) -> dict[str, Table]:
        return {
            "heatmap": self.heatmap_table(),
            "boards": self.board_table(),
            "dwell": self.dwell_table(),
            "depth": self.depth_table(),
        }

    def chart(self) -> dict[str, object]:
        heat = self.heatmap
        return {
            "hours": [f"{h:02d}" for h in range(HOURS)],
            "weekdays": [str(label) for label in WEEKDAY_LABELS],
            "cells": [[h, d, heat.cells[d][h]] for d in range(WEEKDAYS) for h in range(HOURS)],
            "max": max((max(row) for row in heat.cells), default=0),
            "reads": _("Reads"),
            "dwell": {
                "labels": bucket_labels(DWELL_BUCKETS, "s"),
                "data": list(self.depth.total.dwell_buckets),
            },
            "depth": {"labels": _depth_labels(), "data": list(self.depth.total.depth_buckets)},
        }


def _pct(value: float | None) -> float | None:
    """A depth in percent (0–100) as a share (0–1)."""
    return round(value / 100, 4) if value is not None else None


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def reading_report(engine: Engine, *, window: Window) -> ReadingReport:
    depth = ReadDepth(window).run(engine)
    previous = ReadDepth(previous_window(window)).run(engine)
    heatmap = ReadingHeatmap(window).run(engine)
    boards = board_names_for(ids=[r.board_id for r in depth.boards if r.board_id is not None])
    return ReadingReport(window, depth, previous, heatmap, boards)
