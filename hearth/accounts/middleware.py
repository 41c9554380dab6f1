"""Remember where an anonymous visitor landed from, for attribution at sign-up."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from hearth.accounts.services import LandingSource

SESSION_KEY = "hearth_landing"
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
# Assets and machine endpoints are never a landing; API clients keep no cookie, so
# remembering their "landing" would also write a new session row on every call.
UNTRACKED_PREFIXES = ("/static/", "/media/", "/api/", "/jsi18n/", "/favicon.ico")


class LandingSourceMiddleware:
    """Keep the first landing's UTM parameters, invite code and referrer in the session.

    Only anonymous visitors are tracked; a later landing with UTM parameters
    replaces an earlier one without (last non-direct touch wins).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method == "GET"
            and not request.user.is_authenticated
            and not request.path.startswith(UNTRACKED_PREFIXES)
        ):
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
        if current is not None and all(
            current.get(k, "") == v for k, v in {**params, "invite_code": invite}.items()
        ):
            return  # the same landing again (a reload): keep its original referrer
        request.session[SESSION_KEY] = {
            **params,
            "invite_code": invite,
            "landing_path": request.get_full_path()[:500],
            "referrer": request.META.get("HTTP_REFERER", "")[:500],
        }


def landing_source_for(request: HttpRequest) -> LandingSource:
    """The landing source to record at sign-up.

    Built from what the middleware kept in the session, unless the sign-up
    URL itself carries other UTM parameters or another invite code (the
    sign-up page can be the landing page, and a POST is never remembered by
    the middleware): then that URL wins, as the latest non-direct touch.
    """
    stored: dict[str, str] = dict(request.session.get(SESSION_KEY) or {})
    from_url = {k: request.GET.get(k, "")[:100] for k in UTM_KEYS}
    from_url["invite_code"] = request.GET.get("invite", "")[:40]
    if any(from_url.values()) and any(stored.get(k, "") != v for k, v in from_url.items()):
        referrer = request.META.get("HTTP_REFERER", "") if request.method == "GET" else ""
        stored = {
            **from_url,
            "landing_path": request.get_full_path()[:500],
            "referrer": referrer[:500],
        }

    def get(name: str) -> str:
        return str(stored.get(name, "") or "")

    return LandingSource(
        utm_source=get("utm_source"),
        utm_medium=get("utm_medium"),
        utm_campaign=get("utm_campaign"),
        utm_term=get("utm_term"),
        utm_content=get("utm_content"),
        invite_code=get("invite_code"),
        landing_path=get("landing_path"),
        referrer=get("referrer"),
    )
