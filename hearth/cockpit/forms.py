"""Cockpit forms: they parse and check input; the services do the writing."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hearth.accounts.models import User
from hearth.community.models import Board, PinScope, PostingPolicy, Status, Visibility
from hearth.core.roles import ROLE_LABELS

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB, e.g. #d9480f.")
)


class ColourInput(forms.TextInput):
    input_type = "color"


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names (else on the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class BrandForm(forms.Form):
    community_name = forms.CharField(label=_("Community name"), max_length=60)
    tagline = forms.CharField(label=_("Tagline"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to search engines and in link previews."),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
        ),
        help_text=_("JPEG, PNG, GIF or WebP, at most 2 MB; shown 32 px high in the header."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    primary_colour = forms.CharField(
        label=_("Primary colour"),
        max_length=7,
        validators=[colour_validator],
        widget=ColourInput(attrs={"data-brand-colour": ""}),
    )
    rules_markdown = forms.CharField(
        label=_("Community rules"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown. Published at the Rules page; moderation decisions cite it."),
    )
    culture_markdown = forms.CharField(
        label=_("Culture statement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. What this community values."),
    )
    privacy_markdown = forms.CharField(
        label=_("Privacy notice"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. Members accept it when they sign up."),
    )
    icp_number = forms.CharField(
        label=_("ICP filing number"),
        max_length=60,
        required=False,
        help_text=_("Shown in the footer of every page, e.g. 京ICP备12345678号."),
    )
    public_security_number = forms.CharField(
        label=_("Public-security filing number"),
        max_length=60,
        required=False,
        help_text=_("Shown in the footer, e.g. 京公网安备11010502000000号."),
    )

    def clean_primary_colour(self) -> str:
        return str(self.cleaned_data["primary_colour"]).lower()

    def text_fields(self) -> dict[str, Any]:
        skip = {"logo", "remove_logo"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


_SEPARATORS = re.compile(r"[\s,，、;；@]+")


class BoardForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=40)
    slug = forms.CharField(
        label=_("Slug"),
        max_length=50,
        required=False,
        help_text=_("The board's web address. Leave empty to make one from the name."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    colour = forms.CharField(
        label=_("Colour"),
        max_length=7,
        initial="#4263eb",
        validators=[colour_validator],
        widget=ColourInput(),
    )
    icon = forms.CharField(
        label=_("Icon"), max_length=8, required=False, help_text=_("One emoji, e.g. 🤖.")
    )
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=32_767, required=False)
    visibility = forms.ChoiceField(label=_("Who can see it"), choices=Visibility.choices)
    posting = forms.ChoiceField(label=_("Who may post"), choices=PostingPolicy.choices)
    moderators = forms.CharField(
        label=_("Moderators"),
        required=False,
        help_text=_("Usernames, separated by commas or spaces."),
    )

    def clean_moderators(self) -> list[User]:
        names = list(
            dict.fromkeys(
                n for n in _SEPARATORS.split(self.cleaned_data.get("moderators") or "") if n
            )
        )
        if not names:
            return []
        # Usernames are matched without regard to case, as at log-in.
        match = Q()
        for name in names:
            match |= Q(username__iexact=name)
        found = {u.username.lower(): u for u in User.objects.filter(match)}
        unknown = [n for n in names if n.lower() not in found]
        if unknown:
            raise ValidationError(
                _("No member with the username: %(names)s") % {"names": ", ".join(unknown)}
            )
        return [found[n.lower()] for n in names]

    def board_fields(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "moderators"}
        if data.get("position") is None:
            data.pop("position", None)
        return data


class RoleForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=list(ROLE_LABELS.items()))

    def clean_username(self) -> User:
        name = self.cleaned_data["username"].strip().lstrip("@")
        member = User.objects.filter(username__iexact=name).first()
        if member is None:
            raise ValidationError(_("No member with the username “%(name)s”.") % {"name": name})
        return member


class TopicFilterForm(forms.Form):
    board = forms.ModelChoiceField(
        label=_("Board"),
        queryset=Board.objects.order_by("position", "id"),
        required=False,
        empty_label=_("All boards"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *Status.choices], required=False
    )
    featured = forms.ChoiceField(
        label=_("Featured"),
        choices=[("", _("Featured or not")), ("yes", _("Featured")), ("no", _("Not featured"))],
        required=False,
    )
    pinned = forms.ChoiceField(
        label=_("Pinned"),
        choices=[("", _("Pinned or not")), ("yes", _("Pinned")), ("no", _("Not pinned"))],
        required=False,
    )
    q = forms.CharField(label=_("Title contains"), max_length=100, required=False)


class PinForm(forms.Form):
    scope = forms.ChoiceField(label=_("Pin"), choices=PinScope.choices, required=False)
    until = forms.DateTimeField(
        label=_("Until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text=_("Empty: until unpinned."),
    )
