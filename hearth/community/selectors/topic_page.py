"""Reads for the topic page: the topic, its replies as plain views, the viewer's state.

The page costs a fixed number of queries whatever the number of replies:
replies come as values in one query (author and quote joined), the viewer's
likes of them in one more, and permissions are decided once per page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.db.models.functions import Substr

from hearth.community import permissions
from hearth.community.models import Bookmark, Like, Reply, Status, Topic, TopicRevision
from hearth.community.permissions import AnyUser
from hearth.gamification.selectors import NO_MARKS, AuthorMarks, author_marks_for_members

REPLIES_PER_PAGE = 100


def topic_get(*, pk: int) -> Topic | None:
    """A topic with what its page shows: board, author and tags (3 queries at most)."""
    return (
        Topic.objects.select_related("board", "author")
        .prefetch_related("tags")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class TopicPermissions:
    """What the viewer may do on a topic page, computed once per page."""

    reply: bool = False
    like: bool = False
    edit: bool = False
    feature: bool = False
    pin: bool = False
    pin_global: bool = False
    moderate: bool = False
    bookmark: bool = False

    @property
    def staff_actions(self) -> bool:
        return self.feature or self.pin or self.moderate


def topic_permissions(*, user: AnyUser, topic: Topic) -> TopicPermissions:
    if not user.is_authenticated:
        return TopicPermissions()
    can_pin = permissions.can_pin_topic(user, topic)
    return TopicPermissions(
        reply=permissions.can_reply(user, topic),
        like=permissions.can_like(user, topic),
        edit=permissions.can_edit_topic(user, topic),
        feature=permissions.can_feature_topic(user, topic),
        pin=can_pin,
        pin_global=can_pin and permissions.can_pin_site_wide(user),
        moderate=permissions.can_moderate_topic(user, topic),
        bookmark=True,
    )


@dataclass(frozen=True, slots=True)
class ReplyView:
    """One reply as the topic page shows it: plain values, read in one query with its quote."""

    id: int
    number: int
    author_id: int
    author_username: str
    author_name: str
    author_avatar_url: str
    body_html: str
    status: str
    created_at: dt.datetime
    like_count: int
    quote_id: int | None
    quote_author_name: str
    quote_text: str
    liked: bool
    can_like: bool
    author_level: str = ""
    author_badge_icon: str = ""
    author_badge_name: str = ""
    author_title: str = ""


@dataclass
class TopicPage:
    topic: Topic
    page: Page[Any]
    rows: list[ReplyView]
    perms: TopicPermissions
    topic_liked: bool = False
    bookmarked: bool = False
    tags: list[str] = field(default_factory=list)
    page_numbers: list[int | str] = field(default_factory=list)
    author_level: str = ""
    author_badge_icon: str = ""
    author_badge_name: str = ""
    author_title: str = ""


QUOTE_CHARS = 120
_QUOTE_LINE = re.compile(r"^\s*>.*$", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"\*\*|__|~~|`|^\s*#{1,6}\s+|^\s*(?:[-*+]|\d+\.)\s+", re.MULTILINE)
_SPACE = re.compile(r"\s+")

_REPLY_COLUMNS = (
    "id",
    "author_id",
    "author__username",
    "author__display_name",
    "author__avatar",
    "body_html",
    "status",
    "created_at",
    "like_count",
    "quote_id",
    "quote__status",
    "quote__author__username",
    "quote__author__display_name",
    "quote_head",
)


def quote_line(body: str, length: int = QUOTE_CHARS) -> str:
    """A quoted reply as one plain line: its own quotes and Markdown marks dropped, spaces folded."""
    text = _MD_MARK.sub("", _MD_LINK.sub(r"\1", _QUOTE_LINE.sub(" ", body)))
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= length else text[: length - 1] + "…"


def reply_list_visible(*, user: AnyUser, topic: Topic, moderator: bool) -> QuerySet[Reply]:
    """Replies shown on the topic: published ones, the viewer's own held, hidden or rejected
    ones (with why), all but deleted ones for moderators."""
    qs = Reply.objects.filter(topic=topic)
    if moderator:
        qs = qs.exclude(status=Status.DELETED)
    elif user.is_authenticated:
        qs = qs.filter(
            Q(status=Status.PUBLISHED)
            | Q(
                status__in=(Status.HELD, Status.HIDDEN, Status.REJECTED),
                author_id=user.pk,
            )
        )
    else:
        qs = qs.filter(status=Status.PUBLISHED)
    return qs.order_by("created_at", "id")


def _liked(user: AnyUser, topic: Topic, reply_ids: list[int]) -> tuple[bool, set[int]]:
    """Whether ``user`` liked the topic, and which of the replies: one query."""
    if not user.is_authenticated:
        return False, set()
    rows = Like.objects.filter(member_id=user.pk).filter(
        Q(topic=topic, reply__isnull=True) | Q(reply_id__in=reply_ids)
    )
    topic_liked = False
    replies: set[int] = set()
    for reply_id in rows.values_list("reply_id", flat=True):
        if reply_id is None:
            topic_liked = True
        else:
            replies.add(reply_id)
    return topic_liked, replies


def _avatar_urls() -> Callable[[str], str]:
    storage = get_user_model()._meta.get_field("avatar").storage
    known: dict[str, str] = {}

    def url(name: str) -> str:
        if not name:
            return ""
        if name not in known:
            known[name] = storage.url(name)
        return known[name]

    return url


class _PostRef(NamedTuple):
    author_id: int
    status: str


def _reply_views(
    user: AnyUser,
    rows: list[tuple[Any, ...]],
    first: int,
    liked: set[int],
    marks: dict[int, AuthorMarks],
) -> list[ReplyView]:
    avatar_url = _avatar_urls()
    views = []
    for i, row in enumerate(rows):
        (pk, author_id, username, display_name, avatar, body_html, status, created_at, likes,
         quote_id, quote_status, quote_username, quote_display_name, quote_head) = row  # fmt: skip
        quoted = quote_id is not None and quote_status == Status.PUBLISHED
        mark = marks.get(author_id, NO_MARKS)
        views.append(
            ReplyView(
                id=pk,
                number=first + i,
                author_id=author_id,
                author_username=username,
                author_name=display_name or username,
                author_avatar_url=avatar_url(avatar),
                body_html=body_html,
                status=status,
                created_at=created_at,
                like_count=likes,
                quote_id=quote_id,
                quote_author_name=(quote_display_name or quote_username) if quoted else "",
                quote_text=quote_line(quote_head) if quoted else "",
                liked=pk in liked,
                can_like=permissions.can_like(user, _PostRef(author_id, status)),
                author_level=mark.level,
                author_badge_icon=mark.badge_icon,
                author_badge_name=mark.badge_name,
                author_title=mark.title,
            )
        )
    return views


def topic_page(*, user: AnyUser, topic: Topic, page: int = 1) -> TopicPage:
    """Everything the topic page shows, in a number of queries that does not grow with replies.

    Replies are read as plain values in one query (with author and quote joined),
    the viewer's likes of them in one more; permissions are decided once per page.
    """
    perms = topic_permissions(user=user, topic=topic)
    replies = (
        reply_list_visible(user=user, topic=topic, moderator=perms.moderate)
        .annotate(quote_head=Substr("quote__body", 1, 4 * QUOTE_CHARS))
        .values_list(*_REPLY_COLUMNS)
    )
    paginator = Paginator(replies, REPLIES_PER_PAGE)
    current = paginator.get_page(page)
    items: list[tuple[Any, ...]] = list(current.object_list)
    topic_liked, liked = _liked(user, topic, [row[0] for row in items])
    # One query for the levels, shown badges and titles of the topic's and this page's authors.
    marks = author_marks_for_members({topic.author_id, *(row[1] for row in items)})
    author = marks.get(topic.author_id, NO_MARKS)
    bookmarked = bool(
        user.is_authenticated and Bookmark.objects.filter(member_id=user.pk, topic=topic).exists()
    )
    return TopicPage(
        topic=topic,
        page=current,
        rows=_reply_views(user, items, current.start_index() if items else 0, liked, marks),
        perms=perms,
        topic_liked=topic_liked,
        bookmarked=bookmarked,
        tags=[t.name for t in topic.tags.all()],
        page_numbers=list(paginator.get_elided_page_range(current.number, on_each_side=2)),
        author_level=author.level,
        author_badge_icon=author.badge_icon,
        author_badge_name=author.badge_name,
        author_title=author.title,
    )


def reply_get(*, pk: int) -> Reply | None:
    return Reply.objects.select_related("topic__board", "author").filter(pk=pk).first()


def reply_page_number(*, reply: Reply) -> int:
    """The topic page a published reply appears on."""
    before = Reply.objects.filter(topic_id=reply.topic_id, status=Status.PUBLISHED).filter(
        Q(created_at__lt=reply.created_at) | Q(created_at=reply.created_at, id__lt=reply.pk)
    )
    return before.count() // REPLIES_PER_PAGE + 1


def like_exists(*, user: AnyUser, target: Topic | Reply) -> bool:
    if not user.is_authenticated:
        return False
    if isinstance(target, Reply):
        return Like.objects.filter(member_id=user.pk, reply=target).exists()
    return Like.objects.filter(member_id=user.pk, topic=target, reply__isnull=True).exists()


def revision_list(*, topic: Topic) -> QuerySet[TopicRevision]:
    return topic.revisions.select_related("editor").order_by("-created_at", "-id")
