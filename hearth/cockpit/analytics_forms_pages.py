"""Parameters of the funnel builder and board health pages, read from the query string.

A funnel's steps are numbered fields (``step_1`` + ``times_1`` …, up to
:data:`MAX_STEPS`), so a funnel is a bookmark and a saved view like any other
page. Without any step the onboarding funnel is shown. What the analyses
refuse (one step, an unknown action, a window of 0 days) comes back from them
as a form error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy

from hearth.analytics.definitions import ACTION_LABELS, Action
from hearth.analytics.queries.boards import POSTS
from hearth.analytics.queries.funnel import BREAKDOWNS, ONBOARDING, Step
from hearth.cockpit.analytics_forms import RangeForm
from hearth.cockpit.reports.labels import BREAKDOWN_LABELS

MAX_STEPS = 8
STEP_FIELDS = tuple(f"{kind}_{n}" for n in range(1, MAX_STEPS + 1) for kind in ("step", "times"))


def action_label(action: str) -> str:
    for known, label in ACTION_LABELS.items():
        if known.value == action:
            return str(label)
    return action


def builtin_step_choices() -> list[tuple[str, str]]:
    """Actions a funnel step may use (custom events seen are added by the report)."""
    return [(a.value, str(label)) for a, label in ACTION_LABELS.items() if a is not Action.DWELL]


def _steps_data(query: Mapping[str, str]) -> dict[str, str]:
    """The step fields as given, or the onboarding funnel when none is."""
    if any(query.get(f"step_{n}") for n in range(1, MAX_STEPS + 1)):
        return {}
    data: dict[str, str] = {}
    for n, step in enumerate(ONBOARDING, start=1):
        data[f"step_{n}"], data[f"times_{n}"] = step.action, str(step.times)
    return data


class FunnelForm(RangeForm):
    defaults: ClassVar[dict[str, str]] = {"within": "7"}
    max_steps = MAX_STEPS

    within = forms.IntegerField(
        label=gettext_lazy("Within (days)"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "max": 365}),
    )
    breakdown = forms.ChoiceField(
        label=gettext_lazy("Breakdown"),
        required=False,
        choices=[("", gettext_lazy("None")), *((b, BREAKDOWN_LABELS[b]) for b in BREAKDOWNS)],
    )

    def __init__(self, query: Mapping[str, str], *, today: dt.date) -> None:
        super().__init__(query, today=today)
        given = {name: str(query.get(name, "") or "") for name in STEP_FIELDS}
        self.data = {**self.data, **given, **_steps_data(query)}

    def _steps_from(self, data: Mapping[str, Any]) -> list[tuple[int, str, str]]:
        rows = []
        for n in range(1, MAX_STEPS + 1):
            action = str(data.get(f"step_{n}") or "").strip()
            if action:
                rows.append((n, action, str(data.get(f"times_{n}") or "1").strip()))
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        steps = []
        for _n, action, times in self._steps_from(self.data):
            if not times.isdigit() or not 1 <= int(times) <= 99:
                raise forms.ValidationError(
                    gettext_lazy("“Times” is a whole number from 1 to 99 (step %(action)s).")
                    % {"action": action_label(action)},
                    code="times",
                )
            steps.append(Step(action, int(times)))
        cleaned["steps"] = tuple(steps)
        return cleaned

    @property
    def step_rows(self) -> list[dict[str, Any]]:
        """The rows the step builder shows: the given steps (at least two rows)."""
        rows = [
            {"action": action, "times": times} for _n, action, times in self._steps_from(self.data)
        ]
        while len(rows) < 2:
            rows.append({"action": "", "times": "1"})
        return [{"n": n, **row} for n, row in enumerate(rows, start=1)]

    @property
    def action_choices(self) -> list[tuple[str, str]]:
        """Built-in actions, and any other action the URL names (a custom event)."""
        choices = builtin_step_choices()
        known = {value for value, _label in choices}
        for _n, action, _times in self._steps_from(self.data):
            if action not in known:
                choices.append((action, action))
                known.add(action)
        return choices

    @classmethod
    def parameter_names(cls) -> list[str]:
        return [*super().parameter_names(), *STEP_FIELDS]


class BoardsForm(RangeForm):
    defaults: ClassVar[dict[str, str]] = {"metric": "read"}

    board = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    metric = forms.ChoiceField(
        label=gettext_lazy("Drill-down by"),
        required=False,
        choices=[
            ("read", ACTION_LABELS[Action.READ]),
            *((p, ACTION_LABELS[Action(p)]) for p in POSTS),
        ],
    )

    @property
    def visible_controls(self) -> list[forms.BoundField]:
        return [self["metric"]]
