"""Cohort retention (/ops/analytics/retention/): the heatmap of cohorts × periods."""

from __future__ import annotations

from typing import Any

from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import today
from hearth.cockpit.analytics_forms import RetentionForm
from hearth.cockpit.reports.retention import RetentionReport, retention_report
from hearth.cockpit.views.analytics.common import AnalyticsPage, analytics_view


def _build(engine: Engine, window: Window, cleaned: dict[str, Any]) -> RetentionReport:
    return retention_report(
        engine,
        window=window,
        period=cleaned["period"],
        periods=cleaned["periods"],
        mode=cleaned["mode"],
        cohort_by=cleaned["cohort_by"],
        today=today(),
    )


PAGE = AnalyticsPage(
    key="retention",
    form_class=RetentionForm,
    build=_build,
    tables=lambda report: {"rates": report.table(), "counts": report.counts_table()},
)


retention = analytics_view(PAGE)
