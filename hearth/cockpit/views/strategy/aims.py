"""Long-term aims on the strategy page: add, edit, delete, move up or down."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_manage_goals
from hearth.cockpit.strategy_forms import AimForm
from hearth.cockpit.views.base import cockpit_view, render_page
from hearth.cockpit.views.strategy.page import NAV, strategy_page
from hearth.goals.models import StrategyAim
from hearth.goals.strategy.services import aim_delete, aim_move, aim_save


def _save(form: AimForm, aim: StrategyAim | None) -> bool:
    if not form.is_valid():
        return False
    try:
        aim_save(
            aim=aim,
            title=form.cleaned_data["title"],
            detail=form.cleaned_data["detail"],
            horizon=form.cleaned_data["horizon"],
        )
    except ValidationError as error:
        apply_errors(form, error)
        return False
    return True


@require_POST
@cockpit_view(can_manage_goals)
def aim_new(request: HttpRequest) -> HttpResponse:
    form = AimForm(request.POST)
    if not _save(form, None):
        return strategy_page(request, status=400, aim_form=form)
    messages.success(request, _("Aim added."))
    return redirect("cockpit:strategy")


@cockpit_view(can_manage_goals)
def aim_edit(request: HttpRequest, pk: int) -> HttpResponse:
    aim = get_object_or_404(StrategyAim, pk=pk)
    if request.method != "POST":
        initial = {"title": aim.title, "detail": aim.detail, "horizon": aim.horizon}
        form = AimForm(initial=initial)
    else:
        form = AimForm(request.POST)
        if _save(form, aim):
            messages.success(request, _("Aim saved."))
            return redirect("cockpit:strategy")
    status = 400 if form.is_bound else 200
    return render_page(
        request,
        "cockpit/strategy/aim_form.html",
        {"form": form, "aim": aim},
        active=NAV,
        status=status,
    )


@require_POST
@cockpit_view(can_manage_goals)
def aim_remove(request: HttpRequest, pk: int) -> HttpResponse:
    aim_delete(aim=get_object_or_404(StrategyAim, pk=pk))
    messages.success(request, _("Aim deleted."))
    return redirect("cockpit:strategy")


@require_POST
@cockpit_view(can_manage_goals)
def aim_reorder(request: HttpRequest, pk: int) -> HttpResponse:
    aim = get_object_or_404(StrategyAim, pk=pk)
    aim_move(aim=aim, step=-1 if request.POST.get("direction") == "up" else 1)
    return redirect("cockpit:strategy")
