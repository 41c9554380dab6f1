"""Board health (/ops/analytics/boards/): every board against the window before, and one
board's drill-down (``?board=ID``): the segments behind its change."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.analytics_forms_pages import BoardsForm
from hearth.cockpit.permissions import can_view_analytics
from hearth.cockpit.reports.boards import BoardReport, board_report
from hearth.cockpit.views.analytics.common import AnalyticsPage, analytics_page
from hearth.cockpit.views.base import cockpit_view


def _build(engine: Engine, window: Window, cleaned: dict[str, Any]) -> BoardReport:
    return board_report(
        engine, window=window, board=cleaned["board"], metric=cleaned["metric"] or "read"
    )


PAGE = AnalyticsPage(
    key="boards",
    form_class=BoardsForm,
    template="cockpit/analytics/boards.html",
    build=_build,
    tables=lambda report: report.tables(),
    stem="boards",
    nav_key="board_health",
)


@cockpit_view(can_view_analytics)
def board_health(request: HttpRequest) -> HttpResponse:
    return analytics_page(request, PAGE)
