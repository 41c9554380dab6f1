"""The at-risk queue page: new members whose first week is going wrong, grouped by cause."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from hearth.cockpit.forms_growth_rescue import AssignForm
from hearth.cockpit.views.base import cockpit_view, render_page
from hearth.cockpit.views.growth_rescue.audience import queue_key
from hearth.growth.models import OnboardingStep
from hearth.growth.outreach.permissions import can_rescue_members
from hearth.growth.rescue import FALLING_DAYS, STALL_HOURS, WINDOWS, at_risk_queue


@cockpit_view(can_rescue_members)
def at_risk(request: HttpRequest) -> HttpResponse:
    days_text = request.GET.get("days", "")
    days = int(days_text) if days_text.isdigit() and int(days_text) in WINDOWS else WINDOWS[0]
    channel = request.GET.get("channel", "")[:40]
    step = request.GET.get("step", "")
    if step not in OnboardingStep.values:
        step = ""
    queue = at_risk_queue(days=days, channel=channel, step=step)
    return render_page(
        request,
        "cockpit/growth/rescue/at_risk.html",
        {
            "queue": queue,
            "windows": WINDOWS,
            "channel": channel,
            "step": step,
            "steps": OnboardingStep.choices,
            "queue_key": queue_key(queue.days, channel, step),
            "assign_form": AssignForm(),
            "stall_hours": STALL_HOURS,
            "falling_days": FALLING_DAYS,
        },
        active="at_risk",
    )
