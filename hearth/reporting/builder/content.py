"""Top content (topics by reads) and top creators (members by topics and replies)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.models import Topic
from hearth.reporting.builder.context import Context
from hearth.reporting.sections import ContentRow, CreatorRow

TOP = 10

_TOPICS = """
SELECT topic_id,
       SUM(CASE WHEN action = 'read' THEN 1 ELSE 0 END) AS reads,
       SUM(CASE WHEN action = 'reply' THEN 1 ELSE 0 END) AS replies,
       SUM(CASE WHEN action = 'like' THEN 1 ELSE 0 END) AS likes
FROM activity
WHERE day BETWEEN {start} AND {end} AND topic_id IS NOT NULL
  AND action IN ('read', 'reply', 'like')
GROUP BY topic_id
HAVING SUM(CASE WHEN action = 'read' THEN 1 ELSE 0 END) > 0
ORDER BY reads DESC, topic_id
LIMIT 10
"""

_CREATORS = """
SELECT member_id,
       SUM(CASE WHEN action = 'topic' THEN 1 ELSE 0 END) AS topics,
       SUM(CASE WHEN action = 'reply' THEN 1 ELSE 0 END) AS replies,
       SUM(CASE WHEN action = 'like_received' THEN 1 ELSE 0 END) AS liked
FROM activity
WHERE day BETWEEN {start} AND {end} AND member_id IS NOT NULL
  AND action IN ('topic', 'reply', 'like_received')
GROUP BY member_id
HAVING SUM(CASE WHEN action IN ('topic', 'reply') THEN 1 ELSE 0 END) > 0
ORDER BY SUM(CASE WHEN action IN ('topic', 'reply') THEN 1 ELSE 0 END) DESC, liked DESC,
         member_id
LIMIT 10
"""


def member_names(ids: list[int]) -> dict[int, str]:
    """Display names of just these members (one query); a missing member is left out."""
    rows = User.objects.filter(pk__in=ids).only("pk", "username", "display_name")
    return {u.pk: u.name for u in rows}


def missing_member(pk: int) -> str:
    return _("Member #%(id)d") % {"id": pk}


def top_content(ctx: Context) -> list[ContentRow]:
    """The 10 topics read most in the period, with the period's replies and likes on them."""
    found = ctx.rows(_TOPICS, start=ctx.period.start, end=ctx.period.end)
    ids = [int(r[0]) for r in found]
    topics = {t.pk: t for t in Topic.objects.filter(pk__in=ids).select_related("board", "author")}
    rows: list[ContentRow] = []
    for topic_id, reads, replies, likes in found:
        topic = topics.get(int(topic_id))
        rows.append(
            ContentRow(
                topic_id=int(topic_id),
                title=topic.title if topic else _("Topic #%(id)d") % {"id": int(topic_id)},
                board=topic.board.name if topic else "",
                author=topic.author.name if topic else "",
                reads=int(reads),
                replies=int(replies),
                likes=int(likes),
                url=topic.get_absolute_url() if topic else "",
            )
        )
    return rows


def top_creators(ctx: Context) -> list[CreatorRow]:
    """The 10 members who posted most (topics and replies) in the period, with the likes they
    received in it (``like_received``: on their topics and replies)."""
    found = ctx.rows(_CREATORS, start=ctx.period.start, end=ctx.period.end)
    names = member_names([int(r[0]) for r in found])
    return [
        CreatorRow(
            member_id=int(pk),
            name=names.get(int(pk)) or missing_member(int(pk)),
            topics=int(topics),
            replies=int(replies),
            likes_received=int(liked),
        )
        for pk, topics, replies, liked in found
    ]
