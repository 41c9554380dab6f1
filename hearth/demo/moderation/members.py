"""Who the planted moderation cases happen to, and when: members and their own posts.

A new (held or rejected) post is placed minutes after an *anchor*, one of the
author's own published posts, so it falls on a day they were active anyway.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, Q, QuerySet

from hearth.accounts.models import User
from hearth.community.models import Reply, Status, Topic, TopicKind
from hearth.moderation.models import ReviewItem


def ordinary_members() -> QuerySet[User]:
    """Members without a staff role."""
    return User.objects.filter(is_active=True, is_staff=False, groups__isnull=True)


def not_ordinary() -> list[int]:
    """Staff, role holders and inactive accounts: a handful, cheaper to exclude than to join."""
    others = User.objects.filter(Q(is_active=False) | Q(is_staff=True) | Q(groups__isnull=False))
    return sorted(set(others.values_list("pk", flat=True)))


@dataclass(frozen=True)
class Post:
    """A published post, by ids: a new post goes in its topic (a reply) or its board (a topic)."""

    kind: str  # "topic" or "reply"
    pk: int
    at: dt.datetime
    topic_id: int  # the topic itself, or the reply's topic
    board_id: int


class PostIndex:
    """The published posts of some members between two times, and their first topic and reply.

    First posts count every status, as the onboarding measure of the demo does.
    """

    def __init__(self, member_ids: Iterable[int], since: dt.datetime, until: dt.datetime) -> None:
        ids = list(member_ids)
        self.posts: dict[int, list[Post]] = defaultdict(list)
        window = {"author_id__in": ids, "created_at__gte": since, "created_at__lte": until}
        topics = Topic.objects.filter(status=Status.PUBLISHED, **window).order_by("pk")
        for pk, author, at, board in topics.values_list(
            "pk", "author_id", "created_at", "board_id"
        ):
            self.posts[author].append(Post("topic", pk, at, pk, board))
        replies = Reply.objects.filter(status=Status.PUBLISHED, **window).order_by("pk")
        fields = ("pk", "author_id", "created_at", "topic_id", "topic__board_id")
        for pk, author, at, topic, board in replies.values_list(*fields):
            self.posts[author].append(Post("reply", pk, at, topic, board))
        self.first_topic = _firsts(Topic.objects.filter(author_id__in=ids, kind=TopicKind.UGC))
        self.first_reply = _firsts(Reply.objects.filter(author_id__in=ids))

    def anchor(
        self, member_id: int, kind: str, target: dt.datetime, tolerance: dt.timedelta
    ) -> Post | None:
        """The member's post nearest ``target`` (within ``tolerance``) that may anchor a new
        ``kind`` post: a reply for a reply; for a topic, any post after their first topic."""
        first = self.first_topic.get(member_id) if kind == "topic" else None
        fitting = [
            post
            for post in self.posts.get(member_id, [])
            if abs(post.at - target) <= tolerance
            and (
                post.kind == "reply" if kind == "reply" else first is not None and first <= post.at
            )
        ]
        return min(fitting, key=lambda p: (abs(p.at - target), p.pk), default=None)

    def latest(self, member_id: int, kind: str) -> Post | None:
        """The member's latest post that may anchor a new ``kind`` post."""
        first = self.first_topic.get(member_id)
        fitting = [
            post
            for post in self.posts.get(member_id, [])
            if (post.kind == "reply" if kind == "reply" else first is not None and first <= post.at)
        ]
        return max(fitting, key=lambda p: (p.at, p.pk), default=None)


def _firsts(qs: QuerySet[Any]) -> dict[int, dt.datetime]:
    rows = qs.values("author_id").annotate(first=Min("created_at")).order_by()
    return {row["author_id"]: row["first"] for row in rows}


def sample(rng: random.Random, pool: list[Any], k: int) -> list[Any]:
    """Up to ``k`` of ``pool``, drawn without replacement (deterministic for a seed)."""
    return rng.sample(pool, min(k, len(pool)))


def picked(rng: random.Random, posts: QuerySet[Any], k: int, used: set[int]) -> list[Any]:
    """``k`` of ``posts`` by distinct authors not ``used`` yet, drawn for the seed.

    Only ids are read for the draw; the chosen rows are fetched afterwards. Posts
    that already have a review item are left out.
    """
    kind = "reply" if posts.model is Reply else "topic"
    taken = set(ReviewItem.objects.filter(content_kind=kind).values_list("content_id", flat=True))
    seen, pool = set(used), []
    for pk, author in posts.order_by("pk").values_list("pk", "author_id"):
        if author not in seen and pk not in taken:
            seen.add(author)
            pool.append(pk)
    chosen = sample(rng, pool, k)
    rows = posts.model.objects.filter(pk__in=chosen)
    if posts.model is Reply:
        rows = rows.select_related("topic")
    found = {row.pk: row for row in rows}
    return [found[pk] for pk in chosen]


def published_replies(since: dt.datetime, until: dt.datetime) -> QuerySet[Reply]:
    """Published replies by ordinary members between two times."""
    return Reply.objects.filter(
        status=Status.PUBLISHED, created_at__gte=since, created_at__lte=until
    ).exclude(author_id__in=not_ordinary())
