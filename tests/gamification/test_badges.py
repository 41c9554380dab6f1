"""Badge rules as events happen, grants and revocations by staff, and the editor's checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.community.events import TopicCreated
from hearth.community.models import Status
from hearth.community.services import (
    like_give,
    like_withdraw,
    topic_create,
    topic_feature,
    topic_set_status,
)
from hearth.core.events import publish, recording
from hearth.gamification.events import BadgeGranted
from hearth.gamification.models import Badge, BadgeGrant
from hearth.gamification.services import (
    badge_define,
    badge_grant,
    badge_revoke,
    badges_evaluate,
    check_in,
    points_adjust,
)
from hearth.notifications.models import Notification

pytestmark = pytest.mark.django_db
Commit = Callable[[], AbstractContextManager[Any]]


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_default_badges(db: None) -> None:
    """The migration's badges are switched off, so each test sees only its own."""
    Badge.objects.update(active=False)


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Commit:
    """Run the block's on-commit handlers (badge subscribers) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def define(staff_member: Any) -> Callable[..., Badge]:
    counter = iter(range(1, 1000))

    def make(criterion: str, threshold: int | None, **fields: Any) -> Badge:
        n = next(counter)
        values: dict[str, Any] = {
            "slug": f"test-{n}",
            "name": f"测试勋章{n}",
            "description": "",
            "icon": "🏅",
            "tier": "bronze",
            "multiple": False,
            "auto_revoke": False,
            "active": True,
        }
        values.update(fields)
        return badge_define(actor=staff_member, criterion=criterion, threshold=threshold, **values)

    return make


@pytest.fixture
def board(make_board: Callable[..., Any]) -> Any:
    return make_board()


def _held(badge: Badge, member: Any) -> bool:
    return BadgeGrant.objects.filter(badge=badge, member=member, revoked_at__isnull=True).exists()


def _topic(member: Any, board: Any, n: int = 1) -> Any:
    return topic_create(author=member, board=board, title=f"话题 {n}", body="正文")


def test_topic_badge_is_granted_when_the_count_reaches_the_threshold(
    make_member: Callable[..., Any], board: Any, define: Callable[..., Badge], commit: Commit
) -> None:
    badge = define("topics", 2)
    author = make_member()
    with commit():
        _topic(author, board, 1)
    assert not _held(badge, author)
    with recording() as events, commit():
        _topic(author, board, 2)
    grant = BadgeGrant.objects.get(badge=badge, member=author)
    assert (grant.source_key, grant.granted_by) == ("single", None)
    granted = [
        (e.member_id, e.badge_id, e.grant_id, e.by_staff)
        for e in events
        if isinstance(e, BadgeGranted)
    ]
    assert granted == [(author.pk, badge.pk, grant.pk, False)]
    notice = Notification.objects.get(recipient=author, verb="system")
    assert badge.name in notice.text


def test_likes_badge_is_revoked_when_a_like_is_withdrawn_and_granted_again_after(
    make_member: Callable[..., Any], board: Any, define: Callable[..., Badge], commit: Commit
) -> None:
    badge = define("likes_received", 2, auto_revoke=True)
    author, fan1, fan2 = make_member(), make_member(), make_member()
    topic = _topic(author, board)
    with commit():
        like_give(member=fan1, target=topic)
        like_give(member=fan2, target=topic)
    assert _held(badge, author)
    with commit():
        like_withdraw(member=fan2, target=topic)
    old = BadgeGrant.objects.get(badge=badge, member=author)
    assert old.revoked_at is not None
    assert old.revoked_by is None
    assert old.revoke_reason  # the system says why
    with commit():
        like_give(member=fan2, target=topic)
    rows = BadgeGrant.objects.filter(badge=badge, member=author).order_by("pk")
    assert [(g.source_key, g.revoked_at is None) for g in rows] == [
        (f"single#{old.pk}", False),
        ("single", True),
    ]


def test_badge_without_auto_revoke_is_kept_when_the_statistic_drops(
    make_member: Callable[..., Any], board: Any, define: Callable[..., Badge], commit: Commit
) -> None:
    badge = define("likes_received", 1)
    author, fan = make_member(), make_member()
    topic = _topic(author, board)
    with commit():
        like_give(member=fan, target=topic)
    with commit():
        like_withdraw(member=fan, target=topic)
    assert _held(badge, author)


@pytest.mark.parametrize("take_back", ["hide", "unfeature"])
def test_an_auto_revoking_featured_badge_goes_with_the_featuring(
    take_back: str,
    make_member: Callable[..., Any],
    board: Any,
    define: Callable[..., Badge],
    commit: Commit,
    staff_member: Any,
) -> None:
    badge = define("featured_topics", 1, auto_revoke=True)
    author = make_member()
    topic = _topic(author, board)
    with commit():
        topic_feature(actor=staff_member, topic=topic, level=2)
    assert _held(badge, author)
    with commit():
        if take_back == "hide":
            topic_set_status(actor=staff_member, topic=topic, status=Status.HIDDEN)
        else:
            topic_feature(actor=staff_member, topic=topic, level=0)
    assert not _held(badge, author)


def test_replayed_events_and_evaluations_grant_once(
    make_member: Callable[..., Any], board: Any, define: Callable[..., Badge], commit: Commit
) -> None:
    badge = define("topics", 1)
    author = make_member()
    with commit():
        topic = _topic(author, board)
    event = TopicCreated(
        topic_id=topic.pk, board_id=board.pk, author_id=author.pk, status=Status.PUBLISHED
    )
    with commit():
        publish(event)
        publish(event)
    assert badges_evaluate(member_id=author.pk).granted == []
    assert BadgeGrant.objects.filter(badge=badge, member=author).count() == 1
    assert Notification.objects.filter(recipient=author, verb="system").count() == 1


def test_multiple_badge_is_granted_once_per_source_and_counts_as_event_wins(
    make_member: Callable[..., Any], define: Callable[..., Badge], commit: Commit
) -> None:
    winner = define("event_wins", 1, multiple=True, tier="gold")
    twice = define("event_wins", 2)
    member = make_member()
    with commit():
        assert badge_grant(badge=winner, member=member, source_key="event:1") is not None
        assert badge_grant(badge=winner, member=member, source_key="event:1") is None
    assert not _held(twice, member)
    with commit():
        badge_grant(badge=winner, member=member, source_key="event:2")
    keys = set(BadgeGrant.objects.filter(badge=winner).values_list("source_key", flat=True))
    assert keys == {"event:1", "event:2"}
    assert _held(twice, member)  # the second win completes "won 2 events"


def test_a_single_badge_ignores_the_source_key(
    make_member: Callable[..., Any], define: Callable[..., Badge]
) -> None:
    badge = define("manual", None)
    member = make_member()
    assert badge_grant(badge=badge, member=member, source_key="event:7") is not None
    assert badge_grant(badge=badge, member=member, source_key="event:8") is None
    assert list(BadgeGrant.objects.values_list("source_key", flat=True)) == ["single"]


def test_staff_grant_needs_the_permission_and_a_reason(
    make_member: Callable[..., Any], define: Callable[..., Badge], staff_member: Any
) -> None:
    badge = define("manual", None)
    member, other = make_member(), make_member()
    with pytest.raises(PermissionDenied):
        badge_grant(badge=badge, member=member, actor=other, reason="我觉得可以")
    with pytest.raises(ValidationError) as error:
        badge_grant(badge=badge, member=member, actor=staff_member, reason="   ")
    assert "reason" in error.value.message_dict
    assert not BadgeGrant.objects.exists()
    grant = badge_grant(badge=badge, member=member, actor=staff_member, reason="线下活动志愿者")
    assert grant is not None
    assert (grant.granted_by, grant.reason) == (staff_member, "线下活动志愿者")
    assert "线下活动志愿者" in Notification.objects.get(recipient=member).text


def test_staff_revocation_needs_a_reason_and_the_rules_do_not_overrule_it(
    make_member: Callable[..., Any],
    board: Any,
    define: Callable[..., Badge],
    staff_member: Any,
    commit: Commit,
) -> None:
    badge = define("topics", 1)
    author = make_member()
    with commit():
        _topic(author, board)
    grant = BadgeGrant.objects.get(badge=badge, member=author)
    with pytest.raises(PermissionDenied):
        badge_revoke(grant=grant, actor=make_member(), reason="不喜欢")
    with pytest.raises(ValidationError):
        badge_revoke(grant=grant, actor=staff_member, reason="")
    assert badge_revoke(grant=grant, actor=staff_member, reason="刷帖得来")
    assert not badge_revoke(grant=grant, actor=staff_member, reason="再来一次")
    grant.refresh_from_db()
    assert (grant.revoked_by, grant.revoke_reason) == (staff_member, "刷帖得来")
    with commit():
        _topic(author, board, 2)
    assert not _held(badge, author)  # the rules do not grant it back
    assert badge_grant(badge=badge, member=author, actor=staff_member, reason="申诉成立")
    assert _held(badge, author)
    assert BadgeGrant.objects.filter(badge=badge, member=author).count() == 2  # history kept


def test_staff_cannot_grant_a_switched_off_badge(
    make_member: Callable[..., Any], define: Callable[..., Badge], staff_member: Any
) -> None:
    badge = define("manual", None, active=False)
    with pytest.raises(ValidationError) as error:
        badge_grant(badge=badge, member=make_member(), actor=staff_member, reason="试试")
    assert "badge" in error.value.message_dict


def test_reaching_a_level_grants_its_exclusive_badge(
    make_member: Callable[..., Any], staff_member: Any, commit: Commit, default_ladder: None
) -> None:
    from hearth.gamification.models import Level

    gold = Badge.objects.get(slug="gold-member")
    Badge.objects.filter(pk=gold.pk).update(active=True)
    Level.objects.filter(position=5).update(badge=gold)
    member = make_member()
    with commit():
        points_adjust(actor=staff_member, member=member, amount=1200, reason="迁移老积分")
    grant = BadgeGrant.objects.get(badge=gold, member=member)
    assert grant.granted_by is None
    with commit():
        points_adjust(actor=staff_member, member=member, amount=-1200, reason="纠错")
    assert _held(gold, member)  # a level's badge records having reached it


def test_sign_in_streak_badge_is_earned_on_the_day_the_streak_reaches_it(
    make_member: Callable[..., Any], define: Callable[..., Badge], commit: Commit
) -> None:
    badge = define("check_in_streak", 3)
    member = make_member()
    start = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    for day in range(2):
        with commit():
            check_in(member=member, now=start + dt.timedelta(days=day))
    assert not _held(badge, member)
    with commit():
        check_in(member=member, now=start + dt.timedelta(days=2))
    assert _held(badge, member)
    with commit():
        check_in(member=member, now=start + dt.timedelta(days=5))  # streak broken: kept
    assert _held(badge, member)


def test_a_failing_badge_handler_does_not_break_the_post(
    make_member: Callable[..., Any],
    board: Any,
    define: Callable[..., Badge],
    commit: Commit,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hearth.gamification import subscribers_badges

    define("topics", 1)

    def broken(**kwargs: Any) -> Iterator[None]:
        raise RuntimeError("boom")

    monkeypatch.setattr(subscribers_badges, "badges_evaluate", broken)
    author = make_member()
    with commit():
        topic = _topic(author, board)
    assert topic.pk is not None
    assert not BadgeGrant.objects.exists()


BAD_DEFINITIONS = [
    ({"criterion": "topics", "threshold": -1}, "threshold"),
    ({"criterion": "topics", "threshold": 0}, "threshold"),
    ({"criterion": "topics", "threshold": None}, "threshold"),
    ({"criterion": "manual", "threshold": 5}, "threshold"),
    ({"criterion": "posts_deleted", "threshold": 5}, "criterion"),
    ({"criterion": "topics", "threshold": 5, "multiple": True}, "multiple"),
    ({"criterion": "manual", "threshold": None, "auto_revoke": True}, "auto_revoke"),
    ({"criterion": "topics", "threshold": 5, "tier": "platinum"}, "tier"),
    ({"criterion": "topics", "threshold": 5, "slug": "Not A Slug"}, "slug"),
    ({"criterion": "topics", "threshold": 5, "name": ""}, "name"),
    ({"criterion": "topics", "threshold": 5, "name": "初来乍到"}, "name"),
    ({"criterion": "topics", "threshold": 5, "slug": "first-topic"}, "slug"),
]


@pytest.mark.parametrize(("fields", "field"), BAD_DEFINITIONS)
def test_bad_definitions_are_refused_by_field_and_nothing_is_saved(
    define: Callable[..., Badge], fields: dict[str, Any], field: str
) -> None:
    before = list(Badge.objects.values_list("pk", "name", "threshold"))
    criterion, threshold = fields.pop("criterion"), fields.pop("threshold")
    with pytest.raises(ValidationError) as error:
        define(criterion, threshold, **fields)
    assert field in error.value.message_dict
    assert list(Badge.objects.values_list("pk", "name", "threshold")) == before


def test_editing_a_badge_with_bad_input_leaves_it_unchanged(
    define: Callable[..., Badge], staff_member: Any
) -> None:
    badge = define("topics", 5)
    with pytest.raises(ValidationError):
        badge_define(
            actor=staff_member,
            badge=badge,
            slug=badge.slug,
            name="改个名字",
            description="",
            icon="🏅",
            tier="gold",
            criterion="topics",
            threshold=-3,
            multiple=False,
            auto_revoke=False,
            active=True,
        )
    badge.refresh_from_db()
    assert (badge.name, badge.threshold, badge.tier) == ("测试勋章1", 5, "bronze")


def test_only_badge_managers_define_badges(make_member: Callable[..., Any]) -> None:
    with pytest.raises(PermissionDenied):
        badge_define(
            actor=make_member(),
            slug="mine",
            name="我的",
            description="",
            icon="🏅",
            tier="gold",
            criterion="manual",
            threshold=None,
            multiple=False,
            auto_revoke=False,
            active=True,
        )
