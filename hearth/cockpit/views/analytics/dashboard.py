"""The analytics dashboard (/ops/analytics/): key figures and active members by group."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.analytics_forms import DashboardForm
from hearth.cockpit.permissions import can_view_analytics
from hearth.cockpit.reports.dashboard import Dashboard, dashboard_report
from hearth.cockpit.views.analytics.common import AnalyticsPage, analytics_page
from hearth.cockpit.views.base import cockpit_view


def _build(engine: Engine, window: Window, cleaned: dict[str, Any]) -> Dashboard:
    return dashboard_report(engine, window=window, breakdown=cleaned["breakdown"] or None)


PAGE = AnalyticsPage(
    key="dashboard",
    form_class=DashboardForm,
    template="cockpit/analytics/dashboard.html",
    build=_build,
    tables=lambda report: {"active": report.breakdown_table(), "kpis": report.kpi_table()},
    stem="dashboard",
)


@cockpit_view(can_view_analytics)
def dashboard(request: HttpRequest) -> HttpResponse:
    return analytics_page(request, PAGE)
