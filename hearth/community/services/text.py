"""Checks and rendering shared by topic and reply services."""

from __future__ import annotations

import math

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.community.models import Topic
from hearth.core import markdown

TITLE_MAX = 120
TOPIC_BODY_MAX = 50_000
REPLY_BODY_MAX = 20_000
TAGS_MAX = 5


def check_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("The title cannot be empty.")})
    if len(title) > TITLE_MAX:
        raise ValidationError(
            {
                "title": _("The title is %(n)d characters long; at most %(max)d are allowed.")
                % {"n": len(title), "max": TITLE_MAX}
            }
        )
    return title


def check_body(body: str, *, maximum: int) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("The text cannot be empty.")})
    if len(body) > maximum:
        raise ValidationError(
            {
                "body": _(
                    "The text is %(n)d characters long; at most %(max)d are allowed. "
                    "Your text is kept below: shorten it or split it into several posts."
                )
                % {"n": len(body), "max": maximum}
            }
        )
    return body


def check_tags(tags: list[str]) -> list[str]:
    cleaned: dict[str, None] = {}
    for tag in tags:
        name = tag.strip().lstrip("#")[:30]
        if name:
            cleaned.setdefault(name, None)
    if len(cleaned) > TAGS_MAX:
        raise ValidationError({"tags": _("At most %(max)d tags.") % {"max": TAGS_MAX}})
    return list(cleaned)


def mentions(body: str, *, exclude: int) -> dict[str, int]:
    """Existing members @mentioned in ``body``: username → id (the author excluded)."""
    names = markdown.mentioned_names(body)[:20]
    if not names:
        return {}
    found = get_user_model().objects.filter(username__in=names, is_active=True)
    return {u.username: u.pk for u in found.only("id", "username") if u.pk != exclude}


def render(body: str, mentioned: dict[str, int]) -> str:
    def url(name: str) -> str | None:
        return reverse("accounts:member", args=[name]) if name in mentioned else None

    return markdown.render(body, mention_url=url)


def hot_score(topic: Topic) -> float:
    """Engagement on a log scale plus recency: newer topics need less to rank high.

    Every 12.5 hours of age needs ten times the engagement to keep the same
    rank (Reddit's formula), so the order stays right as time passes without
    recomputing old scores.
    """
    engagement = (
        topic.like_count + 2 * topic.reply_count + 3 * topic.share_count + topic.read_count / 10
    )
    return round(math.log10(max(engagement, 1.0)) + topic.created_at.timestamp() / 45_000, 6)
