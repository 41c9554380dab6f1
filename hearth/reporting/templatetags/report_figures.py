"""Figures as the operations report shows them."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()

STATUS_COLOURS = {
    "on_track": "#00a870",
    "achieved": "#0052d9",
    "behind": "#e37318",
    "at_risk": "#d54941",
    "missed": "#86909c",
    "pending": "#86909c",
}


@register.filter
def figure(value: float | None, percent: bool = False) -> str:
    """A KPI value: a share as a percentage, a count with separators ("—" when missing)."""
    if value is None:
        return "—"
    if percent:
        return f"{value * 100:.1f}%"
    if float(value).is_integer() or abs(value) >= 100:
        return f"{round(value):,}"
    return f"{value:,.1f}"


@register.filter
def share(value: float | None) -> str:
    """0.423 → "42%" ("—" when missing)."""
    if value is None:
        return "—"
    return f"{value * 100:.0f}%"


@register.filter
def change(value: float | None) -> str:
    """A relative change with its sign: +14.0% / −7.5% ("—" when there is nothing to compare)."""
    if value is None:
        return "—"
    text = f"{abs(value) * 100:.1f}%"
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text


@register.filter
def trend(value: float | None) -> str:
    """A CSS class for a change: up, down or flat."""
    if not value:
        return "flat"
    return "up" if value > 0 else "down"


@register.filter
def trend_inverse(value: float | None) -> str:
    """The CSS class for a figure where a rise is bad news (flags filed): red up, green down."""
    found = trend(value)
    return {"up": "down", "down": "up"}.get(found, found)


@register.filter
def status_colour(status: str | None) -> str:
    return STATUS_COLOURS.get(status or "", "#86909c")


@register.filter
def yuan(value: float | None) -> str:
    if value is None:
        return "—"
    return _("¥%(amount)s") % {"amount": f"{value:,.0f}"}


@register.filter
def hours(value: float | None) -> str:
    if value is None:
        return "—"
    return _("%(n)s h") % {"n": f"{value:.1f}"}
