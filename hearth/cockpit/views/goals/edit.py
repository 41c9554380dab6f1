"""A goal's form (new and edit), its archiving, and the baseline suggestion (an htmx fragment)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.analytics.queries.params import QueryError
from hearth.cockpit.goal_forms import PRESETS, GoalForm, goal_initial, preset_dates
from hearth.cockpit.permissions import can_manage_goals
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.goals.models import Goal
from hearth.goals.services import baseline_suggest, goal_archive, goal_create, goal_update

NAV = "goals"


def _presets() -> dict[str, list[str]]:
    """Each period preset's first day and deadline, for the form's script to fill the dates."""
    today = timezone.localdate()
    found = {key: preset_dates(key, today) for key, _label in PRESETS}
    return {key: [d.isoformat() for d in dates] for key, dates in found.items() if dates}


def _form_page(
    request: HttpRequest, form: GoalForm, goal: Goal | None, status: int
) -> HttpResponse:
    return render_page(
        request,
        "cockpit/goals/form.html",
        {"form": form, "goal": goal, "presets": _presets()},
        active=NAV,
        status=status,
    )


@cockpit_view(can_manage_goals)
def goal_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        initial = {"owner": request.user.pk, **request.GET.dict()}
        return _form_page(request, GoalForm(initial=initial), None, 200)
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            goal = goal_create(by=acting_user(request), **form.goal_fields())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Goal created."))
            return redirect("cockpit:goal", pk=goal.pk)
    return _form_page(request, form, None, 400)


@cockpit_view(can_manage_goals)
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(Goal, pk=pk)
    if request.method != "POST":
        return _form_page(request, GoalForm(initial=goal_initial(goal)), goal, 200)
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            goal_update(goal=goal, by=acting_user(request), **form.goal_fields())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Goal saved."))
            return redirect("cockpit:goal", pk=goal.pk)
    return _form_page(request, form, goal, 400)


@require_POST
@cockpit_view(can_manage_goals)
def goal_archive_view(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(Goal, pk=pk)
    goal_archive(goal=goal, by=acting_user(request))
    messages.success(request, _("Goal archived."))
    return redirect("cockpit:goals")


@cockpit_view(can_manage_goals)
def goal_baseline(request: HttpRequest) -> HttpResponse:
    """The suggested baseline for the metric, filter and period in the query (the form's)."""
    form = GoalForm(request.GET)
    form.is_valid()  # the name and target may be empty yet: only the period and metric count
    data = form.cleaned_data
    value: float | None = None
    error = ""
    if data.get("metric_key") and data.get("period_start") and data.get("deadline"):
        kind, _sep, filter_value = (data.get("filter") or "").partition(":")
        try:
            value = baseline_suggest(
                metric_key=data["metric_key"],
                period_start=data["period_start"],
                deadline=data["deadline"],
                filter_kind=kind,
                filter_value=filter_value,
            )
        except (QueryError, ValidationError) as exc:
            error = str(exc.messages[0] if isinstance(exc, ValidationError) else exc)
    context = {"value": value, "error": error, "ready": bool(data.get("metric_key"))}
    return render(request, "cockpit/goals/_baseline.html", context)
