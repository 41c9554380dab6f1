"""Search-engine views of the community: which topics are public, and a topic's structured data.

A topic is public when anyone may read it without logging in: published, in
a board visible to everyone (the same rule as ``permissions.can_view_topic``
for a visitor). Only public topics get structured data, share tags and a
place in the sitemap; held, hidden or members-only ones leak nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse

from hearth.accounts.models import User
from hearth.community import permissions
from hearth.community.models import Reply, Status, Topic
from hearth.core.markdown import excerpt

COMMENTS_SHOWN = 10
COMMENT_TEXT_MAX = 300
TEXT_MAX = 500


def topic_is_public(topic: Topic) -> bool:
    """Whether a visitor who is not logged in may read ``topic``."""
    return permissions.can_view_topic(AnonymousUser(), topic)


def topics_public() -> QuerySet[Topic]:
    """Every public topic (published, in a board everyone may see)."""
    return Topic.objects.filter(
        status=Status.PUBLISHED,
        board__visibility__in=permissions.visible_board_levels(AnonymousUser()),
    )


def _person(request: HttpRequest, author: User) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": author.name}
    if author.is_active:
        person["url"] = request.build_absolute_uri(
            reverse("accounts:member", kwargs={"username": author.username})
        )
    return person


def _counter(kind: str, count: int) -> dict[str, Any]:
    return {
        "@type": "InteractionCounter",
        "interactionType": f"https://schema.org/{kind}",
        "userInteractionCount": count,
    }


def topic_first_replies(topic: Topic) -> list[Reply]:
    return list(
        Reply.objects.filter(topic=topic, status=Status.PUBLISHED)
        .select_related("author")
        .order_by("created_at", "pk")[:COMMENTS_SHOWN]
    )


def topic_structured_data(request: HttpRequest, topic: Topic) -> dict[str, Any] | None:
    """The topic as schema.org ``DiscussionForumPosting`` (None when it is not public)."""
    if not topic_is_public(topic):
        return None
    url = request.build_absolute_uri(topic.get_absolute_url())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "mainEntityOfPage": url,
        "url": url,
        "headline": topic.title,
        "text": excerpt(topic.body, TEXT_MAX),
        "datePublished": topic.created_at.isoformat(),
        "dateModified": (topic.edited_at or topic.created_at).isoformat(),
        "author": _person(request, topic.author),
        "articleSection": topic.board.name,
        "interactionStatistic": [
            _counter("CommentAction", topic.reply_count),
            _counter("LikeAction", topic.like_count),
        ],
        "commentCount": topic.reply_count,
    }
    comments = [
        {
            "@type": "Comment",
            "url": f"{url}#r{reply.pk}",
            "text": excerpt(reply.body, COMMENT_TEXT_MAX),
            "datePublished": reply.created_at.isoformat(),
            "author": _person(request, reply.author),
        }
        for reply in topic_first_replies(topic)
    ]
    if comments:
        data["comment"] = comments
    return data
