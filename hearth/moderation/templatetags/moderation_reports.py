"""Template tags for reporting content and for the author's view of a moderation decision."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def report_button(context: dict[str, Any], kind: str, content: Any) -> SafeString:
    """The 举报 (report) button for a topic or reply (filled in by the reports work)."""
    return mark_safe("")


@register.simple_tag(takes_context=True)
def moderation_notice(context: dict[str, Any], kind: str, content: Any) -> SafeString:
    """For the author: why their post is held, hidden or rejected, and what they can do."""
    return mark_safe("")
