"""Like rings: found among random likes, reviewed by staff, points withdrawn on confirmation."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from hearth.community.services import like_give, topic_create
from hearth.core import roles
from hearth.gamification.models import AlertStatus, FairnessPolicy, LikeRingAlert
from hearth.gamification.rings import RING_FACTOR, like_ring_groups
from hearth.gamification.services import (
    fairness_policy_set,
    like_ring_confirm,
    like_ring_dismiss,
    like_rings_detect,
)

pytestmark = pytest.mark.usefixtures("default_ladder", "default_rules")

BODY = "A body long enough to pass the checks of the community services."
POLICY = {
    "new_account_days": 3,
    "new_account_daily_posts": 10,
    "new_account_likes_earn": False,
    "ring_min_likes": 5,
    "ring_window_days": 30,
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Community:
    ring: list[Any]  # three accounts liking each other's every topic
    popular: Any  # an author everybody likes
    fan: Any  # likes every topic of the popular author, who likes the fan's back
    background: list[Any]
    outsider_liked_by_ring: Any  # a background member a ring member liked once


def _topics(author: Any, board: Any, n: int) -> list[Any]:
    return [
        topic_create(author=author, board=board, title=f"{author.username} {i}", body=BODY)
        for i in range(n)
    ]


@pytest.fixture
def make_established(make_member: Callable[..., Any]) -> Callable[..., Any]:
    def make(username: str | None = None) -> Any:
        with freeze_time(timezone.now() - dt.timedelta(days=60)):
            return make_member(username)

    return make


@pytest.fixture
def community(make_established: Callable[..., Any], make_board: Callable[..., Any]) -> Community:
    """15 members liking at random, a popular author with fans, and a planted ring of three."""
    rng = random.Random(7)
    board = make_board()
    background = [make_established(f"bg{n}") for n in range(15)]
    popular, ring = make_established("popular"), [make_established(f"ring{n}") for n in range(3)]
    own = {m.pk: _topics(m, board, 6 if m is background[0] else 4) for m in background}
    pool = [t for topics in own.values() for t in topics]
    for member in background:  # random likes, never of one's own topics
        for topic in rng.sample([t for t in pool if t.author_id != member.pk], 12):
            like_give(member=member, target=topic)
    popular_topics = _topics(popular, board, 8)
    fan = background[0]
    for member in background:
        for topic in popular_topics if member is fan else rng.sample(popular_topics, 6):
            like_give(member=member, target=topic)
    for topic in own[fan.pk]:  # the popular author likes the fan back, six times
        like_give(member=popular, target=topic)
    ring_topics = {m.pk: _topics(m, board, 5) for m in ring}
    for member in ring:
        for other in ring:
            if other is not member:
                for topic in ring_topics[other.pk]:
                    like_give(member=member, target=topic)
    outsider = background[5]
    like_give(member=ring[0], target=own[outsider.pk][0])
    return Community(ring, popular, fan, background, outsider)


def test_detection_finds_the_planted_ring_and_ignores_the_popular_author(
    community: Community,
) -> None:
    alerts = like_rings_detect()
    assert len(alerts) == 1
    alert = alerts[0]
    ring_ids = sorted(m.pk for m in community.ring)
    assert alert.signature == "-".join(str(pk) for pk in ring_ids)
    assert sorted(alert.members.values_list("pk", flat=True)) == ring_ids
    assert alert.likes == 30  # 3 × 2 directions × 5 topics
    assert 0 < alert.expected * RING_FACTOR <= alert.likes
    assert alert.status == AlertStatus.OPEN
    assert alert.window_end - alert.window_start == dt.timedelta(days=30)
    flagged = set(alert.members.values_list("pk", flat=True))
    assert community.popular.pk not in flagged
    assert community.fan.pk not in flagged
    now = timezone.now()  # even counting every pair, only the ring is far above chance
    loose = like_ring_groups(start=now - dt.timedelta(days=30), end=now, min_likes=1)
    assert [g.member_ids for g in loose] == [tuple(ring_ids)]
    assert like_rings_detect() == []  # raised once while open
    assert LikeRingAlert.objects.count() == 1
    assert like_rings_detect(now=now + dt.timedelta(days=31)) == []  # likes outside the window


def test_confirming_withdraws_exactly_the_likes_within_the_group(
    community: Community, staff_member: Any, balance: Any
) -> None:
    (alert,) = like_rings_detect()
    everyone = [*community.ring, community.popular, *community.background]
    before = {m.pk: balance(m) for m in everyone}
    with pytest.raises(ValidationError) as refused:
        like_ring_confirm(actor=staff_member, alert=alert, note="   ")
    assert "note" in refused.value.message_dict
    assert balance(community.ring[0]) == before[community.ring[0].pk]
    like_ring_confirm(actor=staff_member, alert=alert, note="Three accounts, one phone number.")
    for member in community.ring:  # ten ring likes received, one point each
        lifetime, spendable = before[member.pk]
        assert balance(member) == (lifetime - 10, spendable - 10)
    for member in [community.popular, *community.background]:
        assert balance(member) == before[member.pk]  # incl. the one a ring member liked
    alert.refresh_from_db()
    assert (alert.status, alert.reviewed_by, alert.note) == (
        AlertStatus.CONFIRMED,
        staff_member,
        "Three accounts, one phone number.",
    )
    assert alert.reviewed_at is not None
    assert like_rings_detect() == []  # reviewed within the window: not raised again


def test_dismissing_keeps_the_points_and_an_alert_is_reviewed_once(
    community: Community, staff_member: Any, balance: Any
) -> None:
    (alert,) = like_rings_detect()
    before = balance(community.ring[1])
    like_ring_dismiss(actor=staff_member, alert=alert, note="A study group.")
    assert balance(community.ring[1]) == before
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DISMISSED
    with pytest.raises(ValidationError):
        like_ring_confirm(actor=staff_member, alert=alert, note="Changed my mind.")
    assert balance(community.ring[1]) == before
    assert like_rings_detect() == []


def test_only_moderators_and_points_staff_review(
    db: None, make_member: Callable[..., Any], make_staff_roles: Callable[..., Any]
) -> None:
    alert = LikeRingAlert.objects.create(
        signature="1-2",
        likes=10,
        expected=0.2,
        window_start=timezone.now() - dt.timedelta(days=30),
        window_end=timezone.now(),
    )
    for refused in (make_member(), make_staff_roles(roles.CONTENT_EDITOR)):
        with pytest.raises(PermissionDenied):
            like_ring_dismiss(actor=refused, alert=alert)
    like_ring_dismiss(actor=make_staff_roles(roles.MODERATOR), alert=alert)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DISMISSED


@pytest.fixture
def make_staff_roles(make_member: Callable[..., Any]) -> Callable[..., Any]:
    from django.contrib.auth.models import Group

    def make(*names: str) -> Any:
        member = make_member()
        for name in names:
            member.groups.add(Group.objects.get(name=name))
        return type(member).objects.get(pk=member.pk)

    return make


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("new_account_days", -1),
        ("new_account_daily_posts", 0),
        ("new_account_daily_posts", -5),
        ("ring_min_likes", 1),
        ("ring_window_days", 0),
        ("ring_window_days", 366),
    ],
)
def test_bad_policy_values_are_refused_and_nothing_is_saved(
    staff_member: Any, field: str, value: int
) -> None:
    fairness_policy_set(actor=staff_member, **POLICY)
    with pytest.raises(ValidationError) as refused:
        fairness_policy_set(
            actor=staff_member,
            **{**POLICY, "new_account_days": 7, "ring_min_likes": 8, field: value},
        )
    assert list(refused.value.message_dict) == [field]
    policy = FairnessPolicy.objects.get(pk=1)
    assert (policy.new_account_days, policy.ring_min_likes) == (3, 5)


def test_the_policy_needs_the_ladder_permission(make_staff_roles: Callable[..., Any]) -> None:
    with pytest.raises(PermissionDenied):
        fairness_policy_set(actor=make_staff_roles(roles.MODERATOR), **POLICY)


def _detect_command() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("like_rings_detect", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_raises_alerts_with_the_policys_thresholds(
    community: Community, staff_member: Any
) -> None:
    fairness_policy_set(actor=staff_member, **{**POLICY, "ring_min_likes": 6})
    assert "0 new like-ring alerts" in _detect_command()[1]  # the ring trades five likes each way
    fairness_policy_set(actor=staff_member, **POLICY)
    out, err = _detect_command()
    assert "1 new like-ring alert" in err
    assert LikeRingAlert.objects.get().signature in out
    assert "0 new like-ring alerts" in _detect_command()[1]
