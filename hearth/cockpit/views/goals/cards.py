"""How a goal is drawn: its figures as a card (the list, the overview strip and the detail)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.goals.models import Goal, GoalStatus

TONE = {
    GoalStatus.ON_TRACK: "good",
    GoalStatus.ACHIEVED: "good",
    GoalStatus.BEHIND: "warn",
    GoalStatus.AT_RISK: "bad",
    GoalStatus.MISSED: "bad",
    GoalStatus.PENDING: "none",
}


def _share(value: float | None, baseline: float | None, target: float | None) -> float | None:
    """How far ``value`` is from the baseline to the target, in percent (0–100 for the bar)."""
    if value is None or baseline is None or target is None or target == baseline:
        return None
    return max(0.0, min(100.0, (value - baseline) / (target - baseline) * 100))


@dataclass(frozen=True)
class GoalCard:
    goal: Goal
    days_left: int
    progress: float | None  # the actual value's way from the baseline to the target, %
    pace: float | None  # where the expected pace is today, %
    tone: str

    @property
    def target(self) -> float | None:
        return self.goal.target

    @property
    def relative_percent(self) -> float | None:
        """A relative target as a signed percentage (0.3 → 30)."""
        if self.goal.target_kind != "relative":
            return None
        return round(self.goal.target_value * 100, 2)


def goal_card(goal: Goal, *, today: dt.date) -> GoalCard:
    target = goal.target
    return GoalCard(
        goal=goal,
        days_left=max(0, (goal.deadline - today).days),
        progress=_share(goal.actual, goal.baseline, target),
        pace=_share(goal.expected, goal.baseline, target),
        tone=TONE.get(GoalStatus(goal.status), "none"),
    )
