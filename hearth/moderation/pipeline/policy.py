"""Which moderation policy applies to a post: its board before the site, the author's level.

A :class:`Policy` is the plain form of a ``ModerationPolicy`` row, so the
pure stages of the pipeline (and the benchmark) need no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hearth.moderation.models import ModerationPolicy, SignalAction


@dataclass(frozen=True, slots=True)
class Policy:
    """What each signal does (``ignore`` / ``flag`` / ``hold`` / ``block``) and the thresholds."""

    board_id: int | None = None
    max_level_position: int | None = None
    first_posts_held: int = 3
    contact_action: str = SignalAction.HOLD
    link_action: str = SignalAction.FLAG
    shortener_action: str = SignalAction.HOLD
    repeat_action: str = SignalAction.FLAG
    flood_action: str = SignalAction.HOLD
    repost_action: str = SignalAction.HOLD
    classifier_hold: float | None = 0.8
    classifier_block: float | None = None


def policy_from_row(row: ModerationPolicy) -> Policy:
    return Policy(
        board_id=row.board_id,
        max_level_position=row.max_level_position,
        first_posts_held=row.first_posts_held,
        contact_action=row.contact_action,
        link_action=row.link_action,
        shortener_action=row.shortener_action,
        repeat_action=row.repeat_action,
        flood_action=row.flood_action,
        repost_action=row.repost_action,
        classifier_hold=row.classifier_hold,
        classifier_block=row.classifier_block,
    )


def _covers(policy: Policy, level_position: int | None) -> bool:
    if policy.max_level_position is None:
        return True
    return level_position is not None and level_position <= policy.max_level_position


def policy_resolve(
    policies: Sequence[Policy], *, board_id: int | None, level_position: int | None
) -> Policy:
    """The most specific policy: the board's rows before the site's (board None), and among
    them the lowest ``max_level_position`` that covers ``level_position`` (None covers every
    level). ``level_position`` None is an established member: only rows for every level apply.
    Without any row, the model's defaults.
    """
    scopes: tuple[int | None, ...] = (board_id, None) if board_id is not None else (None,)
    for scope in scopes:
        rows = [p for p in policies if p.board_id == scope and _covers(p, level_position)]
        if rows:
            return min(
                rows,
                key=lambda p: (p.max_level_position is None, p.max_level_position or 0),
            )
    return Policy()
