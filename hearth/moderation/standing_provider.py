"""Answers :func:`hearth.core.standing.posting_restriction` from the member's sanctions.

An active mute or ban (not lifted, started, not ended) for the whole site, or
for the board asked about, stops the member posting; they can still read.
The member's sanctions are read once per request (see ``standing_of``).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.core.standing import PostingRestriction, standing_provider
from hearth.moderation.models import Sanction, SanctionKind
from hearth.moderation.selectors.sanctions import standing_of


def restriction_message(sanction: Sanction) -> str:
    """Why the member cannot post, and until when, in their words."""
    names = {
        "rule": sanction.rule.title,
        "board": sanction.board.name if sanction.board is not None else "",
        "until": (
            timezone.localtime(sanction.ends_at).strftime("%Y-%m-%d %H:%M")
            if sanction.ends_at is not None
            else ""
        ),
    }
    site = sanction.board is None
    if sanction.kind == SanctionKind.BAN:
        if sanction.ends_at is None:
            text = (
                _("You are banned from posting permanently for breaking the rule “%(rule)s”.")
                if site
                else _(
                    "You are banned from posting in “%(board)s” permanently for breaking the "
                    "rule “%(rule)s”."
                )
            )
        else:
            text = (
                _("You are banned from posting until %(until)s for breaking the rule “%(rule)s”.")
                if site
                else _(
                    "You are banned from posting in “%(board)s” until %(until)s for breaking the "
                    "rule “%(rule)s”."
                )
            )
    elif sanction.ends_at is None:
        text = (
            _("You are muted permanently for breaking the rule “%(rule)s”.")
            if site
            else _("You are muted in “%(board)s” permanently for breaking the rule “%(rule)s”.")
        )
    else:
        text = (
            _("You are muted until %(until)s for breaking the rule “%(rule)s”.")
            if site
            else _("You are muted in “%(board)s” until %(until)s for breaking the rule “%(rule)s”.")
        )
    return f"{text % names} {_('You can still read.')}"


@standing_provider
def sanction_restriction(user: User, board_id: int | None) -> PostingRestriction | None:
    """The strongest active mute or ban for the site or for ``board_id``, if any."""
    for sanction in standing_of(user).restrictions:
        if sanction.board_id is None or sanction.board_id == board_id:
            return PostingRestriction(
                kind=sanction.kind,
                until=sanction.ends_at,
                rule=sanction.rule.title,
                message=restriction_message(sanction),
                board_id=sanction.board_id,
            )
    return None
