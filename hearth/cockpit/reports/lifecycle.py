"""Lifecycle per period: new, returning and resurrecting members, and those gone dormant."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.analytics.queries.lifecycle import Lifecycle, LifecycleRow
from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.exports import Cell, Column, Table, range_stem
from hearth.cockpit.reports.labels import PERIOD_LABELS
from hearth.cockpit.reports.stickiness import StickinessReport, stickiness_report

STATUS_LABELS: dict[str, Promise] = {
    "new": gettext_lazy("New"),
    "returning": gettext_lazy("Returning"),
    "resurrecting": gettext_lazy("Resurrecting"),
    "dormant": gettext_lazy("Dormant"),
}


@dataclass(frozen=True)
class LifecycleReport:
    window: Window
    period: str
    rows: list[LifecycleRow]
    stickiness: StickinessReport | None = None

    @property
    def stem(self) -> str:
        return f"lifecycle-{self.period}-{range_stem(self.window)}"

    @property
    def totals(self) -> list[tuple[str, str, int]]:
        """(status, label, sum over the range) of each status."""
        return [
            (status, str(label), sum(getattr(r, status) for r in self.rows))
            for status, label in STATUS_LABELS.items()
        ]

    def table(self) -> Table:
        columns = (
            Column(str(PERIOD_LABELS[self.period]), "date"),
            *(Column(str(label), "int") for label in STATUS_LABELS.values()),
            Column(_("Active members"), "int"),
        )
        rows: tuple[tuple[Cell, ...], ...] = tuple(
            (
                r.start,
                r.new,
                r.returning,
                r.resurrecting,
                r.dormant,
                r.new + r.returning + r.resurrecting,
            )
            for r in self.rows
        )
        return Table("lifecycle", _("Lifecycle"), columns, rows)

    def chart(self) -> dict[str, object]:
        return {
            "x": [r.start.isoformat() for r in self.rows],
            "series": [
                {"name": str(label), "key": status, "data": [getattr(r, status) for r in self.rows]}
                for status, label in STATUS_LABELS.items()
            ],
            "kind": "bar",
            "stack": True,
            "lifecycle": True,
        }


def lifecycle_report(
    engine: Engine, *, window: Window, period: str, sticky: str | None = None
) -> LifecycleReport:
    """``sticky``: also the stickiness distribution, counted in days, weeks or months."""
    rows = Lifecycle(window, period=period).run(engine)
    found = stickiness_report(engine, window=window, period=sticky) if sticky else None
    return LifecycleReport(window, period, rows, found)
