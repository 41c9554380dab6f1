"""Reads of the analytics app's own settings."""

from __future__ import annotations

from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.models import AnalyticsSettings


def active_actions() -> frozenset[str]:
    """The actions that count as active (the operator's choice, else the default)."""
    row = AnalyticsSettings.objects.filter(pk=1).first()
    if row is None or not row.active_actions:
        return DEFAULT_ACTIVE
    return frozenset(str(a) for a in row.active_actions)
