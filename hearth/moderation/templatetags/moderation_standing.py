"""Template tags about a member's standing: the mute or ban that stops them posting."""

from __future__ import annotations

from typing import Any

from django import template

from hearth.community.models import Board
from hearth.core.standing import PostingRestriction, posting_restriction

register = template.Library()


@register.simple_tag(takes_context=True)
def posting_restriction_for(
    context: dict[str, Any], board: Board | None = None
) -> PostingRestriction | None:
    """The restriction that stops the viewer posting in ``board`` (or anywhere), if any."""
    user = context["request"].user
    if not user.is_authenticated:
        return None
    return posting_restriction(user, board.pk if board is not None else None)
