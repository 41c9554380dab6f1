"""Request and response bodies of the API, with builders from the models."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_noop
from ninja import Field, Schema

from hearth.accounts.models import User
from hearth.api.pagination import PageMeta
from hearth.community.models import Board, Reply, ShareChannel, Topic
from hearth.notifications.models import Notification, Verb


def page_url(name: str, *args: object) -> str | None:
    """The path of a member page, when the pages app provides it."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# Members -------------------------------------------------------------------


class MemberBrief(Schema):
    username: str
    display_name: str = Field(
        description=gettext_noop("The name shown: display name, else username.")
    )
    avatar_url: str | None

    @classmethod
    def of(cls, user: User) -> MemberBrief:
        return cls(
            username=user.username,
            display_name=user.name,
            avatar_url=user.avatar.url if user.avatar else None,
        )


class MemberProfile(MemberBrief):
    """A member's public profile. No e-mail or birth year: an age band at most."""

    bio: str
    province: str
    city: str
    age_band: str = Field(description=gettext_noop('e.g. "25-30"; empty when unknown.'))
    interests: list[str]
    date_joined: dt.datetime
    topic_count: int
    reply_count: int
    likes_received: int
    follower_count: int
    following: bool = Field(description=gettext_noop("Whether the caller follows this member."))
    url: str | None

    @classmethod
    def of_member(cls, user: User, *, following: bool) -> MemberProfile:
        return cls(
            **MemberBrief.of(user).model_dump(),
            bio=user.bio,
            province=user.province,
            city=user.city,
            age_band=user.age_band,
            interests=[str(i) for i in user.interests or []],
            date_joined=user.date_joined,
            topic_count=user.topic_count,
            reply_count=user.reply_count,
            likes_received=user.likes_received,
            follower_count=user.follower_count,
            following=following,
            url=page_url("accounts:member", user.username),
        )


class MeOut(MemberProfile):
    """The caller's own profile, with the private fields only they may see."""

    email: str
    birth_year: int | None
    gender: str
    real_name_verified: bool
    is_staff_member: bool
    unread_notifications: int


class FollowOut(Schema):
    following: bool
    follower_count: int


# Boards --------------------------------------------------------------------


class BoardRef(Schema):
    slug: str
    name: str


class BoardOut(BoardRef):
    description: str
    colour: str
    icon: str
    visibility: str = Field(description=gettext_noop("public, members or staff."))
    posting: str = Field(
        description=gettext_noop("Who may post: members, verified, moderators or staff.")
    )
    topic_count: int
    reply_count: int
    follower_count: int

    @classmethod
    def of(cls, board: Board) -> BoardOut:
        return cls(
            slug=board.slug,
            name=board.name,
            description=board.description,
            colour=board.colour,
            icon=board.icon,
            visibility=board.visibility,
            posting=board.posting,
            topic_count=board.topic_count,
            reply_count=board.reply_count,
            follower_count=board.follower_count,
        )


class BoardDetail(BoardOut):
    can_post: bool = Field(description=gettext_noop("Whether the caller may start topics here."))
    following: bool = Field(description=gettext_noop("Whether the caller follows this board."))


class BoardPage(PageMeta):
    items: list[BoardOut]


class BoardFollowOut(Schema):
    following: bool
    follower_count: int


# Topics --------------------------------------------------------------------


class TopicRef(Schema):
    id: int
    title: str


class TopicOut(TopicRef):
    excerpt: str
    board: BoardRef
    author: MemberBrief
    tags: list[str]
    kind: str = Field(description=gettext_noop("ugc (member content) or pgc (staff content)."))
    status: str = Field(description=gettext_noop("published, held, hidden or deleted."))
    featured_level: int = Field(description=gettext_noop("0, or the featured (精华) level 1–3."))
    pinned: str = Field(description=gettext_noop('"", "board" or "global" while the pin lasts.'))
    created_at: dt.datetime
    edited_at: dt.datetime | None
    last_activity_at: dt.datetime
    reply_count: int
    like_count: int
    share_count: int
    read_count: int
    view_count: int
    liked: bool = Field(description=gettext_noop("Whether the caller likes this topic."))
    url: str | None

    @classmethod
    def of(cls, topic: Topic, *, liked: bool) -> TopicOut:
        pinned = topic.pin_scope
        if pinned and topic.pinned_until is not None and topic.pinned_until <= timezone.now():
            pinned = ""
        return cls(
            id=topic.pk,
            title=topic.title,
            excerpt=topic.excerpt,
            board=BoardRef(slug=topic.board.slug, name=topic.board.name),
            author=MemberBrief.of(topic.author),
            tags=[tag.name for tag in topic.tags.all()],
            kind=topic.kind,
            status=topic.status,
            featured_level=topic.featured_level,
            pinned=pinned,
            created_at=topic.created_at,
            edited_at=topic.edited_at,
            last_activity_at=topic.last_activity_at,
            reply_count=topic.reply_count,
            like_count=topic.like_count,
            share_count=topic.share_count,
            read_count=topic.read_count,
            view_count=topic.view_count,
            liked=liked,
            url=page_url("community:topic", topic.pk),
        )


class TopicDetail(TopicOut):
    body: str = Field(description=gettext_noop("The Markdown source."))
    body_html: str = Field(description=gettext_noop("The rendered, sanitised HTML."))
    can_edit: bool
    can_reply: bool

    @classmethod
    def of_topic(cls, topic: Topic, *, liked: bool, can_edit: bool, can_reply: bool) -> TopicDetail:
        return cls(
            **TopicOut.of(topic, liked=liked).model_dump(),
            body=topic.body,
            body_html=topic.body_html,
            can_edit=can_edit,
            can_reply=can_reply,
        )


class TopicPage(PageMeta):
    items: list[TopicOut]


class TopicIn(Schema):
    board: str | int = Field(description=gettext_noop("The board's slug or id."))
    title: str = Field(description=gettext_noop("1 to 120 characters."))
    body: str = Field(description=gettext_noop("Markdown, up to 50,000 characters."))
    tags: list[str] = Field(default_factory=list, description=gettext_noop("Up to 5 tags."))
    kind: Literal["ugc", "pgc"] = Field(
        "ugc", description=gettext_noop("pgc (staff content) needs the staff permission.")
    )


class TopicPatch(Schema):
    title: str | None = Field(None, description=gettext_noop("1 to 120 characters."))
    body: str | None = Field(None, description=gettext_noop("Markdown, up to 50,000 characters."))
    tags: list[str] | None = Field(None, description=gettext_noop("Replaces the tags when given."))


# Replies -------------------------------------------------------------------


class QuoteOut(Schema):
    id: int
    author: MemberBrief
    excerpt: str


class ReplyOut(Schema):
    id: int
    topic_id: int
    author: MemberBrief
    body: str
    body_html: str
    quote: QuoteOut | None
    created_at: dt.datetime
    edited_at: dt.datetime | None
    like_count: int
    liked: bool = Field(description=gettext_noop("Whether the caller likes this reply."))

    @classmethod
    def of(cls, reply: Reply, *, liked: bool) -> ReplyOut:
        quote = reply.quote
        return cls(
            id=reply.pk,
            topic_id=reply.topic_id,
            author=MemberBrief.of(reply.author),
            body=reply.body,
            body_html=reply.body_html,
            quote=(
                QuoteOut(id=quote.pk, author=MemberBrief.of(quote.author), excerpt=quote.body[:140])
                if quote is not None
                else None
            ),
            created_at=reply.created_at,
            edited_at=reply.edited_at,
            like_count=reply.like_count,
            liked=liked,
        )


class ReplyPage(PageMeta):
    items: list[ReplyOut]


class ReplyIn(Schema):
    body: str = Field(description=gettext_noop("Markdown, up to 20,000 characters."))
    quote_id: int | None = Field(
        None, description=gettext_noop("A reply of the same topic to quote.")
    )


# Likes and shares ------------------------------------------------------------


class LikeOut(Schema):
    liked: bool
    like_count: int


class ShareIn(Schema):
    channel: ShareChannel = Field(description=gettext_noop("wechat, weibo, qq or link."))


class ShareOut(Schema):
    code: str
    channel: str
    url: str = Field(description=gettext_noop("The link to share; visits through it are counted."))


# Notifications ---------------------------------------------------------------


class NotificationOut(Schema):
    id: int
    verb: str = Field(
        description=gettext_noop("reply, mention, like, featured, follow, moderation or system.")
    )
    verb_label: str = Field(description=gettext_noop("The verb in the caller's language."))
    actor: MemberBrief | None
    topic: TopicRef | None
    reply_id: int | None
    text: str
    created_at: dt.datetime
    read: bool

    @classmethod
    def of(cls, notification: Notification) -> NotificationOut:
        actor, topic = notification.actor, notification.topic
        return cls(
            id=notification.pk,
            verb=notification.verb,
            verb_label=str(Verb(notification.verb).label)
            if notification.verb in Verb.values
            else notification.verb,
            actor=MemberBrief.of(actor) if actor is not None else None,
            topic=TopicRef(id=topic.pk, title=topic.title) if topic is not None else None,
            reply_id=notification.reply_id,
            text=notification.text,
            created_at=notification.created_at,
            read=notification.read_at is not None,
        )


class NotificationPage(PageMeta):
    items: list[NotificationOut]
    unread_count: int


class MarkReadIn(Schema):
    ids: list[int] | None = Field(None, description=gettext_noop("The notifications to mark read."))
    all: bool = Field(False, description=gettext_noop("Mark every notification read."))


class MarkReadOut(Schema):
    marked: int = Field(description=gettext_noop("How many notifications changed to read."))
    unread_count: int


class UnreadCountOut(Schema):
    count: int
