"""The strategy page (/ops/goals/strategy/) and its positioning and content mix forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.analytics.queries.content import ContentMix
from hearth.analytics.queries.params import QueryError, window
from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_manage_goals, can_view_goals
from hearth.cockpit.reports.store import report_run
from hearth.cockpit.strategy_forms import AimForm, CompetitorForm, MixTargetForm, PositioningForm
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.community.models import Board
from hearth.goals.initiatives.selectors import board_initiatives
from hearth.goals.models import InitiativeKind, Positioning, StrategyAim
from hearth.goals.strategy.selectors import (
    GAP_SHOWN,
    MIX_DAYS,
    competitor_charts,
    competitor_latest,
    competitor_list,
    mix_lines,
)
from hearth.goals.strategy.services import mix_target_set, positioning_save

NAV = "strategy"
BOARD_KINDS = (InitiativeKind.BOARD_OPEN, InitiativeKind.BOARD_MERGE, InitiativeKind.BOARD_CLOSE)


def _mix(boards: list[Board]) -> tuple[list[Any], str]:
    today = timezone.localdate()
    span = window(start=today - dt.timedelta(days=MIX_DAYS), end=today - dt.timedelta(days=1))
    try:
        mix = report_run(lambda engine: ContentMix(span).run(engine))
    except QueryError as exc:
        return [], str(exc)
    return mix_lines(mix, boards=boards), ""


def strategy_page(request: HttpRequest, *, status: int = 200, **forms_given: Any) -> HttpResponse:
    positioning = Positioning.load()
    boards = list(Board.objects.order_by("position", "pk"))
    lines, mix_error = _mix(boards)
    competitors = list(competitor_list())
    context: dict[str, Any] = {
        "positioning": positioning,
        "aims": list(StrategyAim.objects.all()),
        "board_plans": list(board_initiatives()),
        "board_kinds": [(k.value, k.label) for k in BOARD_KINDS],
        "mix_lines": lines,
        "mix_error": mix_error,
        "mix_days": MIX_DAYS,
        "gap_shown": round(GAP_SHOWN * 100),
        "competitors": competitor_latest(competitors),
        "charts": competitor_charts(competitors),
        "can_manage": can_manage_goals(request.user),
        "positioning_form": PositioningForm(
            initial={"statement": positioning.statement, "audience": positioning.audience}
        ),
        "aim_form": AimForm(),
        "competitor_form": CompetitorForm(),
        **forms_given,
    }
    return render_page(request, "cockpit/strategy/page.html", context, active=NAV, status=status)


@cockpit_view(can_view_goals)
def strategy(request: HttpRequest) -> HttpResponse:
    return strategy_page(request)


@require_POST
@cockpit_view(can_manage_goals)
def positioning_edit(request: HttpRequest) -> HttpResponse:
    form = PositioningForm(request.POST)
    if not form.is_valid():
        return strategy_page(request, status=400, positioning_form=form)
    positioning_save(
        actor=acting_user(request),
        statement=form.cleaned_data["statement"],
        audience=form.cleaned_data["audience"],
    )
    messages.success(request, _("Positioning saved."))
    return redirect("cockpit:strategy")


@require_POST
@cockpit_view(can_manage_goals)
def mix_target_edit(request: HttpRequest, board: int) -> HttpResponse:
    found = get_object_or_404(Board, pk=board)
    form = MixTargetForm(request.POST)
    if form.is_valid():
        try:
            mix_target_set(board=found, ugc_share=form.share(), note=form.cleaned_data["note"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Content target for %(board)s saved.") % {"board": found.name}
            )
            return redirect("cockpit:strategy")
    return strategy_page(request, status=400, mix_form=form, mix_board=found.pk)
