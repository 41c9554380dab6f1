"""Forms of the metrics and alerts pages: which metric to chart, a custom metric's definition,
the alerts' status filter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy

from hearth.analytics.definitions import ACTION_LABELS, PERIODS
from hearth.analytics.metrics import metric_choices
from hearth.analytics.models import AlertStatus, MetricUnit
from hearth.cockpit.analytics_forms import RangeForm
from hearth.cockpit.reports.labels import PERIOD_CHOICE_LABELS


class MetricsForm(RangeForm):
    """``?metric=KEY&period=day|week|month`` plus the range; the metric defaults to the first
    custom one (else DAU)."""

    defaults: ClassVar[dict[str, str]] = {"period": "day"}

    metric = forms.CharField(
        label=gettext_lazy("Metric"), max_length=40, required=False, widget=forms.Select
    )
    period = forms.ChoiceField(
        label=gettext_lazy("Interval"),
        choices=[(p, PERIOD_CHOICE_LABELS[p]) for p in PERIODS],
        required=False,
    )

    def __init__(self, query: Mapping[str, str], *, today: dt.date) -> None:
        super().__init__(query, today=today)
        metrics = metric_choices()
        custom = [m for m in metrics if m.custom]
        if not self.data.get("metric"):
            self.data = {**self.data, "metric": (custom[0] if custom else metrics[0]).key}
        built_in = [(m.key, m.label) for m in metrics if not m.custom]
        choices: list[tuple[Any, Any]] = [(gettext_lazy("Built-in"), built_in)]
        if custom:
            choices.append((gettext_lazy("Custom"), [(m.key, m.label) for m in custom]))
        metric = str(self.data.get("metric"))
        if metric not in {m.key for m in metrics}:  # say so through the analysis' own error
            choices.append((metric, metric))
        widget = self.fields["metric"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = choices


def action_suggestions(seen: list[str]) -> list[tuple[str, str]]:
    """Actions to pick from: the built-in ones, then the custom events the log has seen."""
    built_in = [(a.value, str(label)) for a, label in ACTION_LABELS.items()]
    known = {a for a, _label in built_in}
    return built_in + [(name, name) for name in seen if name not in known]


class CustomMetricForm(forms.Form):
    """A custom metric's definition; the service validates it (its errors land on the fields)."""

    key = forms.CharField(
        label=gettext_lazy("Key"),
        max_length=40,
        help_text=gettext_lazy("Used by goals, the API and the command line: a–z, 0–9 and _."),
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=80)
    description = forms.CharField(label=gettext_lazy("Description"), max_length=300, required=False)
    numerator = forms.CharField(
        label=gettext_lazy("Count (numerator)"),
        max_length=40,
        help_text=gettext_lazy("An action or a custom event, e.g. course_completed."),
        widget=forms.TextInput(attrs={"list": "metric-actions", "autocomplete": "off"}),
    )
    denominator = forms.CharField(
        label=gettext_lazy("Divided by (denominator)"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Leave empty for a plain count; e.g. course_enrolled."),
        widget=forms.TextInput(attrs={"list": "metric-actions", "autocomplete": "off"}),
    )
    unit = forms.ChoiceField(
        label=gettext_lazy("Counted as"), choices=MetricUnit.choices, initial=MetricUnit.EVENTS
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:  # goals and alerts name the metric by its key: it stays
            self.fields["key"].disabled = True
            self.fields["key"].required = False


class AlertFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("All")), *AlertStatus.choices],
        required=False,
    )
