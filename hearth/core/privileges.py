"""What a member's standing lets them do, asked by the permission functions of any app.

The community app asks ("may this member post in a restricted board?") and
the gamification app answers from the member's level, without the community
importing gamification: the answering app registers its provider with
:func:`privileges_provider` in ``AppConfig.ready``. With no provider, members
have the privileges of :data:`BASELINE`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from hearth.accounts.models import User


@dataclass(frozen=True)
class MemberPrivileges:
    """The privileges (权益) a member holds now."""

    level_position: int = 0
    level_name: str = ""
    post_restricted: bool = False
    upload_images: bool = False
    daily_post_limit: int | None = None  # topics + replies per local day; None: no limit
    custom_title: bool = False
    invite_codes: int = 0  # per month
    event_early_hours: int = 0
    badge_id: int | None = None  # the level's exclusive badge


BASELINE = MemberPrivileges()
NONE_FOR_VISITORS = MemberPrivileges(daily_post_limit=0)

Provider = Callable[[User], MemberPrivileges]
_provider: Provider | None = None
CACHE_ATTR = "_hearth_privileges"


def privileges_provider(provider: Provider) -> Provider:
    """Register the function that answers :func:`privileges_for` (one per site)."""
    global _provider
    _provider = provider
    return provider


def privileges_for(user: User | AnonymousUser) -> MemberPrivileges:
    """The member's privileges, kept on the user object for the rest of the request."""
    if not user.is_authenticated:
        return NONE_FOR_VISITORS
    cached = user.__dict__.get(CACHE_ATTR)
    if isinstance(cached, MemberPrivileges):
        return cached
    answer = _provider(user) if _provider is not None else BASELINE
    user.__dict__[CACHE_ATTR] = answer
    return answer


def privileges_forget(user: User | AnonymousUser) -> None:
    """Drop the cached answer (after points or a level changed within one request)."""
    user.__dict__.pop(CACHE_ATTR, None)
