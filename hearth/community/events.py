"""Domain events published by the community app (see :mod:`hearth.core.events`)."""

from __future__ import annotations

from dataclasses import dataclass

from hearth.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class TopicCreated(DomainEvent):
    topic_id: int
    board_id: int
    author_id: int
    status: str
    mentioned_ids: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TopicEdited(DomainEvent):
    topic_id: int
    editor_id: int


@dataclass(frozen=True, kw_only=True)
class TopicStatusChanged(DomainEvent):
    topic_id: int
    old_status: str
    new_status: str
    actor_id: int | None


@dataclass(frozen=True, kw_only=True)
class TopicFeatured(DomainEvent):
    topic_id: int
    author_id: int
    level: int
    actor_id: int


@dataclass(frozen=True, kw_only=True)
class TopicUnfeatured(DomainEvent):
    """Staff took a topic off the featured list (its level went back to 0)."""

    topic_id: int
    author_id: int
    previous_level: int
    actor_id: int


@dataclass(frozen=True, kw_only=True)
class ReplyCreated(DomainEvent):
    reply_id: int
    topic_id: int
    board_id: int
    author_id: int
    topic_author_id: int
    quoted_author_id: int | None
    status: str
    mentioned_ids: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ReplyEdited(DomainEvent):
    reply_id: int
    editor_id: int


@dataclass(frozen=True, kw_only=True)
class ReplyStatusChanged(DomainEvent):
    reply_id: int
    topic_id: int
    board_id: int
    author_id: int
    old_status: str
    new_status: str
    actor_id: int | None


@dataclass(frozen=True, kw_only=True)
class LikeGiven(DomainEvent):
    like_id: int
    member_id: int
    receiver_id: int
    topic_id: int
    reply_id: int | None


@dataclass(frozen=True, kw_only=True)
class LikeWithdrawn(DomainEvent):
    member_id: int
    receiver_id: int
    topic_id: int
    reply_id: int | None


@dataclass(frozen=True, kw_only=True)
class ShareCreated(DomainEvent):
    share_id: int
    member_id: int | None
    topic_id: int
    channel: str


@dataclass(frozen=True, kw_only=True)
class ReadRecorded(DomainEvent):
    member_id: int
    topic_id: int
    board_id: int
    day: str
    dwell_seconds: int
    first_today: bool
    depth: int | None = None  # percent of the topic reached, when the page reported it


@dataclass(frozen=True, kw_only=True)
class BoardFollowed(DomainEvent):
    member_id: int
    board_id: int
