"""The stickiness distribution as the lifecycle page shows it: members by active days (or weeks
or months) of the range, as a bar chart and a table."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.analytics.queries.params import Window
from hearth.analytics.queries.stickiness import StickinessBucket, StickinessDistribution
from hearth.analytics.store.engine import Engine
from hearth.cockpit.exports import Cell, Column, Table


def bucket_label(n: int, period: str) -> str:
    if period == "week":
        return ngettext("%(n)d week", "%(n)d weeks", n) % {"n": n}
    if period == "month":
        return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}
    return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


@dataclass(frozen=True)
class StickinessReport:
    window: Window
    period: str
    buckets: list[StickinessBucket]

    @property
    def active(self) -> int:
        return sum(b.members for b in self.buckets)

    @property
    def mean(self) -> float | None:
        """Active periods per active member."""
        total = sum(b.periods * b.members for b in self.buckets)
        return round(total / self.active, 2) if self.active else None

    @property
    def title(self) -> str:
        if self.period == "week":
            return _("Members by the number of weeks they were active")
        if self.period == "month":
            return _("Members by the number of months they were active")
        return _("Members by the number of days they were active")

    def table(self) -> Table:
        columns = (
            Column(_("Active in")),
            Column(_("Members"), "int"),
            Column(_("Share of active members"), "percent"),
        )
        rows: tuple[tuple[Cell, ...], ...] = tuple(
            (bucket_label(b.periods, self.period), b.members, b.share) for b in self.buckets
        )
        return Table("stickiness", _("Stickiness"), columns, rows)

    def chart(self) -> dict[str, object]:
        return {
            "x": [str(b.periods) for b in self.buckets],
            "series": [{"name": _("Members"), "data": [b.members for b in self.buckets]}],
        }


def stickiness_report(engine: Engine, *, window: Window, period: str) -> StickinessReport:
    buckets = StickinessDistribution(window, period=period).run(engine)
    return StickinessReport(window, period, buckets)
