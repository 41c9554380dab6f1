"""Reads for the community lists: boards, topic lists with tabs, bookmarks, stats.

Every list respects board visibility through
:func:`hearth.community.permissions.visible_board_levels`, the same rule as
:func:`~hearth.community.permissions.can_view_board`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from hearth.community import permissions
from hearth.community.models import Board, BoardFollow, PinScope, Status, Topic
from hearth.community.permissions import AnyUser

TOPICS_PER_PAGE = 30
STATS_CACHE_SECONDS = 60


class TopicTab(StrEnum):
    LATEST = "latest"
    HOT = "hot"
    FEATURED = "featured"


def tab_parse(raw: str | None) -> TopicTab:
    """The tab named in a query string; unknown values fall back to ``latest``."""
    try:
        return TopicTab(raw or TopicTab.LATEST)
    except ValueError:
        return TopicTab.LATEST


def page_parse(raw: str | None) -> int:
    """A 1-based page number from a query string; anything odd is page 1."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return max(1, min(number, 10_000))


# Boards ---------------------------------------------------------------------------------


def board_list_visible(*, user: AnyUser) -> QuerySet[Board]:
    return Board.objects.filter(visibility__in=permissions.visible_board_levels(user))


def board_names() -> dict[int, str]:
    """Every board's name by id, in board order (for reports that hold board ids)."""
    return dict(Board.objects.order_by("position", "id").values_list("id", "name"))


def board_get(*, slug: str) -> Board | None:
    return Board.objects.filter(slug=slug).first()


def board_list_postable(*, user: AnyUser) -> list[Board]:
    """Boards ``user`` may start a topic in, in board order."""
    return [b for b in board_list_visible(user=user) if permissions.can_post_in_board(user, b)]


def board_followed_ids(*, user: AnyUser) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(BoardFollow.objects.filter(member_id=user.pk).values_list("board_id", flat=True))


def board_is_followed(*, user: AnyUser, board: Board) -> bool:
    return bool(
        user.is_authenticated
        and BoardFollow.objects.filter(member_id=user.pk, board=board).exists()
    )


# Topic lists -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicSlice:
    """One page of a topic list, without counting the whole table."""

    topics: list[Topic]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _active_pin(scopes: tuple[str, ...], now: dt.datetime) -> Q:
    return Q(pin_scope__in=scopes) & (Q(pinned_until__isnull=True) | Q(pinned_until__gt=now))


def _listed(qs: QuerySet[Topic]) -> QuerySet[Topic]:
    return qs.select_related("author", "board")


def _ordered(qs: QuerySet[Topic], tab: TopicTab) -> QuerySet[Topic]:
    if tab == TopicTab.HOT:
        return qs.order_by("-hot_score", "-id")
    if tab == TopicTab.FEATURED:
        return qs.filter(featured_level__gt=0).order_by("-featured_level", "-featured_at", "-id")
    return qs.order_by("-last_activity_at", "-id")


def _slice(qs: QuerySet[Topic], number: int, size: int = TOPICS_PER_PAGE) -> TopicSlice:
    start = (number - 1) * size
    rows = list(qs[start : start + size + 1])
    return TopicSlice(topics=rows[:size], number=number, has_next=len(rows) > size)


def topic_list_visible(*, user: AnyUser) -> QuerySet[Topic]:
    """Published topics in the boards ``user`` may see."""
    return Topic.objects.filter(
        status=Status.PUBLISHED, board__visibility__in=permissions.visible_board_levels(user)
    )


def topic_list_home(*, user: AnyUser, tab: TopicTab, page: int = 1) -> TopicSlice:
    """The home page's tab; on *latest*, site-wide pins are shown apart and left out."""
    qs = topic_list_visible(user=user)
    if tab == TopicTab.LATEST:
        qs = qs.exclude(_active_pin((PinScope.GLOBAL,), timezone.now()))
    return _slice(_listed(_ordered(qs, tab)), page)


def topic_list_pinned_global(*, user: AnyUser) -> list[Topic]:
    qs = topic_list_visible(user=user).filter(_active_pin((PinScope.GLOBAL,), timezone.now()))
    return list(_listed(qs).order_by("-last_activity_at")[:10])


def topic_list_featured(*, user: AnyUser, limit: int = 6) -> list[Topic]:
    """Featured (精华) topics, highest level first, then the most recently featured."""
    qs = _ordered(topic_list_visible(user=user), TopicTab.FEATURED)
    return list(_listed(qs)[:limit])


def topic_list_for_board(*, board: Board, tab: TopicTab, page: int = 1) -> TopicSlice:
    """A board's tab; on *latest*, the topics pinned in the board are shown apart."""
    qs = Topic.objects.filter(board=board, status=Status.PUBLISHED)
    if tab == TopicTab.LATEST:
        qs = qs.exclude(_active_pin((PinScope.BOARD, PinScope.GLOBAL), timezone.now()))
    return _slice(_listed(_ordered(qs, tab)), page)


def topic_list_pinned_board(*, board: Board) -> list[Topic]:
    qs = Topic.objects.filter(board=board, status=Status.PUBLISHED).filter(
        _active_pin((PinScope.BOARD, PinScope.GLOBAL), timezone.now())
    )
    return list(_listed(qs).order_by("-last_activity_at")[:10])


def topic_pin_active(*, topic: Topic, now: dt.datetime | None = None) -> bool:
    """Whether the topic's pin (board or site-wide) is in force."""
    if not topic.pin_scope:
        return False
    return topic.pinned_until is None or topic.pinned_until > (now or timezone.now())


@dataclass(frozen=True)
class CommunityStats:
    members: int
    topics: int
    replies: int
    boards: int


def community_stats(*, user: AnyUser) -> CommunityStats:
    """Totals for the sidebar, from the board counters (cached briefly)."""
    levels = permissions.visible_board_levels(user)
    key = "hearth:community:stats:" + ",".join(levels)
    stats: CommunityStats | None = cache.get(key)
    if stats is None:
        sums = Board.objects.filter(visibility__in=levels).aggregate(
            topics=Sum("topic_count"), replies=Sum("reply_count")
        )
        stats = CommunityStats(
            members=get_user_model().objects.filter(is_active=True).count(),
            topics=sums["topics"] or 0,
            replies=sums["replies"] or 0,
            boards=Board.objects.filter(visibility__in=levels).count(),
        )
        cache.set(key, stats, STATS_CACHE_SECONDS)
    return stats


def bookmark_list(*, member: AnyUser, page: int = 1) -> TopicSlice:
    """The topics the member bookmarked and can still see, most recently bookmarked first."""
    qs = (
        Topic.objects.filter(
            bookmarks__member_id=member.pk,
            status=Status.PUBLISHED,
            board__visibility__in=permissions.visible_board_levels(member),
        )
        .select_related("author", "board")
        .order_by("-bookmarks__created_at", "-id")
    )
    return _slice(qs, page)
