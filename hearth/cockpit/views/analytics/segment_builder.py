"""The segment builder (/ops/analytics/segments/new/, …/<pk>/edit/) and its live count.

The form posts to itself to save; every change also posts it (htmx) to the
preview, which answers with the member count now or the definition's error.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.analytics.models import Segment
from hearth.analytics.queries.params import QueryError
from hearth.analytics.segments.definition import ATTRIBUTES, definition_parse
from hearth.analytics.segments.queries import SegmentCount
from hearth.analytics.segments.selectors import (
    BuilderChoices,
    BuilderChoicesQuery,
    MemberTotal,
    segment_find,
)
from hearth.analytics.segments.services import segment_create, segment_update
from hearth.analytics.selectors import active_actions
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import today
from hearth.cockpit.permissions import can_manage_segments
from hearth.cockpit.reports.segments import definition_texts
from hearth.cockpit.reports.store import report_run
from hearth.cockpit.segment_forms import KIND_LABELS, BehaviourRow, SegmentBuilderForm
from hearth.cockpit.views.analytics.segments import level_names
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.gamification.selectors import level_list


def _choices() -> BuilderChoices:
    try:
        return report_run(lambda engine: BuilderChoicesQuery().run(engine))
    except QueryError:
        return BuilderChoices([], [], [])


def _form(request: HttpRequest, segment: Segment | None, *, need_name: bool) -> SegmentBuilderForm:
    levels = [(level.position, level.name) for level in level_list()]
    definition = definition_parse(segment.definition) if segment else None
    initial = {"name": segment.name, "description": segment.description} if segment else {}
    data = request.POST if request.method == "POST" else None
    return SegmentBuilderForm(
        data,
        choices=_choices(),
        levels=levels,
        definition=definition,
        initial=initial,
        need_name=need_name,
    )


def _save(request: HttpRequest, form: SegmentBuilderForm, segment: Segment | None) -> Segment:
    cleaned = form.cleaned_data
    if segment is None:
        return segment_create(
            name=cleaned["name"],
            description=cleaned["description"],
            definition=cleaned["definition"],
            created_by=acting_user(request),
        )
    return segment_update(
        segment=segment,
        name=cleaned["name"],
        description=cleaned["description"],
        definition=cleaned["definition"],
    )


def _builder(request: HttpRequest, segment: Segment | None) -> HttpResponse:
    form = _form(request, segment, need_name=True)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = _save(request, form, segment)
            except QueryError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Saved the segment “%(name)s”: %(n)d members.")
                    % {"name": saved.name, "n": saved.member_count or 0},
                )
                return redirect("cockpit:analytics_segment", pk=saved.pk)
        status = 400
    context = {
        "form": form,
        "attribute_fields": [form[name] for name in ATTRIBUTES],
        "segment": segment,
        "rows": form.rows or [BehaviourRow()],
        "blank_row": BehaviourRow(),
        "actions": form.actions,
        "kinds": [(k, str(v)) for k, v in KIND_LABELS.items()],
    }
    return render_page(
        request,
        "cockpit/analytics/segments/builder.html",
        context,
        active="segments",
        status=status,
    )


@cockpit_view(can_manage_segments)
def segment_new(request: HttpRequest) -> HttpResponse:
    return _builder(request, None)


@cockpit_view(can_manage_segments)
def segment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    segment = segment_find(pk=pk)
    if segment is None:
        raise Http404
    return _builder(request, segment)


@require_POST
@cockpit_view(can_manage_segments)
def segment_preview(request: HttpRequest) -> HttpResponse:
    """The live count (an htmx fragment; a definition's error is shown in it, status 200)."""
    form = _form(request, None, need_name=False)
    context: dict[str, object] = {"error": ""}
    if not form.is_valid():
        errors = [str(e) for e in form.non_field_errors()]
        errors += [
            str(e) for name, found in form.errors.items() if name != "__all__" for e in found
        ]
        context["error"] = " ".join(errors)
    else:
        definition = form.cleaned_data["definition"]
        query = SegmentCount(definition, today=today(), active=active_actions())

        def build(engine: Engine) -> tuple[int, int]:
            return query.run(engine), MemberTotal().run(engine)

        try:
            count, total = report_run(build)
        except QueryError as exc:
            context["error"] = str(exc)
        else:
            context.update(
                count=count,
                total=total,
                share=count / total if total else 0.0,
                texts=definition_texts(definition, levels=level_names()),
            )
    return render(request, "cockpit/analytics/segments/_preview.html", context)
