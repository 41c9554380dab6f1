"""Replays, reversals and staff adjustments: the ledger only grows, balances follow it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.core import roles
from hearth.gamification.models import PointEntry
from hearth.gamification.permissions import can_adjust_points
from hearth.gamification.services import points_adjust, points_award, points_reverse
from tests.gamification.conftest import NOON


def test_replayed_event_awards_once(make_member: Any, rule: Any, balance: Any) -> None:
    member = make_member()
    rule("topic_created", points=5)
    first = points_award(
        member=member, action="topic_created", source_key="topic:1", occurred_at=NOON
    )
    for _ in range(3):
        assert points_award(member=member, action="topic_created", source_key="topic:1") is None
    assert first is not None
    assert PointEntry.objects.filter(member=member).count() == 1
    assert balance(member) == (5, 5)


def test_one_source_can_reward_several_actions_and_members(
    make_member: Any, default_rules: None, balance: Any
) -> None:
    author, other = make_member(), make_member()
    points_award(member=author, action="topic_created", source_key="topic:1")
    points_award(member=author, action="first_topic", source_key="topic:1")
    points_award(member=other, action="topic_created", source_key="topic:1")
    assert balance(author) == (15, 15)
    assert balance(other) == (5, 5)


def test_reversal_adds_compensating_entries_and_keeps_history(
    make_member: Any, default_rules: None, balance: Any
) -> None:
    member = make_member()
    award = points_award(member=member, action="topic_created", source_key="topic:1")
    points_award(member=member, action="first_topic", source_key="topic:1")
    reversals = points_reverse(source_key="topic:1", reason="deleted")
    assert sorted(r.amount for r in reversals) == [-10, -5]
    assert all(r.kind == "reversal" and r.reason == "deleted" for r in reversals)
    assert award is not None
    award.refresh_from_db()
    assert (award.amount, award.kind) == (5, "award")
    assert award.reversal.amount == -5
    assert balance(member) == (0, 0)
    assert points_reverse(source_key="topic:1") == []
    assert PointEntry.objects.filter(member=member).count() == 4


def test_reversed_award_stays_reversed_on_replay(
    make_member: Any, default_rules: None, balance: Any
) -> None:
    member = make_member()
    points_award(member=member, action="topic_created", source_key="topic:1")
    points_reverse(source_key="topic:1")
    assert points_award(member=member, action="topic_created", source_key="topic:1") is None
    assert balance(member) == (0, 0)


def test_reversal_frees_the_cycle_slot(make_member: Any, rule: Any, balance: Any) -> None:
    member = make_member()
    rule("first_topic", points=10, cycle="once")
    points_award(member=member, action="first_topic", source_key="topic:1")
    points_reverse(source_key="topic:1")
    assert points_award(member=member, action="first_topic", source_key="topic:2") is not None
    assert balance(member) == (10, 10)


def test_reversing_a_penalty_gives_the_points_back(
    make_member: Any, rule: Any, balance: Any
) -> None:
    member = make_member()
    rule("report_upheld_against", points=-20, floor=None)
    points_award(member=member, action="report_upheld_against", source_key="report:3")
    points_reverse(source_key="report:3")
    assert balance(member) == (0, 0)


def test_staff_adjustment_is_logged_with_actor_and_reason(
    make_member: Any, staff_member: Any, balance: Any
) -> None:
    member = make_member()
    entry = points_adjust(
        actor=staff_member, member=member, amount=50, reason="  Winner of the photo contest "
    )
    assert (entry.kind, entry.actor, entry.reason) == (
        "adjustment",
        staff_member,
        "Winner of the photo contest",
    )
    points_adjust(actor=staff_member, member=member, amount=-20, reason="Spam")
    assert balance(member) == (30, 30)


@pytest.mark.parametrize(
    ("amount", "reason", "field"),
    [(10, "", "reason"), (10, "   ", "reason"), (0, "why", "amount"), (10**7, "why", "amount")],
)
def test_bad_adjustment_is_refused_and_nothing_saved(
    make_member: Any, staff_member: Any, amount: int, reason: str, field: str
) -> None:
    member = make_member()
    with pytest.raises(ValidationError) as info:
        points_adjust(actor=staff_member, member=member, amount=amount, reason=reason)
    assert field in info.value.message_dict
    assert not PointEntry.objects.exists()


def test_adjustment_needs_the_permission(make_member: Any) -> None:
    member, someone = make_member(), make_member()
    with pytest.raises(PermissionDenied):
        points_adjust(actor=someone, member=member, amount=5, reason="because")
    assert not PointEntry.objects.exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (roles.ADMIN, True),
        (roles.COMMUNITY_MANAGER, True),
        (roles.MEMBER_OPERATIONS, True),
        (roles.CONTENT_EDITOR, False),
        (roles.EVENT_PLANNER, False),
        (roles.MODERATOR, False),
        (roles.ANALYST, False),
        (None, False),
    ],
)
def test_can_adjust_points_by_role(make_member: Any, role: str | None, allowed: bool) -> None:
    member = make_member()
    if role is not None:
        member.groups.add(Group.objects.get(name=role))
        member = type(member).objects.get(pk=member.pk)
    assert can_adjust_points(member) is allowed
