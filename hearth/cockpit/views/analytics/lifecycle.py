"""Lifecycle (/ops/analytics/lifecycle/): new, returning, resurrecting and dormant per period."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.analytics_forms import LifecycleForm
from hearth.cockpit.permissions import can_view_analytics
from hearth.cockpit.reports.lifecycle import LifecycleReport, lifecycle_report
from hearth.cockpit.views.analytics.common import AnalyticsPage, analytics_page
from hearth.cockpit.views.base import cockpit_view


def _build(engine: Engine, window: Window, cleaned: dict[str, Any]) -> LifecycleReport:
    return lifecycle_report(
        engine, window=window, period=cleaned["period"], sticky=cleaned["sticky"] or "day"
    )


PAGE = AnalyticsPage(
    key="lifecycle",
    form_class=LifecycleForm,
    template="cockpit/analytics/lifecycle.html",
    build=_build,
    tables=lambda report: {
        "lifecycle": report.table(),
        **({"stickiness": report.stickiness.table()} if report.stickiness else {}),
    },
    stem="lifecycle",
)


@cockpit_view(can_view_analytics)
def lifecycle(request: HttpRequest) -> HttpResponse:
    return analytics_page(request, PAGE)
