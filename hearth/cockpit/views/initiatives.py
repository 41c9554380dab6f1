"""Initiatives (/ops/goals/initiatives/): the list, the form, and one initiative with its impact."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.analytics.queries.params import QueryError
from hearth.cockpit.forms import apply_errors
from hearth.cockpit.initiative_forms import InitiativeForm
from hearth.cockpit.permissions import can_manage_goals, can_view_goals
from hearth.cockpit.reports.store import report_run
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.goals.initiatives.selectors import (
    DEFAULT_METRIC,
    IMPACT_METRICS,
    initiative_impact,
    initiative_list,
)
from hearth.goals.initiatives.services import initiative_create, initiative_update
from hearth.goals.models import Initiative, InitiativeKind

NAV = "initiatives"


@cockpit_view(can_view_goals)
def initiatives(request: HttpRequest) -> HttpResponse:
    context = {"initiatives": list(initiative_list()), "can_manage": can_manage_goals(request.user)}
    return render_page(request, "cockpit/initiatives/list.html", context, active=NAV)


def _form_page(
    request: HttpRequest, form: InitiativeForm, initiative: Initiative | None, status: int
) -> HttpResponse:
    context = {"form": form, "initiative": initiative}
    return render_page(request, "cockpit/initiatives/form.html", context, active=NAV, status=status)


@cockpit_view(can_manage_goals)
def initiative_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        kind = request.GET.get("kind", InitiativeKind.PLAN)
        initial: dict[str, Any] = {
            "kind": kind if kind in InitiativeKind.values else InitiativeKind.PLAN,
            "start_date": timezone.localdate(),
        }
        return _form_page(request, InitiativeForm(initial=initial), None, 200)
    form = InitiativeForm(request.POST)
    if form.is_valid():
        try:
            created = initiative_create(actor=acting_user(request), data=form.initiative_input())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Initiative %(name)s created.") % {"name": created.name})
            return redirect("cockpit:initiative", pk=created.pk)
    return _form_page(request, form, None, 400)


def _initial(initiative: Initiative) -> dict[str, Any]:
    return {
        "name": initiative.name,
        "kind": initiative.kind,
        "description": initiative.description,
        "rationale": initiative.rationale,
        "goals": list(initiative.goals.all()),
        "boards": list(initiative.boards.all()),
        "board_name": initiative.board_name,
        "merge_into": initiative.merge_into_id,
        "owner": initiative.owner_id or "",
        "start_date": initiative.start_date,
        "end_date": initiative.end_date,
        "status": initiative.status,
    }


@cockpit_view(can_manage_goals)
def initiative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Initiative, pk=pk)
    if request.method != "POST":
        return _form_page(request, InitiativeForm(initial=_initial(found)), found, 200)
    form = InitiativeForm(request.POST)
    if form.is_valid():
        try:
            initiative_update(
                actor=acting_user(request), initiative=found, data=form.initiative_input()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Initiative saved."))
            return redirect("cockpit:initiative", pk=found.pk)
    return _form_page(request, form, found, 400)


@cockpit_view(can_view_goals)
def initiative(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(initiative_list(), pk=pk)
    metric = request.GET.get("metric", DEFAULT_METRIC)
    if metric not in IMPACT_METRICS:
        metric = DEFAULT_METRIC
    context: dict[str, Any] = {
        "initiative": found,
        "metric": metric,
        "metrics": [(key, str(label)) for key, label in IMPACT_METRICS.items()],
        "can_manage": can_manage_goals(request.user),
    }
    today = timezone.localdate()
    try:
        context["impact"] = report_run(
            lambda engine: initiative_impact(
                initiative=found, metric=metric, engine=engine, today=today
            )
        )
    except QueryError as exc:
        context["impact_error"] = str(exc)
    return render_page(request, "cockpit/initiatives/detail.html", context, active=NAV)
