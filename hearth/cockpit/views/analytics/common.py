"""The flow every analytics page shares: parameters, the report, a download or the page.

GET parameters → form → the report, computed on the analytics store brought
up to date at request time → ``?export=csv|xlsx&table=…`` answers with that
table as a file, otherwise the page renders. Bad parameters are a form error
on the page (status 400), never a server error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from hearth.analytics.queries.params import QueryError, Window, window
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import today
from hearth.cockpit.analytics_forms import PRESETS, RangeForm, SavedViewForm
from hearth.cockpit.exports import EXPORT_FORMATS, Table, table_response
from hearth.cockpit.permissions import can_view_analytics
from hearth.cockpit.reports.store import report_run
from hearth.cockpit.saved_views import saved_views_for
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page

R = TypeVar("R")

RANGE_FIELDS = ("start", "end", "days")
PAGE_URLS = {
    "dashboard": "cockpit:analytics",
    "trends": "cockpit:analytics_trends",
    "retention": "cockpit:analytics_retention",
    "lifecycle": "cockpit:analytics_lifecycle",
    "segments": "cockpit:analytics_segment_compare",
    "funnel": "cockpit:analytics_funnels",
    "boards": "cockpit:analytics_boards",
    "content": "cockpit:analytics_content",
    "reading": "cockpit:analytics_reading",
    "metrics": "cockpit:analytics_metrics",
}


def _own_tables(report: Any) -> Mapping[str, Table]:
    return report.tables()  # type: ignore[no-any-return]


@dataclass(frozen=True)
class AnalyticsPage:
    key: str  # SavedView.page, the nav item, the template's name and the downloads' first word
    form_class: type[RangeForm]
    build: Callable[[Engine, Window, dict[str, Any]], Any]  # (engine, window, cleaned) → report
    tables: Callable[[Any], Mapping[str, Table]] = _own_tables  # first is the default download
    nav_key: str = ""  # the nav item, when it is not ``key``

    @property
    def template(self) -> str:
        return f"cockpit/analytics/{self.key}.html"

    @property
    def stem(self) -> str:
        """Downloads are named ``hearth-<stem>-<table>-<range>``."""
        return self.key


def _report(page: AnalyticsPage, form: RangeForm) -> Any:
    """The report, or None with the reason added to the form."""
    if not form.is_valid():
        return None
    cleaned = form.cleaned_data
    try:
        win = window(start=cleaned["start"], end=cleaned["end"])
        return report_run(lambda engine: page.build(engine, win, cleaned))
    except QueryError as exc:
        form.add_error(None, str(exc))
        return None


def _current_query(request: HttpRequest, form: RangeForm) -> str:
    names = form.parameter_names()
    return urlencode([(n, request.GET[n]) for n in names if request.GET.get(n)])


def analytics_view(page: AnalyticsPage) -> Callable[[HttpRequest], HttpResponse]:
    """The page's view: :func:`analytics_page`, for who may view analytics."""

    @cockpit_view(can_view_analytics)
    def view(request: HttpRequest) -> HttpResponse:
        return analytics_page(request, page)

    return view


def analytics_page(request: HttpRequest, page: AnalyticsPage) -> HttpResponse:
    form = page.form_class(request.GET, today=today())
    report = _report(page, form)
    export = request.GET.get("export")
    if report is not None and export in EXPORT_FORMATS:
        tables = page.tables(report)
        table = tables.get(request.GET.get("table", ""), next(iter(tables.values())))
        stem = f"hearth-{page.stem}-{table.slug}-{report.stem}"
        return table_response(table, str(export), stem=stem)
    query = _current_query(request, form)
    start, end = form.shown_dates()
    context = {
        "form": form,
        "controls": [form[name] for name in form.fields if name not in RANGE_FIELDS],
        "report": report,
        "tables": page.tables(report) if report is not None else {},
        "shown_start": start,
        "shown_end": end,
        "presets": PRESETS,
        "relative_days": form.relative_days,
        "page_url": reverse(PAGE_URLS[page.key]),
        "saved_views": saved_views_for(owner=acting_user(request), page=page.key),
        "save_form": SavedViewForm(initial={"query": query}),
        "saved_page": page.key,
        "current_query": query,
    }
    status = 200 if report is not None else 400
    active = page.nav_key or page.key
    return render_page(request, page.template, context, active=active, status=status)
