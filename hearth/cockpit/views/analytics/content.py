"""Content metrics (/ops/analytics/content/) and reading (/ops/analytics/reading/)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.analytics_forms_content import ContentForm, ReadingForm
from hearth.cockpit.permissions import can_view_analytics
from hearth.cockpit.reports.content import ContentReport, content_report
from hearth.cockpit.reports.reading import ReadingReport, reading_report
from hearth.cockpit.views.analytics.common import AnalyticsPage, analytics_page
from hearth.cockpit.views.base import cockpit_view


def _content(engine: Engine, window: Window, cleaned: dict[str, Any]) -> ContentReport:
    return content_report(engine, window=window)


def _reading(engine: Engine, window: Window, cleaned: dict[str, Any]) -> ReadingReport:
    zoned = Window(start=window.start, end=window.end, actions=window.actions, tz=cleaned["tz"])
    return reading_report(engine, window=zoned)


CONTENT = AnalyticsPage(
    key="content",
    form_class=ContentForm,
    template="cockpit/analytics/content.html",
    build=_content,
    tables=lambda report: report.tables(),
    stem="content",
)

READING = AnalyticsPage(
    key="reading",
    form_class=ReadingForm,
    template="cockpit/analytics/reading.html",
    build=_reading,
    tables=lambda report: report.tables(),
    stem="reading",
)


@cockpit_view(can_view_analytics)
def content(request: HttpRequest) -> HttpResponse:
    return analytics_page(request, CONTENT)


@cockpit_view(can_view_analytics)
def reading(request: HttpRequest) -> HttpResponse:
    return analytics_page(request, READING)
