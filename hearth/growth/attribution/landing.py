"""From a landing request to a touch, and a touch's channel against today's registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.http.request import validate_host
from django.utils import timezone

from hearth.accounts.models import InviteCode
from hearth.growth.attribution.registry import channel_for_source
from hearth.growth.attribution.search import (
    ORGANIC,
    referrer_host,
    search_engine_for,
    search_term_for,
)
from hearth.growth.attribution.touches import (
    FIELD_MAX,
    PATH_MAX,
    REFERRER_MAX,
    TouchData,
    TouchKind,
)
from hearth.growth.models import DIRECT, REFERRAL, SEARCH, TrackedLink

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
LINK_PARAM = "hl"
"""Named by the tracked-link redirect (``hearth.growth.links.codes.LINK_PARAM``)."""
INVITE_PARAM = "invite"


def _clip(value: str, limit: int = FIELD_MAX) -> str:
    return "".join(ch for ch in value.strip() if ch.isprintable())[:limit]


def referrer_short(referrer: str) -> str:
    """The referrer without its query string (search words and tokens stay out), clipped."""
    try:
        parts = urlsplit(referrer.strip())
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return _clip(f"{parts.scheme}://{parts.hostname}{parts.path}", REFERRER_MAX)


def _is_internal(request: HttpRequest, host: str) -> bool:
    """Whether ``host`` is this site: the request's host, or one ALLOWED_HOSTS names exactly."""
    try:
        if host == request.get_host().split(":")[0].lower():
            return True
    except Exception:  # noqa: S110  (DisallowedHost and friends: compare with the settings only)
        pass
    named = [h for h in settings.ALLOWED_HOSTS if h != "*"]
    return validate_host(host, named)


def _link_touch(base: TouchData, code: str, utm: dict[str, str]) -> TouchData | None:
    link = (
        TrackedLink.objects.filter(code=code, active=True).select_related("channel").first()
        if code
        else None
    )
    if link is not None:
        return replace(
            base,
            kind=TouchKind.LINK,
            channel=link.channel.key,
            link_id=link.pk,
            source=utm["utm_source"] or _clip(link.utm_source),
            medium=utm["utm_medium"] or _clip(link.utm_medium),
            campaign=utm["utm_campaign"] or _clip(link.utm_campaign),
            term=utm["utm_term"] or _clip(link.utm_term),
            content=utm["utm_content"] or _clip(link.utm_content),
        )
    if not utm["utm_source"]:
        return None  # an unknown link code alone says nothing
    return replace(
        base,
        channel=channel_for_source(utm["utm_source"]),
        source=utm["utm_source"],
        medium=utm["utm_medium"],
        campaign=utm["utm_campaign"],
        term=utm["utm_term"],
        content=utm["utm_content"],
    )


def touch_from_request(request: HttpRequest, *, now: dt.datetime | None = None) -> TouchData | None:
    """The touch this landing makes (channel resolved), or None when it is not a touch.

    URL parameters (UTM, a tracked link, an invite to an existing code) make a
    touch whatever the referrer; without them, only a referrer from another
    site does: a search engine (organic search) or any other site, whose host
    is then the source (channel ``other`` unless a channel lists that host).
    """
    params = request.GET
    referrer = request.META.get("HTTP_REFERER", "")
    base = TouchData(
        at=now or timezone.now(),
        kind=TouchKind.UTM,
        referrer=referrer_short(referrer),
        landing_path=_clip(request.get_full_path(), PATH_MAX),
    )
    utm = {key: _clip(params.get(key, "")) for key in UTM_KEYS}
    code = _clip(params.get(LINK_PARAM, ""), 16).lower()
    if utm["utm_source"] or code:
        touch = _link_touch(base, code, utm)
        if touch is not None:
            return touch
    invite = _clip(params.get(INVITE_PARAM, ""), 40).upper()
    if invite and InviteCode.objects.filter(code=invite).exists():
        return replace(
            base,
            kind=TouchKind.INVITE,
            channel=REFERRAL,
            source="invite",
            medium="invite",
            invite=invite,
        )
    host = referrer_host(referrer)
    if not host or _is_internal(request, host):
        return None
    engine = search_engine_for(referrer)
    if engine:
        term = search_term_for(referrer)
        return replace(
            base, kind=TouchKind.SEARCH, channel=SEARCH, source=engine, medium=ORGANIC, term=term
        )
    source = _clip(host)
    return replace(
        base,
        kind=TouchKind.REFERRER,
        channel=channel_for_source(source),
        source=source,
        medium="referral",
    )


def touches_resolve(touches: Sequence[TouchData]) -> list[TouchData]:
    """The touches with their channels read again from today's registry and links.

    A visitor may land weeks before signing up; meanwhile a channel may have
    gained the touch's source as an alias, or its link may have been deleted.
    """
    link_ids = {t.link_id for t in touches if t.link_id is not None}
    links = dict(
        TrackedLink.objects.filter(pk__in=link_ids).values_list("pk", "channel__key")
        if link_ids
        else []
    )
    resolved = []
    for touch in touches:
        if touch.kind == TouchKind.SEARCH:
            channel = SEARCH
        elif touch.kind == TouchKind.INVITE:
            channel = REFERRAL
        elif touch.kind == TouchKind.DIRECT:
            channel = DIRECT
        elif touch.link_id is not None and touch.link_id in links:
            channel = links[touch.link_id]
        else:
            channel = channel_for_source(touch.source)
        link_id = touch.link_id if touch.link_id in links else None
        resolved.append(replace(touch, channel=channel, link_id=link_id))
    return resolved
