"""Domain events published by the gamification app (see :mod:`hearth.core.events`)."""

from __future__ import annotations

from dataclasses import dataclass

from hearth.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class LevelChanged(DomainEvent):
    """A member's level moved because their lifetime points changed.

    ``old`` and ``new`` are ladder positions (1 = the first level; 0 = none yet).
    Not published when an operator edits the ladder: that recompute is silent.
    """

    member_id: int
    old: int
    new: int
    level_name: str

    @property
    def promoted(self) -> bool:
        """A rise to a level above the first (reaching the first level is no promotion)."""
        return self.new > max(self.old, 1)


@dataclass(frozen=True, kw_only=True)
class CheckedIn(DomainEvent):
    """A member signed in for the day (签到); ``streak`` counts days in a row, this one included."""

    member_id: int
    day: str  # local date, ISO format
    streak: int


@dataclass(frozen=True, kw_only=True)
class BadgeGranted(DomainEvent):
    member_id: int
    badge_id: int
    grant_id: int
    by_staff: bool
