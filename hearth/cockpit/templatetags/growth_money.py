"""Template helpers of the growth pages: yuan amounts with thousands separators."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value: Decimal | float | int | None, digits: int = 2) -> str:
    """12345.5 → "¥12,345.50" (``|yuan:0`` → "¥12,346"); "—" for None."""
    if value is None:
        return "—"
    return f"¥{float(value):,.{int(digits)}f}"


@register.filter
def lookup(mapping: dict[str, object], key: str) -> object:
    """``mapping[key]`` in a template (None when missing)."""
    return mapping.get(key)
