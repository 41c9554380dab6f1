"""What the sign-up page hands to ``member_signup``: the visitor's touches as a LandingSource."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from hearth.accounts.invites import invite_code_usable
from hearth.accounts.services import LandingSource
from hearth.growth.attribution.cookie import cookie_read
from hearth.growth.attribution.devices import device_of
from hearth.growth.attribution.landing import touch_from_request, touches_resolve
from hearth.growth.attribution.touches import TouchData, TouchKind, touch_dump, touches_add

_TOUCHES_ATTR = "hearth_touches"
URL_KINDS = frozenset({TouchKind.UTM, TouchKind.LINK, TouchKind.INVITE})


def touches_remember(request: HttpRequest, touches: list[TouchData]) -> None:
    """Keep this request's touches for the view (the cookie is only written on the response)."""
    setattr(request, _TOUCHES_ATTR, touches)


def _visitor_touches(request: HttpRequest) -> list[TouchData]:
    remembered = getattr(request, _TOUCHES_ATTR, None)
    if remembered is not None:
        return list(remembered)
    now = timezone.now()
    touches = list(cookie_read(request, now=now).touches)
    # The sign-up URL itself may carry a touch: a POST is never remembered by
    # the middleware, and a GET by a browser without cookies is not either.
    touch = touch_from_request(request, now=now)
    if touch is not None and touch.kind in URL_KINDS:
        touches = touches_add(touches, touch, now=now) or touches
    return touches


def landing_source_for(request: HttpRequest) -> LandingSource:
    """The landing source to record when this visitor signs up.

    The UTM fields, landing path and referrer are the first touch's; the
    channel is the first touch's, read against today's registry. The invite
    code is the latest invite link's, when that code can still be redeemed
    (a stale one is dropped quietly: the visitor never typed it).
    """
    touches = touches_resolve(_visitor_touches(request))
    first = touches[0] if touches else None
    invites = [t.invite for t in touches if t.kind == TouchKind.INVITE]
    invite = invites[-1] if invites and invite_code_usable(invites[-1]) else ""
    return LandingSource(
        utm_source=first.source if first else "",
        utm_medium=first.medium if first else "",
        utm_campaign=first.campaign if first else "",
        utm_term=first.term if first else "",
        utm_content=first.content if first else "",
        invite_code=invite,
        landing_path=first.landing_path if first else "",
        referrer=first.referrer if first else "",
        channel_key=first.channel if first else "",
        touches=tuple(touch_dump(t) for t in touches),
        device=device_of(request),
    )
