"""Checks of a goal's filter and of the status thresholds, with messages naming the problem."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hearth.analytics.queries.params import QueryError
from hearth.goals.data import metric_kind
from hearth.goals.models import FilterKind, TargetKind


def check_filter(kind: str, value: str) -> str:
    """What is wrong with the filter's value, or an empty string when it is fine."""
    if not kind:
        return _("A filter value needs a filter (board, segment or channel).") if value else ""
    if not value:
        return _("Choose the board, segment or channel to count.")
    if kind == FilterKind.CHANNEL:
        from hearth.accounts.models import User
        from hearth.growth.models import Channel

        # as analytics' scopes: the registry has it, or a member carries it
        known = (
            Channel.objects.filter(key=value).exists()
            or User.objects.filter(channel=value).exists()
        )
        if not known:
            return _("There is no channel with the key %(v)s.") % {"v": value[:40]}
        return ""
    if not value.isdigit():
        return _("The %(kind)s must be given by its number.") % {"kind": FilterKind(kind).label}
    if kind == FilterKind.BOARD:
        from hearth.community.models import Board

        if not Board.objects.filter(pk=int(value)).exists():
            return _("There is no board number %(v)s.") % {"v": value}
    elif kind == FilterKind.SEGMENT:
        from hearth.analytics.models import Segment

        if not Segment.objects.filter(pk=int(value)).exists():
            return _("There is no segment number %(v)s.") % {"v": value}
    return ""


def check_target(kind: str, value: float | None) -> str:
    """What is wrong with the target, or an empty string when it can be reached."""
    if value is None or not math.isfinite(float(value)):
        return _("Enter the target as a number.")
    if kind == TargetKind.RELATIVE and float(value) == 0:
        return _("A change of 0 makes the target equal to the baseline: enter the change to reach.")
    if kind == TargetKind.RELATIVE and float(value) <= -1:
        return _("A relative target cannot be a fall of 100 per cent or more.")
    return ""


def check_thresholds(on_track_at: float, at_risk_below: float) -> dict[str, str]:
    """Errors by field: 0 < at risk below < on track from ≤ 2."""
    errors: dict[str, str] = {}
    if not math.isfinite(on_track_at) or not 0 < on_track_at <= 2:
        errors["on_track_at"] = _("“On track from” must be more than 0 and at most 200 per cent.")
    if not math.isfinite(at_risk_below) or at_risk_below <= 0:
        errors["at_risk_below"] = _("“At risk below” must be above 0.")
    elif "on_track_at" not in errors and at_risk_below >= on_track_at:
        errors["at_risk_below"] = _("“At risk below” must be lower than “on track from”.")
    return errors


def goal_fields_check(values: dict[str, Any], *, today: dt.date, deadline_changed: bool) -> None:
    """Check a goal's fields; ValidationError naming each bad one. (The target against the
    baseline is checked once the baseline is known, in the services.)"""
    errors: dict[str, str] = {}
    if not str(values["name"]).strip():
        errors["name"] = _("Give the goal a name.")
    try:
        metric_kind(values["metric_key"])
    except QueryError as exc:
        errors["metric_key"] = str(exc)
    if values["target_kind"] not in TargetKind.values:
        errors["target_kind"] = _("Choose an absolute or a relative target.")
    problem = check_target(values["target_kind"], values["target_value"])
    if problem:
        errors["target_value"] = problem
    start, deadline = values["period_start"], values["deadline"]
    if deadline_changed and deadline < today:
        errors["deadline"] = _("The deadline %(day)s is in the past.") % {
            "day": deadline.isoformat()
        }
    elif deadline <= start:
        errors["deadline"] = _("The deadline must be after the start (%(day)s).") % {
            "day": start.isoformat()
        }
    if values["filter_kind"] not in FilterKind.values:
        errors["filter_kind"] = _("Choose a board, a segment, a channel or the whole community.")
    else:
        problem = check_filter(values["filter_kind"], values["filter_value"])
        if problem:
            errors["filter_value"] = problem
    baseline = values["baseline"]
    if baseline is not None and not math.isfinite(float(baseline)):
        errors["baseline"] = _("Enter the baseline as a number.")
    if errors:
        raise ValidationError(errors)
