"""Forms of the member pages: they parse input; the rules live in the services."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hearth.accounts.models import Gender, User
from hearth.accounts.regions import province_choices
from hearth.accounts.services import AVATAR_MAX_BYTES

INTEREST_SEPARATORS = re.compile(r"[,，、;；\n]+")


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class SignupForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=30,
        help_text=_(
            "2 to 30 letters, digits, Chinese characters, _ or -. Others @mention you by it."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("For password resets; never shown to others."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_confirm = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    invite_code = forms.CharField(
        label=_("Invite code"),
        max_length=40,
        required=False,
        help_text=_("Optional: the code of the member who invited you."),
    )
    privacy = forms.BooleanField(
        required=True,
        error_messages={"required": _("Please read and accept the privacy notice.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password, again = data.get("password"), data.get("password_confirm")
        if password and again and password != again:
            self.add_error("password_confirm", _("The two passwords differ."))
        return data


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=40,
        required=False,
        help_text=_("Shown instead of your username."),
    )
    bio = forms.CharField(
        label=_("About me"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    province = forms.ChoiceField(label=_("Province / region"), required=False)
    city = forms.CharField(label=_("City"), max_length=30, required=False)
    birth_year = forms.IntegerField(
        label=_("Birth year"),
        required=False,
        help_text=_("Only your age band (e.g. 25-30) is shown to others."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "1995"}),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, required=False)
    interests = forms.CharField(
        label=_("Interests"),
        max_length=300,
        required=False,
        help_text=_("Up to 10, separated by commas, e.g. 摄影, 跑步, AI."),
    )

    def __init__(self, *args: Any, member: User, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "display_name": member.display_name,
                "bio": member.bio,
                "province": member.province,
                "city": member.city,
                "birth_year": member.birth_year,
                "gender": member.gender,
                "interests": ", ".join(member.interests or []),
            },
        )
        super().__init__(*args, **kwargs)
        province = self.fields["province"]
        assert isinstance(province, forms.ChoiceField)
        province.choices = [("", _("Not set")), *province_choices(member.province)]

    def clean_interests(self) -> list[str]:
        raw: str = self.cleaned_data.get("interests") or ""
        parts = (part.strip() for part in INTEREST_SEPARATORS.split(raw))
        return list(dict.fromkeys(part for part in parts if part))


class AvatarForm(forms.Form):
    avatar = forms.FileField(
        label=_("New avatar"),
        error_messages={
            "required": _("Choose a picture to upload."),
            "empty": _("The file you chose is empty."),
        },
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["avatar"].help_text = gettext(
            "A JPEG, PNG, GIF or WebP picture up to %(max)d MB; it is cropped to a square."
        ) % {"max": AVATAR_MAX_BYTES // 1024 // 1024}


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, member: User, **kwargs: Any) -> None:
        self.member = member
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise ValidationError(_("This is not your password."), code="wrong_password")
        return password
