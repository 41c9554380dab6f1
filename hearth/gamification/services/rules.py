"""Editing point rules (for the cockpit editor later): validated, all or nothing."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.gamification.actions import Cycle, PointAction
from hearth.gamification.models import PointRule, PointRuleBoardOverride

POINTS_LIMIT = 100_000


def _points_error(points: object) -> str | None:
    if not isinstance(points, int) or isinstance(points, bool):
        return _("Points must be a whole number.")
    if abs(points) > POINTS_LIMIT:
        return _("Points must lie between -%(limit)d and %(limit)d.") % {"limit": POINTS_LIMIT}
    return None


def _check(
    action: str,
    points: int,
    cycle: str,
    cap: int | None,
    floor: int | None,
    board_points: Mapping[int, int],
) -> None:
    errors: dict[str, str] = {}
    if action not in PointAction.values:
        errors["action"] = _("Unknown action: %(action)s.") % {"action": action}
    if (message := _points_error(points)) is not None:
        errors["points"] = message
    if cycle not in Cycle.values:
        errors["cycle"] = _("Choose a cycle: once, daily, hourly or unlimited.")
    if cap is not None and (not isinstance(cap, int) or cap < 0):
        errors["cap"] = _("The cap must be zero or more (leave it empty for no cap).")
    if floor is not None and not isinstance(floor, int):
        errors["floor"] = _("The floor must be a whole number.")
    for message in filter(None, map(_points_error, board_points.values())):
        errors["board_points"] = message
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def point_rule_set(
    *,
    action: str,
    points: int,
    cycle: str,
    cap: int | None = None,
    no_repeat_target: bool = False,
    floor: int | None = None,
    active: bool = True,
    board_points: Mapping[int, int] | None = None,
) -> PointRule:
    """Create or replace the rule for ``action``; ``board_points`` maps board id → points.

    When ``board_points`` is given it replaces every override of the rule.
    Bad input raises ValidationError keyed by field, and nothing is saved.
    """
    _check(action, points, cycle, cap, floor, board_points or {})
    rule, _created = PointRule.objects.update_or_create(
        action=action,
        defaults={
            "points": points,
            "cycle": cycle,
            "cap": cap,
            "no_repeat_target": no_repeat_target,
            "floor": floor,
            "active": active,
        },
    )
    if board_points is not None:
        rule.board_overrides.all().delete()
        PointRuleBoardOverride.objects.bulk_create(
            PointRuleBoardOverride(rule=rule, board_id=board_id, points=value)
            for board_id, value in sorted(board_points.items())
        )
    return rule
