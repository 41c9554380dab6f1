"""Parameters of the content-metrics and reading pages (query string, so every view is a bookmark)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import ClassVar

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy

from hearth.cockpit.analytics_forms import RangeForm

# the zones offered for the reading heatmap; the community's own comes first
ZONES = (
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "UTC",
)


def zone_choices() -> list[tuple[str, str]]:
    zones = [settings.TIME_ZONE, *(z for z in ZONES if z != settings.TIME_ZONE)]
    return [(z, z) for z in zones]


class ContentForm(RangeForm):
    default_days: ClassVar[int] = 30


class ReadingForm(RangeForm):
    default_days: ClassVar[int] = 28  # four of each weekday

    tz = forms.ChoiceField(label=gettext_lazy("Time zone"), required=False, choices=())

    def __init__(self, query: Mapping[str, str], *, today: dt.date) -> None:
        super().__init__(query, today=today)
        field = self.fields["tz"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = zone_choices()
        field.error_messages["invalid_choice"] = gettext_lazy(
            "Unknown time zone: %(value)s. Choose one of the list."
        )
        if not self.data.get("tz"):
            self.data = {**self.data, "tz": settings.TIME_ZONE}
