"""Levels: which rung lifetime points reach, and the ladder editor's save."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.gamification.ladder import LadderRows, LevelDraft, ladder_check
from hearth.gamification.models import Level, PointBalance
from hearth.gamification.permissions import can_manage_ladder


def _band(levels: list[Level], index: int) -> QuerySet[PointBalance]:
    """Balances whose lifetime points put them on ``levels[index]``."""
    band = PointBalance.objects.all()
    if index > 0:
        band = band.filter(lifetime__gte=levels[index].threshold)
    if index + 1 < len(levels):
        band = band.filter(lifetime__lt=levels[index + 1].threshold)
    return band


def levels_recompute(*, levels: list[Level] | None = None) -> int:
    """Put every balance on the level its lifetime points reach: one UPDATE per level.

    ``levels`` is the ladder in position order (default: the saved ladder).
    """
    if levels is None:
        levels = list(Level.objects.order_by("position"))
    return sum(
        _band(levels, i).exclude(level=level).update(level=level) for i, level in enumerate(levels)
    )


def ladder_set(*, actor: User, levels: LadderRows) -> list[Level]:
    """Replace the ladder with ``levels`` (drafts with privileges) and move every member to match.

    Bad input raises ValidationError (every problem, each naming its level)
    and nothing is saved. Levels keep their position (and row), so members'
    references stay valid while names, thresholds and privileges change. The
    recompute publishes no events and sends no notifications: an operator's
    edit is not a member's achievement. A ``(name, threshold)`` tuple is a
    level without privileges.
    """
    if not can_manage_ladder(actor):
        raise PermissionDenied(_("You cannot edit the level ladder."))
    return ladder_replace(levels=levels)


def _fields(draft: LevelDraft) -> dict[str, object]:
    return {
        "name": draft.name,
        "threshold": draft.threshold,
        "post_restricted": bool(draft.post_restricted),
        "upload_images": bool(draft.upload_images),
        "daily_post_limit": draft.daily_post_limit,
        "custom_title": bool(draft.custom_title),
        "invite_codes": draft.invite_codes,
        "badge_id": draft.badge_id,
        "event_early_hours": draft.event_early_hours,
    }


@transaction.atomic
def ladder_replace(*, levels: LadderRows) -> list[Level]:
    """:func:`ladder_set` without the permission check (defaults, demo data, tests)."""
    drafts = ladder_check(levels)
    list(Level.objects.select_for_update().order_by("position"))  # one editor at a time
    saved = []
    for position, draft in enumerate(drafts, start=1):
        level, _created = Level.objects.update_or_create(position=position, defaults=_fields(draft))
        saved.append(level)
    levels_recompute(levels=saved)
    Level.objects.filter(position__gt=len(drafts)).delete()
    return saved
