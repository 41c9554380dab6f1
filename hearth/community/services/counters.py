"""Denormalised counters recomputed from the rows, for content written in bulk (imports).

The live services move the counters one step at a time (see ``topics``,
``replies`` and ``reactions``); rows inserted in bulk bypass them, so the
counters are set here to what those steps would have produced:

- a topic: published replies, likes, last activity (its newest published
  reply, or its creation), hot score;
- a reply: likes;
- a board: published topics, published replies in its topics;
- a member: published topics, published replies, likes received on their
  topics and replies (whatever the post's status, as ``like_give`` counts).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from itertools import islice
from typing import Any

from django.db import transaction
from django.db.models import Count, F, IntegerField, Max, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from hearth.accounts.models import User
from hearth.community.models import Board, Like, Reply, Status, Topic
from hearth.community.services import text

CHUNK = 500  # ids per statement: well under SQLite's bound on query parameters


def _chunks(ids: Collection[int]) -> Iterator[list[int]]:
    it = iter(sorted(ids))
    while chunk := list(islice(it, CHUNK)):
        yield chunk


def _count(rows: QuerySet[Any], column: str) -> Coalesce:
    """The number of ``rows`` whose ``column`` is the outer row (0 when none)."""
    counted = rows.filter(**{column: OuterRef("pk")}).order_by().values(column)
    return Coalesce(
        Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
        Value(0),
    )


def _topics_recompute(ids: list[int]) -> None:
    published = Reply.objects.filter(status=Status.PUBLISHED)
    newest = published.filter(topic=OuterRef("pk")).order_by().values("topic")
    Topic.objects.filter(pk__in=ids).update(
        reply_count=_count(published, "topic"),
        like_count=_count(Like.objects.filter(reply__isnull=True), "topic"),
        last_activity_at=Greatest(
            F("created_at"),
            Coalesce(Subquery(newest.annotate(at=Max("created_at")).values("at")), "created_at"),
        ),
    )
    Reply.objects.filter(topic_id__in=ids).update(like_count=_count(Like.objects.all(), "reply"))
    topics = list(
        Topic.objects.filter(pk__in=ids).only(
            "id", "created_at", "like_count", "reply_count", "share_count", "read_count"
        )
    )
    for topic in topics:
        topic.hot_score = text.hot_score(topic)
    Topic.objects.bulk_update(topics, ["hot_score"], batch_size=CHUNK)


def _boards_recompute(ids: Sequence[int]) -> None:
    in_board = Reply.objects.filter(status=Status.PUBLISHED, topic__board=OuterRef("pk"))
    replies = in_board.order_by().values("topic__board").annotate(n=Count("pk")).values("n")
    Board.objects.filter(pk__in=ids).update(
        topic_count=_count(Topic.objects.filter(status=Status.PUBLISHED), "board"),
        reply_count=Coalesce(Subquery(replies, output_field=IntegerField()), Value(0)),
    )


def _per_member(rows: QuerySet[Any], column: str, ids: list[int]) -> dict[int, int]:
    """How many of ``rows`` each member in ``ids`` has, ``column`` naming the member."""
    counted = rows.filter(**{f"{column}__in": ids}).order_by().values(column)
    return {row[column]: row["n"] for row in counted.annotate(n=Count("pk"))}


def _members_recompute(ids: list[int]) -> None:
    """One grouped count per counter for the chunk (a subquery per member is slow on SQLite)."""
    topics = _per_member(Topic.objects.filter(status=Status.PUBLISHED), "author_id", ids)
    replies = _per_member(Reply.objects.filter(status=Status.PUBLISHED), "author_id", ids)
    on_topics = _per_member(Like.objects.filter(reply__isnull=True), "topic__author_id", ids)
    on_replies = _per_member(Like.objects.all(), "reply__author_id", ids)
    members = list(User.objects.filter(pk__in=ids).only("id"))
    for member in members:
        member.topic_count = topics.get(member.pk, 0)
        member.reply_count = replies.get(member.pk, 0)
        member.likes_received = on_topics.get(member.pk, 0) + on_replies.get(member.pk, 0)
    User.objects.bulk_update(
        members, ["topic_count", "reply_count", "likes_received"], batch_size=CHUNK
    )


@transaction.atomic
def counters_recompute(*, topic_ids: Collection[int], member_ids: Collection[int] = ()) -> None:
    """Set the counters of these topics (and their replies and boards) and members from the rows.

    The authors of the topics and of their replies are recomputed too, so
    ``member_ids`` only needs members whose posts lie elsewhere.
    """
    boards: set[int] = set()
    members = set(member_ids)
    for chunk in _chunks(topic_ids):
        _topics_recompute(chunk)
        boards.update(Topic.objects.filter(pk__in=chunk).values_list("board_id", flat=True))
        members.update(Topic.objects.filter(pk__in=chunk).values_list("author_id", flat=True))
        members.update(Reply.objects.filter(topic_id__in=chunk).values_list("author_id", flat=True))
    for chunk in _chunks(boards):
        _boards_recompute(chunk)
    for chunk in _chunks(members):
        _members_recompute(chunk)
