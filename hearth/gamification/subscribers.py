"""Turn community and account events into points.

Handlers run inside the publisher's transaction, so content and its points
commit together. Source keys come from event data only, so a replayed event
finds its earlier award and adds nothing. Only published content earns.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from hearth.accounts.events import ProfileUpdated
from hearth.accounts.models import User
from hearth.community.events import (
    LikeGiven,
    LikeWithdrawn,
    ReplyCreated,
    ReplyStatusChanged,
    TopicCreated,
    TopicFeatured,
    TopicStatusChanged,
)
from hearth.community.models import Status, Topic
from hearth.core.events import subscribe
from hearth.gamification.actions import PointAction
from hearth.gamification.events import LevelChanged
from hearth.gamification.privileges import fairness_policy_get, is_new_account
from hearth.gamification.selectors import award_sources_for_target
from hearth.gamification.services import points_award, points_reverse
from hearth.notifications.models import Verb
from hearth.notifications.services import notification_create

TOPIC_ACTIONS = (PointAction.TOPIC_CREATED, PointAction.FIRST_TOPIC, PointAction.TOPIC_FEATURED)


def _like_source(member_id: int, topic_id: int, reply_id: int | None) -> tuple[str, str]:
    target = f"reply:{reply_id}" if reply_id is not None else f"topic:{topic_id}"
    return f"like:{member_id}:{target}", target


@subscribe(TopicCreated)
def on_topic_created(event: TopicCreated) -> None:
    if event.status != Status.PUBLISHED:
        return
    for action in (PointAction.TOPIC_CREATED, PointAction.FIRST_TOPIC):
        points_award(
            member=event.author_id,
            action=action,
            source_key=f"topic:{event.topic_id}",
            target=f"topic:{event.topic_id}",
            board=event.board_id,
            occurred_at=event.occurred_at,
        )


@subscribe(ReplyCreated)
def on_reply_created(event: ReplyCreated) -> None:
    if event.status != Status.PUBLISHED:
        return
    points_award(
        member=event.author_id,
        action=PointAction.REPLY_CREATED,
        source_key=f"reply:{event.reply_id}",
        target=f"topic:{event.topic_id}",
        board=event.board_id,
        occurred_at=event.occurred_at,
    )


def _giver_is_throttled(giver_id: int, occurred_at: dt.datetime) -> bool:
    """A new account's like earns its receiver nothing unless the fairness policy allows it."""
    policy = fairness_policy_get()
    if policy.new_account_likes_earn or policy.new_account_days <= 0:
        return False
    joined = User.objects.filter(pk=giver_id).values_list("date_joined", flat=True).first()
    return joined is not None and is_new_account(date_joined=joined, policy=policy, now=occurred_at)


@subscribe(LikeGiven)
def on_like_given(event: LikeGiven) -> None:
    source, target = _like_source(event.member_id, event.topic_id, event.reply_id)
    earners = [(event.member_id, PointAction.LIKE_GIVEN)]
    if not _giver_is_throttled(event.member_id, event.occurred_at):
        earners.insert(0, (event.receiver_id, PointAction.LIKE_RECEIVED))
    for member_id, action in earners:
        points_award(
            member=member_id,
            action=action,
            source_key=source,
            target=target,
            occurred_at=event.occurred_at,
        )


@subscribe(LikeWithdrawn)
def on_like_withdrawn(event: LikeWithdrawn) -> None:
    source, _target = _like_source(event.member_id, event.topic_id, event.reply_id)
    points_reverse(source_key=source)


@subscribe(TopicFeatured)
def on_topic_featured(event: TopicFeatured) -> None:
    topic = Topic.objects.filter(pk=event.topic_id).values("status", "board_id").first()
    if topic is None or topic["status"] != Status.PUBLISHED:
        return
    points_award(
        member=event.author_id,
        action=PointAction.TOPIC_FEATURED,
        source_key=f"topic:{event.topic_id}:featured:{event.level}",
        target=f"topic:{event.topic_id}",
        board=topic["board_id"],
        occurred_at=event.occurred_at,
        multiplier=event.level,
    )


@subscribe(TopicStatusChanged)
def on_topic_status_changed(event: TopicStatusChanged) -> None:
    was_published = event.old_status == Status.PUBLISHED
    if was_published and event.new_status != Status.PUBLISHED:
        for source in award_sources_for_target(
            target_key=f"topic:{event.topic_id}", actions=TOPIC_ACTIONS
        ):
            points_reverse(source_key=source)
    elif event.new_status == Status.PUBLISHED and not was_published:
        _topic_republished(event)


@subscribe(ReplyStatusChanged)
def on_reply_status_changed(event: ReplyStatusChanged) -> None:
    """A reply taken down loses its points; published (approved, restored) it earns them."""
    was_published = event.old_status == Status.PUBLISHED
    if was_published and event.new_status != Status.PUBLISHED:
        for source in award_sources_for_target(
            target_key=f"topic:{event.topic_id}", actions=(PointAction.REPLY_CREATED,)
        ):
            if source == f"reply:{event.reply_id}" or source.startswith(f"reply:{event.reply_id}@"):
                points_reverse(source_key=source)
    elif event.new_status == Status.PUBLISHED and not was_published:
        points_award(
            member=event.author_id,
            action=PointAction.REPLY_CREATED,
            source_key=f"reply:{event.reply_id}@{event.occurred_at.isoformat()}",
            target=f"topic:{event.topic_id}",
            board=event.board_id,
            occurred_at=event.occurred_at,
        )


def _topic_republished(event: TopicStatusChanged) -> None:
    topic = (
        Topic.objects.filter(pk=event.topic_id)
        .values("author_id", "board_id", "featured_level")
        .first()
    )
    if topic is None:
        return
    source = f"topic:{event.topic_id}@{event.occurred_at.isoformat()}"
    actions = [(PointAction.TOPIC_CREATED, 1), (PointAction.FIRST_TOPIC, 1)]
    if topic["featured_level"]:
        actions.append((PointAction.TOPIC_FEATURED, topic["featured_level"]))
    for action, multiplier in actions:
        points_award(
            member=topic["author_id"],
            action=action,
            source_key=source,
            target=f"topic:{event.topic_id}",
            board=topic["board_id"],
            occurred_at=event.occurred_at,
            multiplier=multiplier,
        )


@subscribe(ProfileUpdated)
def on_profile_updated(event: ProfileUpdated) -> None:
    if event.completed:
        points_award(
            member=event.member_id,
            action=PointAction.PROFILE_COMPLETED,
            source_key=f"profile:{event.member_id}",
            occurred_at=event.occurred_at,
        )


@subscribe(LevelChanged)
def on_level_changed(event: LevelChanged) -> None:
    """Congratulate a member on a promotion (a drop after a reversal is not announced)."""
    if not event.promoted:
        return
    notification_create(
        recipient_id=event.member_id,
        verb=Verb.SYSTEM,
        text=_("Congratulations! You have reached the level %(level)s.")
        % {"level": event.level_name},
    )
