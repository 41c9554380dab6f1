"""A member's points in the cockpit: find the member, read their ledger, adjust with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.cockpit.forms import apply_errors
from hearth.cockpit.points_forms import AdjustmentForm, MemberSearchForm
from hearth.cockpit.templatetags.cockpit import signed
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.gamification.permissions import can_adjust_points
from hearth.gamification.selectors import (
    ledger_members_search,
    ledger_page_for_member,
    member_points_for,
)
from hearth.gamification.services import points_adjust


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() else 1


@cockpit_view(can_adjust_points)
def member_search(request: HttpRequest) -> HttpResponse:
    """Members matching the search box; an exact username goes straight to their ledger."""
    form = MemberSearchForm(request.GET or None)
    found: list[User] = []
    if form.is_valid():
        query = form.cleaned_data["q"]
        found = ledger_members_search(query=query)
        exact = [m for m in found if m.username.lower() == query.strip().lstrip("@").lower()]
        if len(exact) == 1:
            return redirect("cockpit:member_ledger", username=exact[0].username)
    return render_page(
        request,
        "cockpit/member_ledger.html",
        {"search_form": form, "found": found, "member": None},
        active="ledger",
    )


def _ledger_page(
    request: HttpRequest, member: User, form: AdjustmentForm, *, status: int = 200
) -> HttpResponse:
    context = {
        "member": member,
        "points": member_points_for(member_id=member.pk),
        "page": ledger_page_for_member(member_id=member.pk, page=_page_number(request)),
        "form": form,
        "search_form": MemberSearchForm(),
    }
    return render_page(
        request, "cockpit/member_ledger.html", context, active="ledger", status=status
    )


@cockpit_view(can_adjust_points)
def member_ledger(request: HttpRequest, username: str) -> HttpResponse:
    member = get_object_or_404(User, username=username)
    if request.method != "POST":
        return _ledger_page(request, member, AdjustmentForm())
    form = AdjustmentForm(request.POST)
    if form.is_valid():
        try:
            entry = points_adjust(actor=acting_user(request), member=member, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(amount)s points for %(name)s, recorded with your reason.")
                % {"amount": signed(entry.amount), "name": member.name},
            )
            return redirect("cockpit:member_ledger", username=member.username)
    return _ledger_page(request, member, form, status=400)
