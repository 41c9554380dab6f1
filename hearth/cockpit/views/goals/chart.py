"""The goal's charts as the page's script reads them (json_script "goal-chart-data")."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from hearth.goals.selectors import GoalChart


def _round(values: list[float | None]) -> list[float | None]:
    return [None if v is None else round(v, 2) for v in values]


def chart_data(chart: GoalChart) -> dict[str, Any]:
    history = chart.history
    return {
        "kind": chart.kind,
        "days": chart.days,
        "actual": _round(chart.actual),
        "expected": _round(chart.expected),
        "forecast": _round(chart.forecast),
        "low": _round(chart.low),
        "high": _round(chart.high),
        "target": None if chart.target is None else round(chart.target, 2),
        "baseline": None if chart.baseline is None else round(chart.baseline, 2),
        "history": {
            "days": [p.day for p in history],
            "forecast": _round([p.forecast for p in history]),
            "low": _round([p.low for p in history]),
            "high": _round([p.high for p in history]),
        },
        "labels": {
            "actual": _("Actual") if chart.kind != "count" else _("Actual (running total)"),
            "expected": _("Expected pace"),
            "forecast": _("Forecast"),
            "low": _("Forecast, low"),
            "band": _("Forecast band"),
            "target": _("Target value"),
        },
    }
