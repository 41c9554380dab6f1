"""Forms of the channel registry, campaigns and tracked links: they parse; services check and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.growth.models import Campaign, Channel, ChannelKind

UTM_HELP = _("Without spaces; empty fields are left out of the link.")


class ChannelForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
    key = forms.CharField(
        label=_("Key"),
        max_length=40,
        help_text=_(
            "What members carry and tracked links send as utm_source: lowercase letters, "
            "digits, “-” and “_”. It cannot change once members carry it."
        ),
        widget=forms.TextInput(attrs={"autocapitalize": "off", "spellcheck": "false"}),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=ChannelKind.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    source_aliases = forms.CharField(
        label=_("Other UTM sources"),
        max_length=500,
        required=False,
        help_text=_(
            "Other utm_source values that mean this channel, separated by commas, "
            "e.g. weixin, wx. Each may belong to one channel only."
        ),
        widget=forms.TextInput(attrs={"autocapitalize": "off", "spellcheck": "false"}),
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @staticmethod
    def initial_for(channel: Channel) -> dict[str, Any]:
        return {
            "name": channel.name,
            "key": channel.key,
            "kind": channel.kind,
            "description": channel.description,
            "source_aliases": ", ".join(channel.source_aliases or []),
            "active": channel.active,
        }


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    channel = forms.ModelChoiceField(
        label=_("Channel"),
        queryset=Channel.objects.order_by("name"),
        required=False,
        empty_label=_("Several channels"),
    )
    utm_campaign = forms.CharField(
        label=_("utm_campaign"),
        max_length=100,
        required=False,
        help_text=_("Sent by the campaign's links, e.g. food-festival-2026."),
        widget=forms.TextInput(attrs={"autocapitalize": "off", "spellcheck": "false"}),
    )
    starts_on = forms.DateField(
        label=_("Starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    @staticmethod
    def initial_for(campaign: Campaign) -> dict[str, Any]:
        return {
            "name": campaign.name,
            "channel": campaign.channel_id,
            "utm_campaign": campaign.utm_campaign,
            "starts_on": campaign.starts_on,
            "ends_on": campaign.ends_on,
            "notes": campaign.notes,
        }


def _utm_field(label: str, help_text: Any = UTM_HELP) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=100,
        required=False,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocapitalize": "off", "spellcheck": "false"}),
    )


class LinkForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=80)
    destination = forms.CharField(
        label=_("Destination"),
        max_length=300,
        initial="/accounts/signup/",
        help_text=_("A path on this site, e.g. /accounts/signup/ or /t/42/."),
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"), queryset=Campaign.objects.order_by("name"), required=False
    )
    code = forms.CharField(
        label=_("Custom short code"),
        max_length=16,
        required=False,
        help_text=_("Empty for a random 7-character code; it cannot change later."),
        widget=forms.TextInput(attrs={"autocapitalize": "off", "spellcheck": "false"}),
    )
    utm_source = _utm_field("utm_source", _("Empty for the channel's key."))
    utm_medium = _utm_field("utm_medium")
    utm_campaign = _utm_field("utm_campaign", _("Empty for the campaign's utm_campaign."))
    utm_term = _utm_field("utm_term")
    utm_content = _utm_field("utm_content")
    incentive = forms.CharField(
        label=_("Sign-up incentive"),
        max_length=80,
        required=False,
        help_text=_("Printed on the poster, e.g. “Sign up today for 50 points”."),
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    UTM_NAMES = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]
        else:
            del self.fields["active"]

    def utm(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.UTM_NAMES}
