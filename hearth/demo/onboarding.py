"""Demo onboarding: every member's checklist computed from the planted history.

The bulk writer fires no events, so progress comes from the set-based
backfill (no points: ``points_backfill`` derives them; no welcome messages).
Effect 5 shows in it: Douyin sign-ups mostly never follow 3 boards.
"""

from __future__ import annotations

from hearth.growth.onboarding.backfill import onboarding_backfill


def onboarding_plant() -> int:
    """Write the members' onboarding progress; returns the rows written."""
    return onboarding_backfill()
