"""How a rule turns an action into points: cycles, caps, no-repeat, boards, floors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hearth.gamification.models import PointEntry, PointRule
from hearth.gamification.services import point_rule_set, points_award
from tests.gamification.conftest import NOON

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def award(
    member: Any, n: int, *, action: str = "topic_created", at: dt.datetime = NOON, **kw: Any
) -> Any:
    return points_award(member=member, action=action, source_key=f"src:{n}", occurred_at=at, **kw)


def test_daily_cap_counts_rewards_per_local_day(make_member: Any, rule: Any, balance: Any) -> None:
    member = make_member()
    rule("topic_created", points=5, cycle="daily", cap=2)
    assert award(member, 1) is not None
    assert award(member, 2) is not None
    assert award(member, 3) is None
    assert award(member, 4, at=NOON + DAY) is not None
    assert balance(member) == (15, 15)
    assert PointEntry.objects.filter(member=member).count() == 3


def test_hourly_cycle_restarts_every_hour(make_member: Any, rule: Any, balance: Any) -> None:
    member = make_member()
    rule("sign_in", points=2, cycle="hourly", cap=1)
    assert award(member, 1, action="sign_in") is not None
    assert award(member, 2, action="sign_in", at=NOON + dt.timedelta(minutes=30)) is None
    assert award(member, 3, action="sign_in", at=NOON + HOUR) is not None
    assert balance(member) == (4, 4)


def test_once_rewards_a_member_a_single_time(make_member: Any, rule: Any, balance: Any) -> None:
    member, other = make_member(), make_member()
    rule("first_topic", points=10, cycle="once")
    assert award(member, 1, action="first_topic") is not None
    assert award(member, 2, action="first_topic", at=NOON + 30 * DAY) is None
    assert award(other, 3, action="first_topic") is not None
    assert balance(member) == (10, 10)


def test_unlimited_without_cap_rewards_every_event(
    make_member: Any, rule: Any, balance: Any
) -> None:
    member = make_member()
    rule("reply_created", points=2, cycle="unlimited", cap=None)
    for n in range(25):
        assert award(member, n, action="reply_created") is not None
    assert balance(member) == (50, 50)


def test_cap_zero_rewards_nothing(make_member: Any, rule: Any, balance: Any) -> None:
    member = make_member()
    rule("topic_created", cycle="daily", cap=0)
    assert award(member, 1) is None
    assert balance(member) == (0, 0)


def test_no_repeat_for_the_same_target(make_member: Any, rule: Any, balance: Any) -> None:
    member = make_member()
    rule("reply_created", points=2, no_repeat_target=True)
    assert award(member, 1, action="reply_created", target="topic:7") is not None
    assert award(member, 2, action="reply_created", target="topic:7") is None
    assert award(member, 3, action="reply_created", target="topic:8") is not None
    assert balance(member) == (4, 4)


def test_board_override_replaces_the_points_in_that_board(
    make_member: Any, make_board: Any, rule: Any, balance: Any
) -> None:
    member, ai, other = make_member(), make_board(), make_board()
    rule("topic_created", points=5, board_points={ai.pk: 12})
    assert award(member, 1, board=ai).amount == 12
    assert award(member, 2, board=other).amount == 5
    assert award(member, 3).amount == 5
    assert balance(member) == (22, 22)


def test_multiplier_scales_featured_points(make_member: Any, rule: Any) -> None:
    member = make_member()
    rule("topic_featured", points=20)
    assert award(member, 1, action="topic_featured", multiplier=3).amount == 60


def test_penalty_lowers_spendable_only_and_stops_at_the_floor(
    make_member: Any, rule: Any, balance: Any
) -> None:
    member = make_member()
    rule("topic_created", points=15)
    rule("report_upheld_against", points=-20, floor=0)
    award(member, 1)
    assert award(member, 2, action="report_upheld_against").amount == -15
    assert balance(member) == (15, 0)
    entry = award(member, 3, action="report_upheld_against")
    assert entry is not None
    assert entry.amount == 0
    assert balance(member) == (15, 0)


def test_penalty_without_floor_can_go_negative(make_member: Any, rule: Any, balance: Any) -> None:
    member = make_member()
    rule("report_upheld_against", points=-20, floor=None)
    award(member, 1, action="report_upheld_against")
    assert balance(member) == (0, -20)


def test_inactive_rule_awards_nothing(make_member: Any, rule: Any, balance: Any) -> None:
    member = make_member()
    rule("like_given", points=1, active=False)
    assert award(member, 1, action="like_given") is None
    assert balance(member) == (0, 0)


def test_unknown_action_is_refused(make_member: Any, default_rules: None) -> None:
    with pytest.raises(ValidationError) as info:
        award(make_member(), 1, action="teleported")
    assert "action" in info.value.message_dict


def test_default_rules_match_the_issue(default_rules: None) -> None:
    rules = {r.action: r for r in PointRule.objects.all()}
    assert (rules["sign_in"].points, rules["sign_in"].cycle, rules["sign_in"].cap) == (
        2,
        "daily",
        1,
    )
    assert rules["topic_created"].points == 5
    assert rules["reply_created"].points == 2
    assert rules["like_received"].points == 1
    assert rules["topic_featured"].points == 20
    assert (rules["profile_completed"].points, rules["profile_completed"].cycle) == (5, "once")
    assert (rules["first_topic"].points, rules["first_topic"].cycle) == (10, "once")
    assert (rules["report_upheld_against"].points, rules["report_upheld_against"].floor) == (-20, 0)


def test_migration_created_the_default_rules(db: None) -> None:
    assert PointRule.objects.filter(action="first_topic", points=10).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"action": "topic_created", "cap": -1}, "cap"),
        ({"action": "teleported"}, "action"),
        ({"action": "topic_created", "cycle": "weekly"}, "cycle"),
        ({"action": "topic_created", "points": 10**9}, "points"),
        ({"action": "topic_created", "board_points": {1: 10**9}}, "board_points"),
        ({"action": "topic_created", "board_points": {999_999: 5}}, "board_points"),
        ({"action": "topic_created", "cap": 10**9}, "cap"),
        ({"action": "topic_created", "floor": 10**9}, "floor"),
    ],
)
def test_bad_rule_is_refused_and_nothing_is_saved(
    default_rules: None, fields: dict[str, Any], field: str
) -> None:
    before = list(PointRule.objects.values_list("action", "points", "cycle", "cap"))
    fields = {"points": 7, "cycle": "daily", **fields}
    with pytest.raises(ValidationError) as info:
        point_rule_set(**fields)
    assert field in info.value.message_dict
    assert list(PointRule.objects.values_list("action", "points", "cycle", "cap")) == before


def test_rule_set_replaces_board_overrides(make_board: Any, rule: Any) -> None:
    a, b = make_board(), make_board()
    rule("topic_created", board_points={a.pk: 1, b.pk: 2})
    updated = rule("topic_created", board_points={b.pk: 3})
    assert list(updated.board_overrides.values_list("board_id", "points")) == [(b.pk, 3)]
