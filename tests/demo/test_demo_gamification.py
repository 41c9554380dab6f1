"""The demo community's points, levels, badges and showcases follow from its history."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum

from hearth.gamification.models import Badge, BadgeGrant, MemberShowcase, PointBalance, PointEntry
from tests.demo.conftest import DemoWorld

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]  # one build a module


def test_balances_equal_the_ledger_and_levels_are_spread(demo_world: DemoWorld) -> None:
    sums = PointEntry.objects.values("member_id").annotate(total=Sum("lifetime_amount"))
    ledger = {row["member_id"]: row["total"] for row in sums}
    stored = dict(PointBalance.objects.values_list("member_id", "lifetime"))
    assert ledger == stored
    positions = set(PointBalance.objects.values_list("level__position", flat=True))
    assert {1, 2, 3} <= positions  # the active members climbed beyond the first levels


def test_every_author_holds_the_first_topic_badge(demo_world: DemoWorld) -> None:
    first = Badge.objects.get(slug="first-topic")
    authors = set(get_user_model().objects.filter(topic_count__gte=1).values_list("pk", flat=True))
    holders = set(BadgeGrant.objects.filter(badge=first).values_list("member_id", flat=True))
    assert authors == holders


def test_some_members_show_a_badge_they_hold(demo_world: DemoWorld) -> None:
    shown = MemberShowcase.objects.exclude(badge=None)
    assert shown.count() > 100
    held = set(BadgeGrant.objects.filter(revoked_at=None).values_list("member_id", "badge_id"))
    assert set(shown.values_list("member_id", "badge_id")) <= held
    titled = MemberShowcase.objects.exclude(title="").values_list("member_id", flat=True)
    allowed = PointBalance.objects.filter(level__custom_title=True).values_list(
        "member_id", flat=True
    )
    assert set(titled) <= set(allowed)


def test_the_planted_like_ring_is_raised_for_review(demo_world: DemoWorld) -> None:
    from hearth.demo import effects
    from hearth.gamification.models import AlertStatus, LikeRingAlert

    alerts = list(LikeRingAlert.objects.all())
    assert len(alerts) == 1  # the planted ring, and nothing in the natural likes
    alert = alerts[0]
    assert alert.status == AlertStatus.OPEN
    members = list(alert.members.all())
    assert len(members) == effects.RING_MEMBERS
    pairs = effects.RING_MEMBERS * (effects.RING_MEMBERS - 1)
    assert alert.likes >= pairs * effects.RING_LIKES_EACH_WAY
    assert alert.likes > 10 * alert.expected
