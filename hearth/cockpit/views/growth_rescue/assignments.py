"""Assignment pages: hand members to a member-operations staffer; the staffer's own list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.forms_growth_rescue import AssignForm
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.growth.assignments import assignment_done, assignments_create, assignments_for
from hearth.growth.models import Assignment, AssignmentStatus
from hearth.growth.outreach.permissions import can_follow_up_members, can_rescue_members


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@require_POST
@cockpit_view(can_rescue_members)
def assign(request: HttpRequest) -> HttpResponse:
    form = AssignForm(request.POST)
    ids = [int(m) for m in request.POST.getlist("member") if m.isdigit()]
    if not form.is_valid():
        messages.error(request, _("Choose a staffer with the member operations role."))
        return _back(request, "cockpit:growth_at_risk")
    try:
        made = assignments_create(
            member_ids=ids,
            assignee=form.cleaned_data["assignee"],
            assigned_by=acting_user(request),
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        kept = len(set(ids)) - len(made)
        text = _("%(n)s members assigned to %(name)s.") % {
            "n": len(made),
            "name": form.cleaned_data["assignee"].username,
        }
        if kept:
            text += " " + _("%(n)s already had an open assignment.") % {"n": kept}
        messages.success(request, text)
    return _back(request, "cockpit:growth_at_risk")


@cockpit_view(can_follow_up_members)
def my_assignments(request: HttpRequest) -> HttpResponse:
    me = acting_user(request)
    return render_page(
        request,
        "cockpit/growth/rescue/assignments.html",
        {
            "open": assignments_for(me),
            "done": assignments_for(me, status=AssignmentStatus.DONE).order_by("-done_at")[:20],
        },
        active="assignments",
    )


@require_POST
@cockpit_view(can_follow_up_members)
def assignment_mark_done(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(Assignment, pk=pk)
    try:
        assignment_done(assignment=assignment, by=acting_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Marked done: %(name)s.") % {"name": assignment.member.name})
    return redirect("cockpit:growth_assignments")
