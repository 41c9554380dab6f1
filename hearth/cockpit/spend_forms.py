"""Forms of the spend, channel quality and budget pages (growth)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hearth.growth.models import Campaign, Channel, SpendKind
from hearth.growth.quality import DEFAULT_DAYS, PRESETS, Period, period_default
from hearth.growth.spend import SpendInput, amount_parse

MAX_DAYS = 400


class SpendForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"))
    campaign = forms.ChoiceField(label=_("Campaign"), required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=SpendKind.choices, initial=SpendKind.MEDIA)
    period_start = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.CharField(
        label=_("Amount (¥)"), max_length=20, help_text=_("Yuan, e.g. 12,000 or 3500.50.")
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        channel = self.fields["channel"]
        campaign = self.fields["campaign"]
        assert isinstance(channel, forms.ChoiceField)
        assert isinstance(campaign, forms.ChoiceField)
        channel.choices = [("", "—")] + [
            (c.key, f"{c.name} ({c.key})") for c in Channel.objects.order_by("name", "key")
        ]
        campaign.choices = [("", "—")] + [
            (c.name, c.name) for c in Campaign.objects.order_by("name")
        ]

    def clean_amount(self) -> Decimal:
        try:
            return amount_parse(self.cleaned_data.get("amount"))
        except ValidationError as error:
            raise ValidationError(error.message_dict["amount"]) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The last day is before the first day."))
        return cleaned

    def spend_input(self) -> SpendInput:
        data = self.cleaned_data
        return SpendInput(
            channel=data["channel"],
            campaign=data.get("campaign") or "",
            kind=data["kind"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            amount=data["amount"],
            note=data.get("note") or "",
        )


class SpendFilterForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    campaign = forms.TypedChoiceField(
        label=_("Campaign"), required=False, coerce=int, empty_value=None
    )
    month = forms.CharField(
        label=_("Month"), required=False, widget=forms.DateInput(attrs={"type": "month"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        channel = self.fields["channel"]
        campaign = self.fields["campaign"]
        assert isinstance(channel, forms.ChoiceField)
        assert isinstance(campaign, forms.ChoiceField)
        channel.choices = [("", _("All channels"))] + [
            (c.key, c.name) for c in Channel.objects.order_by("name", "key")
        ]
        campaign.choices = [("", _("All campaigns"))] + [
            (c.pk, c.name) for c in Campaign.objects.order_by("name")
        ]

    def clean_month(self) -> dt.date | None:
        raw = (self.cleaned_data.get("month") or "").strip()
        if not raw:
            return None
        try:
            return dt.date.fromisoformat(f"{raw[:7]}-01")
        except ValueError:
            raise ValidationError(_("Give a month as YYYY-MM.")) from None


class SpendImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Columns: channel, from, to, amount, type, campaign, note."),
    )


class PeriodForm(forms.Form):
    """Join days: a preset (the last 30/90/180 complete days) or a custom range."""

    days = forms.TypedChoiceField(
        label=_("Joined in"),
        required=False,
        coerce=int,
        empty_value=None,
        initial=DEFAULT_DAYS,
        choices=[("", _("Custom range"))]
        + [(str(n), _("Last %(n)d days") % {"n": n}) for n in PRESETS],
    )
    start = forms.DateField(
        label=_("First day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Last day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if not cleaned.get("days") and (start or end):
            if not (start and end):
                raise ValidationError(_("Give both the first and the last join day."))
            if end < start:
                self.add_error("end", _("The last day is before the first day."))
            elif (end - start).days + 1 > MAX_DAYS:
                self.add_error("end", _("Choose at most %(n)d days.") % {"n": MAX_DAYS})
            elif start >= self.today:
                self.add_error("start", _("Choose days before today."))
        return cleaned

    def period(self) -> Period:
        """The chosen period (the default when nothing valid was chosen)."""
        yesterday = self.today - dt.timedelta(days=1)
        if not self.is_valid():
            return period_default(today=self.today)
        data = self.cleaned_data
        if data.get("days"):
            return period_default(today=self.today, days=data["days"])
        if data.get("start") and data.get("end"):
            end = min(data["end"], yesterday)
            return Period(start=data["start"], end=end, as_of=yesterday)
        return period_default(today=self.today, days=DEFAULT_DAYS)


class WhatIfForm(forms.Form):
    """The total budget and any channel's pinned amount (``pin_<key>``)."""

    total = forms.CharField(label=_("Total budget (¥)"), max_length=20)

    def __init__(self, *args: Any, keys: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys = keys
        for key in keys:
            self.fields[f"pin_{key}"] = forms.CharField(max_length=20, required=False)

    def clean_total(self) -> Decimal:
        try:
            return amount_parse(self.cleaned_data.get("total"))
        except ValidationError as error:
            raise ValidationError(error.message_dict["amount"]) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        pins: dict[str, float] = {}
        for key in self.keys:
            raw = (cleaned.get(f"pin_{key}") or "").strip()
            if not raw:
                continue
            try:
                pins[key] = float(amount_parse(raw))
            except ValidationError as error:
                self.add_error(f"pin_{key}", error.message_dict["amount"])
        cleaned["pins"] = pins
        return cleaned
