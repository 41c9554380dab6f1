"""Reads for the member pages: the member page, follow state and the data export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import MemberFollow, User
from hearth.community.models import (
    BoardFollow,
    Bookmark,
    Like,
    Read,
    Reply,
    Share,
    Status,
    Topic,
    Visibility,
)
from hearth.community.permissions import is_staff_member
from hearth.community.selectors import REPLIES_PER_PAGE
from hearth.gamification.selectors import HeldBadge, badges_held, levels_for_members
from hearth.notifications.models import Notification

AnyUser = User | AnonymousUser
MemberTab = Literal["topics", "replies"]
MEMBER_PAGE_SIZE = 20


def member_get(*, username: str) -> User:
    """The member with this username (any state); Http404 when there is none."""
    member = User.objects.filter(username=username).first()
    if member is None:
        raise Http404(_("There is no member with this name."))
    return member


def member_is_following(*, follower: AnyUser, followed: User) -> bool:
    if not follower.is_authenticated or follower.pk == followed.pk:
        return False
    return MemberFollow.objects.filter(follower_id=follower.pk, followed=followed).exists()


def _visible_boards(viewer: AnyUser) -> Q:
    """Boards the viewer may see, as a filter on ``board__visibility`` (see can_view_board)."""
    visibilities = [Visibility.PUBLIC]
    if viewer.is_authenticated:
        visibilities.append(Visibility.MEMBERS)
    if is_staff_member(viewer):
        visibilities.append(Visibility.STAFF)
    return Q(board__visibility__in=visibilities)


def member_topics(*, member: User, viewer: AnyUser) -> QuerySet[Topic]:
    """The member's topics the viewer may see, newest first.

    Others see published topics; members see their own held and hidden ones too.
    """
    topics = Topic.objects.filter(_visible_boards(viewer), author=member)
    if viewer.is_authenticated and viewer.pk == member.pk:
        topics = topics.exclude(status=Status.DELETED)
    else:
        topics = topics.filter(status=Status.PUBLISHED)
    return (
        topics.select_related("board")
        .defer("body", "body_html", "board__description")
        .order_by("-created_at", "-pk")
    )


def member_replies(*, member: User, viewer: AnyUser) -> QuerySet[Reply]:
    """The member's replies in topics the viewer may see, newest first."""
    board_filter = _visible_boards(viewer)
    replies = Reply.objects.filter(
        author=member, topic__in=Topic.objects.filter(board_filter, status=Status.PUBLISHED)
    )
    if viewer.is_authenticated and viewer.pk == member.pk:
        replies = replies.exclude(status=Status.DELETED)
    else:
        replies = replies.filter(status=Status.PUBLISHED)
    before = (
        Reply.objects.filter(topic_id=OuterRef("topic_id"), status=Status.PUBLISHED)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("topic_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        replies.select_related("topic")
        .defer("body", "topic__body", "topic__body_html")
        # The page of the topic the reply is on, for links straight to it.
        .annotate(
            topic_page=ExpressionWrapper(
                Coalesce(Subquery(before, output_field=IntegerField()), Value(0))
                / Value(REPLIES_PER_PAGE)
                + Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class MemberPage:
    member: User
    tab: MemberTab
    page: Page[Any]
    is_self: bool
    is_following: bool
    following_count: int
    level_name: str = ""
    badges: tuple[HeldBadge, ...] = ()


def member_page_get(
    *, username: str, viewer: AnyUser, tab: str = "topics", page_number: str | int | None = None
) -> MemberPage:
    """Everything the member page shows, in a constant number of queries."""
    member = member_get(username=username)
    chosen: MemberTab = "replies" if tab == "replies" else "topics"
    items: QuerySet[Any] = (
        member_replies(member=member, viewer=viewer)
        if chosen == "replies"
        else member_topics(member=member, viewer=viewer)
    )
    page = Paginator(items, MEMBER_PAGE_SIZE).get_page(page_number)
    return MemberPage(
        member=member,
        tab=chosen,
        page=page,
        is_self=bool(viewer.is_authenticated and viewer.pk == member.pk),
        is_following=member_is_following(follower=viewer, followed=member),
        following_count=MemberFollow.objects.filter(follower=member).count(),
        level_name=levels_for_members([member.pk]).get(member.pk, ""),
        badges=tuple(badges_held(member_id=member.pk)),
    )


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _rows(queryset: QuerySet[Any], *fields: str) -> list[dict[str, Any]]:
    return [
        {key: _iso(value) for key, value in row.items()}
        for row in queryset.values(*fields).iterator()
    ]


def member_data_export(*, member: User) -> dict[str, Any]:
    """All the personal data Hearth holds on a member, as JSON-ready values (PIPL)."""
    profile_fields = (
        "id",
        "username",
        "email",
        "display_name",
        "bio",
        "province",
        "city",
        "birth_year",
        "gender",
        "interests",
        "phone",
        "real_name_verified",
        "date_joined",
        "last_login",
        "privacy_accepted_at",
        "channel",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_term",
        "utm_content",
        "invite_code",
        "landing_path",
        "referrer",
        "topic_count",
        "reply_count",
        "likes_received",
        "follower_count",
    )
    profile = {name: _iso(getattr(member, name)) for name in profile_fields}
    profile["avatar"] = member.avatar.name if member.avatar else ""
    profile["age_band"] = member.age_band
    return {
        "format": "hearth-member-data",
        "version": 1,
        "exported_at": timezone.now().isoformat(),
        "profile": profile,
        "topics": _rows(
            Topic.objects.filter(author=member).order_by("created_at"),
            "id",
            "board__slug",
            "title",
            "body",
            "kind",
            "status",
            "featured_level",
            "created_at",
            "edited_at",
            "reply_count",
            "like_count",
        ),
        "replies": _rows(
            Reply.objects.filter(author=member).order_by("created_at"),
            "id",
            "topic_id",
            "topic__title",
            "quote_id",
            "body",
            "status",
            "created_at",
            "edited_at",
            "like_count",
        ),
        "likes": _rows(
            Like.objects.filter(member=member).order_by("created_at"),
            "topic_id",
            "reply_id",
            "created_at",
        ),
        "reads": _rows(
            Read.objects.filter(member=member).order_by("day", "topic_id"),
            "topic_id",
            "day",
            "dwell_seconds",
            "source",
        ),
        "bookmarks": _rows(
            Bookmark.objects.filter(member=member).order_by("created_at"), "topic_id", "created_at"
        ),
        "shares": _rows(
            Share.objects.filter(member=member).order_by("created_at"),
            "topic_id",
            "channel",
            "code",
            "visits",
            "created_at",
        ),
        "following_members": _rows(
            MemberFollow.objects.filter(follower=member).order_by("created_at"),
            "followed__username",
            "created_at",
        ),
        "following_boards": _rows(
            BoardFollow.objects.filter(member=member).order_by("created_at"),
            "board__slug",
            "created_at",
        ),
        "notifications": _rows(
            Notification.objects.filter(recipient=member).order_by("created_at"),
            "verb",
            "actor__username",
            "topic_id",
            "reply_id",
            "text",
            "created_at",
            "read_at",
        ),
    }
