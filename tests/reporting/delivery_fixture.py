"""A small report snapshot for the delivery tests (English labels)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearth.reporting.models import OperationsReport


def small_sections(*, language: str = "en", has_data: bool = True) -> dict[str, Any]:
    kpi = {
        "key": "dau",
        "label": "Daily active members",
        "value": 1345.0,
        "previous": 1180.0,
        "change": 0.14,
        "percent": False,
        "goal_id": None,
        "goal_target": None,
        "goal_status": None,
        "spark": [],
    }
    goal = {
        "id": 1,
        "name": "DAU +30% this quarter",
        "metric": "Daily active members",
        "owner": "manager",
        "baseline": 1150.0,
        "target": 1495.0,
        "actual": 1345.0,
        "expected": 1380.0,
        "forecast": 1460.0,
        "forecast_low": 1390.0,
        "forecast_high": 1530.0,
        "deadline": "2026-12-31",
        "status": "behind",
        "status_label": "Behind",
        "status_changed": True,
    }
    return {
        "kind": "weekly",
        "label": "2026-W47",
        "start": "2026-11-16",
        "end": "2026-11-22",
        "language": language,
        "has_data": has_data,
        "kpis": [kpi] if has_data else [],
        "goals": [goal] if has_data else [],
    }


def weekly_report(**fields: Any) -> OperationsReport:
    values: dict[str, Any] = {
        "kind": "weekly",
        "period_start": dt.date(2026, 11, 16),
        "period_end": dt.date(2026, 11, 22),
        "label": "2026-W47",
        "sections": small_sections(),
        **fields,
    }
    return OperationsReport.objects.create(**values)
