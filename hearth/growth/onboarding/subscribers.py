"""Keep onboarding progress from domain events.

Handlers run inside the publisher's transaction and fire on every read,
follow and like, so each costs one indexed lookup of the member's row once
the step is done (and a bounded count while it is not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from hearth.accounts.events import MemberJoined, ProfileUpdated
from hearth.accounts.models import User
from hearth.community.events import (
    BoardFollowed,
    LikeGiven,
    ReadRecorded,
    ReplyCreated,
    ReplyStatusChanged,
    TopicCreated,
    TopicStatusChanged,
)
from hearth.community.models import BoardFollow, Read, Status, Topic
from hearth.core.events import DomainEvent, subscribe, unsubscribe
from hearth.growth.models import OnboardingProgress, OnboardingStep
from hearth.growth.onboarding.config import onboarding_settings_get
from hearth.growth.onboarding.services import onboarding_start, step_reached


def _pending(member_id: int, field: str) -> bool:
    """True unless the member's row exists with the step done (missing rows are pending)."""
    done = OnboardingProgress.objects.filter(member_id=member_id).values_list(field, flat=True)
    return next(iter(done), None) is None


@subscribe(MemberJoined)
def on_member_joined(event: MemberJoined) -> None:
    member = User.objects.filter(pk=event.member_id).first()
    if member is not None:
        onboarding_start(member=member, at=event.occurred_at)


@subscribe(ProfileUpdated)
def on_profile_updated(event: ProfileUpdated) -> None:
    if event.completed:
        step_reached(member_id=event.member_id, step=OnboardingStep.PROFILE, at=event.occurred_at)


@subscribe(BoardFollowed)
def on_board_followed(event: BoardFollowed) -> None:
    if not _pending(event.member_id, "boards_at"):
        return
    need = onboarding_settings_get().boards_required
    follows = BoardFollow.objects.filter(member_id=event.member_id).values("pk")[:need]
    if len(follows) >= need:
        step_reached(member_id=event.member_id, step=OnboardingStep.BOARDS, at=event.occurred_at)


@subscribe(ReadRecorded)
def on_read_recorded(event: ReadRecorded) -> None:
    if not event.first_today or not _pending(event.member_id, "reads_at"):
        return
    need = onboarding_settings_get().reads_required
    topics = (
        Read.objects.filter(member_id=event.member_id)
        .values("topic_id")
        .distinct()
        .order_by()[:need]
    )
    if len(topics) >= need:
        step_reached(member_id=event.member_id, step=OnboardingStep.READS, at=event.occurred_at)


@subscribe(LikeGiven)
def on_like_given(event: LikeGiven) -> None:
    step_reached(member_id=event.member_id, step=OnboardingStep.LIKE, at=event.occurred_at)


@subscribe(ReplyCreated)
def on_reply_created(event: ReplyCreated) -> None:
    if event.status == Status.PUBLISHED:
        step_reached(member_id=event.author_id, step=OnboardingStep.REPLY, at=event.occurred_at)


@subscribe(ReplyStatusChanged)
def on_reply_status_changed(event: ReplyStatusChanged) -> None:
    """A held reply approved counts when it is published."""
    if event.new_status == Status.PUBLISHED:
        step_reached(member_id=event.author_id, step=OnboardingStep.REPLY, at=event.occurred_at)


@subscribe(TopicCreated)
def on_topic_created(event: TopicCreated) -> None:
    if event.status == Status.PUBLISHED:
        step_reached(member_id=event.author_id, step=OnboardingStep.TOPIC, at=event.occurred_at)


@subscribe(TopicStatusChanged)
def on_topic_status_changed(event: TopicStatusChanged) -> None:
    if event.new_status != Status.PUBLISHED:
        return
    author_id = Topic.objects.filter(pk=event.topic_id).values_list("author_id", flat=True).first()
    if author_id is not None:
        step_reached(member_id=author_id, step=OnboardingStep.TOPIC, at=event.occurred_at)


HANDLERS: tuple[tuple[type[DomainEvent], Callable[[Any], None]], ...] = (
    (MemberJoined, on_member_joined),
    (ProfileUpdated, on_profile_updated),
    (BoardFollowed, on_board_followed),
    (ReadRecorded, on_read_recorded),
    (LikeGiven, on_like_given),
    (ReplyCreated, on_reply_created),
    (ReplyStatusChanged, on_reply_status_changed),
    (TopicCreated, on_topic_created),
    (TopicStatusChanged, on_topic_status_changed),
)


@contextmanager
def onboarding_paused() -> Iterator[None]:
    """Run the block without onboarding's handlers (tests of other behaviour that count
    notifications and points exactly)."""
    for event_type, handler in HANDLERS:
        unsubscribe(event_type, handler)
    try:
        yield
    finally:
        for event_type, handler in HANDLERS:
            subscribe(event_type)(handler)
