"""Template tags about a member's standing: the mute or ban that stops them posting, and the
sanctions they have not seen yet (the banner on every page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template

from hearth.community.models import Board
from hearth.core.standing import PostingRestriction, posting_restriction
from hearth.moderation.models import Sanction
from hearth.moderation.selectors.sanctions import standing_of
from hearth.moderation.services.sanctions import sanction_sentence

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


@dataclass(frozen=True)
class Notice:
    sanction: Sanction
    sentence: str


@register.simple_tag(takes_context=True)
def unseen_sanctions(context: dict[str, Any]) -> list[Notice]:
    """The viewer's sanctions in force they have not dismissed yet (read with their standing)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return [Notice(sanction=s, sentence=sanction_sentence(s)) for s in standing_of(user).unseen]
