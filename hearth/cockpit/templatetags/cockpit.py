"""Template helpers for cockpit pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

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


@register.filter
def percent(value: float | None, digits: int = 1) -> str:
    """0.1234 → "12.3%" ("—" for None)."""
    if value is None:
        return "—"
    return f"{value * 100:.{digits}f}%"


@register.filter
def signed_percent(value: float | None) -> str:
    """A relative change: 0.25 → "+25.0%", −0.1 → "−10.0%" ("—" for None)."""
    if value is None:
        return "—"
    text = f"{abs(value) * 100:.1f}%"
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return text


@register.filter
def number(value: float | None) -> str:
    """A count as an integer with thousands separators, other numbers with up to 2 decimals."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


@register.filter
def signed_points(value: float | None) -> str:
    """A change of a share in percentage points: 0.012 → "+1.2 pp"."""
    if value is None:
        return "—"
    text = f"{abs(value) * 100:.1f}"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return _("%(n)s pp") % {"n": sign + text}
