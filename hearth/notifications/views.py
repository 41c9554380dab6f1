"""Notification pages: the list, click-through, mark all read, and the header badge."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hearth.accounts.models import User
from hearth.notifications.presentation import notification_target_url
from hearth.notifications.selectors import (
    notification_get,
    notification_list,
    notification_unread_count,
)
from hearth.notifications.services import notifications_mark_read

PAGE_SIZE = 30


def _member(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "login_required views only"
    return user


@login_required
@require_GET
def notifications_page(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    unread_only = request.GET.get("filter") == "unread"
    notifications = notification_list(member=member, unread_only=unread_only)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread_only": unread_only},
    )


@login_required
@require_GET
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to what it is about, marking it read."""
    member = _member(request)
    notification = notification_get(member=member, pk=pk)
    notifications_mark_read(member=member, ids=[notification.pk])
    return redirect(notification_target_url(notification))


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_read(member=_member(request))
    if count:
        messages.success(request, _("All notifications are marked read."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    return redirect(next_url or "notifications:list")


@login_required
@require_GET
def notifications_badge(request: HttpRequest) -> HttpResponse:
    """The header's unread badge alone, for an htmx poll (hx-get … hx-trigger="every 60s")."""
    return render(
        request,
        "notifications/_badge.html",
        {"unread_notifications": notification_unread_count(member=_member(request))},
    )
