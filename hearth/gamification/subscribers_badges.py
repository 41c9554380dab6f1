"""Evaluate badges as events happen, after the publisher's transaction commits.

Each handler evaluates only the criteria its event can change, for the
member whose statistic moved. Handlers run on commit and log their own
failures, so badge work never breaks (or rolls back) a post, a like or a
sign-in. Lifetime points move with most actions, so most handlers look at
them too.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TypeVar

from hearth.accounts.events import MemberFollowed, ProfileUpdated
from hearth.community.events import (
    LikeGiven,
    LikeWithdrawn,
    ReplyCreated,
    TopicCreated,
    TopicFeatured,
    TopicStatusChanged,
    TopicUnfeatured,
)
from hearth.community.models import Topic
from hearth.core.events import DomainEvent, subscribe
from hearth.gamification.events import BadgeGranted, CheckedIn, LevelChanged
from hearth.gamification.models import BadgeCriterion as C
from hearth.gamification.services.badge_rules import badges_evaluate, level_badges_grant
from hearth.gamification.services.showcase import showcase_title_drop

logger = logging.getLogger(__name__)
E = TypeVar("E", bound=DomainEvent)


def _guarded(handler: Callable[[E], None]) -> Callable[[E], None]:
    @functools.wraps(handler)
    def run(event: E) -> None:
        try:
            handler(event)
        except Exception:
            logger.exception("badge evaluation failed for %r", event)

    return run


@subscribe(TopicCreated, on_commit=True)
@_guarded
def on_topic_created(event: TopicCreated) -> None:
    badges_evaluate(member_id=event.author_id, criteria=[C.TOPICS, C.LIFETIME_POINTS])


@subscribe(ReplyCreated, on_commit=True)
@_guarded
def on_reply_created(event: ReplyCreated) -> None:
    badges_evaluate(member_id=event.author_id, criteria=[C.REPLIES, C.LIFETIME_POINTS])


@subscribe(LikeGiven, on_commit=True)
@_guarded
def on_like_given(event: LikeGiven) -> None:
    badges_evaluate(member_id=event.receiver_id, criteria=[C.LIKES_RECEIVED, C.LIFETIME_POINTS])
    badges_evaluate(member_id=event.member_id, criteria=[C.LIFETIME_POINTS])


@subscribe(LikeWithdrawn, on_commit=True)
@_guarded
def on_like_withdrawn(event: LikeWithdrawn) -> None:
    badges_evaluate(member_id=event.receiver_id, criteria=[C.LIKES_RECEIVED, C.LIFETIME_POINTS])


@subscribe(TopicFeatured, on_commit=True)
@_guarded
def on_topic_featured(event: TopicFeatured) -> None:
    badges_evaluate(member_id=event.author_id, criteria=[C.FEATURED_TOPICS, C.LIFETIME_POINTS])


@subscribe(TopicUnfeatured, on_commit=True)
@_guarded
def on_topic_unfeatured(event: TopicUnfeatured) -> None:
    badges_evaluate(member_id=event.author_id, criteria=[C.FEATURED_TOPICS])


@subscribe(TopicStatusChanged, on_commit=True)
@_guarded
def on_topic_status_changed(event: TopicStatusChanged) -> None:
    author_id = Topic.objects.filter(pk=event.topic_id).values_list("author_id", flat=True).first()
    if author_id is not None:
        badges_evaluate(
            member_id=author_id, criteria=[C.TOPICS, C.FEATURED_TOPICS, C.LIFETIME_POINTS]
        )


@subscribe(MemberFollowed, on_commit=True)
@_guarded
def on_member_followed(event: MemberFollowed) -> None:
    badges_evaluate(member_id=event.followed_id, criteria=[C.FOLLOWERS])


@subscribe(CheckedIn, on_commit=True)
@_guarded
def on_checked_in(event: CheckedIn) -> None:
    badges_evaluate(member_id=event.member_id, criteria=[C.CHECK_IN_STREAK, C.LIFETIME_POINTS])


@subscribe(ProfileUpdated, on_commit=True)
@_guarded
def on_profile_updated(event: ProfileUpdated) -> None:
    if event.completed:
        badges_evaluate(member_id=event.member_id, criteria=[C.LIFETIME_POINTS])


@subscribe(BadgeGranted, on_commit=True)
@_guarded
def on_badge_granted(event: BadgeGranted) -> None:
    """An event win (granted by the events app) may complete an 'events won' badge."""
    badges_evaluate(member_id=event.member_id, criteria=[C.EVENT_WINS])


@subscribe(LevelChanged, on_commit=True)
@_guarded
def on_level_changed(event: LevelChanged) -> None:
    """Grant the exclusive badges of the levels reached; a drop may take the custom title."""
    if event.new > event.old:
        level_badges_grant(member_id=event.member_id, old=event.old, new=event.new)
    else:
        showcase_title_drop(member_id=event.member_id)
    badges_evaluate(member_id=event.member_id, criteria=[C.LIFETIME_POINTS])
