"""Visits: a session starts with a member's (or visitor's) first page after 30 idle minutes.

One cache read per page; a cache write and one INSERT when a session starts.
Assets, the API and machine endpoints are not visits. Anonymous visitors are
known by their session key (only once they have a session).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from hearth.analytics.definitions import Action
from hearth.analytics.recording import activity_record

SESSION_IDLE_SECONDS = 30 * 60
UNTRACKED = ("/static/", "/media/", "/api/", "/jsi18n/", "/favicon.ico", "/ops/")
TABLET = re.compile(r"iPad|Tablet|(Android(?!.*Mobile))", re.IGNORECASE)
MOBILE = re.compile(r"Mobi|iPhone|Android|MicroMessenger", re.IGNORECASE)
BOT = re.compile(r"bot|crawl|spider|slurp|headless", re.IGNORECASE)


def device_of(user_agent: str) -> str:
    """``mobile``, ``tablet``, ``desktop`` or ``bot`` from the User-Agent."""
    if BOT.search(user_agent):
        return "bot"
    if TABLET.search(user_agent):
        return "tablet"
    if MOBILE.search(user_agent):
        return "mobile"
    return "desktop"


class VisitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and not request.path.startswith(UNTRACKED)
            and not getattr(request, "htmx", False)
        ):
            self._visit(request)
        return response

    @staticmethod
    def _visit(request: HttpRequest) -> None:
        user = request.user
        if user.is_authenticated:
            who, visitor = f"m{user.pk}", ""
        else:
            key = request.session.session_key if hasattr(request, "session") else None
            if not key:
                return
            who, visitor = f"v{key}", key[:40]
        device = device_of(request.META.get("HTTP_USER_AGENT", ""))
        if device == "bot":
            return
        started = cache.add(f"analytics:session:{who}", 1, SESSION_IDLE_SECONDS)
        cache.touch(f"analytics:session:{who}", SESSION_IDLE_SECONDS)
        if not started:
            return
        member = request.user if request.user.is_authenticated else None
        transaction.on_commit(
            lambda: activity_record(
                action=Action.VISIT,
                member=member,
                visitor=visitor,
                device=device,
                source=urlsplit(request.META.get("HTTP_REFERER", "")).netloc[:40],
            )
        )
