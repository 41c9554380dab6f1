"""Board health (/ops/analytics/boards/): every board against the window before, and one
board's drill-down (``?board=ID``): the segments behind its change."""

from __future__ import annotations

from typing import Any

from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.analytics_forms_pages import BoardsForm
from hearth.cockpit.reports.boards import BoardReport, board_report
from hearth.cockpit.views.analytics.common import AnalyticsPage, analytics_view


def _build(engine: Engine, window: Window, cleaned: dict[str, Any]) -> BoardReport:
    return board_report(
        engine, window=window, board=cleaned["board"], metric=cleaned["metric"] or "read"
    )


PAGE = AnalyticsPage(
    key="boards",
    form_class=BoardsForm,
    build=_build,
    nav_key="board_health",
)


board_health = analytics_view(PAGE)
