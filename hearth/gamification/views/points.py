"""The member's own points page (我的积分)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.accounts.models import User
from hearth.gamification import member_points, selectors


@login_required
def my_points(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    progress = member_points.level_progress_for(member=request.user)
    ladder = [(level, member_points.privilege_lines(level)) for level in progress.ladder]
    context = {
        "progress": progress,
        "ladder": ladder,
        "check_in": selectors.check_in_today(member=request.user),
        "streak": selectors.streak_for(member=request.user),
        "history": member_points.points_history_page(
            member=request.user, page_number=request.GET.get("page")
        ),
    }
    return render(request, "gamification/points.html", context)
