"""The analytics pages' parameters, read from the query string (so every view is a bookmark).

A range is either relative (``days``: the last N days ending today, which a
saved view keeps relative) or fixed (``start``/``end``; a missing end is
today). What the analyses themselves refuse (an inverted range, an unknown
metric) they say through :class:`~hearth.analytics.queries.params.QueryError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.analytics.definitions import DIMENSIONS, PERIODS
from hearth.analytics.queries.retention import COHORT_BY, MODES
from hearth.cockpit.reports.labels import (
    BREAKDOWN_LABELS,
    COHORT_LABELS,
    METRIC_LABELS,
    MODE_LABELS,
    PERIOD_CHOICE_LABELS,
)

MAX_DAYS = 1096  # three years
PRESETS = (7, 30, 90)
MAX_RETENTION_PERIODS = 60

_NO_BREAKDOWN = [("", gettext_lazy("None"))]
_BREAKDOWN = gettext_lazy("Breakdown")
_PERIOD = gettext_lazy("Interval")


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _choice(label: Any, choices: list[tuple[str, Any]]) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=False)


class RangeForm(forms.Form):
    default_days: ClassVar[int] = 30
    defaults: ClassVar[dict[str, str]] = {}

    start = forms.DateField(label=gettext_lazy("Start date"), required=False, widget=_date_input())
    end = forms.DateField(label=gettext_lazy("End date"), required=False, widget=_date_input())
    days = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_DAYS, widget=forms.HiddenInput
    )

    def __init__(self, query: Mapping[str, str], *, today: dt.date) -> None:
        data = {name: query.get(name, "") for name in self.base_fields}
        for name, value in self.defaults.items():
            data[name] = data[name] or value
        super().__init__(data)
        self.today = today

    @classmethod
    def parameter_names(cls) -> list[str]:
        return list(cls.base_fields)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        start, end, days = cleaned.get("start"), cleaned.get("end"), cleaned.get("days")
        if start or end:
            end = end or self.today
            start = start or end - dt.timedelta(days=self.default_days - 1)
            days = None
        else:
            days = days or self.default_days
            end = self.today
            start = end - dt.timedelta(days=days - 1)
        if start <= end and (end - start).days + 1 > MAX_DAYS:
            raise forms.ValidationError(
                _("Choose a range of at most %(n)d days.") % {"n": MAX_DAYS}, code="too_long"
            )
        cleaned.update(start=start, end=end, days=days)
        return cleaned

    def shown_dates(self) -> tuple[str, str]:
        """What the date inputs show: the range in effect, or what was typed when it is wrong."""
        if self.is_valid():
            return self.cleaned_data["start"].isoformat(), self.cleaned_data["end"].isoformat()
        return str(self.data.get("start") or ""), str(self.data.get("end") or "")

    @property
    def relative_days(self) -> int | None:
        return self.cleaned_data.get("days") if self.is_valid() else None


class DashboardForm(RangeForm):
    breakdown = _choice(
        _BREAKDOWN, _NO_BREAKDOWN + [(d, BREAKDOWN_LABELS[d]) for d in DIMENSIONS if d != "device"]
    )


class TrendsForm(RangeForm):
    defaults: ClassVar[dict[str, str]] = {"metric": "active", "period": "day"}

    metric = forms.CharField(
        label=gettext_lazy("Metric"), max_length=40, required=False, widget=forms.Select
    )
    breakdown = _choice(_BREAKDOWN, _NO_BREAKDOWN + [(d, BREAKDOWN_LABELS[d]) for d in DIMENSIONS])
    period = _choice(_PERIOD, [(p, PERIOD_CHOICE_LABELS[p]) for p in PERIODS])

    def __init__(self, query: Mapping[str, str], *, today: dt.date) -> None:
        super().__init__(query, today=today)
        choices: list[tuple[str, Any]] = list(METRIC_LABELS.items())
        metric = str(self.data.get("metric") or "")
        if metric and metric not in METRIC_LABELS:  # a custom event, named in the URL
            choices.append((metric, metric))
        widget = self.fields["metric"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = choices


class RetentionForm(RangeForm):
    default_days: ClassVar[int] = 90
    defaults: ClassVar[dict[str, str]] = {
        "period": "week",
        "mode": "n_period",
        "cohort_by": "joined",
        "periods": "12",
    }

    period = _choice(_PERIOD, [(p, PERIOD_CHOICE_LABELS[p]) for p in PERIODS])
    mode = _choice(gettext_lazy("Retention"), [(m, MODE_LABELS[m]) for m in MODES])
    cohort_by = _choice(gettext_lazy("Cohorts by"), [(c, COHORT_LABELS[c]) for c in COHORT_BY])
    periods = forms.IntegerField(
        label=gettext_lazy("Periods"),
        required=False,
        min_value=1,
        max_value=MAX_RETENTION_PERIODS,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_RETENTION_PERIODS}),
    )


class LifecycleForm(RangeForm):
    default_days: ClassVar[int] = 90
    defaults: ClassVar[dict[str, str]] = {"period": "week", "sticky": "day"}

    period = _choice(_PERIOD, [(p, PERIOD_CHOICE_LABELS[p]) for p in PERIODS])
    sticky = _choice(  # the stickiness distribution counts active days, weeks or months
        gettext_lazy("Stickiness counts"), [(p, PERIOD_CHOICE_LABELS[p]) for p in PERIODS]
    )


class SavedViewForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=80, strip=True)
    query = forms.CharField(max_length=1000, required=False, widget=forms.HiddenInput)
