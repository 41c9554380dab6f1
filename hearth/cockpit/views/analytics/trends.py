"""The trends explorer (/ops/analytics/trends/): metric × breakdown × period × range."""

from __future__ import annotations

from typing import Any

from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.analytics_forms import TrendsForm
from hearth.cockpit.reports.trends import TrendReport, trend_report
from hearth.cockpit.views.analytics.common import AnalyticsPage, analytics_view


def _build(engine: Engine, window: Window, cleaned: dict[str, Any]) -> TrendReport:
    return trend_report(
        engine,
        window=window,
        metric=cleaned["metric"],
        breakdown=cleaned["breakdown"] or None,
        period=cleaned["period"],
    )


PAGE = AnalyticsPage(
    key="trends",
    form_class=TrendsForm,
    build=_build,
    tables=lambda report: {"trend": report.table()},
)


trends = analytics_view(PAGE)
