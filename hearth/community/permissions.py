"""Who may do what in the community: one function per capability.

Pages and the API call these same functions. Each takes the acting user
(possibly anonymous) and the object, and answers True or False.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.models import Board, PostingPolicy, Reply, Status, Topic, Visibility
from hearth.core.privileges import privileges_for

AnyUser = User | AnonymousUser


def is_staff_member(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.has_perm("core.access_cockpit"))


def is_board_moderator(user: AnyUser, board: Board) -> bool:
    """Staff with the moderation permission, or a moderator of this board.

    The answer is kept on the user object for the rest of the request, like
    Django's own permission cache, so a page asking several questions about
    one board queries once.
    """
    if not user.is_authenticated:
        return False
    if user.has_perm("community.moderate_content"):
        return True
    known: dict[int, bool] = user.__dict__.setdefault("_hearth_moderates", {})
    if board.pk not in known:
        known[board.pk] = board.moderators.filter(pk=user.pk).exists()
    return known[board.pk]


def visible_board_levels(user: AnyUser) -> tuple[str, ...]:
    """The board visibilities ``user`` may see; lists filter on these (one rule, two uses)."""
    if not user.is_authenticated:
        return (Visibility.PUBLIC,)
    if is_staff_member(user):
        return (Visibility.PUBLIC, Visibility.MEMBERS, Visibility.STAFF)
    return (Visibility.PUBLIC, Visibility.MEMBERS)


def can_view_board(user: AnyUser, board: Board) -> bool:
    if board.visibility == Visibility.PUBLIC:
        return True
    if board.visibility == Visibility.MEMBERS:
        return bool(user.is_authenticated)
    return is_staff_member(user)


def can_post_in_board(user: AnyUser, board: Board) -> bool:
    if not user.is_authenticated or not user.is_active or not can_view_board(user, board):
        return False
    if board.posting == PostingPolicy.MEMBERS:
        return True
    if board.posting == PostingPolicy.VERIFIED:
        return bool(getattr(user, "real_name_verified", False)) or is_staff_member(user)
    if board.posting == PostingPolicy.RESTRICTED:
        return (
            privileges_for(user).post_restricted
            or is_staff_member(user)
            or is_board_moderator(user, board)
        )
    if board.posting == PostingPolicy.MODERATORS:
        return is_board_moderator(user, board)
    return user.has_perm("community.post_staff_content")


def can_view_topic(user: AnyUser, topic: Topic) -> bool:
    if not can_view_board(user, topic.board):
        return False
    if topic.status == Status.PUBLISHED:
        return True
    if topic.status == Status.DELETED:
        return bool(user.is_authenticated and user.has_perm("community.moderate_content"))
    return bool(
        user.is_authenticated
        and (topic.author_id == user.pk or is_board_moderator(user, topic.board))
    )


def can_reply(user: AnyUser, topic: Topic) -> bool:
    return (
        topic.status == Status.PUBLISHED
        and bool(user.is_authenticated and user.is_active)
        and can_view_board(user, topic.board)
    )


def can_edit_topic(user: AnyUser, topic: Topic) -> bool:
    if not user.is_authenticated or topic.status == Status.DELETED:
        return False
    return topic.author_id == user.pk or is_board_moderator(user, topic.board)


def can_edit_reply(user: AnyUser, reply: Reply) -> bool:
    if not user.is_authenticated or reply.status == Status.DELETED:
        return False
    return reply.author_id == user.pk or is_board_moderator(user, reply.topic.board)


class Post(Protocol):
    """A topic, a reply, or a read-only view of one: who wrote it and its status."""

    @property
    def author_id(self) -> int: ...

    @property
    def status(self) -> str: ...


def can_like(user: AnyUser, target: Post) -> bool:
    """Members may like visible content once, never their own."""
    return bool(
        user.is_authenticated
        and user.is_active
        and target.author_id != user.pk
        and target.status == Status.PUBLISHED
    )


def can_post_staff_content(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.has_perm("community.post_staff_content"))


def can_feature_topic(user: AnyUser, topic: Topic) -> bool:
    return bool(user.is_authenticated and user.has_perm("community.feature_topic"))


def can_pin_topic(user: AnyUser, topic: Topic) -> bool:
    if not user.is_authenticated:
        return False
    return user.has_perm("community.pin_topic") or is_board_moderator(user, topic.board)


def can_pin_site_wide(user: AnyUser) -> bool:
    """Pinning to the whole site (not only a board) is for staff with the pin permission."""
    return bool(user.is_authenticated and user.has_perm("community.pin_topic"))


def can_moderate_topic(user: AnyUser, topic: Topic) -> bool:
    return is_board_moderator(user, topic.board)


def can_manage_boards(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.has_perm("community.manage_boards"))


def can_upload_images(user: AnyUser) -> bool:
    """Members whose level unlocks it (and staff) may put images in their posts."""
    return bool(user.is_authenticated and user.is_active and privileges_for(user).upload_images)


def can_set_custom_title(user: AnyUser) -> bool:
    """Members whose level unlocks it (and staff) may show a custom title beside their name."""
    return bool(user.is_authenticated and user.is_active and privileges_for(user).custom_title)


def daily_post_limit(user: AnyUser) -> int | None:
    """Most topics and replies ``user`` may publish per local day; None: no limit."""
    return privileges_for(user).daily_post_limit


def local_day_start(now: dt.datetime | None = None) -> dt.datetime:
    """Midnight of today in ``settings.TIME_ZONE``, as an aware datetime."""
    local = timezone.localtime(now or timezone.now())
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def posts_left_today(user: AnyUser) -> int | None:
    """How many more topics and replies ``user`` may publish today; None: no limit.

    Counts every topic and reply the member wrote since local midnight,
    whatever became of it since (deleting a post gives no second chance).
    Two count queries, only when a limit applies.
    """
    limit = daily_post_limit(user)
    if limit is None:
        return None
    if not user.is_authenticated:
        return 0
    since = local_day_start()
    written = (
        Topic.objects.filter(author_id=user.pk, created_at__gte=since).count()
        + Reply.objects.filter(author_id=user.pk, created_at__gte=since).count()
    )
    return max(limit - written, 0)
