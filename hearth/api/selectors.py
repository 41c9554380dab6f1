"""Reads for the API, keyword-only, each returning a queryset or an object.

Visibility follows :mod:`hearth.community.permissions`: lists filter on
``visible_board_levels`` (the same rule ``can_view_board`` applies to one
board) and single objects are checked with ``can_view_topic``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from django.db.models import Prefetch, Q, QuerySet

from hearth.accounts.models import MemberFollow, User
from hearth.community import permissions
from hearth.community.models import Board, BoardFollow, Like, Reply, Status, Tag, Topic
from hearth.community.permissions import AnyUser
from hearth.notifications.models import Notification
from hearth.notifications.selectors import notification_list

TopicOrder = Literal["latest", "hot", "featured"]

_ORDERINGS: dict[str, tuple[str, ...]] = {
    "latest": ("-last_activity_at", "-id"),
    "hot": ("-hot_score", "-id"),
    "featured": ("-featured_level", "-featured_at", "-id"),
}


def board_list_visible(*, user: AnyUser) -> QuerySet[Board]:
    return Board.objects.filter(visibility__in=permissions.visible_board_levels(user))


def board_get_visible(*, user: AnyUser, slug: str) -> Board | None:
    board = Board.objects.filter(slug=slug).first()
    if board is None or not permissions.can_view_board(user, board):
        return None
    return board


def board_is_followed(*, user: AnyUser, board: Board) -> bool:
    if not user.is_authenticated:
        return False
    return BoardFollow.objects.filter(member_id=user.pk, board=board).exists()


def board_find_for_posting(*, user: AnyUser, ref: str | int) -> Board | None:
    """A board by slug or id, if ``user`` can see it (posting rights are the service's)."""
    query = Q(slug=str(ref))
    if isinstance(ref, int) or str(ref).isdigit():
        query |= Q(pk=int(ref))
    for board in Board.objects.filter(query).order_by("pk"):
        if permissions.can_view_board(user, board):
            return board
    return None


def topic_list_visible(
    *,
    user: AnyUser,
    board: Board | None = None,
    order: TopicOrder = "latest",
    tag: str | None = None,
    author: str | None = None,
) -> QuerySet[Topic]:
    """Published topics in boards ``user`` can see, newest activity (or hottest) first."""
    topics = Topic.objects.filter(
        status=Status.PUBLISHED, board__visibility__in=permissions.visible_board_levels(user)
    )
    if board is not None:
        topics = topics.filter(board=board)
    if order == "featured":
        topics = topics.filter(featured_level__gt=0)
    if tag:
        topics = topics.filter(tags__name=tag)
    if author:
        topics = topics.filter(author__username=author)
    return (
        topics.select_related("board", "author")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .order_by(*_ORDERINGS[order])
    )


def topic_get_visible(*, user: AnyUser, topic_id: int) -> Topic | None:
    topic = (
        Topic.objects.select_related("board", "author")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .filter(pk=topic_id)
        .first()
    )
    if topic is None or not permissions.can_view_topic(user, topic):
        return None
    return topic


def reply_list_for_topic(*, topic: Topic) -> QuerySet[Reply]:
    """The published replies of a topic, oldest first (the reading order)."""
    return (
        Reply.objects.filter(topic=topic, status=Status.PUBLISHED)
        .select_related("author", "quote", "quote__author")
        .order_by("created_at", "id")
    )


def reply_get_visible(*, user: AnyUser, reply_id: int) -> Reply | None:
    reply = (
        Reply.objects.select_related("topic", "topic__board", "author")
        .filter(pk=reply_id, status=Status.PUBLISHED)
        .first()
    )
    if reply is None or not permissions.can_view_topic(user, reply.topic):
        return None
    return reply


def liked_topic_ids(*, user: AnyUser, topic_ids: Iterable[int]) -> set[int]:
    if not user.is_authenticated:
        return set()
    rows = Like.objects.filter(
        member_id=user.pk, topic_id__in=list(topic_ids), reply__isnull=True
    ).values_list("topic_id", flat=True)
    return {pk for pk in rows if pk is not None}


def liked_reply_ids(*, user: AnyUser, reply_ids: Iterable[int]) -> set[int]:
    if not user.is_authenticated:
        return set()
    rows = Like.objects.filter(member_id=user.pk, reply_id__in=list(reply_ids)).values_list(
        "reply_id", flat=True
    )
    return {pk for pk in rows if pk is not None}


def member_get_public(*, username: str) -> User | None:
    """An active member by username; deactivated accounts are not shown."""
    return User.objects.filter(username=username, is_active=True).first()


def member_is_following(*, follower: AnyUser, followed: User) -> bool:
    if not follower.is_authenticated:
        return False
    return MemberFollow.objects.filter(follower_id=follower.pk, followed=followed).exists()


def notification_list_for(*, member: User, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = notification_list(member=member)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-id")
