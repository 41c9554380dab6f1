"""A trend's series as the pages draw them: the largest groups by name, the rest as one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from hearth.analytics.queries.trends import TrendResult
from hearth.cockpit.exports import Cell, Column, Table
from hearth.cockpit.reports.labels import value_label, value_labeller

TOP = 8
OTHER = "__other__"


@dataclass(frozen=True)
class NamedSeries:
    key: str  # the attribute's stored value; "" the whole community; OTHER the rest
    label: str
    values: tuple[float, ...]

    @property
    def total(self) -> float:
        return sum(self.values)


def top_series(
    result: TrendResult, *, breakdown: str | None, total_label: str, limit: int = TOP
) -> list[NamedSeries]:
    """One series per group, largest first, at most ``limit`` and "other" for the rest.

    Groups partition what is counted (a member has one value of an attribute
    now, an action was recorded with one), so the rest may be summed.
    """
    periods = result.periods
    if breakdown is None:
        values = result.series[0].points if result.series else {}
        return [NamedSeries("", total_label, tuple(values.get(p, 0.0) for p in periods))]
    names = value_labeller(breakdown)
    shown = [
        NamedSeries(
            s.name, value_label(s.name, names), tuple(s.points.get(p, 0.0) for p in periods)
        )
        for s in result.series[:limit]
    ]
    rest = result.series[limit:]
    if rest:
        summed = tuple(sum(s.points.get(p, 0.0) for s in rest) for p in periods)
        label = _("Other (%(n)d)") % {"n": len(rest)}
        shown.append(NamedSeries(OTHER, label, summed))
    return shown


def series_table(
    *,
    slug: str,
    title: str,
    periods: list[dt.date],
    series: list[NamedSeries],
    period_label: str,
    with_total: bool,
) -> Table:
    """Periods down, one column per series (and their sum when ``with_total``)."""
    columns = [Column(period_label, "date"), *(Column(s.label, "int") for s in series)]
    if with_total:
        columns.append(Column(_("Total"), "int"))
    rows: list[tuple[Cell, ...]] = []
    for i, period in enumerate(periods):
        values = [round(s.values[i]) for s in series]
        rows.append((period, *values, *([sum(values)] if with_total else [])))
    return Table(slug=slug, title=title, columns=tuple(columns), rows=tuple(rows))


def chart_data(
    periods: list[dt.date], series: list[NamedSeries], **extra: object
) -> dict[str, object]:
    """What ``analytics.js`` draws: the x axis and one named list of numbers per series."""
    return {
        "x": [p.isoformat() for p in periods],
        "series": [{"name": s.label, "key": s.key, "data": list(s.values)} for s in series],
        **extra,
    }
