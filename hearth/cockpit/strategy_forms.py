"""Forms of the strategy page: positioning, aims, content mix targets, competitors and figures."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.goals.strategy.services import FigureInput

DATE = forms.DateInput(attrs={"type": "date"})


class PositioningForm(forms.Form):
    statement = forms.CharField(
        label=_("Positioning statement"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    audience = forms.CharField(label=_("Who it is for"), max_length=200, required=False)


class AimForm(forms.Form):
    title = forms.CharField(label=_("Aim"), max_length=120)
    detail = forms.CharField(
        label=_("Detail"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    horizon = forms.DateField(label=_("By"), required=False, widget=DATE)


class MixTargetForm(forms.Form):
    ugc_share = forms.DecimalField(
        label=_("Target member content share (%)"),
        required=False,
        max_digits=5,
        decimal_places=1,
        help_text=_("Leave empty to remove the target."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def share(self) -> float | None:
        value = self.cleaned_data.get("ugc_share")
        return None if value is None else float(value) / 100


class CompetitorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    url = forms.URLField(label=_("Address"), required=False, assume_scheme="https")
    notes = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FigureForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE)
    members = forms.IntegerField(label=_("Members"), required=False)
    posts = forms.IntegerField(label=_("Posts"), required=False)
    followers = forms.IntegerField(label=_("Followers"), required=False)
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the figures come from, e.g. the competitor's home page."),
    )

    def figure_input(self) -> FigureInput:
        data = self.cleaned_data
        return FigureInput(
            day=data["day"],
            members=data.get("members"),
            posts=data.get("posts"),
            followers=data.get("followers"),
            source=data.get("source") or "",
        )
