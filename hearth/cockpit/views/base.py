"""What every cockpit view shares: the access check and the layout context."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.accounts.models import User
from hearth.cockpit.nav import Check, nav_for
from hearth.cockpit.permissions import can_access_cockpit

P = ParamSpec("P")
View = Callable[..., HttpResponse]


def cockpit_view(check: Check = can_access_cockpit) -> Callable[[View], View]:
    """Visitors go to log in; members without cockpit access, or without ``check``, get 403."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can_access_cockpit(request.user) or not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    active: str,
    status: int = 200,
) -> HttpResponse:
    """Render a cockpit page with the navigation for this user."""
    context = {"cockpit_nav": nav_for(request.user, active=active), **context}
    return render(request, template, context, status=status)


def acting_user(request: HttpRequest) -> User:
    """The signed-in staff member (cockpit views are never reached anonymously)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
