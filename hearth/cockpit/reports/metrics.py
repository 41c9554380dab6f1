"""The metrics page: one metric per period against the period before, and the custom metrics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from hearth.analytics.metrics import MetricDef, MetricSeries, metric_choices, metric_series
from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.exports import Cell, Column, Kind, Table, range_stem
from hearth.cockpit.reports.labels import PERIOD_LABELS


def _change(value: float | None, before: float | None) -> float | None:
    if value is None or not before:
        return None
    return round((value - before) / before, 4)


@dataclass(frozen=True)
class MetricReport:
    series: MetricSeries
    metrics: list[MetricDef]  # every metric (the custom ones are listed on the page)

    @property
    def metric(self) -> MetricDef:
        return self.series.metric

    @property
    def window(self) -> Window:
        return self.series.window

    @property
    def custom(self) -> list[MetricDef]:
        return [m for m in self.metrics if m.custom]

    @property
    def stem(self) -> str:
        return f"{self.metric.key}-{self.series.period}-{range_stem(self.window)}"

    @property
    def previous_range(self) -> tuple[dt.date, dt.date]:
        return self.series.previous_range

    def table(self) -> Table:
        value_kind: Kind = "percent" if self.metric.percent else "number"
        columns = [Column(str(PERIOD_LABELS[self.series.period]), "date")]
        ratio = self.metric.kind == "ratio"
        if ratio:
            columns += [Column(_("Numerator"), "int"), Column(_("Denominator"), "int")]
        columns += [
            Column(self.metric.label, value_kind),
            Column(_("Period before"), value_kind),
            Column(_("Change vs period before"), "percent"),
        ]
        rows: list[tuple[Cell, ...]] = []
        for point, before in self.series.compared():
            counts: tuple[Cell, ...] = (point.numerator, point.denominator) if ratio else ()
            rows.append((point.start, *counts, point.value, before, _change(point.value, before)))
        return Table("metric", self.metric.label, tuple(columns), tuple(rows))

    def chart(self) -> dict[str, object]:
        """This window and the window before, period by period (what metrics.js draws)."""
        before = list(self.series.before)[-len(self.series.points) :]
        padding = [None] * (len(self.series.points) - len(before))
        return {
            "x": [p.start.isoformat() for p in self.series.points],
            "percent": self.metric.percent,
            "kind": "line" if self.series.period == "day" else "bar",
            "series": [
                {"name": self.metric.label, "data": [p.value for p in self.series.points]},
                {
                    "name": _("Previous range"),
                    "data": padding + [p.value for p in before],
                    "previous": True,
                },
            ],
        }


def metric_report(engine: Engine, *, window: Window, key: str, period: str) -> MetricReport:
    series = metric_series(key=key, window=window, period=period, engine=engine)
    return MetricReport(series, metric_choices())
