"""Cycle keys: which reward period an action falls in, for cap counting."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hearth.gamification.actions import Cycle


def cycle_key_for(cycle: str, occurred_at: dt.datetime) -> str:
    """``"2026-11-25"`` for daily, ``"2026-11-25T18"`` for hourly (local time), fixed otherwise."""
    if cycle == Cycle.DAILY:
        return timezone.localtime(occurred_at).date().isoformat()
    if cycle == Cycle.HOURLY:
        return timezone.localtime(occurred_at).strftime("%Y-%m-%dT%H")
    if cycle == Cycle.ONCE:
        return "once"
    return "all"
