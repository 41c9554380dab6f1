"""The funnel builder (/ops/analytics/funnels/): steps in order, within N days, by segment."""

from __future__ import annotations

from typing import Any

from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.analytics_forms_pages import FunnelForm, builtin_step_choices
from hearth.cockpit.reports.funnel import FunnelReport, funnel_report
from hearth.cockpit.views.analytics.common import AnalyticsPage, analytics_view


def _build(engine: Engine, window: Window, cleaned: dict[str, Any]) -> FunnelReport:
    return funnel_report(
        engine,
        window=window,
        steps=cleaned["steps"],
        within_days=cleaned["within"],
        breakdown=cleaned["breakdown"] or None,
        action_choices=builtin_step_choices(),
    )


PAGE = AnalyticsPage(
    key="funnel",
    form_class=FunnelForm,
    build=_build,
)


funnels = analytics_view(PAGE)
