"""Template helpers for cockpit pages."""

from __future__ import annotations

from django import template

from hearth.core.roles import role_label

register = template.Library()


@register.filter
def signed(value: int | None) -> str:
    """+12 / −3 / 0, with a real minus sign."""
    if value is None:
        return ""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"−{-value}"
    return "0"


@register.filter(name="role_label")
def role_label_filter(role: str) -> str:
    """The translated name of a staff role key, e.g. "content_editor" → 内容编辑."""
    return role_label(role)
