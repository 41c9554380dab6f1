"""The operations reports' schedule form (/ops/goals/reports/settings/)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.reporting.delivery import recipients_parse
from hearth.reporting.models import ReportSettings


class ReportSettingsForm(forms.Form):
    weekly_enabled = forms.BooleanField(label=_("Send the weekly report"), required=False)
    monthly_enabled = forms.BooleanField(label=_("Send the monthly report"), required=False)
    generate_hour = forms.IntegerField(
        label=_("Generate the draft at (hour)"),
        min_value=0,
        max_value=23,
        help_text=_("On the day after the period (Monday, or the 1st): 0–23, local time."),
    )
    send_hour = forms.IntegerField(
        label=_("Send at (hour)"),
        min_value=0,
        max_value=23,
        help_text=_("Staff can add commentary to the draft until then: 0–23, local time."),
    )
    extra_recipients = forms.CharField(
        label=_("Other recipients"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One e-mail address per line. Staff who read analytics always receive the report."
        ),
    )
    attach_pdf = forms.BooleanField(label=_("Attach the PDF"), required=False)

    def clean_extra_recipients(self) -> str:
        text: str = self.cleaned_data["extra_recipients"]
        recipients_parse(text)  # names the first bad line
        return text

    @classmethod
    def for_settings(cls, config: ReportSettings) -> ReportSettingsForm:
        initial: dict[str, Any] = {
            name: getattr(config, name)
            for name in (
                "weekly_enabled",
                "monthly_enabled",
                "generate_hour",
                "send_hour",
                "extra_recipients",
                "attach_pdf",
            )
        }
        return cls(initial=initial)
