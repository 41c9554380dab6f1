"""Cohort retention as a heatmap: cohorts down, periods 0…N across, each cell a share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from hearth.analytics.queries.params import Window
from hearth.analytics.queries.retention import Cohort, Retention
from hearth.analytics.store.engine import Engine
from hearth.cockpit.exports import Cell, Column, Table, range_stem
from hearth.cockpit.reports.labels import COHORT_LABELS, value_label, value_labeller


@dataclass(frozen=True)
class RetentionCell:
    n: int
    members: int
    rate: float | None  # None: the period has not begun yet

    @property
    def shade(self) -> int:
        """How much of the brand colour the cell's background takes (percent)."""
        return 0 if self.rate is None else round(6 + self.rate * 84)

    @property
    def dark(self) -> bool:
        return self.rate is not None and self.rate >= 0.5


@dataclass(frozen=True)
class RetentionRow:
    key: str
    label: str
    size: int
    cells: tuple[RetentionCell, ...]


@dataclass(frozen=True)
class RetentionReport:
    window: Window
    period: str
    periods: int
    mode: str
    cohort_by: str
    rows: list[RetentionRow]
    average: RetentionRow | None

    @property
    def cohort_label(self) -> str:
        return str(COHORT_LABELS[self.cohort_by])

    @property
    def offsets(self) -> list[str]:
        return [period_name(self.period, n) for n in range(self.periods + 1)]

    @property
    def stem(self) -> str:
        return f"retention-{self.cohort_by}-{self.period}-{range_stem(self.window)}"

    def _table(self, *, counts: bool) -> Table:
        columns = (
            Column(self.cohort_label),
            Column(_("Members"), "int"),
            *(Column(name, "int" if counts else "percent") for name in self.offsets),
        )
        rows: list[tuple[Cell, ...]] = []
        for row in [*self.rows, *([self.average] if self.average else [])]:
            values: list[Cell] = [
                (c.members if counts else c.rate) if c.rate is not None else None for c in row.cells
            ]
            rows.append((row.label, row.size, *values))
        title = _("Retained members") if counts else _("Retention rate")
        return Table("counts" if counts else "rates", title, columns, tuple(rows))

    def table(self) -> Table:
        return self._table(counts=False)

    def counts_table(self) -> Table:
        return self._table(counts=True)


def period_name(period: str, n: int) -> str:
    if period == "day":
        return _("Day %(n)d") % {"n": n}
    if period == "month":
        return _("Month %(n)d") % {"n": n}
    return _("Week %(n)d") % {"n": n}


def _offset_start(start: dt.date, period: str, n: int) -> dt.date:
    if period == "day":
        return start + dt.timedelta(days=n)
    if period == "week":
        return start + dt.timedelta(weeks=n)
    year, month = divmod(start.month - 1 + n, 12)
    return dt.date(start.year + year, month + 1, 1)


def _row(cohort: Cohort, *, label: str, period: str, today: dt.date | None) -> RetentionRow:
    """``today`` set: the cohort is a join period, and periods not begun yet stay empty."""
    start = dt.date.fromisoformat(cohort.name) if today is not None else None
    cells = []
    for n, (members, rate) in enumerate(zip(cohort.retained, cohort.rates, strict=True)):
        begun = start is None or today is None or _offset_start(start, period, n) <= today
        cells.append(RetentionCell(n, members, rate if begun else None))
    return RetentionRow(cohort.name, label, cohort.size, tuple(cells))


def _average(rows: list[RetentionRow], periods: int) -> RetentionRow | None:
    """Each period's rate over the cohorts that have reached it, weighted by their size."""
    if not rows:
        return None
    cells = []
    for n in range(periods + 1):
        reached = [r for r in rows if r.cells[n].rate is not None]
        size = sum(r.size for r in reached)
        members = sum(r.cells[n].members for r in reached)
        cells.append(RetentionCell(n, members, round(members / size, 4) if size else None))
    total = sum(r.size for r in rows)
    return RetentionRow("", _("All cohorts"), total, tuple(cells))


def _cohort_label(name: str, *, cohort_by: str, period: str, names: dict[str, str]) -> str:
    if cohort_by != "joined":
        return value_label(name, names)
    return name[:7] if period == "month" else name


def retention_report(
    engine: Engine,
    *,
    window: Window,
    period: str,
    periods: int,
    mode: str,
    cohort_by: str,
    today: dt.date,
) -> RetentionReport:
    cohorts = Retention(window, period=period, periods=periods, mode=mode, cohort_by=cohort_by).run(
        engine
    )
    names = value_labeller(cohort_by)
    joined = cohort_by == "joined"
    rows = [
        _row(
            c,
            label=_cohort_label(c.name, cohort_by=cohort_by, period=period, names=names),
            period=period,
            today=today if joined else None,
        )
        for c in cohorts
    ]
    if not joined:
        rows.sort(key=lambda r: (-r.size, r.label))
    return RetentionReport(window, period, periods, mode, cohort_by, rows, _average(rows, periods))
