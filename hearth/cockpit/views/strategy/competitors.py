"""Competitors: add one (strategy page), and a competitor's page with figures and charts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_manage_goals, can_view_goals
from hearth.cockpit.strategy_forms import CompetitorForm, FigureForm
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.cockpit.views.strategy.page import NAV, strategy_page
from hearth.goals.models import Competitor
from hearth.goals.strategy.selectors import competitor_charts
from hearth.goals.strategy.services import competitor_add, competitor_figure_record


@require_POST
@cockpit_view(can_manage_goals)
def competitor_new(request: HttpRequest) -> HttpResponse:
    form = CompetitorForm(request.POST)
    if form.is_valid():
        try:
            competitor = competitor_add(**form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Competitor %(name)s added.") % {"name": competitor.name})
            return redirect("cockpit:competitor", pk=competitor.pk)
    return strategy_page(request, status=400, competitor_form=form)


def _page(
    request: HttpRequest, competitor: Competitor, form: FigureForm, status: int
) -> HttpResponse:
    context: dict[str, Any] = {
        "competitor": competitor,
        "figures": list(competitor.figures.order_by("-day")),
        "charts": competitor_charts([competitor]),
        "form": form,
        "can_manage": can_manage_goals(request.user),
    }
    return render_page(
        request, "cockpit/strategy/competitor.html", context, active=NAV, status=status
    )


@cockpit_view(can_view_goals)
def competitor(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Competitor, pk=pk)
    return _page(request, found, FigureForm(initial={"day": timezone.localdate()}), 200)


@require_POST
@cockpit_view(can_manage_goals)
def competitor_figure_new(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Competitor, pk=pk)
    form = FigureForm(request.POST)
    if form.is_valid():
        try:
            competitor_figure_record(
                actor=acting_user(request),
                competitor=found,
                data=form.figure_input(),
                today=timezone.localdate(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Figures recorded."))
            return redirect("cockpit:competitor", pk=found.pk)
    return _page(request, found, form, 400)
