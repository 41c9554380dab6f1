"""The analytics dashboard (/ops/analytics/): key figures and active members by group."""

from __future__ import annotations

from typing import Any

from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.analytics_forms import DashboardForm
from hearth.cockpit.reports.dashboard import Dashboard, dashboard_report
from hearth.cockpit.views.analytics.common import AnalyticsPage, analytics_view


def _build(engine: Engine, window: Window, cleaned: dict[str, Any]) -> Dashboard:
    return dashboard_report(engine, window=window, breakdown=cleaned["breakdown"] or None)


PAGE = AnalyticsPage(
    key="dashboard",
    form_class=DashboardForm,
    build=_build,
    tables=lambda report: {"active": report.breakdown_table(), "kpis": report.kpi_table()},
)


dashboard = analytics_view(PAGE)
