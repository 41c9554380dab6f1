"""The attribution cookie (``hearth_touch``): a visitor's touches, signed, first-party.

The value is ``django.core.signing.dumps`` of the touches' compact dicts
(compressed JSON, signed with the secret key and a salt of its own), so a
visitor can neither forge nor alter a touch. A cookie that does not verify or
parse, or has an absurd size or shape, is ignored quietly (logged at info
level): the visitor counts as having no touches, and the next response
replaces it with a clean one. Entries that parse are kept, the rest dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from hearth.growth.attribution.touches import MAX_TOUCHES, TouchData, touch_dump, touch_parse

logger = logging.getLogger(__name__)

COOKIE_NAME = "hearth_touch"
COOKIE_SALT = "hearth.growth.attribution.touches"
COOKIE_MAX_AGE = dt.timedelta(days=90)
COOKIE_BYTES_MAX = 3800
"""Browsers keep about 4 KB per cookie; a longer value drops older touches (the first stays)."""


@dataclass(frozen=True)
class CookieTouches:
    """What the visitor's cookie holds; ``rewrite`` when it must be replaced by a clean one."""

    touches: tuple[TouchData, ...] = ()
    rewrite: bool = False


def cookie_read(request: HttpRequest, *, now: dt.datetime | None = None) -> CookieTouches:
    """The visitor's valid touches of the last 90 days; never raises."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return CookieTouches()
    if len(raw) > 4096:
        logger.info("attribution cookie ignored: %d characters", len(raw))
        return CookieTouches(rewrite=True)
    try:
        data = signing.loads(raw, salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE)
    except signing.SignatureExpired:
        return CookieTouches(rewrite=True)
    except (signing.BadSignature, ValueError, TypeError, zlib.error) as exc:
        logger.info("attribution cookie ignored: %s", type(exc).__name__)
        return CookieTouches(rewrite=True)
    if not isinstance(data, list) or len(data) > MAX_TOUCHES:
        logger.info("attribution cookie ignored: not a list of at most %d touches", MAX_TOUCHES)
        return CookieTouches(rewrite=True)
    parsed = [touch_parse(item) for item in data]
    oldest = (now or timezone.now()) - COOKIE_MAX_AGE
    touches = tuple(t for t in parsed if t is not None and t.at >= oldest)
    if len(touches) < len(parsed):
        logger.info(
            "attribution cookie: %d of %d touches dropped", len(parsed) - len(touches), len(parsed)
        )
    return CookieTouches(touches=touches, rewrite=len(touches) < len(parsed))


def _encode(touches: Sequence[TouchData]) -> str:
    kept = list(touches)
    value = signing.dumps([touch_dump(t) for t in kept], salt=COOKIE_SALT, compress=True)
    while len(value) > COOKIE_BYTES_MAX and len(kept) > 1:
        del kept[1 if len(kept) > 2 else 0]  # the second oldest goes; the first touch stays
        value = signing.dumps([touch_dump(t) for t in kept], salt=COOKIE_SALT, compress=True)
    return value


def cookie_write(response: HttpResponse, touches: Sequence[TouchData], *, secure: bool) -> None:
    """Store ``touches`` on the visitor's browser, or remove the cookie when there are none."""
    if not touches:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
        return
    response.set_cookie(
        COOKIE_NAME,
        _encode(touches),
        max_age=int(COOKIE_MAX_AGE.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=secure,
    )
