"""Keep the touches of anonymous visitors in the attribution cookie; give browsers a device id."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from hearth.growth.attribution.cookie import COOKIE_NAME, cookie_read, cookie_write
from hearth.growth.attribution.devices import device_cookie_set, device_ensure, member_device_note
from hearth.growth.attribution.landing import touch_from_request
from hearth.growth.attribution.signup import touches_remember
from hearth.growth.attribution.touches import TouchData, touches_add

UNTRACKED_PREFIXES = (
    "/static/",
    "/media/",
    "/api/",
    "/jsi18n/",
    "/favicon.ico",
    "/robots.txt",
    "/sitemap.xml",
    "/go/",  # the tracked-link redirect: its destination is the touch
    "/admin/",
    "/ops/",
)
"""Assets, machine endpoints and redirects: never a landing."""


def _is_landing(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and request.headers.get("HX-Request") != "true"
        and not request.path.startswith(UNTRACKED_PREFIXES)
    )


class AttributionMiddleware:
    """Append each anonymous landing that is a touch to the signed attribution cookie.

    Signed-in members are not tracked; their browser's cookie is removed (a
    sign-up or log-in recorded or ended it). Every browser gets the device
    cookie, and a signed-in member's device is noted once per session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        new_device = not request.path.startswith(UNTRACKED_PREFIXES) and device_ensure(request)
        touches = None
        if _is_landing(request) and not request.user.is_authenticated:
            touches = self._landing_touches(request)
        response = self.get_response(request)
        if new_device:
            device_cookie_set(request, response)
        if request.user.is_authenticated:
            member_device_note(request)
            if COOKIE_NAME in request.COOKIES:
                response.delete_cookie(COOKIE_NAME, samesite="Lax")
        elif touches is not None:
            cookie_write(response, touches, secure=request.is_secure())
        return response

    @staticmethod
    def _landing_touches(request: HttpRequest) -> list[TouchData] | None:
        """The touches to write to the cookie, or None when the cookie stays as it is."""
        now = timezone.now()
        stored = cookie_read(request, now=now)
        touch = touch_from_request(request, now=now)
        added = touches_add(stored.touches, touch, now=now) if touch else None
        current = added if added is not None else list(stored.touches)
        touches_remember(request, current)
        return current if added is not None or stored.rewrite else None
