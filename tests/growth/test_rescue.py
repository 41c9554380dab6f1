"""The at-risk queue: who is at risk, why, and the per-channel headline; assignments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hearth.accounts.models import User
from hearth.analytics.recording import activity_record
from hearth.core.roles import MEMBER_OPERATIONS
from hearth.growth.assignments import assignment_done, assignments_create, assignments_for
from hearth.growth.models import STEP_FIELDS, AssignmentStatus, OnboardingProgress
from hearth.growth.rescue import FALLING, STALLED, at_risk_queue

pytestmark = pytest.mark.django_db
NOW = timezone.now() + dt.timedelta(days=30)  # after every sign-up's own "sign_up" action


def _new(
    make_member: Callable[..., Any],
    name: str,
    *,
    days_ago: float,
    channel: str = "douyin",
    steps: dict[str, float] | None = None,
) -> User:
    """A member who joined ``days_ago`` before NOW with the given steps (step → days ago)."""
    member = make_member(name)
    joined = NOW - dt.timedelta(days=days_ago)
    User.objects.filter(pk=member.pk).update(date_joined=joined, channel=channel)
    times = {STEP_FIELDS[s]: NOW - dt.timedelta(days=d) for s, d in (steps or {}).items()}
    OnboardingProgress.objects.update_or_create(
        member_id=member.pk,
        defaults={"started_at": joined, **{f: None for f in STEP_FIELDS.values()}, **times},
    )
    return User.objects.get(pk=member.pk)


def _act(member: User, days_ago: float) -> None:
    activity_record(action="read", member=member, at=NOW - dt.timedelta(days=days_ago))


ALL_STEPS = {s: 4.5 for s in STEP_FIELDS}


@pytest.fixture
def world(make_member: Callable[..., Any], staff_member: User) -> dict[str, User]:
    m = {
        "stalled": _new(make_member, "stalled", days_ago=3, steps={"profile": 3}),
        "stalled2": _new(make_member, "stalled2", days_ago=4, steps={"profile": 4}),
        "progressing": _new(
            make_member, "progressing", days_ago=4, steps={"profile": 4, "boards": 1}
        ),
        "young": _new(make_member, "young", days_ago=1, channel="seo"),
        "falling": _new(make_member, "falling", days_ago=5, channel="seo", steps=ALL_STEPS),
        "steady": _new(make_member, "steady", days_ago=5, channel="seo", steps=ALL_STEPS),
        "old": _new(make_member, "oldtimer", days_ago=10, channel="seo", steps={"profile": 10}),
        "gone": _new(make_member, "gone", days_ago=3, steps={"profile": 3}),
    }
    User.objects.filter(pk=m["gone"].pk).update(is_active=False)
    User.objects.filter(pk=staff_member.pk).update(date_joined=NOW - dt.timedelta(days=3))
    _act(m["progressing"], 0.5)
    _act(m["falling"], 4.8)
    _act(m["steady"], 4.8)
    _act(m["steady"], 1)
    return m


def test_queue_finds_stalled_and_falling_members_only(world: dict[str, User]) -> None:
    queue = at_risk_queue(now=NOW, days=7)
    found = {m.username: m for m in queue.members}
    assert set(found) == {"stalled", "stalled2", "falling"}
    assert found["stalled"].reasons == (STALLED,)
    assert found["stalled"].stall_step == "boards"
    assert found["stalled"].steps_done == 1
    assert found["falling"].reasons == (FALLING,)
    assert found["falling"].stall_step is None
    assert found["falling"].last_active == NOW - dt.timedelta(days=4.8)
    assert queue.signups == 6  # staff and the deactivated account are not new members here
    wider = {m.username for m in at_risk_queue(now=NOW, days=14).members}
    assert wider == {"stalled", "stalled2", "falling", "oldtimer"}


def test_queue_headline_names_the_channels_stall_step(world: dict[str, User]) -> None:
    with translation.override("en"):
        queue = at_risk_queue(now=NOW, days=7)
    douyin = next(g for g in queue.groups if g.channel == "douyin")
    assert douyin.signups == 3
    assert douyin.at_risk == 2
    assert [(s.step, s.count) for s in douyin.steps] == [("boards", 2)]
    assert douyin.headline == "67% of 抖音 sign-ups never followed 3 boards"
    assert queue.groups[0].channel == "douyin"  # the biggest stall share first
    only = at_risk_queue(now=NOW, days=7, channel="seo")
    assert [m.username for m in only.members] == ["falling"]
    assert at_risk_queue(now=NOW, days=7, step="boards").members[0].stall_step == "boards"


def test_assignment_flow(world: dict[str, User], make_member: Callable[..., Any]) -> None:
    from django.contrib.auth.models import Group

    ops = make_member("opsone")
    ops.groups.add(Group.objects.get(name=MEMBER_OPERATIONS))
    outsider = make_member("outsider")
    ids = [world["stalled"].pk, world["falling"].pk]
    with pytest.raises(ValidationError):
        assignments_create(member_ids=ids, assignee=outsider, assigned_by=None)
    made = assignments_create(member_ids=ids, assignee=ops, assigned_by=None, note="call")
    assert len(made) == 2
    again = assignments_create(
        member_ids=[*ids, world["stalled2"].pk], assignee=ops, assigned_by=None
    )
    assert [a.member_id for a in again] == [world["stalled2"].pk]  # one open per member
    queue = {m.username: m for m in at_risk_queue(now=NOW, days=7).members}
    assert queue["stalled"].assignee == "opsone"
    mine = list(assignments_for(ops))
    assert len(mine) == 3
    with pytest.raises(ValidationError):
        assignment_done(assignment=mine[0], by=outsider)
    done = assignment_done(assignment=mine[0], by=ops)
    assert done.status == AssignmentStatus.DONE
    assert done.done_at is not None
    assert len(assignments_for(ops)) == 2
