"""Goal writes: create, edit, archive, recompute (daily) and the status thresholds.

Every write validates first and raises ``ValidationError({field: message})`` with a
message naming what is wrong; nothing is saved then.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.analytics.queries.params import QueryError
from hearth.goals import progress as maths
from hearth.goals.data import (
    GoalSpec,
    daily_values,
    goal_progress,
    goal_values,
    goals_store,
    metric_kind,
)
from hearth.goals.models import Goal, GoalDay, GoalSettings, GoalStatus, TargetKind
from hearth.goals.validation import check_thresholds, goal_fields_check
from hearth.notifications.models import Verb
from hearth.notifications.services import notification_create

FIELDS = (
    "name",
    "metric_key",
    "target_kind",
    "target_value",
    "period_start",
    "deadline",
    "owner",
    "baseline",
    "filter_kind",
    "filter_value",
    "description",
)
_SPEC_FIELDS = ("metric_key", "period_start", "deadline", "filter_kind", "filter_value")


def community_today() -> dt.date:
    """Today in the community's time zone (days are cut there)."""
    return timezone.localdate()


def baseline_suggest(
    *,
    metric_key: str,
    period_start: dt.date,
    deadline: dt.date,
    filter_kind: str = "",
    filter_value: str = "",
) -> float | None:
    """The metric over the comparable period (the same number of days just before
    ``period_start``): its sum for a count, its mean for a level. QueryError on a bad metric
    or filter; None when there is nothing to average."""
    spec = GoalSpec(metric_key, period_start, deadline, filter_kind, filter_value)
    kind = metric_kind(metric_key)
    first, last = spec.comparable
    values = daily_values(spec, first, last)
    return maths.baseline_of(kind, list(values.values()))


def _resolve_baseline(values: dict[str, Any], *, edited: bool) -> None:
    """Fill in the suggested baseline when none was entered, then refuse a target equal to it."""
    if not edited:
        try:
            values["baseline"] = baseline_suggest(
                **{k: values[k] for k in _SPEC_FIELDS},
            )
        except QueryError as exc:
            values["baseline"] = None
            if values["target_kind"] == TargetKind.RELATIVE:
                raise ValidationError(
                    {
                        "baseline": _("The baseline could not be computed (%(why)s): enter it.")
                        % {"why": exc}
                    }
                ) from exc
        if values["baseline"] is None and values["target_kind"] == TargetKind.RELATIVE:
            raise ValidationError(
                {
                    "baseline": _(
                        "The metric has no value in the comparable period: enter a baseline."
                    )
                }
            )
    baseline = values["baseline"]
    if values["target_kind"] == TargetKind.RELATIVE and baseline == 0:
        raise ValidationError(
            {
                "target_kind": _(
                    "The baseline is 0, so a relative target stays 0: enter an absolute target."
                )
            }
        )
    if (
        values["target_kind"] == TargetKind.ABSOLUTE
        and baseline is not None
        and math.isclose(float(values["target_value"]), float(baseline), abs_tol=1e-9)
    ):
        raise ValidationError(
            {
                "target_value": _(
                    "The target equals the baseline (%(b)s): there is nothing to reach."
                )
                % {"b": f"{baseline:g}"}
            }
        )


def goal_create(
    *,
    by: User,
    name: str,
    metric_key: str,
    target_kind: str,
    target_value: float,
    period_start: dt.date,
    deadline: dt.date,
    owner: User | None = None,
    baseline: float | None = None,
    filter_kind: str = "",
    filter_value: str = "",
    description: str = "",
    today: dt.date | None = None,
) -> Goal:
    """A new goal, its baseline suggested when not given, its progress computed at once
    (as on ``today``, the community's today by default: the demo plants goals in its past)."""
    values: dict[str, Any] = {
        "name": name.strip(),
        "metric_key": metric_key,
        "target_kind": target_kind,
        "target_value": target_value,
        "period_start": period_start,
        "deadline": deadline,
        "owner": owner,
        "baseline": baseline,
        "filter_kind": filter_kind or "",
        "filter_value": str(filter_value or "").strip(),
        "description": description,
    }
    today = today or community_today()
    goal_fields_check(values, today=today, deadline_changed=True)
    _resolve_baseline(values, edited=baseline is not None)
    with transaction.atomic():
        goal = Goal.objects.create(**values, baseline_edited=baseline is not None, created_by=by)
        return goal_recompute(goal=goal, today=today)


def goal_update(*, goal: Goal, by: User, **fields: Any) -> Goal:
    """Change the goal's ``fields`` (those of :func:`goal_create`), validated the same way;
    recomputed. ``baseline=None`` asks for the suggested baseline again."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"goal_update() got unexpected fields: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {f: getattr(goal, f) for f in FIELDS}
    values.update(fields)
    values["name"] = str(values["name"]).strip()
    values["filter_kind"] = values["filter_kind"] or ""
    values["filter_value"] = str(values["filter_value"] or "").strip()
    today = community_today()
    goal_fields_check(values, today=today, deadline_changed=values["deadline"] != goal.deadline)
    if "baseline" in fields:
        by_hand = keep = fields["baseline"] is not None
    else:  # a suggested baseline follows the metric, filter and period
        spec_changed = any(values[f] != getattr(goal, f) for f in _SPEC_FIELDS)
        by_hand = goal.baseline_edited
        keep = by_hand or not spec_changed
    _resolve_baseline(values, edited=keep)
    with transaction.atomic():
        for field, value in values.items():
            setattr(goal, field, value)
        goal.baseline_edited = by_hand
        goal.save()
        return goal_recompute(goal=goal, today=today, by=by)


def goal_archive(*, goal: Goal, by: User) -> Goal:
    """Archive the goal: off the list and no longer recomputed; its history is kept."""
    goal.archived = True
    goal.save(update_fields=["archived"])
    return goal


def goal_url(goal: Goal) -> str:
    try:
        return reverse("cockpit:goal", args=[goal.pk])
    except NoReverseMatch:
        return f"/ops/goals/{goal.pk}/"


def _notify(goal: Goal, by: User | None) -> None:
    if goal.owner_id is None:
        return
    text = _("Goal “%(name)s” is now: %(status)s. %(url)s") % {
        "name": goal.name,
        "status": GoalStatus(goal.status).label,
        "url": goal_url(goal),
    }
    notification_create(
        recipient_id=goal.owner_id,
        verb=Verb.SYSTEM,
        actor_id=by.pk if by is not None else None,
        text=text,
    )


def goal_recompute(
    *, goal: Goal, today: dt.date | None = None, by: User | None = None, notify: bool = True
) -> Goal:
    """Compute the goal on ``today`` (the community's today): its figures and status, kept on
    the goal and in that day's :class:`GoalDay`. The owner is notified when a status they
    had seen changes. A metric or filter that fails sets ``problem`` and keeps the last
    figures."""
    today = today or community_today()
    spec = GoalSpec(
        goal.metric_key, goal.period_start, goal.deadline, goal.filter_kind, goal.filter_value
    )
    try:
        kind = metric_kind(goal.metric_key)
        daily = goal_values(spec, today)
    except QueryError as exc:
        goal.problem = str(exc)[:300]
        goal.save(update_fields=["problem"])
        return goal
    if goal.baseline is None and not goal.baseline_edited:
        first, last = spec.comparable
        goal.baseline = maths.baseline_of(
            kind, [daily.get(first + dt.timedelta(days=i)) for i in range((last - first).days + 1)]
        )
    result = goal_progress(goal, kind, daily, today)
    before, seen = goal.status, goal.computed_on is not None
    goal.actual, goal.expected, goal.status = result.actual, result.expected, result.status
    band = result.forecast
    goal.forecast = band.value if band else None
    goal.forecast_low = band.low if band else None
    goal.forecast_high = band.high if band else None
    goal.computed_on, goal.problem = today, ""
    with transaction.atomic():
        goal.save()
        GoalDay.objects.update_or_create(
            goal=goal,
            day=today,
            defaults={
                "actual": goal.actual,
                "expected": goal.expected,
                "forecast": goal.forecast,
                "forecast_low": goal.forecast_low,
                "forecast_high": goal.forecast_high,
                "status": goal.status,
            },
        )
        if notify and seen and before != goal.status:
            _notify(goal, by)
    return goal


def live_goals() -> QuerySet[Goal]:
    """Goals still followed: not archived, and not yet computed after their deadline."""
    return Goal.objects.filter(archived=False).filter(
        Q(computed_on__isnull=True) | Q(computed_on__lte=F("deadline"))
    )


def goals_recompute(*, today: dt.date | None = None, force: bool = False) -> int:
    """Recompute every live goal not yet computed on ``today`` (all of them with ``force``);
    returns how many were computed."""
    today = today or community_today()
    goals = live_goals()
    if not force:
        goals = goals.exclude(computed_on=today)
    pending = list(goals.order_by("pk"))
    if not pending:
        return 0
    from hearth.analytics.store.locate import open_store
    from hearth.analytics.store.sync import store_sync

    with open_store() as store:  # opened and synced once for every goal
        store_sync(store)
        with goals_store(store):
            for goal in pending:
                goal_recompute(goal=goal, today=today)
    return len(pending)


def goal_settings_update(*, by: User, on_track_at: float, at_risk_below: float) -> GoalSettings:
    """Change the status thresholds (0 < at risk below < on track from ≤ 2); every live goal's
    status is recomputed with them."""
    errors = check_thresholds(on_track_at, at_risk_below)
    if errors:
        raise ValidationError(errors)
    found = GoalSettings.load()
    found.on_track_at, found.at_risk_below = on_track_at, at_risk_below
    found.save()
    goals_recompute(force=True)
    return found
