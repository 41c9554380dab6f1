"""Community and account events earn points through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from freezegun import freeze_time

from hearth.accounts.events import ProfileUpdated
from hearth.community.services import (
    like_give,
    like_withdraw,
    reply_create,
    topic_create,
    topic_feature,
    topic_set_status,
)
from hearth.core.events import publish
from hearth.gamification.models import PointEntry

BODY = "A body long enough to pass the checks of the community services."


@pytest.fixture
def author(make_member: Any, default_rules: None) -> Any:
    return make_member("author")


@pytest.fixture
def board(make_board: Any) -> Any:
    return make_board()


def post(author: Any, board: Any, n: int = 1) -> Any:
    return topic_create(author=author, board=board, title=f"Topic number {n}", body=BODY)


def test_first_topic_earns_topic_and_first_topic_points(
    author: Any, board: Any, balance: Any
) -> None:
    post(author, board, 1)
    assert balance(author) == (15, 15)
    post(author, board, 2)
    assert balance(author) == (20, 20)


def test_reply_earns_two(author: Any, board: Any, make_member: Any, balance: Any) -> None:
    replier = make_member()
    topic = post(author, board)
    reply_create(author=replier, topic=topic, body=BODY)
    assert balance(replier) == (2, 2)


def test_like_rewards_the_receiver_and_unlike_reverses(
    author: Any, board: Any, make_member: Any, balance: Any
) -> None:
    with freeze_time(timezone.now() - dt.timedelta(days=30)):  # new accounts' likes earn nothing
        liker = make_member()
    topic = post(author, board)
    like_give(member=liker, target=topic)
    assert balance(author) == (16, 16)
    assert balance(liker) == (0, 0)  # like_given is inactive by default
    like_withdraw(member=liker, target=topic)
    assert balance(author) == (15, 15)
    assert (
        PointEntry.objects.filter(member=author, kind="reversal", action="like_received").count()
        == 1
    )


def test_hiding_a_topic_reverses_its_points_and_republishing_awards_again(
    author: Any, board: Any, staff_member: Any, balance: Any
) -> None:
    topic = post(author, board)
    topic_feature(actor=staff_member, topic=topic, level=2)
    assert balance(author) == (55, 55)
    topic_set_status(actor=staff_member, topic=topic, status="hidden")
    assert balance(author) == (0, 0)
    topic_set_status(actor=staff_member, topic=topic, status="published")
    assert balance(author) == (55, 55)
    topic_set_status(actor=author, topic=topic, status="deleted")
    assert balance(author) == (0, 0)
    assert not PointEntry.objects.filter(
        member=author, kind="award", reversal__isnull=True
    ).exists()


def test_raising_the_featured_level_does_not_pay_twice(
    author: Any, board: Any, staff_member: Any, balance: Any
) -> None:
    topic = post(author, board)
    topic_feature(actor=staff_member, topic=topic, level=1)
    topic_feature(actor=staff_member, topic=topic, level=3)
    assert balance(author) == (35, 35)


def test_held_content_earns_nothing(author: Any, board: Any, balance: Any) -> None:
    from hearth.community.events import TopicCreated

    publish(TopicCreated(topic_id=999, board_id=board.pk, author_id=author.pk, status="held"))
    assert balance(author) == (0, 0)


def test_replayed_event_earns_once(author: Any, board: Any, balance: Any) -> None:
    from hearth.community.events import TopicCreated

    event = TopicCreated(topic_id=999, board_id=board.pk, author_id=author.pk, status="published")
    publish(event)
    publish(event)
    assert balance(author) == (15, 15)


def test_completed_profile_earns_once(author: Any, balance: Any) -> None:
    publish(ProfileUpdated(member_id=author.pk, completed=False))
    assert balance(author) == (0, 0)
    publish(ProfileUpdated(member_id=author.pk, completed=True))
    publish(ProfileUpdated(member_id=author.pk, completed=True))
    assert balance(author) == (5, 5)
