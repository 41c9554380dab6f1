"""The issue's default point rules, restorable at any time (tests, demo, a reset button)."""

from __future__ import annotations

from hearth.gamification.actions import Cycle, PointAction
from hearth.gamification.services.levels import ladder_replace
from hearth.gamification.services.rules import point_rule_set

# action, points, cycle, cap, no repeat for the same target, floor, active
DEFAULT_RULES: list[tuple[str, int, str, int | None, bool, int | None, bool]] = [
    (PointAction.SIGN_IN, 2, Cycle.DAILY, 1, False, None, True),
    (PointAction.TOPIC_CREATED, 5, Cycle.DAILY, 10, False, None, True),
    (PointAction.REPLY_CREATED, 2, Cycle.DAILY, 20, False, None, True),
    (PointAction.LIKE_RECEIVED, 1, Cycle.DAILY, 50, False, None, True),
    (PointAction.LIKE_GIVEN, 1, Cycle.DAILY, 10, False, None, False),
    (PointAction.TOPIC_FEATURED, 20, Cycle.UNLIMITED, None, True, None, True),
    (PointAction.PROFILE_COMPLETED, 5, Cycle.ONCE, None, False, None, True),
    (PointAction.FIRST_TOPIC, 10, Cycle.ONCE, None, False, None, True),
    (PointAction.REPORT_UPHELD_AGAINST, -20, Cycle.UNLIMITED, None, False, 0, True),
]


def point_rules_restore_defaults() -> None:
    """Set every rule back to its default (board overrides removed)."""
    for action, points, cycle, cap, no_repeat, floor, active in DEFAULT_RULES:
        point_rule_set(
            action=action,
            points=points,
            cycle=cycle,
            cap=cap,
            no_repeat_target=no_repeat,
            floor=floor,
            active=active,
            board_points={},
        )


# name, lifetime points needed (the default ladder)
DEFAULT_LADDER: list[tuple[str, int]] = [
    ("新手上路", 0),
    ("初级会员", 50),
    ("中级会员", 200),
    ("高级会员", 500),
    ("金牌会员", 1000),
    ("社区元老", 3000),
]


def ladder_restore_defaults() -> None:
    """Set the ladder back to the default and move every member to match."""
    ladder_replace(levels=DEFAULT_LADDER)
