"""The daily sign-in button (签到): one POST, answered with the button's new state."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.gamification import selectors
from hearth.gamification.services import check_in as check_in_service


def _back(request: HttpRequest) -> str:
    """Where a plain form post returns: the page it came from, else the points page."""
    for candidate in (request.POST.get("next", ""), request.headers.get("Referer", "")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return "gamification:points"


@require_POST
@login_required
def check_in(request: HttpRequest) -> HttpResponse:
    """Sign in for today; a second sign-in the same day changes nothing."""
    assert isinstance(request.user, User)
    check_in_service(member=request.user)
    if request.headers.get("HX-Request") != "true":
        return redirect(_back(request))
    return render(
        request,
        "gamification/_check_in.html",
        {"check_in": selectors.check_in_today(member=request.user)},
    )
