"""Acceptance 4 on the default demo: the at-risk queue names the planted stall step (effect 5),
a message to a segment keeps a 10 % holdout, the planted outreach shows its lift (effect 9)."""

from __future__ import annotations

import pytest
from django.utils import translation

from hearth.accounts.models import User
from hearth.analytics.models import Segment
from hearth.growth.assignments import assignments_for
from hearth.growth.models import (
    Assignment,
    AssignmentStatus,
    OnboardingProgress,
    Outreach,
    OutreachRecipient,
    RecipientGroup,
)
from hearth.growth.outreach.audience import audience_of_segment, staff_q
from hearth.growth.outreach.lift import outreach_lift, outreach_returns_update
from hearth.growth.outreach.services import outreach_create, outreach_send
from hearth.growth.rescue import STALLED, at_risk_queue
from tests.demo.conftest import DemoWorld

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]  # one build a module


@pytest.fixture(scope="module")
def progress(demo_world: DemoWorld, django_db_blocker: object) -> DemoWorld:
    """The demo, whose build wrote every member's onboarding progress (the real backfill)."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        assert OnboardingProgress.objects.count() >= 3000
    return demo_world


def test_queue_names_the_planted_stall_step_for_douyin(progress: DemoWorld) -> None:
    with translation.override("en"):
        queue = at_risk_queue(now=progress.now, days=14)
    groups = {g.channel: g for g in queue.groups}
    douyin = groups["douyin"]
    assert douyin.steps[0].step == "boards"
    assert "never followed 3 boards" in douyin.headline
    assert douyin.headline.endswith("of 抖音 sign-ups never followed 3 boards")
    assert douyin.steps[0].share >= 0.5
    # Douyin's board-follow stall stands out against the channels that follow boards well
    assert douyin.steps[0].share > 2 * max(
        (s.share for s in groups["seo"].steps if s.step == "boards"), default=0.0
    )
    stalled = [m for m in queue.members if STALLED in m.reasons]
    assert stalled
    assert all(m.stall_step for m in stalled)


def test_message_to_a_segment_keeps_a_ten_percent_holdout(progress: DemoWorld) -> None:
    segment = Segment.objects.create(
        name="抖音用户", definition={"attributes": {"channel": ["douyin"]}}
    )
    audience = audience_of_segment(segment)
    assert len(audience.member_ids) > 100
    outreach = outreach_create(
        name="douyin",
        subject="{name}，看看这些版块",
        body="{name}，你好",
        member_ids=audience.member_ids,
        segment_id=segment.pk,
        in_site=True,
    )
    rows = OutreachRecipient.objects.filter(outreach=outreach)
    held = rows.filter(group=RecipientGroup.HOLDOUT).count()
    assert abs(held - 0.1 * len(audience.member_ids)) <= 1
    assert not rows.filter(member__in=User.objects.filter(staff_q())).exists()
    report = outreach_send(outreach=outreach, site_url="http://testserver/", batch=10_000)
    assert report.notified + report.skipped == len(audience.member_ids) - held


def test_planted_outreach_shows_a_lift(progress: DemoWorld) -> None:
    outreach = Outreach.objects.get()
    outreach_returns_update(outreach)
    lift = outreach_lift(outreach, now=progress.now)
    assert lift.final
    assert lift.holdout.n == round((lift.treated.n + lift.holdout.n) * 0.1)
    assert lift.difference is not None
    assert lift.difference > 0.05  # 12/34 sent against 1/4 held out with the fixed seed
    assert lift.low is not None
    assert lift.high is not None
    assert lift.low < lift.difference < lift.high
    open_ = Assignment.objects.filter(status=AssignmentStatus.OPEN)
    assert open_.count() == 2
    assert len(assignments_for(open_.first().assignee)) == 2
