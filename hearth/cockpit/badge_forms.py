"""Cockpit forms for badges: they parse input; the badge services check and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hearth.accounts.models import User
from hearth.gamification.models import Badge, BadgeCriterion, BadgeTier


class BadgeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
    slug = forms.CharField(
        label=_("Code"),
        max_length=100,
        help_text=_("Lower-case letters, digits and -, e.g. liked-100. Used in commands."),
    )
    icon = forms.CharField(label=_("Icon"), max_length=16, help_text=_("One emoji, e.g. 🏅."))
    description = forms.CharField(
        label=_("Description"),
        max_length=400,
        required=False,
        help_text=_("What the member did, e.g. “Received 100 likes”."),
    )
    tier = forms.ChoiceField(label=_("Tier"), choices=BadgeTier.choices)
    criterion = forms.ChoiceField(label=_("Rule"), choices=BadgeCriterion.choices)
    threshold = forms.IntegerField(
        label=_("Threshold"),
        required=False,
        help_text=_("The statistic must reach this value. Empty for badges granted by staff."),
    )
    multiple = forms.BooleanField(
        label=_("Can be granted more than once (events, staff)"), required=False
    )
    auto_revoke = forms.BooleanField(
        label=_("Revoke automatically when the statistic falls below the threshold"),
        required=False,
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def badge_fields(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    @staticmethod
    def initial_for(badge: Badge) -> dict[str, Any]:
        names = (
            "name",
            "slug",
            "icon",
            "description",
            "tier",
            "criterion",
            "threshold",
            "multiple",
            "auto_revoke",
            "active",
        )
        return {name: getattr(badge, name) for name in names}


class AwardForm(forms.Form):
    """Grant or revoke one badge for one member, with the reason the services require."""

    username = forms.CharField(label=_("Member"), max_length=150, help_text=_("Username."))
    badge = forms.ModelChoiceField(
        label=_("Badge"), queryset=Badge.objects.order_by("position", "pk"), empty_label=None
    )
    action = forms.ChoiceField(
        label=_("Action"), choices=[("grant", _("Grant")), ("revoke", _("Revoke"))]
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The member sees it in their notification."),
        error_messages={"required": _("Give a reason: the member sees it in the notification.")},
    )

    def clean_username(self) -> User:
        name = self.cleaned_data["username"].strip().lstrip("@")
        member = User.objects.filter(username__iexact=name).first()
        if member is None:
            raise ValidationError(_("No member with the username “%(name)s”.") % {"name": name})
        return member
