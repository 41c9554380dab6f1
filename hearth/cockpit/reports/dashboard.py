"""The analytics dashboard: key figures against the period before, and active members by group."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.analytics.anomalies.selectors import anomaly_list
from hearth.analytics.models import AlertStatus
from hearth.analytics.queries.active import ActiveMembers, Point, Stickiness
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.trends import Trend
from hearth.analytics.store.engine import Engine
from hearth.cockpit.exports import Cell, Column, Table, range_stem
from hearth.cockpit.reports.alerts import AlertRow, alert_rows
from hearth.cockpit.reports.labels import BREAKDOWN_LABELS, metric_label
from hearth.cockpit.reports.series import NamedSeries, chart_data, series_table, top_series

ALERTS_SHOWN = 3
# key, label, rolling window (days; 0 for stickiness) — the value is the last day's
ROLLING: tuple[tuple[str, Promise, int], ...] = (
    ("dau", gettext_lazy("DAU"), 1),
    ("wau", gettext_lazy("WAU"), 7),
    ("mau", gettext_lazy("MAU"), 30),
    ("stickiness", gettext_lazy("Stickiness"), 0),
)
# key, label, trend metric — the value is the range's total
TOTALS: tuple[tuple[str, Promise, str], ...] = (
    ("new_members", gettext_lazy("New members"), "new_members"),
    ("reads", gettext_lazy("Reads"), "read"),
    ("replies", gettext_lazy("Replies"), "reply"),
    ("topics", gettext_lazy("Topics"), "topic"),
    ("shares", gettext_lazy("Shares"), "share"),
)


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    hint: str  # what the value covers
    value: float
    previous: float  # the same figure for the period before, of the same length
    spark: tuple[float, ...]  # one value per day of the range
    percent: bool = False  # a share (stickiness), not a count

    @property
    def delta(self) -> float:
        return round(self.value - self.previous, 4)

    @property
    def change(self) -> float | None:
        """Relative change against the period before (None when that was 0)."""
        if not self.previous:
            return None
        return round((self.value - self.previous) / self.previous, 4)


@dataclass(frozen=True)
class Dashboard:
    window: Window
    breakdown: str | None
    kpis: list[Kpi]
    periods: list[dt.date]
    series: list[NamedSeries]
    alerts: tuple[AlertRow, ...] = ()  # the most recent open anomaly alerts
    open_alerts: int = 0

    @property
    def stem(self) -> str:
        return range_stem(self.window)

    @property
    def rolling(self) -> list[Kpi]:
        return self.kpis[: len(ROLLING)]

    @property
    def totals(self) -> list[Kpi]:
        return self.kpis[len(ROLLING) :]

    @property
    def sparks(self) -> dict[str, list[float]]:
        return {k.key: list(k.spark) for k in self.kpis}

    def kpi_table(self) -> Table:
        columns = (
            Column(_("Metric")),
            Column(_("Covers")),
            Column(_("Value"), "number"),
            Column(_("Previous period"), "number"),
            Column(_("Change vs previous period"), "percent"),
        )
        rows: tuple[tuple[Cell, ...], ...] = tuple(
            (k.label, k.hint, k.value, k.previous, k.change) for k in self.kpis
        )
        return Table("kpis", _("Key figures"), columns, rows)

    def breakdown_table(self) -> Table:
        return series_table(
            slug="active",
            title=_("Active members per day"),
            periods=self.periods,
            series=self.series,
            period_label=_("Day"),
            with_total=self.breakdown is not None,
        )

    def chart(self) -> dict[str, object]:
        # groups partition the members, so by group the day's bars add up to its DAU
        grouped = self.breakdown is not None
        return chart_data(
            self.periods, self.series, kind="bar" if grouped else "line", stack=grouped
        )

    @property
    def breakdown_label(self) -> str:
        return str(BREAKDOWN_LABELS[self.breakdown]) if self.breakdown else ""


def _rolling(engine: Engine, window: Window) -> list[Kpi]:
    """DAU, WAU, MAU and stickiness on the range's last day, and on the day before it started."""
    before = dataclasses.replace(window, start=window.start - dt.timedelta(days=window.days))
    end = window.end.strftime("%m-%d")
    hints = {
        "dau": _("on %(day)s") % {"day": end},
        "wau": _("7 days to %(day)s") % {"day": end},
        "mau": _("30 days to %(day)s") % {"day": end},
        "stickiness": _("DAU ÷ MAU"),
    }
    kpis = []
    for key, label, days in ROLLING:
        points: list[Point] = (
            Stickiness(before).run(engine)
            if key == "stickiness"
            else ActiveMembers(before, days=days).run(engine)
        )
        previous, current = points[: window.days], points[window.days :]
        kpis.append(
            Kpi(
                key=key,
                label=str(label),
                hint=hints[key],
                value=current[-1].value,
                previous=previous[-1].value,
                spark=tuple(p.value for p in current),
                percent=key == "stickiness",
            )
        )
    return kpis


def _totals(engine: Engine, window: Window) -> list[Kpi]:
    kpis = []
    for key, label, metric in TOTALS:
        result = Trend(window, metric=metric, period="day").run(engine)
        points = result.series[0].points if result.series else {}
        kpis.append(
            Kpi(
                key=key,
                label=str(label),
                hint=_("in the range"),
                value=result.total,
                previous=result.previous_total,
                spark=tuple(points.get(p, 0.0) for p in result.periods),
            )
        )
    return kpis


def dashboard_report(engine: Engine, *, window: Window, breakdown: str | None) -> Dashboard:
    active = Trend(window, metric="active", breakdown=breakdown, period="day").run(engine)
    series = top_series(active, breakdown=breakdown, total_label=metric_label("active"))
    kpis = _rolling(engine, window) + _totals(engine, window)
    found = anomaly_list(status=AlertStatus.OPEN)
    alerts = tuple(alert_rows(list(found[:ALERTS_SHOWN])))
    return Dashboard(window, breakdown, kpis, active.periods, series, alerts, found.count())
