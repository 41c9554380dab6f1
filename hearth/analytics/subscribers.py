"""Community and account events → the activity log (after the publisher's transaction commits).

Keys are the same ones ``hearth analytics backfill`` derives from the rows,
so history written in bulk and live events never count an action twice.
"""

from __future__ import annotations

from hearth.accounts.events import MemberFollowed, MemberJoined, ProfileUpdated
from hearth.analytics.definitions import Action
from hearth.analytics.recording import activity_record
from hearth.community.events import (
    BoardFollowed,
    LikeGiven,
    ReadRecorded,
    ReplyCreated,
    ShareCreated,
    TopicCreated,
)
from hearth.core.events import subscribe
from hearth.events.domain import EventRegistered


@subscribe(TopicCreated, on_commit=True)
def on_topic_created(event: TopicCreated) -> None:
    activity_record(
        action=Action.TOPIC,
        member_id=event.author_id,
        at=event.occurred_at,
        board_id=event.board_id,
        topic_id=event.topic_id,
        properties={"status": event.status},
        key=f"topic:{event.topic_id}",
    )


@subscribe(ReplyCreated, on_commit=True)
def on_reply_created(event: ReplyCreated) -> None:
    activity_record(
        action=Action.REPLY,
        member_id=event.author_id,
        at=event.occurred_at,
        board_id=event.board_id,
        topic_id=event.topic_id,
        properties={"status": event.status, "reply_id": event.reply_id},
        key=f"reply:{event.reply_id}",
    )


@subscribe(LikeGiven, on_commit=True)
def on_like_given(event: LikeGiven) -> None:
    target = {"reply_id": event.reply_id} if event.reply_id else {}
    activity_record(
        action=Action.LIKE,
        member_id=event.member_id,
        at=event.occurred_at,
        topic_id=event.topic_id,
        properties=target,
        key=f"like:{event.like_id}",
    )
    activity_record(
        action=Action.LIKE_RECEIVED,
        member_id=event.receiver_id,
        at=event.occurred_at,
        topic_id=event.topic_id,
        properties={**target, "from": event.member_id},
        key=f"like_received:{event.like_id}",
    )


@subscribe(ShareCreated, on_commit=True)
def on_share_created(event: ShareCreated) -> None:
    activity_record(
        action=Action.SHARE,
        member_id=event.member_id,
        at=event.occurred_at,
        topic_id=event.topic_id,
        source=event.channel,
        key=f"share:{event.share_id}",
    )


@subscribe(ReadRecorded, on_commit=True)
def on_read_recorded(event: ReadRecorded) -> None:
    if event.first_today:
        action, key = Action.READ, f"read:{event.member_id}:{event.topic_id}:{event.day}"
    elif event.dwell_seconds or event.depth is not None:
        action, key = Action.DWELL, None
    else:
        return
    activity_record(
        action=action,
        member_id=event.member_id,
        at=event.occurred_at,
        board_id=event.board_id,
        topic_id=event.topic_id,
        value=float(event.dwell_seconds),
        properties={"depth": event.depth} if event.depth is not None else None,
        key=key,
    )


@subscribe(MemberJoined, on_commit=True)
def on_member_joined(event: MemberJoined) -> None:
    activity_record(
        action=Action.SIGN_UP,
        member_id=event.member_id,
        at=event.occurred_at,
        source=event.channel,
        key=f"sign_up:{event.member_id}",
    )


@subscribe(MemberFollowed, on_commit=True)
def on_member_followed(event: MemberFollowed) -> None:
    activity_record(
        action=Action.FOLLOW,
        member_id=event.follower_id,
        at=event.occurred_at,
        properties={"member": event.followed_id},
        key=f"follow:member:{event.follower_id}:{event.followed_id}",
    )


@subscribe(BoardFollowed, on_commit=True)
def on_board_followed(event: BoardFollowed) -> None:
    activity_record(
        action=Action.FOLLOW,
        member_id=event.member_id,
        at=event.occurred_at,
        board_id=event.board_id,
        properties={"board": event.board_id},
        key=f"follow:board:{event.member_id}:{event.board_id}",
    )


@subscribe(ProfileUpdated, on_commit=True)
def on_profile_updated(event: ProfileUpdated) -> None:
    """The first time a member's profile is complete (once: later edits add nothing)."""
    if not event.completed:
        return
    activity_record(
        action=Action.PROFILE_COMPLETE,
        member_id=event.member_id,
        at=event.occurred_at,
        key=f"profile_complete:{event.member_id}",
    )


@subscribe(EventRegistered, on_commit=True)
def on_event_registered(event: EventRegistered) -> None:
    activity_record(
        action=Action.EVENT_JOIN,
        member_id=event.member_id,
        at=event.occurred_at,
        properties={"event": event.event_id, "invited": event.invited},
        key=f"event_join:{event.event_id}:{event.member_id}",
    )
