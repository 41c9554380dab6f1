"""Remember where an anonymous visitor landed from, for attribution at sign-up."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

SESSION_KEY = "hearth_landing"
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")


class LandingSourceMiddleware:
    """Keep the first landing's UTM parameters, invite code and referrer in the session.

    Only anonymous visitors are tracked; a later landing with UTM parameters
    replaces an earlier one without (last non-direct touch wins).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and not request.user.is_authenticated:
            self._remember(request)
        return self.get_response(request)

    @staticmethod
    def _remember(request: HttpRequest) -> None:
        params = {k: request.GET.get(k, "")[:100] for k in UTM_KEYS}
        invite = request.GET.get("invite", "")[:40]
        has_params = any(params.values()) or bool(invite)
        current = request.session.get(SESSION_KEY)
        if current is not None and not has_params:
            return
        if current is None and not has_params and request.path.startswith(("/static/", "/media/")):
            return
        request.session[SESSION_KEY] = {
            **params,
            "invite_code": invite,
            "landing_path": request.get_full_path()[:500],
            "referrer": request.META.get("HTTP_REFERER", "")[:500],
        }
