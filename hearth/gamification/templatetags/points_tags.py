"""Template filters for points pages."""

from __future__ import annotations

from django import template

from hearth.gamification.actions import PointAction

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    """The translated name of a point action (the ledger stores its code)."""
    return str(PointAction(action).label) if action in PointAction.values else action
