"""Forms of the goal pages: a goal (new and edit) and the status thresholds."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.accounts.models import User
from hearth.analytics.metrics import metric_choices
from hearth.analytics.segments.selectors import segment_list
from hearth.community.models import Board
from hearth.core.roles import ROLE_LABELS
from hearth.goals.models import Goal, TargetKind
from hearth.growth.models import Channel

PRESETS = (
    ("this_quarter", _("This quarter")),
    ("this_month", _("This month")),
    ("next_90", _("Next 90 days")),
    ("custom", _("Dates below")),
)
# the service's field names → this form's
FIELD_OF = {"filter_kind": "filter", "filter_value": "filter", "target_value": "target"}
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def preset_dates(preset: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first day and the deadline (the last day, included) of a period preset."""
    if preset == "this_month":
        start = today.replace(day=1)
        return start, _month_end(start)
    if preset == "this_quarter":
        start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return start, _month_end(start.replace(month=start.month + 2))
    if preset == "next_90":
        return today, today + dt.timedelta(days=89)
    return None


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def owner_choices() -> QuerySet[User]:
    """Staff members (any cockpit role) and superusers."""
    return (
        User.objects.filter(Q(groups__name__in=list(ROLE_LABELS)) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )


def _metric_options() -> list[tuple[Any, Any]]:
    built_in: list[tuple[str, str]] = []
    custom: list[tuple[str, str]] = []
    for metric in metric_choices():
        (custom if metric.custom else built_in).append((metric.key, metric.label))
    options: list[tuple[Any, Any]] = [("", "—"), (_("Built-in"), built_in)]
    if custom:
        options.append((_("Custom metrics"), custom))
    return options


def _filter_options() -> list[tuple[Any, Any]]:
    options: list[tuple[Any, Any]] = [("", _("Whole community"))]
    boards = [(f"board:{b.pk}", b.name) for b in Board.objects.order_by("position", "id")]
    segments = [(f"segment:{s.pk}", s.name) for s in segment_list()]
    channels = [(f"channel:{c.key}", c.name) for c in Channel.objects.order_by("name", "key")]
    for label, group in ((_("Board"), boards), (_("Segment"), segments), (_("Channel"), channels)):
        if group:
            options.append((label, group))
    return options


def parse_number(raw: str) -> float | None:
    """``raw`` as a number ("30", "+30 %", "1,200"); None when it is not one."""
    cleaned = raw.replace(",", "").replace("，", "").replace("%", "").replace(" ", "").strip()
    if not NUMBER.match(cleaned):
        return None
    return float(cleaned)


def _username(user: User) -> str:
    return user.username


class GoalForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    metric_key = forms.ChoiceField(label=_("Metric"))
    filter = forms.ChoiceField(
        label=_("Counted over"),
        required=False,
        help_text=_("The whole community, or one board, segment or channel."),
    )
    target_kind = forms.ChoiceField(
        label=_("Target type"),
        choices=TargetKind.choices,
        initial=TargetKind.RELATIVE,
        widget=forms.RadioSelect,
    )
    target = forms.CharField(
        label=_("Target value"),
        max_length=20,
        help_text=_(
            "A change: a percentage, e.g. +30 for +30 %. An absolute value: the figure to reach."
        ),
    )
    preset = forms.ChoiceField(label=_("Period"), choices=PRESETS, initial="this_quarter")
    period_start = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    baseline = forms.CharField(
        label=_("Baseline"),
        max_length=20,
        required=False,
        help_text=_(
            "Leave empty to use the suggestion: the metric over the previous period of the same length."
        ),
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        metric = self.fields["metric_key"]
        chosen_filter = self.fields["filter"]
        owner = self.fields["owner"]
        assert isinstance(metric, forms.ChoiceField)
        assert isinstance(chosen_filter, forms.ChoiceField)
        assert isinstance(owner, forms.ModelChoiceField)
        metric.choices = _metric_options()
        chosen_filter.choices = _filter_options()
        owner.queryset = owner_choices()
        owner.label_from_instance = _username  # type: ignore[method-assign,assignment]

    def clean_target(self) -> float:
        value = parse_number(self.cleaned_data.get("target") or "")
        if value is None:
            raise ValidationError(_("Enter a number, e.g. 30 or 1200."))
        return value

    def clean_baseline(self) -> float | None:
        raw = (self.cleaned_data.get("baseline") or "").strip()
        if not raw:
            return None
        value = parse_number(raw)
        if value is None:
            raise ValidationError(_("Enter a number, or leave it empty to use the suggestion."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        dates = preset_dates(cleaned.get("preset") or "", self.today)
        if dates is not None:
            cleaned["period_start"], cleaned["deadline"] = dates
        else:
            for field in ("period_start", "deadline"):
                if not cleaned.get(field) and field not in self.errors:
                    self.add_error(field, _("Choose a date, or a period above."))
        return cleaned

    def goal_fields(self) -> dict[str, Any]:
        """The service's keyword arguments."""
        data = self.cleaned_data
        kind, _sep, value = (data.get("filter") or "").partition(":")
        target = data["target"]
        if data["target_kind"] == TargetKind.RELATIVE:
            target = target / 100
        return {
            "name": data["name"],
            "metric_key": data["metric_key"],
            "target_kind": data["target_kind"],
            "target_value": target,
            "period_start": data["period_start"],
            "deadline": data["deadline"],
            "owner": data.get("owner"),
            "baseline": data.get("baseline"),
            "filter_kind": kind,
            "filter_value": value,
            "description": data.get("description") or "",
        }

    def apply_errors(self, error: ValidationError) -> None:
        """Put a service's ValidationError on this form's fields."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for field, messages in error.message_dict.items():
            mine = FIELD_OF.get(field, field)
            self.add_error(mine if mine in self.fields else None, messages)


def goal_initial(goal: Goal) -> dict[str, Any]:
    """The edit form's values for ``goal`` (a relative target as a percentage)."""
    target = goal.target_value
    if goal.target_kind == TargetKind.RELATIVE:
        target = round(target * 100, 4)
    return {
        "name": goal.name,
        "metric_key": goal.metric_key,
        "filter": f"{goal.filter_kind}:{goal.filter_value}" if goal.filter_kind else "",
        "target_kind": goal.target_kind,
        "target": f"{target:g}",
        "preset": "custom",
        "period_start": goal.period_start,
        "deadline": goal.deadline,
        "baseline": f"{goal.baseline:g}"
        if goal.baseline is not None and goal.baseline_edited
        else "",
        "owner": goal.owner_id,
        "description": goal.description,
    }


class GoalSettingsForm(forms.Form):
    on_track_at = forms.FloatField(
        label=_("On track from (%)"),
        min_value=0,
        max_value=200,
        help_text=_(
            "A goal whose forecast gets at least this far from the baseline to the target is on track."
        ),
    )
    at_risk_below = forms.FloatField(
        label=_("At risk below (%)"),
        min_value=0,
        max_value=200,
        help_text=_("Below this it is at risk; in between, behind."),
    )

    def thresholds(self) -> dict[str, float]:
        return {
            "on_track_at": self.cleaned_data["on_track_at"] / 100,
            "at_risk_below": self.cleaned_data["at_risk_below"] / 100,
        }
