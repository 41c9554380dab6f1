"""Names the pages show for metrics, breakdowns, periods and attribute values."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.accounts.models import Gender
from hearth.analytics.definitions import ACTION_LABELS, Action
from hearth.community.selectors import board_names
from hearth.gamification.selectors import level_list

METRIC_LABELS: dict[str, Promise] = {
    "active": gettext_lazy("Active members"),
    "new_members": gettext_lazy("New members"),
    **{
        action.value: label
        for action, label in ACTION_LABELS.items()
        if action not in (Action.DWELL, Action.SIGN_UP)
    },
}

BREAKDOWN_LABELS: dict[str, Promise] = {
    "region": gettext_lazy("Region"),
    "channel": gettext_lazy("Channel"),
    "age_band": gettext_lazy("Age band"),
    "gender": gettext_lazy("Gender"),
    "level": gettext_lazy("Level"),
    "device": gettext_lazy("Device"),
}

COHORT_LABELS: dict[str, Promise] = {"joined": gettext_lazy("Join period"), **BREAKDOWN_LABELS}
COHORT_LABELS["first_board"] = gettext_lazy("Board of first post")

PERIOD_LABELS: dict[str, Promise] = {
    "day": gettext_lazy("Day"),
    "week": gettext_lazy("Week"),
    "month": gettext_lazy("Month"),
}

PERIOD_CHOICE_LABELS: dict[str, Promise] = {
    "day": gettext_lazy("Daily"),
    "week": gettext_lazy("Weekly"),
    "month": gettext_lazy("Monthly"),
}

MODE_LABELS: dict[str, Promise] = {
    "n_period": gettext_lazy("N-period"),
    "on_or_after": gettext_lazy("On or after"),
}


def metric_label(metric: str) -> str:
    return str(METRIC_LABELS.get(metric, metric))


def value_labeller(dimension: str | None) -> dict[str, str]:
    """Display names of a dimension's stored values, where they differ from the value.

    Levels are stored as ladder positions; genders as one letter.
    """
    if dimension == "level":
        return {str(level.position): level.name for level in level_list()}
    if dimension == "gender":
        return {value: str(label) for value, label in Gender.choices}
    if dimension == "first_board":
        return {str(pk): name for pk, name in board_names().items()}
    return {}


def value_label(value: str, names: dict[str, str]) -> str:
    if value in names:
        return names[value]
    return value or _("Not known")
