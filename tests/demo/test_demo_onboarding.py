"""Effect 5 in the onboarding backfill of the default demo: Douyin sign-ups mostly never
follow 3 boards, and the board step is where most incomplete Douyin members stall."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import pytest
from django.db.models import Count, Q

from hearth.accounts.models import User
from hearth.community.models import BoardFollow
from hearth.gamification.actions import PointAction
from hearth.gamification.models import PointEntry
from hearth.growth.models import OnboardingProgress
from hearth.growth.onboarding.backfill import onboarding_backfill
from hearth.growth.onboarding.stall import progress_with_stall_step
from tests.demo.conftest import DemoWorld

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]  # one build a module


def _boards_share(channel_q: Q) -> float:
    members = User.objects.filter(channel_q, is_staff=False)
    row = members.aggregate(n=Count("pk"), done=Count("onboarding__boards_at"))
    return row["done"] / row["n"]


def test_every_member_has_a_row_and_no_onboarding_points(demo_world: DemoWorld) -> None:
    assert OnboardingProgress.objects.count() == User.objects.count()
    assert not PointEntry.objects.filter(action=PointAction.ONBOARDING_STEP).exists()
    assert OnboardingProgress.objects.filter(completed_at__isnull=False).exists()


def test_douyin_rarely_completes_the_board_step(demo_world: DemoWorld) -> None:
    douyin = _boards_share(Q(channel="douyin"))
    others = _boards_share(~Q(channel="douyin"))
    assert douyin < 0.35 < 0.5 < others


def test_incomplete_douyin_members_stall_at_the_boards(demo_world: DemoWorld) -> None:
    stalls = Counter(
        dict(
            progress_with_stall_step(
                OnboardingProgress.objects.filter(member__channel="douyin", completed_at=None)
            )
            .values_list("stall_step")
            .annotate(n=Count("pk"))
        )
    )
    step, n = stalls.most_common(1)[0]
    assert step == "boards"
    assert n > 0.5 * sum(stalls.values())


def test_the_board_step_time_is_the_third_follow(demo_world: DemoWorld) -> None:
    row = OnboardingProgress.objects.filter(boards_at__isnull=False).order_by("member_id").first()
    assert row is not None
    third = BoardFollow.objects.filter(member_id=row.member_id).order_by("created_at")[2]
    assert row.boards_at == third.created_at


def test_the_backfill_is_quick_and_repeatable(
    demo_world: DemoWorld, django_db_blocker: Any
) -> None:
    before = dict(OnboardingProgress.objects.values_list("member_id", "completed_at"))
    started = time.monotonic()
    written = onboarding_backfill()
    seconds = time.monotonic() - started
    assert written == len(before)
    assert dict(OnboardingProgress.objects.values_list("member_id", "completed_at")) == before
    print(f"onboarding_backfill: {written} members in {seconds:.2f} s")
