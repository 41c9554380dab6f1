"""The channel registry: the table of channels, a channel's page, create and edit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from hearth.cockpit.forms import apply_errors
from hearth.cockpit.forms_growth_channels import ChannelForm
from hearth.cockpit.permissions import can_manage_growth, can_view_growth
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.cockpit.views.growth_channels.links import link_rows
from hearth.growth.channels.selectors import (
    channel_recent_signups,
    channel_rows,
    channel_totals,
    unclaimed_sources,
)
from hearth.growth.channels.services import channel_create, channel_key_in_use, channel_update
from hearth.growth.links.selectors import campaigns_for_channel
from hearth.growth.models import Channel

ACTIVE = "channels"


@cockpit_view(can_view_growth)
def channel_list(request: HttpRequest) -> HttpResponse:
    return render_page(
        request,
        "cockpit/growth/channels/list.html",
        {
            "rows": channel_rows(),
            "unclaimed": unclaimed_sources(),
            "can_manage": can_manage_growth(request.user),
        },
        active=ACTIVE,
    )


@cockpit_view(can_view_growth)
def channel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(Channel, pk=pk)
    return render_page(
        request,
        "cockpit/growth/channels/detail.html",
        {
            "channel": channel,
            "totals": channel_totals(channel=channel),
            "links": link_rows(request, channel=channel),
            "campaigns": campaigns_for_channel(channel=channel),
            "signups": channel_recent_signups(channel=channel),
            "can_manage": can_manage_growth(request.user),
        },
        active=ACTIVE,
    )


def _form_page(
    request: HttpRequest, form: ChannelForm, channel: Channel | None, status: int
) -> HttpResponse:
    key_locked = channel is not None and channel_key_in_use(channel.key)
    if key_locked:
        form.fields["key"].disabled = True
    return render_page(
        request,
        "cockpit/growth/channels/channel_form.html",
        {"form": form, "channel": channel, "key_locked": key_locked},
        active=ACTIVE,
        status=status,
    )


@cockpit_view(can_manage_growth)
def channel_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, ChannelForm(), None, 200)
    form = ChannelForm(request.POST)
    if form.is_valid():
        try:
            channel = channel_create(actor=acting_user(request), **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Channel “%(name)s” added.") % {"name": channel.name})
            return redirect("cockpit:growth_channel", pk=channel.pk)
    return _form_page(request, form, None, 400)


@cockpit_view(can_manage_growth)
def channel_edit(request: HttpRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(Channel, pk=pk)
    initial = ChannelForm.initial_for(channel)
    if request.method != "POST":
        return _form_page(request, ChannelForm(initial=initial), channel, 200)
    form = ChannelForm(request.POST, initial=initial)
    if channel_key_in_use(channel.key):
        form.fields["key"].disabled = True  # a disabled field keeps its initial value
    if form.is_valid():
        try:
            channel_update(actor=acting_user(request), channel=channel, **form.cleaned_data)
        except ValidationError as error:
            channel.refresh_from_db()
            apply_errors(form, error)
        else:
            messages.success(request, _("Channel “%(name)s” saved.") % {"name": channel.name})
            return redirect("cockpit:growth_channel", pk=channel.pk)
    return _form_page(request, form, channel, 400)
