"""Lifecycle (/ops/analytics/lifecycle/): new, returning, resurrecting and dormant per period."""

from __future__ import annotations

from typing import Any

from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.analytics_forms import LifecycleForm
from hearth.cockpit.reports.lifecycle import LifecycleReport, lifecycle_report
from hearth.cockpit.views.analytics.common import AnalyticsPage, analytics_view


def _build(engine: Engine, window: Window, cleaned: dict[str, Any]) -> LifecycleReport:
    return lifecycle_report(
        engine, window=window, period=cleaned["period"], sticky=cleaned["sticky"] or "day"
    )


PAGE = AnalyticsPage(
    key="lifecycle",
    form_class=LifecycleForm,
    build=_build,
    tables=lambda report: {
        "lifecycle": report.table(),
        **({"stickiness": report.stickiness.table()} if report.stickiness else {}),
    },
)


lifecycle = analytics_view(PAGE)
