"""How far new members get through onboarding: each step's completion by channel and by
join week, and the step where each channel's members stall most.

Three grouped queries over the members who joined in the period (their
progress rows joined in); members without a row (joined before onboarding,
not backfilled) count as having done nothing and are reported apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncWeek
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.accounts.models import User
from hearth.growth.models import STEP_FIELDS, Channel, OnboardingProgress
from hearth.growth.onboarding.checklist import step_label
from hearth.growth.onboarding.stall import stall_step_expression

STEPS = [str(step) for step in STEP_FIELDS]
SHORT_LABELS = {
    "profile": gettext_lazy("Profile"),
    "boards": gettext_lazy("Boards followed"),
    "reads": gettext_lazy("Topics read"),
    "like": gettext_lazy("First like"),
    "reply": gettext_lazy("First reply"),
    "topic": gettext_lazy("First topic"),
}
"""Step names short enough for a chart's axis."""


@dataclass(frozen=True)
class StepShare:
    step: str
    done: int
    share: float


@dataclass
class GroupRow:
    key: str
    label: str
    members: int
    tracked: int
    completed: int
    steps: list[StepShare]
    stall_step: str | None = None
    stall_label: str = ""
    stall_members: int = 0

    @property
    def completed_share(self) -> float:
        return self.completed / self.members if self.members else 0.0

    @property
    def stall_share(self) -> float:
        return self.stall_members / self.members if self.members else 0.0


@dataclass
class OnboardingReport:
    start: dt.datetime
    end: dt.datetime
    total: GroupRow
    by_channel: list[GroupRow]
    by_week: list[GroupRow]
    step_labels: list[tuple[str, str]] = field(default_factory=list)

    @property
    def untracked(self) -> int:
        return self.total.members - self.total.tracked

    @property
    def step_headers(self) -> list[tuple[str, str, str]]:
        """(step, short name, full name) for table headers."""
        return [(key, str(SHORT_LABELS[key]), label) for key, label in self.step_labels]

    def chart(self) -> dict[str, Any]:
        """Share of members who did each step, one series per channel (the analytics bar chart)."""
        return {
            "x": [str(SHORT_LABELS[key]) for key, _label in self.step_labels],
            "percent": True,
            "series": [
                {"name": row.label, "data": [round(100 * s.share, 1) for s in row.steps]}
                for row in [self.total, *self.by_channel]
            ],
        }


def _aggregates() -> dict[str, Count]:
    counts = {step: Count("onboarding__" + STEP_FIELDS[step]) for step in STEP_FIELDS}
    return {
        "members": Count("pk"),
        "tracked": Count("onboarding"),
        "completed": Count("onboarding__completed_at"),
        **{f"s_{step}": c for step, c in counts.items()},
    }


def _row(key: str, label: str, values: dict[str, Any]) -> GroupRow:
    members = values["members"]
    steps = [
        StepShare(step, values[f"s_{step}"], values[f"s_{step}"] / members if members else 0.0)
        for step in STEPS
    ]
    return GroupRow(key, label, members, values["tracked"], values["completed"], steps)


def _stall_counts(joined: QuerySet[User]) -> dict[str, dict[str, int]]:
    """Per channel, how many members' first missing step is each step (complete rows left out)."""
    rows = (
        OnboardingProgress.objects.filter(member__in=joined)
        .annotate(stall=stall_step_expression())
        .filter(stall__isnull=False)
        .values_list("member__channel", "stall")
        .annotate(n=Count("pk"))
    )
    counts: dict[str, dict[str, int]] = {}
    for channel, stall, n in rows:
        counts.setdefault(channel, {})[stall] = n
    return counts


def _commonest(counts: dict[str, int]) -> tuple[str, int] | None:
    """The step most members stall at (the earlier step on a tie)."""
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], -STEPS.index(kv[0])))


def _set_stall(row: GroupRow, found: tuple[str, int] | None, labels: dict[str, str]) -> None:
    if found:
        row.stall_step, row.stall_members = found
        row.stall_label = labels[found[0]]


def onboarding_report(*, start: dt.datetime, end: dt.datetime) -> OnboardingReport:
    """The report for members who joined in [start, end)."""
    joined = User.objects.filter(date_joined__gte=start, date_joined__lt=end)
    labels = {step: step_label(step) for step in STEPS}
    names = dict(Channel.objects.values_list("key", "name"))
    total = _row("", _("All new members"), joined.aggregate(**_aggregates()))
    channels = [
        _row(
            values["channel"],
            names.get(values["channel"]) or values["channel"] or _("(none)"),
            values,
        )
        for values in joined.values("channel").annotate(**_aggregates()).order_by("-members")
    ]
    weeks = [
        _row(values["week"].date().isoformat(), values["week"].strftime("%Y-%m-%d"), values)
        for values in joined.annotate(week=TruncWeek("date_joined"))
        .values("week")
        .annotate(**_aggregates())
        .order_by("week")
    ]
    stalls = _stall_counts(joined)
    for row in channels:
        _set_stall(row, _commonest(stalls.get(row.key, {})), labels)
    overall: dict[str, int] = {}
    for per_channel in stalls.values():
        for stall, n in per_channel.items():
            overall[stall] = overall.get(stall, 0) + n
    _set_stall(total, _commonest(overall), labels)
    return OnboardingReport(
        start, end, total, channels, weeks, step_labels=[(s, labels[s]) for s in STEPS]
    )
