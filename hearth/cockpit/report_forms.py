"""Forms of the operations report pages: generate a report, write its commentary."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.reporting.commentary import COMMENTARY_MAX
from hearth.reporting.models import ReportKind
from hearth.reporting.periods import Period, PeriodError, latest_complete, period_parse


class ReportGenerateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=ReportKind.choices)
    period = forms.CharField(
        label=_("Period"),
        max_length=16,
        required=False,
        help_text=_("A week as 2026-W47 or a month as 2026-11; empty: the latest complete one."),
    )

    @classmethod
    def with_defaults(cls, today: dt.date | None = None) -> ReportGenerateForm:
        today = today or timezone.localdate()
        latest = latest_complete(ReportKind.WEEKLY, today)
        return cls(initial={"kind": ReportKind.WEEKLY, "period": latest.label})

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        kind = data.get("kind")
        if not kind:
            return data
        today = timezone.localdate()
        label = str(data.get("period") or "").strip()
        try:
            found = (
                period_parse(kind, label, today=today) if label else latest_complete(kind, today)
            )
        except PeriodError as error:
            raise ValidationError({"period": str(error)}) from error
        data["found"] = found
        return data

    def found_period(self) -> Period:
        found: Period = self.cleaned_data["found"]
        return found


class CommentaryForm(forms.Form):
    commentary = forms.CharField(
        label=_("Commentary"),
        max_length=COMMENTARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Shown at the top of the page, the PDF and the e-mail. At most 5,000 characters."
        ),
    )
