"""Whether a member may post now, asked by the community before it saves a post.

The moderation app answers from the member's sanctions (a mute or a ban) by
registering a provider in ``AppConfig.ready``; with none, nobody is restricted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from hearth.accounts.models import User


@dataclass(frozen=True)
class PostingRestriction:
    """Why a member cannot post, and until when (``until`` None: permanently)."""

    kind: str  # "mute" or "ban"
    until: dt.datetime | None
    rule: str  # the cited rule's title
    message: str  # translated, shown on the composer and returned by the API
    board_id: int | None = None  # None: the whole site


Provider = Callable[[User, int | None], PostingRestriction | None]
_provider: Provider | None = None


def standing_provider(provider: Provider) -> Provider:
    """Register the function that answers :func:`posting_restriction`."""
    global _provider
    _provider = provider
    return provider


def posting_restriction(user: User, board_id: int | None) -> PostingRestriction | None:
    """The sanction that stops ``user`` posting in ``board_id`` now, if any."""
    if _provider is None or not user.is_authenticated:
        return None
    return _provider(user, board_id)
