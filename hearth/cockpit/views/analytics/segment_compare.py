"""Comparing saved segments (/ops/analytics/segments/compare/?segments=3,5&days=90).

Two to four segments over one date range: size, activity, actions per member
and D7/D30 retention, as a table (CSV/XLSX) and two bar charts; savable as a
view. An empty segment, one segment, or an unknown one is a form error (400).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.analytics.models import Segment
from hearth.analytics.queries.params import QueryError, window
from hearth.analytics.segments.compare import SegmentComparison
from hearth.analytics.segments.definition import SegmentError, definition_parse
from hearth.analytics.segments.selectors import segment_list
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import today
from hearth.cockpit.analytics_forms import PRESETS, SavedViewForm
from hearth.cockpit.exports import EXPORT_FORMATS, table_response
from hearth.cockpit.permissions import can_view_analytics
from hearth.cockpit.reports.segments import ComparisonReport
from hearth.cockpit.reports.store import report_run
from hearth.cockpit.saved_views import saved_views_for
from hearth.cockpit.segment_forms import SegmentCompareForm
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page

PAGE = "segments"


def _chosen(ids: list[int], saved: list[Segment]) -> list[Segment]:
    by_id = {s.pk: s for s in saved}
    unknown = [str(i) for i in ids if i not in by_id]
    if unknown:
        raise SegmentError(_("Unknown segment: %(ids)s.") % {"ids": ", ".join(unknown)})
    return [by_id[i] for i in ids]


def _report(form: SegmentCompareForm, saved: list[Segment]) -> ComparisonReport | None:
    if not form.is_valid() or not form.cleaned_data["segments"]:
        return None
    cleaned = form.cleaned_data
    try:
        chosen = _chosen(cleaned["segments"], saved)
        win = window(start=cleaned["start"], end=cleaned["end"])
        comparison = SegmentComparison(
            [(s.name, definition_parse(s.definition)) for s in chosen], win, today=today()
        )

        def build(engine: Engine) -> ComparisonReport:
            return ComparisonReport(win, chosen, comparison.run(engine))

        return report_run(build)
    except QueryError as exc:
        form.add_error(None, str(exc))
        return None


def _query(form: SegmentCompareForm) -> str:
    return urlencode([(n, form.data[n]) for n in form.parameter_names() if form.data.get(n)])


@cockpit_view(can_view_analytics)
def segment_compare(request: HttpRequest) -> HttpResponse:
    saved = list(segment_list())
    form = SegmentCompareForm(
        request.GET, today=today(), choices=[(str(s.pk), s.name) for s in saved]
    )
    report = _report(form, saved)
    if report is not None and request.GET.get("export") in EXPORT_FORMATS:
        stem = f"hearth-segments-comparison-{report.stem}"
        return table_response(report.table(), str(request.GET["export"]), stem=stem)
    start, end = form.shown_dates()
    query = _query(form)
    context: dict[str, Any] = {
        "form": form,
        "controls": [form["segments"]],
        "report": report,
        "table": report.table() if report else None,
        "saved_count": len(saved),
        "shown_start": start,
        "shown_end": end,
        "presets": PRESETS,
        "relative_days": form.relative_days,
        "page_url": reverse("cockpit:analytics_segment_compare"),
        "saved_views": saved_views_for(owner=acting_user(request), page=PAGE),
        "save_form": SavedViewForm(initial={"query": query}),
        "saved_page": PAGE,
        "current_query": query,
    }
    status = 400 if form.errors else 200
    return render_page(
        request, "cockpit/analytics/segments/compare.html", context, active=PAGE, status=status
    )
