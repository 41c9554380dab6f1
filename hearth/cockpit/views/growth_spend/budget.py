"""Budget advice (/ops/growth/budget/) and its what-if (an htmx fragment)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.analytics.channels import QueryError
from hearth.cockpit.forms import apply_errors
from hearth.cockpit.permissions import can_view_growth
from hearth.cockpit.spend_forms import PeriodForm, WhatIfForm
from hearth.cockpit.views.base import cockpit_view, render_page
from hearth.growth.budget import (
    ALPHA,
    CAP,
    Advice,
    ChannelBase,
    budget_advise,
    budget_channels,
)
from hearth.growth.quality import Period, channel_quality, local_today

NAV = "budget"


def _advice(channels: list[ChannelBase], form: WhatIfForm | None) -> Advice:
    if form is None or not form.is_valid():
        return budget_advise(channels)
    try:
        return budget_advise(
            channels, total=float(form.cleaned_data["total"]), pins=form.cleaned_data["pins"]
        )
    except ValidationError as error:
        apply_errors(form, error)
        return budget_advise(channels)


def _context(request: HttpRequest) -> tuple[dict[str, Any], Period]:
    period_form = PeriodForm(request.GET or None, today=local_today())
    period = period_form.period()
    return {
        "period_form": period_form,
        "period": period,
        "alpha": ALPHA,
        "cap": round(CAP * 100),
    }, period


@cockpit_view(can_view_growth)
def budget(request: HttpRequest) -> HttpResponse:
    context, period = _context(request)
    try:
        advice = _advice(budget_channels(channel_quality(period=period)), None)
    except QueryError as exc:
        context["error"] = str(exc)
        return render_page(
            request, "cockpit/growth/spend/budget.html", context, active=NAV, status=503
        )
    keys = [line.base.key for line in advice.lines]
    context["whatif"] = WhatIfForm(initial={"total": f"{advice.total:.0f}"}, keys=keys)
    context["advice"] = advice
    return render_page(request, "cockpit/growth/spend/budget.html", context, active=NAV)


@cockpit_view(can_view_growth)
def budget_whatif(request: HttpRequest) -> HttpResponse:
    """The plan for the what-if's total and pins (the page's result block, or the whole page)."""
    context, period = _context(request)
    try:
        channels = budget_channels(channel_quality(period=period))
        form = WhatIfForm(request.GET, keys=[c.key for c in channels if c.spend > 0])
        advice = _advice(channels, form)
    except QueryError as exc:
        context["error"] = str(exc)
        return render_page(
            request, "cockpit/growth/spend/budget.html", context, active=NAV, status=503
        )
    context.update({"advice": advice, "whatif": form})
    if request.headers.get("HX-Request"):  # htmx swaps 200s only: the errors show in the block
        return render(request, "cockpit/growth/spend/_plan.html", context)
    status = 400 if form.errors else 200
    return render_page(
        request, "cockpit/growth/spend/budget.html", context, active=NAV, status=status
    )
