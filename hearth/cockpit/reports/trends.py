"""The trends explorer: one metric per period, by group, against the window before."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.analytics.queries.params import Window
from hearth.analytics.queries.trends import Trend, TrendResult
from hearth.analytics.store.engine import Engine
from hearth.cockpit.exports import Table, range_stem
from hearth.cockpit.reports.labels import BREAKDOWN_LABELS, PERIOD_LABELS, metric_label
from hearth.cockpit.reports.series import NamedSeries, chart_data, series_table, top_series


@dataclass(frozen=True)
class TrendReport:
    window: Window
    metric: str
    breakdown: str | None
    period: str
    result: TrendResult
    series: list[NamedSeries]

    @property
    def periods(self) -> list[dt.date]:
        return self.result.periods

    @property
    def total(self) -> float:
        return self.result.total

    @property
    def previous_total(self) -> float:
        return self.result.previous_total

    @property
    def change(self) -> float | None:
        return self.result.change

    @property
    def previous_range(self) -> tuple[dt.date, dt.date]:
        start = self.window.start - dt.timedelta(days=self.window.days)
        return start, self.window.start - dt.timedelta(days=1)

    @property
    def metric_label(self) -> str:
        return metric_label(self.metric)

    @property
    def breakdown_label(self) -> str:
        return str(BREAKDOWN_LABELS[self.breakdown]) if self.breakdown else ""

    @property
    def stem(self) -> str:
        return f"{self.metric}-{self.period}-{range_stem(self.window)}"

    def table(self) -> Table:
        return series_table(
            slug="trend",
            title=self.metric_label,
            periods=self.periods,
            series=self.series,
            period_label=str(PERIOD_LABELS[self.period]),
            with_total=self.breakdown is not None,
        )

    def chart(self) -> dict[str, object]:
        kind = "line" if self.period == "day" else "bar"
        stack = kind == "bar" and self.breakdown is not None
        return chart_data(self.periods, self.series, kind=kind, stack=stack)


def trend_report(
    engine: Engine, *, window: Window, metric: str, breakdown: str | None, period: str
) -> TrendReport:
    trend = Trend(window, metric=metric, breakdown=breakdown, period=period)
    result = trend.run(engine)
    series = top_series(result, breakdown=breakdown, total_label=metric_label(metric))
    return TrendReport(window, metric, breakdown, period, result, series)
