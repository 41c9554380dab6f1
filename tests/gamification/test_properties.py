"""Property: for any mix of awards, reversals, adjustments, rule and ladder changes, the books
balance, every member's level matches the ladder and the all-time leaderboard follows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hearth.accounts.models import User
from hearth.gamification.actions import Cycle
from hearth.gamification.models import (
    SITE_WIDE,
    LeaderboardScore,
    PointBalance,
    PointEntry,
    PointRule,
)
from hearth.gamification.selectors import balance_for, ledger_sum_for, level_expected_for
from hearth.gamification.services import (
    ladder_replace,
    point_rule_set,
    points_adjust,
    points_award,
    points_reverse,
)
from tests.gamification.conftest import NOON

ACTIONS = ["topic_created", "report_upheld_against"]
MEMBERS = 2

awards = st.tuples(
    st.just("award"),
    st.integers(0, MEMBERS - 1),
    st.sampled_from(ACTIONS),
    st.integers(0, 5),  # source
    st.one_of(st.none(), st.integers(0, 3)),  # target
    st.integers(0, 30),  # hours after noon
)
reversals = st.tuples(st.just("reverse"), st.integers(0, 5))
rule_changes = st.tuples(
    st.just("rule"),
    st.sampled_from(ACTIONS),
    st.integers(-30, 30),
    st.sampled_from(Cycle.values),
    st.one_of(st.none(), st.integers(0, 3)),
    st.booleans(),
    st.one_of(st.none(), st.integers(-10, 10)),
)
adjustments = st.tuples(
    st.just("adjust"), st.integers(0, MEMBERS - 1), st.integers(-50, 50).filter(bool)
)
LADDERS = [
    [("新手上路", 0), ("初级会员", 50), ("中级会员", 200)],
    [("一", 0), ("二", 5), ("三", 10), ("四", 30), ("五", 60)],
    [("低", 0), ("高", 100)],
]
ladder_changes = st.tuples(st.just("ladder"), st.integers(0, len(LADDERS) - 1))
operations = st.lists(
    st.one_of(awards, reversals, rule_changes, adjustments, ladder_changes), max_size=40
)


def _apply(op: tuple[Any, ...], members: list[User], staff: User) -> None:
    kind = op[0]
    if kind == "award":
        _, m, action, source, target, hours = op
        points_award(
            member=members[m],
            action=action,
            source_key=f"s{source}",
            target=None if target is None else f"topic:{target}",
            occurred_at=NOON + dt.timedelta(hours=hours),
        )
    elif kind == "reverse":
        points_reverse(source_key=f"s{op[1]}")
    elif kind == "rule":
        _, action, points, cycle, cap, no_repeat, floor = op
        point_rule_set(
            action=action,
            points=points,
            cycle=cycle,
            cap=cap,
            no_repeat_target=no_repeat,
            floor=floor,
        )
    elif kind == "ladder":
        ladder_replace(levels=LADDERS[op[1]])
    else:
        points_adjust(actor=staff, member=members[op[1]], amount=op[2], reason="property test")


def _check_levels() -> None:
    """Every stored level is the one the ladder gives the member's lifetime points."""
    for balance in PointBalance.objects.all():
        expected = level_expected_for(lifetime=balance.lifetime)
        assert balance.level_id == (expected.pk if expected else None), balance


def _check_leaderboard() -> None:
    """The all-time site-wide leaderboard holds each member's lifetime points."""
    scores = dict(
        LeaderboardScore.objects.filter(period="all", board_id=SITE_WIDE).values_list(
            "member_id", "points"
        )
    )
    for balance in PointBalance.objects.all():
        assert scores.get(balance.member_id, 0) == balance.lifetime, balance


def _check_caps() -> None:
    """No (member, action, cycle) holds more standing awards than the rule's cap allows."""
    rules = {r.action: r for r in PointRule.objects.all()}
    standing = (
        PointEntry.objects.filter(kind="award", reversal__isnull=True)
        .values("member_id", "action", "cycle_key")
        .annotate(n=Count("id"))
    )
    for row in standing:
        rule = rules[row["action"]]
        if rule.cycle == Cycle.ONCE and row["cycle_key"] == "once":
            assert row["n"] <= 1


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations)
def test_balances_equal_ledger_sums_and_caps_hold(
    ops: list[tuple[Any, ...]],
    make_member: Any,
    staff_member: Any,
    default_rules: None,
    default_ladder: None,
) -> None:
    with transaction.atomic():
        members = [User.objects.create_user(username=f"prop{n}") for n in range(MEMBERS)]
        for op in ops:
            before = PointEntry.objects.count()
            _apply(op, members, staff_member)
            new = PointEntry.objects.order_by("-pk")[: PointEntry.objects.count() - before]
            for entry in new:
                if entry.kind == "award":
                    rule = PointRule.objects.get(action=entry.action)
                    cap = 1 if rule.cycle == Cycle.ONCE else rule.cap
                    standing = PointEntry.objects.filter(
                        member_id=entry.member_id,
                        action=entry.action,
                        cycle_key=entry.cycle_key,
                        kind="award",
                        reversal__isnull=True,
                    ).count()
                    assert cap is None or standing <= cap
        for member in members:
            assert balance_for(member_id=member.pk) == ledger_sum_for(member_id=member.pk)
        keys = PointEntry.objects.values("idempotency_key").annotate(n=Count("id"))
        assert all(row["n"] == 1 for row in keys)
        _check_caps()
        _check_levels()
        _check_leaderboard()
        transaction.set_rollback(True)
