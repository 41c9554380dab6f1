"""The interests a member ticks on the checklist page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class InterestsForm(forms.Form):
    interests = forms.MultipleChoiceField(
        label=_("What are you into?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, choices: list[str], current: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"interests": current})
        super().__init__(*args, **kwargs)
        field = self.fields["interests"]
        assert isinstance(field, forms.MultipleChoiceField)
        options = list(dict.fromkeys([*current, *choices]))
        field.choices = [(c, c) for c in options]

    def clean_interests(self) -> list[str]:
        chosen: list[str] = self.cleaned_data.get("interests") or []
        if len(chosen) > 10:
            raise forms.ValidationError(_("Pick up to 10 interests."))
        return chosen
