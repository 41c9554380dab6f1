"""The goals (/ops/goals/), one goal with its charts, and the status thresholds."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.goal_forms import GoalSettingsForm
from hearth.cockpit.permissions import can_manage_goals, can_view_goals
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.cockpit.views.goals.cards import goal_card
from hearth.cockpit.views.goals.chart import chart_data
from hearth.cockpit.views.goals.labels import describe, filter_labels, metric_labels
from hearth.goals.models import Goal, GoalSettings
from hearth.goals.selectors import goal_chart, goal_list
from hearth.goals.services import goal_settings_update

NAV = "goals"


@cockpit_view(can_view_goals)
def goals(request: HttpRequest) -> HttpResponse:
    archived = request.GET.get("archived") == "1"
    today = timezone.localdate()
    rows = list(goal_list(archived=archived).select_related("owner"))
    metrics, filters = metric_labels(), filter_labels(rows)
    cards = [(goal_card(goal, today=today), describe(goal, metrics, filters)) for goal in rows]
    context: dict[str, Any] = {
        "cards": cards,
        "archived": archived,
        "can_manage": can_manage_goals(request.user),
    }
    return render_page(request, "cockpit/goals/list.html", context, active=NAV)


@cockpit_view(can_view_goals)
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.select_related("owner"), pk=pk)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "card": goal_card(goal, today=today),
        "goal": goal,
        "label": describe(goal, metric_labels(), filter_labels([goal])),
        "chart": chart_data(goal_chart(goal, today=today)),
        "initiatives": list(goal.initiatives.all()),
        "can_manage": can_manage_goals(request.user),
    }
    return render_page(request, "cockpit/goals/detail.html", context, active=NAV)


@cockpit_view(can_view_goals)
def goal_settings(request: HttpRequest) -> HttpResponse:
    current = GoalSettings.load()
    initial = {
        "on_track_at": round(current.on_track_at * 100, 2),
        "at_risk_below": round(current.at_risk_below * 100, 2),
    }
    may_edit = can_manage_goals(request.user)
    form = GoalSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if not may_edit:
            return HttpResponse(status=403)
        if form.is_valid():
            try:
                goal_settings_update(by=acting_user(request), **form.thresholds())
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request, _("Thresholds saved. Statuses follow at the next recomputation.")
                )
                return redirect("cockpit:goal_settings")
        status = 400
    context = {"form": form, "settings": current, "can_manage": may_edit}
    return render_page(request, "cockpit/goals/settings.html", context, active=NAV, status=status)
