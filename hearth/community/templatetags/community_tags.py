"""Small presentational helpers for the community templates (no queries)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from hearth.accounts.models import User
from hearth.community import fragments, selectors
from hearth.community.models import Reply, Topic

register = template.Library()


@register.simple_tag
def avatar(member: User, size: str = "") -> SafeString:
    """The member's avatar image, or the first letter of their name on the brand colour."""
    url = member.avatar.url if member.avatar else ""
    return mark_safe(fragments.avatar_html(member.name, url, size))  # noqa: S308 (escaped)


@register.simple_tag(takes_context=True)
def reply_rows(context: template.Context, page: selectors.TopicPage) -> SafeString:
    """The replies of a topic page (see :mod:`hearth.community.fragments` for why in Python)."""
    return fragments.reply_rows_html(
        page.rows,
        topic_id=page.topic.pk,
        topic_author_id=page.topic.author_id,
        can_reply=page.perms.reply,
        user=context["user"],
        csrf_token=str(context.get("csrf_token", "")),
    )


@register.simple_tag(takes_context=True)
def like_button(
    context: template.Context,
    kind: str,
    obj: Topic | Reply,
    liked: bool,
    can_like: bool,
    error: str = "",
) -> SafeString:
    target = fragments.LikeTarget(kind, obj.pk, obj.author_id, obj.like_count, liked, can_like)
    return mark_safe(  # noqa: S308 (escaped by like_button_html)
        fragments.like_button_html(
            target,
            user=context["user"],
            csrf_token=str(context.get("csrf_token", "")),
            labels=fragments.LikeLabels.translated(),
            error=error,
        )
    )


@register.filter
def stars(level: int) -> str:
    return "★" * int(level or 0)


@register.filter
def quote_text(body: str, length: int = selectors.QUOTE_CHARS) -> str:
    return selectors.quote_line(body, length)


@register.filter
def pin_active(topic: Topic) -> bool:
    return selectors.topic_pin_active(topic=topic)
