"""Saved segments (/ops/analytics/segments/): the list with counts, one segment, recount, delete.

A segment's page evaluates it now (attributes as members have them today,
behaviour windows ending today) on the store brought up to date, shows a
sample of its members and downloads all of them as CSV or XLSX.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.analytics.models import Segment
from hearth.analytics.queries.params import QueryError
from hearth.analytics.segments.audience import empty_message
from hearth.analytics.segments.definition import definition_parse
from hearth.analytics.segments.queries import SegmentCount, SegmentMembers, SegmentSample
from hearth.analytics.segments.selectors import (
    MemberTotal,
    segment_find,
    segment_list,
    segment_member_rows,
)
from hearth.analytics.segments.services import segment_count_refresh, segment_delete
from hearth.analytics.selectors import active_actions
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import today
from hearth.cockpit.exports import EXPORT_FORMATS, table_response
from hearth.cockpit.permissions import can_manage_segments, can_view_analytics
from hearth.cockpit.reports.segments import counted_ago, definition_texts, member_table
from hearth.cockpit.reports.store import report_run
from hearth.cockpit.views.base import cockpit_view, render_page
from hearth.gamification.selectors import level_list

SAMPLE = 50


def level_names() -> dict[str, str]:
    return {str(level.position): level.name for level in level_list()}


def _found(pk: int) -> Segment:
    segment = segment_find(pk=pk)
    if segment is None:
        raise Http404
    return segment


@cockpit_view(can_view_analytics)
def segment_index(request: HttpRequest) -> HttpResponse:
    levels, now = level_names(), timezone.now()
    rows = []
    for segment in segment_list():
        try:
            texts = definition_texts(definition_parse(segment.definition), levels=levels)
        except QueryError as exc:
            texts = [str(exc)]
        rows.append(
            {"segment": segment, "texts": texts, "ago": counted_ago(segment.counted_at, now)}
        )
    context = {"rows": rows, "can_manage": can_manage_segments(request.user)}
    return render_page(request, "cockpit/analytics/segments/list.html", context, active="segments")


def _evaluated(segment: Segment, *, every: bool) -> tuple[int, list[int], int]:
    """(members now, their ids — all, or the newest :data:`SAMPLE` —, every member's count)."""
    definition = definition_parse(segment.definition)
    day, active = today(), active_actions()

    def build(engine: Engine) -> tuple[int, list[int], int]:
        total = MemberTotal().run(engine)
        if every:
            ids = SegmentMembers(definition, today=day, active=active).run(engine)
            return len(ids), ids, total
        count = SegmentCount(definition, today=day, active=active).run(engine)
        sample = SegmentSample(definition, today=day, active=active, limit=SAMPLE)
        return count, sample.run(engine), total

    return report_run(build)


@cockpit_view(can_view_analytics)
def segment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    segment, levels = _found(pk), level_names()
    export = request.GET.get("export")
    every = export in EXPORT_FORMATS
    error, members, total = "", 0, 0
    ids: list[int] = []
    try:
        members, ids, total = _evaluated(segment, every=every)
    except QueryError as exc:
        error = str(exc)
    if every and not error:
        if not ids:
            error = empty_message(segment.name)
        else:
            table = member_table(segment.name, segment_member_rows(member_ids=ids), levels=levels)
            stem = f"hearth-segment-{segment.pk}-members-{today().isoformat()}"
            return table_response(table, str(export), stem=stem)
    sample = [] if every else ids  # the newest members first (an export's page shows none)
    context = {
        "segment": segment,
        "texts": definition_texts(definition_parse(segment.definition), levels=levels),
        "members": members,
        "share": members / total if total else 0.0,
        "total": total,
        "table": member_table(segment.name, segment_member_rows(member_ids=sample), levels=levels),
        "shown": len(sample),
        "error": error,
        "ago": counted_ago(segment.counted_at, timezone.now()),
        "can_manage": can_manage_segments(request.user),
    }
    status = 400 if error else 200
    return render_page(
        request, "cockpit/analytics/segments/detail.html", context, active="segments", status=status
    )


def _back(request: HttpRequest, segment: Segment | None = None) -> HttpResponse:
    if segment is not None and request.POST.get("next") == "detail":
        return redirect("cockpit:analytics_segment", pk=segment.pk)
    return redirect("cockpit:analytics_segments")


@require_POST
@cockpit_view(can_manage_segments)
def segment_recount(request: HttpRequest, pk: int) -> HttpResponse:
    segment = _found(pk)
    try:
        segment = segment_count_refresh(segment=segment)
    except QueryError as exc:
        messages.error(request, str(exc))
        return _back(request, segment)
    messages.success(
        request,
        _("“%(name)s” has %(n)d members now.") % {"name": segment.name, "n": segment.member_count},
    )
    return _back(request, segment)


@require_POST
@cockpit_view(can_manage_segments)
def segment_recount_all(request: HttpRequest) -> HttpResponse:
    def recount(engine: Engine) -> None:
        for segment in segment_list():
            segment_count_refresh(segment=segment, engine=engine)

    try:
        report_run(recount)
    except QueryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Every segment is counted again."))
    return _back(request)


@require_POST
@cockpit_view(can_manage_segments)
def segment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    segment = _found(pk)
    segment_delete(segment=segment)
    messages.success(request, _("The segment “%(name)s” is deleted.") % {"name": segment.name})
    return redirect("cockpit:analytics_segments")
