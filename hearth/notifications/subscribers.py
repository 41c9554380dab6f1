"""Turn community events into notifications."""

from __future__ import annotations

from hearth.accounts.events import MemberFollowed
from hearth.community.events import LikeGiven, ReplyCreated, TopicCreated, TopicFeatured
from hearth.core.events import subscribe
from hearth.notifications.models import Verb
from hearth.notifications.services import notification_create


@subscribe(ReplyCreated)
def on_reply_created(event: ReplyCreated) -> None:
    if event.status != "published":
        return
    notified = {event.author_id}
    if event.topic_author_id not in notified:
        notification_create(
            recipient_id=event.topic_author_id,
            verb=Verb.REPLY,
            actor_id=event.author_id,
            topic_id=event.topic_id,
            reply_id=event.reply_id,
        )
        notified.add(event.topic_author_id)
    if event.quoted_author_id is not None and event.quoted_author_id not in notified:
        notification_create(
            recipient_id=event.quoted_author_id,
            verb=Verb.REPLY,
            actor_id=event.author_id,
            topic_id=event.topic_id,
            reply_id=event.reply_id,
        )
        notified.add(event.quoted_author_id)
    for member_id in event.mentioned_ids:
        if member_id not in notified:
            notification_create(
                recipient_id=member_id,
                verb=Verb.MENTION,
                actor_id=event.author_id,
                topic_id=event.topic_id,
                reply_id=event.reply_id,
            )


@subscribe(TopicCreated)
def on_topic_created(event: TopicCreated) -> None:
    if event.status != "published":
        return
    for member_id in event.mentioned_ids:
        notification_create(
            recipient_id=member_id,
            verb=Verb.MENTION,
            actor_id=event.author_id,
            topic_id=event.topic_id,
        )


@subscribe(LikeGiven)
def on_like_given(event: LikeGiven) -> None:
    notification_create(
        recipient_id=event.receiver_id,
        verb=Verb.LIKE,
        actor_id=event.member_id,
        topic_id=event.topic_id,
        reply_id=event.reply_id,
    )


@subscribe(TopicFeatured)
def on_topic_featured(event: TopicFeatured) -> None:
    notification_create(
        recipient_id=event.author_id,
        verb=Verb.FEATURED,
        actor_id=event.actor_id,
        topic_id=event.topic_id,
    )


@subscribe(MemberFollowed)
def on_member_followed(event: MemberFollowed) -> None:
    notification_create(
        recipient_id=event.followed_id, verb=Verb.FOLLOW, actor_id=event.follower_id
    )
