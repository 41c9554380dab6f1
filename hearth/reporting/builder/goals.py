"""Goal status: every live goal with its latest figures, and whether its status moved."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from hearth.analytics.metrics import metric_choices
from hearth.goals.models import Goal, GoalDay, GoalStatus
from hearth.reporting.builder.context import Context
from hearth.reporting.sections import GoalRow

WEEK = dt.timedelta(days=7)


def goal_rows(ctx: Context) -> list[GoalRow]:
    """Live (not archived) goals by deadline; ``status_changed``: the goal's day a week before
    its latest computation (or the period's end) had another status."""
    goals = list(
        Goal.objects.filter(archived=False).select_related("owner").order_by("deadline", "pk")
    )
    labels = {m.key: m.label for m in metric_choices()}
    compared = {g.pk: (g.computed_on or ctx.period.end) - WEEK for g in goals}
    before = {
        (row.goal_id, row.day): row.status
        for row in GoalDay.objects.filter(goal__in=goals, day__in=set(compared.values()))
    }
    statuses = dict(GoalStatus.choices)
    rows: list[GoalRow] = []
    for goal in goals:
        earlier = before.get((goal.pk, compared[goal.pk]))
        rows.append(
            GoalRow(
                id=goal.pk,
                name=goal.name,
                metric=labels.get(
                    goal.metric_key, _("Deleted metric: %(key)s") % {"key": goal.metric_key}
                ),
                owner=goal.owner.name if goal.owner else "",
                baseline=goal.baseline,
                target=goal.target,
                actual=goal.actual,
                expected=goal.expected,
                forecast=goal.forecast,
                forecast_low=goal.forecast_low,
                forecast_high=goal.forecast_high,
                deadline=goal.deadline.isoformat(),
                status=goal.status,
                status_label=str(statuses.get(goal.status, goal.status)),
                status_changed=earlier is not None and earlier != goal.status,
            )
        )
    return rows
