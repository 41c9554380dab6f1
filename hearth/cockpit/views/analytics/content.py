"""Content metrics (/ops/analytics/content/) and reading (/ops/analytics/reading/)."""

from __future__ import annotations

from typing import Any

from hearth.analytics.queries.params import Window
from hearth.analytics.store.engine import Engine
from hearth.cockpit.analytics_forms_content import ContentForm, ReadingForm
from hearth.cockpit.reports.content import ContentReport, content_report
from hearth.cockpit.reports.reading import ReadingReport, reading_report
from hearth.cockpit.views.analytics.common import AnalyticsPage, analytics_view


def _content(engine: Engine, window: Window, cleaned: dict[str, Any]) -> ContentReport:
    return content_report(engine, window=window)


def _reading(engine: Engine, window: Window, cleaned: dict[str, Any]) -> ReadingReport:
    zoned = Window(start=window.start, end=window.end, actions=window.actions, tz=cleaned["tz"])
    return reading_report(engine, window=zoned)


CONTENT = AnalyticsPage(
    key="content",
    form_class=ContentForm,
    build=_content,
)

READING = AnalyticsPage(
    key="reading",
    form_class=ReadingForm,
    build=_reading,
)


content = analytics_view(CONTENT)


reading = analytics_view(READING)
