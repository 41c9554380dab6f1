"""The device cookie (``hearth_device``): a random id per browser, to spot self-invites.

Every visitor gets one (long-lived, first-party, HttpOnly). Only its keyed
hash is stored (``MemberDevice.device``, ``MemberAttribution.signup_device``):
the raw id never leaves the browser and the database alone cannot link a
cookie to a member. A member's device is recorded once per session when they
are signed in, and at sign-up.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from hearth.accounts.models import User
from hearth.growth.models import MemberDevice

DEVICE_COOKIE = "hearth_device"
DEVICE_MAX_AGE = dt.timedelta(days=730)
DEVICE_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
SESSION_DEVICE_KEY = "hearth_device_seen"
_REQUEST_ATTR = "hearth_device_id"


def device_hash(device_id: str) -> str:
    """The 64-character keyed hash stored for a device id ("" for none)."""
    if not device_id:
        return ""
    return salted_hmac("hearth.growth.device", device_id, algorithm="sha256").hexdigest()


def device_ensure(request: HttpRequest) -> bool:
    """Give the request its browser's device id (a new one when missing or malformed).

    Returns True when the id is new and must be set on the response.
    """
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    is_new = not DEVICE_RE.match(raw)
    setattr(request, _REQUEST_ATTR, secrets.token_urlsafe(18) if is_new else raw)
    return is_new


def device_of(request: HttpRequest) -> str:
    """The hashed device id of this request's browser ("" when there is none)."""
    raw = getattr(request, _REQUEST_ATTR, None) or request.COOKIES.get(DEVICE_COOKIE, "")
    return device_hash(raw) if DEVICE_RE.match(raw) else ""


def device_cookie_set(request: HttpRequest, response: HttpResponse) -> None:
    response.set_cookie(
        DEVICE_COOKIE,
        getattr(request, _REQUEST_ATTR),
        max_age=int(DEVICE_MAX_AGE.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def member_device_record(
    *, member: User | int, device: str, now: dt.datetime | None = None
) -> None:
    """Note that ``member`` uses the browser with hashed id ``device`` (idempotent)."""
    if not device:
        return
    now = now or timezone.now()
    member_id = member if isinstance(member, int) else member.pk
    if MemberDevice.objects.filter(member_id=member_id, device=device).update(last_seen=now):
        return
    try:
        with transaction.atomic():
            MemberDevice.objects.create(
                member_id=member_id, device=device, first_seen=now, last_seen=now
            )
    except IntegrityError:  # recorded meanwhile by a parallel request
        pass


def member_device_note(request: HttpRequest) -> None:
    """Record the signed-in member's device, once per session."""
    device = device_of(request)
    if not device or request.session.get(SESSION_DEVICE_KEY) == device:
        return
    user = request.user
    if isinstance(user, User) and user.is_authenticated:
        member_device_record(member=user, device=device)
        request.session[SESSION_DEVICE_KEY] = device
