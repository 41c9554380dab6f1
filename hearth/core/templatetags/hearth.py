from __future__ import annotations

import datetime as dt

from django import template

from hearth.core import timefmt

register = template.Library()


@register.filter
def ago(value: dt.datetime | None) -> str:
    """``{{ topic.created_at|ago }}``: "just now", "5 minutes ago", … then the date."""
    return timefmt.ago(value)
