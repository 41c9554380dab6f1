"""Editing point rules (the cockpit's rules editor): validated, all or nothing."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.models import Board
from hearth.gamification.actions import Cycle, PointAction
from hearth.gamification.models import PointRule, PointRuleBoardOverride
from hearth.gamification.permissions import can_manage_point_rules

POINTS_LIMIT = 100_000
CAP_LIMIT = 100_000
FLOOR_LIMIT = 1_000_000


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _points_error(points: object) -> str | None:
    if not _is_whole(points):
        return _("Points must be a whole number.")
    assert isinstance(points, int)
    if abs(points) > POINTS_LIMIT:
        return _("Points must lie between -%(limit)d and %(limit)d.") % {"limit": POINTS_LIMIT}
    return None


def _cap_error(cap: object) -> str | None:
    if cap is None:
        return None
    if not _is_whole(cap) or not isinstance(cap, int) or cap < 0:
        return _("The cap must be zero or more (leave it empty for no cap).")
    if cap > CAP_LIMIT:
        return _("The cap can be at most %(limit)d.") % {"limit": CAP_LIMIT}
    return None


def _floor_error(floor: object) -> str | None:
    if floor is None:
        return None
    if not _is_whole(floor) or not isinstance(floor, int):
        return _("The floor must be a whole number.")
    if abs(floor) > FLOOR_LIMIT:
        return _("The floor must lie between -%(limit)d and %(limit)d.") % {"limit": FLOOR_LIMIT}
    return None


def _board_errors(board_points: Mapping[int, int]) -> list[str]:
    """Every override names a board that exists and gives whole points in range (one query)."""
    ids = {board_id for board_id in board_points if _is_whole(board_id)}
    known = set(Board.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    errors = []
    for board_id, points in board_points.items():
        if board_id not in known:
            errors.append(_("There is no board with the id %(id)s.") % {"id": board_id})
        elif (message := _points_error(points)) is not None:
            errors.append(message)
    return list(dict.fromkeys(errors))


def _check(
    action: str,
    points: int,
    cycle: str,
    cap: int | None,
    floor: int | None,
    board_points: Mapping[int, int],
) -> None:
    errors: dict[str, list[str]] = {}
    if action not in PointAction.values:
        errors["action"] = [_("Unknown action: %(action)s.") % {"action": action}]
    if (message := _points_error(points)) is not None:
        errors["points"] = [message]
    if cycle not in Cycle.values:
        errors["cycle"] = [_("Choose a cycle: once, daily, hourly or unlimited.")]
    if (message := _cap_error(cap)) is not None:
        errors["cap"] = [message]
    if (message := _floor_error(floor)) is not None:
        errors["floor"] = [message]
    if board_errors := _board_errors(board_points):
        errors["board_points"] = board_errors
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
    Bad input (an unknown action, cycle or board, points out of range, a
    negative cap, a bad floor) raises ValidationError keyed by field, and
    nothing is saved: the rule and its overrides change in one transaction.
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


def point_rule_update(
    *,
    actor: User,
    action: str,
    points: int,
    cycle: str,
    cap: int | None = None,
    no_repeat_target: bool = False,
    floor: int | None = None,
    active: bool = True,
    board_points: Mapping[int, int],
) -> PointRule:
    """The editor's save: :func:`point_rule_set` for staff allowed to edit the rules."""
    if not can_manage_point_rules(actor):
        raise PermissionDenied(_("You cannot edit the point rules."))
    return point_rule_set(
        action=action,
        points=points,
        cycle=cycle,
        cap=cap,
        no_repeat_target=no_repeat_target,
        floor=floor,
        active=active,
        board_points=board_points,
    )
