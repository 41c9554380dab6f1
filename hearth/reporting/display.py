"""What the report's page, PDF and e-mail show, derived from the stored snapshot only.

Nothing is recomputed from live data: an archived report stays as it was generated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hearth.reporting.models import OperationsReport
from hearth.reporting.sections import CohortRow, Sections

CHART_METRICS = (
    ("dau", gettext_noop("Daily active members")),
    ("new_members", gettext_noop("New members")),
)


@dataclass(frozen=True)
class CohortCell:
    rate: float | None
    alpha: str  # background opacity of the heat-map cell, "0.00"–"0.85"


@dataclass(frozen=True)
class CohortLine:
    name: str
    size: int
    cells: list[CohortCell]


@dataclass(frozen=True)
class DailyChart:
    key: str
    title: str
    days: list[str]
    values: list[float | None]


def report_sections(report: OperationsReport) -> Sections:
    """The stored snapshot (an empty one reads as a report without data)."""
    return cast(Sections, report.sections or {})


def cohort_lines(cohorts: list[CohortRow]) -> tuple[list[int], list[CohortLine]]:
    """Week numbers and the rows of the retention heat map, padded to the longest cohort."""
    width = max((len(row["rates"]) for row in cohorts), default=0)
    lines = []
    for row in cohorts:
        cells = [CohortCell(rate, f"{min(rate, 1.0) * 0.85:.2f}") for rate in row["rates"]] + [
            CohortCell(None, "0.00")
        ] * (width - len(row["rates"]))
        lines.append(CohortLine(row["name"], row["size"], cells))
    return list(range(width)), lines


def daily_charts(sections: Sections) -> list[DailyChart]:
    """The daily series charted on every report (those present in the snapshot)."""
    daily = sections.get("daily") or {}
    days = sections.get("days") or []
    titles = {key: _(title) for key, title in CHART_METRICS}
    labels = {kpi["key"]: kpi["label"] for kpi in sections.get("kpis") or []}
    return [
        DailyChart(key, labels.get(key) or titles[key], list(days), list(daily[key]))
        for key, _title in CHART_METRICS
        if daily.get(key)
    ]


def report_context(report: OperationsReport) -> dict[str, Any]:
    """Everything the report templates need."""
    sections = report_sections(report)
    weeks, cohorts = cohort_lines(sections.get("cohorts") or [])
    moderation = sections.get("moderation")
    return {
        "report": report,
        "s": sections,
        "has_data": bool(sections.get("has_data")) and report.has_data,
        "cohort_weeks": weeks,
        "cohort_lines": cohorts,
        "charts": daily_charts(sections),
        "moderation": moderation,
        "moderation_change": _change(moderation["reports"], moderation["previous_reports"])
        if moderation
        else None,
    }


def _change(value: float, previous: float) -> float | None:
    return (value - previous) / previous if previous else None
