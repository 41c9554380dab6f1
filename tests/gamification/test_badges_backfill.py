"""The backfill gives the same badges as evaluating members as events happen, in bulk queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.community.models import Topic
from hearth.community.services import like_give, like_withdraw, topic_create, topic_feature
from hearth.gamification.models import Badge, BadgeGrant
from hearth.gamification.services import badge_define, badges_backfill, check_in

pytestmark = pytest.mark.django_db
Commit = Callable[[], AbstractContextManager[Any]]
RULES = [
    # criterion, threshold, auto_revoke
    ("topics", 2, False),
    ("likes_received", 2, True),
    ("likes_received", 1, False),
    ("featured_topics", 1, True),
    ("check_in_streak", 2, False),
    ("lifetime_points", 10, False),
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Commit:
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def badges(staff_member: Any, default_rules: None) -> list[Badge]:
    Badge.objects.update(active=False)
    return [
        badge_define(
            actor=staff_member,
            slug=f"rule-{n}",
            name=f"规则{n}",
            description="",
            icon="🏅",
            tier="silver",
            criterion=criterion,
            threshold=threshold,
            multiple=False,
            auto_revoke=revoke,
            active=True,
        )
        for n, (criterion, threshold, revoke) in enumerate(RULES)
    ]


def _community(
    make_member: Callable[..., Any], make_board: Callable[..., Any], staff: Any, commit: Commit
) -> list[Any]:
    """Members who post, like, withdraw likes, get featured and sign in, with events on."""
    board = make_board()
    members = [make_member() for _ in range(5)]
    start = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    for i, member in enumerate(members):
        for n in range(i % 3):
            with commit():
                topic_create(author=member, board=board, title=f"话题{i}-{n}", body="正文")
        for day in range(i):
            with commit():
                check_in(member=member, now=start + dt.timedelta(days=day * (1 + i % 2)))
    topics = list(Topic.objects.order_by("pk"))
    for n, topic in enumerate(topics):
        for fan in members[: n + 1]:
            if fan.pk != topic.author_id:
                with commit():
                    like_give(member=fan, target=topic)
    with commit():
        like_withdraw(member=members[0], target=topics[-1])
    with commit():
        topic_feature(actor=staff, topic=topics[0], level=1)
    return members


def _grants() -> set[tuple[int, int]]:
    return set(
        BadgeGrant.objects.filter(revoked_at__isnull=True).values_list("badge_id", "member_id")
    )


def test_backfill_gives_the_badges_event_time_evaluation_gave(
    make_member: Callable[..., Any],
    make_board: Callable[..., Any],
    staff_member: Any,
    badges: list[Badge],
    commit: Commit,
) -> None:
    _community(make_member, make_board, staff_member, commit)
    at_event_time = _grants()
    assert len({badge for badge, _member in at_event_time}) >= 4  # the data exercises the rules
    BadgeGrant.objects.all().delete()

    granted = badges_backfill()

    assert _grants() == at_event_time
    assert granted == len(at_event_time)
    assert badges_backfill() == 0  # a second run changes nothing


def test_backfill_takes_back_auto_revoking_badges_and_respects_staff_revocations(
    make_member: Callable[..., Any],
    make_board: Callable[..., Any],
    staff_member: Any,
    badges: list[Badge],
    commit: Commit,
) -> None:
    from hearth.gamification.services import badge_grant, badge_revoke

    likes2 = badges[1]  # likes_received ≥ 2, auto-revoke
    topics2 = badges[0]
    member = make_member()
    badge_grant(badge=likes2, member=member, actor=staff_member, reason="测试")
    board = make_board()
    for n in range(2):
        topic_create(author=member, board=board, title=f"话题{n}", body="正文")
    badges_backfill()
    assert not BadgeGrant.objects.filter(badge=likes2, revoked_at__isnull=True).exists()
    grant = BadgeGrant.objects.get(badge=topics2, member=member)
    badge_revoke(grant=grant, actor=staff_member, reason="刷帖")
    badges_backfill()
    assert not BadgeGrant.objects.filter(badge=topics2, revoked_at__isnull=True).exists()


def _backfill_queries() -> int:
    with CaptureQueriesContext(connection) as context:
        badges_backfill()
    return len(context.captured_queries)


def test_backfill_queries_do_not_grow_with_members(
    make_member: Callable[..., Any], make_board: Callable[..., Any], badges: list[Badge]
) -> None:
    board = make_board()

    def add_authors(n: int) -> None:
        for _ in range(n):
            author = make_member()
            for k in range(2):
                topic_create(author=author, board=board, title=f"话题{k}", body="正文")

    add_authors(2)
    few = _backfill_queries()
    BadgeGrant.objects.all().delete()
    add_authors(8)
    many = _backfill_queries()
    assert BadgeGrant.objects.filter(badge=badges[0]).count() == 10
    assert many == few


def test_command_prints_a_summary_and_refuses_an_unknown_badge(
    make_member: Callable[..., Any], make_board: Callable[..., Any], badges: list[Badge]
) -> None:
    board = make_board()
    author = make_member()
    for k in range(2):
        topic_create(author=author, board=board, title=f"话题{k}", body="正文")
    out = StringIO()
    call_command("badges_backfill", "--badge", badges[0].slug, stdout=out)
    assert f"{badges[0].slug}" in out.getvalue()
    assert "1 granted" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("badges_backfill", "--badge", "no-such-badge", stdout=StringIO())
