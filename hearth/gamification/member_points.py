"""Reads for a member's own points page: balances, level progress, privileges, history."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.accounts.models import User
from hearth.gamification.models import Level, PointBalance, PointEntry

HISTORY_PER_PAGE = 30


@dataclass(frozen=True)
class LevelProgress:
    """Where a member stands on the ladder, and how far the next level is."""

    lifetime: int
    spendable: int
    level: Level | None
    next_level: Level | None
    ladder: list[Level]

    @property
    def points_to_next(self) -> int:
        return max(self.next_level.threshold - self.lifetime, 0) if self.next_level else 0

    @property
    def percent(self) -> int:
        """Progress from this level's threshold to the next one, 0–100 (100 at the top)."""
        if self.next_level is None or self.level is None:
            return 100
        span = self.next_level.threshold - self.level.threshold
        done = self.lifetime - self.level.threshold
        return max(0, min(100, done * 100 // span)) if span > 0 else 100


def level_progress_for(*, member: User) -> LevelProgress:
    """Balances and ladder position in two queries (balance, ladder)."""
    balance = PointBalance.objects.filter(member=member).first()
    lifetime = balance.lifetime if balance else 0
    spendable = balance.spendable if balance else 0
    ladder = list(Level.objects.select_related("badge").order_by("position"))
    reached = [level for level in ladder if level.threshold <= max(lifetime, 0)]
    level = reached[-1] if reached else (ladder[0] if ladder else None)
    later = [rung for rung in ladder if level is not None and rung.position > level.position]
    return LevelProgress(lifetime, spendable, level, later[0] if later else None, ladder)


def privilege_lines(level: Level) -> list[str]:
    """What ``level`` unlocks, as sentences a member reads (its badge must be selected)."""
    lines = []
    if level.daily_post_limit is None:
        lines.append(_("Post without a daily limit"))
    else:
        lines.append(
            ngettext(
                "Up to %(n)d topic or reply a day",
                "Up to %(n)d topics and replies a day",
                level.daily_post_limit,
            )
            % {"n": level.daily_post_limit}
        )
    if level.upload_images:
        lines.append(_("Upload images in posts"))
    if level.post_restricted:
        lines.append(_("Start topics in restricted boards"))
    if level.custom_title:
        lines.append(_("Show a custom title beside your name"))
    if level.invite_codes:
        lines.append(
            ngettext("%(n)d invite code a month", "%(n)d invite codes a month", level.invite_codes)
            % {"n": level.invite_codes}
        )
    if level.event_early_hours:
        lines.append(
            ngettext(
                "Register for events %(n)d hour early",
                "Register for events %(n)d hours early",
                level.event_early_hours,
            )
            % {"n": level.event_early_hours}
        )
    if level.badge is not None:
        lines.append(_("The exclusive badge %(badge)s") % {"badge": str(level.badge)})
    return lines


def points_history_page(*, member: User, page_number: str | int | None) -> Page[PointEntry]:
    """The member's ledger, newest first, with what each reversal undid (constant queries)."""
    entries = PointEntry.objects.filter(member=member).select_related("reverses", "actor")
    return Paginator(entries, HISTORY_PER_PAGE).get_page(page_number)
