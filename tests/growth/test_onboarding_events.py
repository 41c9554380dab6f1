"""Onboarding progress kept by domain events: each step once, its points once, the welcome."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hearth.accounts.events import ProfileUpdated
from hearth.accounts.services import profile_update
from hearth.community import services as community
from hearth.community.events import LikeGiven
from hearth.core.events import publish
from hearth.gamification.actions import PointAction
from hearth.gamification.models import PointEntry
from hearth.growth.models import OnboardingProgress
from hearth.growth.onboarding.config import onboarding_settings_update
from hearth.notifications.models import Notification, Verb

pytestmark = pytest.mark.django_db


def _points(member: Any) -> list[str]:
    return sorted(
        PointEntry.objects.filter(member=member, action=PointAction.ONBOARDING_STEP).values_list(
            "source_key", flat=True
        )
    )


def _row(member: Any) -> OnboardingProgress:
    return OnboardingProgress.objects.get(member=member)


def _complete_profile(member: Any) -> None:
    from hearth.accounts.services import avatar_set

    profile_update(member=member, display_name="小林", bio="爱拍照", province="浙江")
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "#3366aa").save(buffer, format="PNG")
    png = buffer.getvalue()
    avatar_set(member=member, upload=SimpleUploadedFile("a.png", png, content_type="image/png"))


def test_join_opens_the_checklist_and_sends_the_welcome_with_the_name(make_member: Any) -> None:
    member = make_member("xiaolin", display_name="小林 {x} <b>")
    row = _row(member)
    assert row.started_at is not None
    assert row.welcomed_at is not None
    assert row.profile_at is None
    assert row.completed_at is None
    welcome = Notification.objects.get(recipient=member, verb=Verb.SYSTEM)
    assert "小林 {x} <b>" in welcome.text


def test_custom_welcome_text_and_switching_it_off(make_member: Any) -> None:
    onboarding_settings_update(
        welcome_enabled=True,
        welcome_text="Hi {name}! {0} {missing}",
        boards_required=3,
        reads_required=5,
    )
    member = make_member("ana")
    assert Notification.objects.get(recipient=member).text == "Hi ana! {0} {missing}"
    onboarding_settings_update(
        welcome_enabled=False, welcome_text="", boards_required=3, reads_required=5
    )
    quiet = make_member("bo")
    assert not Notification.objects.filter(recipient=quiet).exists()
    assert _row(quiet).welcomed_at is None


def test_each_step_is_recorded_once_and_earns_once(
    make_member: Any, make_board: Any, no_posting_limit: None
) -> None:
    author = make_member("author")
    member = make_member("newbie")
    boards = [make_board() for _ in range(4)]
    topics = [
        community.topic_create(
            author=author, board=boards[0], title=f"话题 {i}", body="正文内容足够长"
        )
        for i in range(6)
    ]

    _complete_profile(member)
    assert _row(member).profile_at is not None
    assert _points(member) == [f"onboarding:{member.pk}:profile"]

    community.board_follow(member=member, board=boards[0])
    community.board_follow(member=member, board=boards[1])
    assert _row(member).boards_at is None  # 2 of 3
    community.board_follow(member=member, board=boards[2])
    boards_at = _row(member).boards_at
    assert boards_at is not None
    community.board_follow(member=member, board=boards[3])
    assert _row(member).boards_at == boards_at

    for topic in topics[:4]:
        community.read_record(member=member, topic=topic)
        community.read_record(member=member, topic=topic)  # the same topic again counts once
    assert _row(member).reads_at is None
    community.read_record(member=member, topic=topics[4])
    assert _row(member).reads_at is not None

    community.like_give(member=member, target=topics[0])
    community.like_give(member=member, target=topics[1])
    community.reply_create(author=member, topic=topics[0], body="第一条回复")
    community.reply_create(author=member, topic=topics[1], body="第二条回复")
    assert _row(member).completed_at is None
    community.topic_create(author=member, board=boards[1], title="我的第一个话题", body="你好大家")

    row = _row(member)
    assert row.completed_at is not None
    assert row.completed_at == max(
        row.profile_at, row.boards_at, row.reads_at, row.like_at, row.reply_at, row.topic_at
    )
    steps = ["boards", "like", "profile", "reads", "reply", "topic"]
    assert _points(member) == [f"onboarding:{member.pk}:{s}" for s in steps]
    per_step = PointEntry.objects.filter(member=member, action=PointAction.ONBOARDING_STEP)
    assert {e.amount for e in per_step} == {3}

    # Replays add nothing.
    publish(ProfileUpdated(member_id=member.pk, completed=True))
    publish(
        LikeGiven(
            like_id=1,
            member_id=member.pk,
            receiver_id=author.pk,
            topic_id=topics[2].pk,
            reply_id=None,
        )
    )
    assert _points(member) == [f"onboarding:{member.pk}:{s}" for s in steps]
    assert _row(member).like_at == row.like_at


def test_thresholds_come_from_the_settings(make_member: Any, make_board: Any) -> None:
    onboarding_settings_update(
        welcome_enabled=True, welcome_text="", boards_required=1, reads_required=2
    )
    author = make_member("author")
    member = make_member("quick")
    board = make_board()
    community.board_follow(member=member, board=board)
    assert _row(member).boards_at is not None
    topic = community.topic_create(author=author, board=board, title="一个话题", body="正文内容")
    community.read_record(member=member, topic=topic)
    assert _row(member).reads_at is None


def test_held_content_does_not_count(make_member: Any, make_board: Any, monkeypatch: Any) -> None:
    from hearth.community.events import TopicCreated

    member = make_member("held")
    publish(TopicCreated(topic_id=1, board_id=1, author_id=member.pk, status="pending"))
    assert _row(member).topic_at is None


def test_a_member_without_a_row_gets_one_from_history(make_member: Any, make_board: Any) -> None:
    author = make_member("author")
    old = make_member("old")
    board = make_board()
    topic = community.topic_create(author=author, board=board, title="一个话题", body="正文内容")
    community.reply_create(author=old, topic=topic, body="以前的回复")
    OnboardingProgress.objects.filter(member=old).delete()
    before = _points(old)
    community.like_give(member=old, target=topic)
    row = _row(old)
    assert row.reply_at is not None
    assert row.like_at is not None
    assert _points(old) == before  # history earns no onboarding points (the backfill's rule)


def test_bad_settings_name_the_field(db: None) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        onboarding_settings_update(
            welcome_enabled=True, welcome_text="x" * 400, boards_required=0, reads_required=5
        )
    assert set(caught.value.message_dict) == {"welcome_text", "boards_required"}
