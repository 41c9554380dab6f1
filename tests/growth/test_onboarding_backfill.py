"""The backfill computes from history what the live events recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hearth.community import services as community
from hearth.gamification.actions import PointAction
from hearth.gamification.models import PointEntry
from hearth.growth.models import STEP_FIELDS, OnboardingProgress
from hearth.growth.onboarding.backfill import onboarding_backfill
from hearth.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[int, dict[str, Any]]:
    fields = [*STEP_FIELDS.values(), "completed_at"]
    rows = OnboardingProgress.objects.values_list("member_id", *fields)
    return {row[0]: dict(zip(fields, row[1:], strict=True)) for row in rows}


def _close(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) < dt.timedelta(seconds=5)


def test_backfill_equals_what_live_events_produced(
    make_member: Any, make_board: Any, no_posting_limit: None
) -> None:
    author = make_member("author")
    boards = [make_board() for _ in range(4)]
    topics = [
        community.topic_create(
            author=author, board=boards[i % 4], title=f"话题 {i}", body="正文内容"
        )
        for i in range(7)
    ]
    members = [make_member(f"m{i}") for i in range(5)]
    # a varied history: member i does the first i kinds of things
    for i, member in enumerate(members):
        for board in boards[: 1 + i]:
            community.board_follow(member=member, board=board)
        for topic in topics[: 2 + i]:
            community.read_record(member=member, topic=topic)
            community.read_record(member=member, topic=topic)
        if i >= 1:
            community.like_give(member=member, target=topics[i])
        if i >= 2:
            community.reply_create(author=member, topic=topics[0], body="回复一下")
        if i >= 3:
            community.topic_create(author=member, board=boards[0], title="新人的话题", body="你好")
    community.board_unfollow(member=members[4], board=boards[3])  # the step, once done, stays
    live = _snapshot()
    notifications = Notification.objects.count()
    points = PointEntry.objects.filter(action=PointAction.ONBOARDING_STEP).count()
    assert points > 0

    OnboardingProgress.objects.all().delete()
    written = onboarding_backfill()

    assert written == len(live)
    rebuilt = _snapshot()
    assert rebuilt.keys() == live.keys()
    for member_id, row in live.items():
        for field, value in row.items():
            assert _close(rebuilt[member_id][field], value), (member_id, field)
    assert rebuilt[members[4].pk]["completed_at"] is None  # no profile yet; boards kept (4 then 3)
    assert rebuilt[members[4].pk]["boards_at"] is not None
    # no points, no welcome messages
    assert Notification.objects.count() == notifications
    assert PointEntry.objects.filter(action=PointAction.ONBOARDING_STEP).count() == points


def test_backfill_keeps_recorded_times_and_the_welcome(make_member: Any, make_board: Any) -> None:
    member = make_member("kept")
    row = OnboardingProgress.objects.get(member=member)
    community.board_follow(member=member, board=make_board())
    OnboardingProgress.objects.filter(member=member).update(like_at=row.started_at)
    onboarding_backfill(member_ids=[member.pk])
    again = OnboardingProgress.objects.get(member=member)
    assert again.like_at == row.started_at
    assert again.welcomed_at == row.welcomed_at
    assert again.boards_at is None


def test_the_command_backfills(make_member: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    member = make_member("cmd")
    OnboardingProgress.objects.all().delete()
    out = StringIO()
    call_command("onboarding_backfill", stdout=out)
    assert "1 members" in out.getvalue()
    assert OnboardingProgress.objects.filter(member=member).exists()
